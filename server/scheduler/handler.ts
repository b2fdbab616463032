/**
 * The scheduler function's handler: only a CloudBase timer trigger may run it. A timer call
 * carries the event `{Type: 'Timer', TriggerName, Time}` and TRIGGER_SRC=timer in its context;
 * anything else (a mini-program's callFunction, which carries the caller's OPENID) is refused.
 */
import { z } from 'zod'
import type { Envelope } from '../../shared/contract'
import { ErrorCode } from '../../shared/errors'
import { now } from '../clock'
import { callerFromContext, triggerSourceFromContext } from '../data/cloudbase'
import type { DueWorkDone } from '../due-work'
import { runDueWork } from './run'

const timerEventSchema = z.object({ Type: z.literal('Timer'), TriggerName: z.string(), Time: z.string() })

export type SchedulerAnswer = Envelope<DueWorkDone>

export async function schedulerMain(event: unknown, context: unknown): Promise<SchedulerAnswer> {
  // Before the first await, as for every function: the runtime swaps the environment per call.
  const source = triggerSourceFromContext(context)
  const { openid } = callerFromContext(context)
  if (source !== 'timer' || openid !== null || !timerEventSchema.safeParse(event).success) {
    return { ok: false, error: { code: ErrorCode.FORBIDDEN, message: '只接受定时触发' } }
  }
  try {
    return { ok: true, data: await runDueWork(now()) }
  } catch (error) {
    console.error('[scheduler] internal error', error)
    return { ok: false, error: { code: ErrorCode.INTERNAL, message: '定时任务出错' } }
  }
}
