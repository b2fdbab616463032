/** The records the scheduled work failed on (server/scheduler), each waiting for its next try. */
import { database } from './cloudbase'
import type { DueWorkFailureDoc } from './documents'
import { inTransaction } from './transaction'

const failures = () => database().collection('due_work_failures')

const failureIdOf = (step: string, recordId: string) => `${step}:${recordId}`

/** A step's failed records, next to be tried first. */
export async function failuresOfStep(step: string, limit: number): Promise<DueWorkFailureDoc[]> {
  const { data } = await failures().where({ step }).orderBy('nextTryAt', 'asc').limit(limit).get()
  return data as DueWorkFailureDoc[]
}

/** Counts one more failed attempt at the record and sets when to try it next (`retryAfterMinutes`: the wait after that many attempts). */
export async function addFailedAttempt(
  failure: Omit<DueWorkFailureDoc, '_id' | 'attempts' | 'firstFailedAt' | 'nextTryAt'>,
  now: Date,
  retryAfterMinutes: (attempts: number) => number,
): Promise<void> {
  const id = failureIdOf(failure.step, failure.recordId)
  await inTransaction(async (tx) => {
    const known = await tx.get('due_work_failures', id)
    const attempts = (known?.attempts ?? 0) + 1
    const nextTryAt = new Date(now.getTime() + retryAfterMinutes(attempts) * 60_000)
    if (known) await tx.update('due_work_failures', id, { attempts, nextTryAt, error: failure.error, page: failure.page })
    else await tx.add('due_work_failures', { _id: id, ...failure, attempts, firstFailedAt: now, nextTryAt })
  })
}

export async function removeFailure(step: string, recordId: string): Promise<void> {
  await failures().doc(failureIdOf(step, recordId)).remove()
}

/** A community's records failed at least `minAttempts` times, longest failing first, and how many in all. */
export async function failuresShownIn(
  communityId: string,
  minAttempts: number,
  limit: number,
): Promise<{ failures: DueWorkFailureDoc[]; total: number }> {
  const query = failures().where({ communityId, attempts: database().command.gte(minAttempts) })
  const [{ data }, { total }] = await Promise.all([query.orderBy('firstFailedAt', 'asc').limit(limit).get(), query.count()])
  return { failures: data as DueWorkFailureDoc[], total }
}
