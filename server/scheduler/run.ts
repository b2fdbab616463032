/**
 * The scheduled work, step by step (each feature's part is its `<feature>/due-work.ts`), run every
 * minute by the scheduler function's timer and locally by the host. `now` is passed in so that
 * tests drive the clock. One record that throws is logged and tried again later, each wait twice
 * the one before; the rest of the minute's work goes on. After SHOWN_AFTER_ATTEMPTS failures the
 * record's committee sees it in its waiting list; it leaves once it goes through (or is gone).
 */
import { finishEnded, remindBeforeStart } from '../activities/due-work'
import { remindVisitDue, tellEscalated } from '../care/due-work'
import type { DueWorkFailureDoc } from '../data/documents'
import { addFailedAttempt, failuresOfStep, removeFailure } from '../data/due-work'
import type { DueRecord, DueStep, DueWorkDone } from '../due-work'
import { closeUnanswered, expireOffers } from '../needs/due-work'
import { queueOverdue, remindLeads } from '../needs/follow-up'
import { rollUpFigures } from '../reports/due-work'
import { creditLeftPending, returnExpiredGifts } from '../timebank/due-work'

/** In the order they have always run: needs, the time bank, the needs' follow-up, activities, care, gifts; then the figures' rollups, after every change to needs. */
const steps: readonly DueStep<DueRecord>[] = [
  expireOffers,
  closeUnanswered,
  creditLeftPending,
  remindLeads,
  queueOverdue,
  remindBeforeStart,
  finishEnded,
  remindVisitDue,
  tellEscalated,
  returnExpiredGifts,
  rollUpFigures,
]

/** A bounded batch per step and run: the timer comes again in a minute for the rest. */
const BATCH = 100
/** Failed records read per step and run; more failing at once is a broken step, which the logs tell. */
const FAILURES_READ = 100

const FIRST_RETRY_MINUTES = 2
const LONGEST_RETRY_MINUTES = 24 * 60

const retryAfterMinutes = (attempts: number) => Math.min(LONGEST_RETRY_MINUTES, FIRST_RETRY_MINUTES * 2 ** (attempts - 1))

const messageOf = (error: unknown) => (error instanceof Error ? `${error.name}: ${error.message}` : String(error))

type Failure = Pick<DueWorkFailureDoc, 'step' | 'recordId' | 'communityId' | 'title' | 'page'>

/** One step's work for this minute; `runDueWork` runs every step in turn. */
export async function runStep<R extends DueRecord>(step: DueStep<R>, now: Date): Promise<{ done: number; failed: number }> {
  const failureOf = (record: R): Failure => ({
    step: step.name,
    recordId: record._id,
    communityId: record.communityId,
    title: step.title,
    page: step.page(record),
  })
  let done = 0
  let failed = 0
  let work: { id: string; failure: Failure | null; record: () => Promise<R | null> }[]
  try {
    const failures = new Map((await failuresOfStep(step.name, FAILURES_READ)).map((f) => [f.recordId, f]))
    const waiting = new Set([...failures.values()].filter((f) => new Date(f.nextTryAt) > now).map((f) => f.recordId))
    const due = (await step.due(now, BATCH + waiting.size)).filter((r) => !waiting.has(r._id)).slice(0, BATCH)
    const dueIds = new Set(due.map((r) => r._id))
    // Retries due that the step no longer finds due: a later part of their work may be left undone.
    const retried = [...failures.values()].filter((f) => !waiting.has(f.recordId) && !dueIds.has(f.recordId))
    work = [
      ...due.map((r) => ({ id: r._id, failure: failures.get(r._id) ?? null, record: async () => r })),
      ...retried.map((f) => ({ id: f.recordId, failure: f, record: () => step.load(f.recordId) })),
    ]
  } catch (error) {
    console.error(`[scheduler] ${step.name}: could not read what is due`, error)
    return { done, failed: 1 }
  }
  const workOn = async (item: (typeof work)[number]) => {
    let record: R | null = null
    try {
      record = await item.record()
      if (record && (await step.run(record, now))) done++
    } catch (error) {
      failed++
      console.error(`[scheduler] ${step.name}: record ${item.id} failed`, error)
      // A retry whose record could not even be loaded keeps what its last failure said of it.
      const failure = record ? failureOf(record) : item.failure
      if (failure) await noteFailure(failure, error, now)
      return
    }
    if (item.failure) await forgetFailure(item.failure)
  }
  const atOnce = step.atOnce ?? 1
  for (let i = 0; i < work.length; i += atOnce) await Promise.all(work.slice(i, i + atOnce).map(workOn))
  return { done, failed }
}

async function forgetFailure(failure: Failure): Promise<void> {
  try {
    await removeFailure(failure.step, failure.recordId)
  } catch (error) {
    // Left in place: its next retry finds nothing to do and tries to forget it again.
    console.error(`[scheduler] ${failure.step}: ${failure.recordId} went through but is still listed as failing`, error)
  }
}

async function noteFailure(failure: Failure, error: unknown, now: Date): Promise<void> {
  try {
    await addFailedAttempt({ ...failure, error: messageOf(error) }, now, retryAfterMinutes)
  } catch (noting) {
    // Not noted: the record is still due or its retry is, and the next run tries it again.
    console.error(`[scheduler] ${failure.step}: failure of ${failure.recordId} not recorded`, noting)
  }
}

export async function runDueWork(now: Date): Promise<DueWorkDone> {
  const done = { failed: 0 } as DueWorkDone
  for (const step of steps) {
    const { done: count, failed } = await runStep(step, now)
    done[step.name] = count
    done.failed += failed
  }
  return done
}
