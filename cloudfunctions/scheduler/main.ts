import { schedulerMain } from '../../server/scheduler/handler'

/** Timer trigger only (config.json): offer deadlines, auto-closing and care visit reminders, every minute. */
export const main = schedulerMain
