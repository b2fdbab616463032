import { schedulerMain } from '../../server/scheduler'

/** Timer trigger only (config.json): offer deadlines and auto-closing, every minute. */
export const main = schedulerMain
