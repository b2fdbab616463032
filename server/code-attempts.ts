/**
 * Guessable codes (an organisation's invite code, a family invitation) and public look-ups (a
 * certificate's number): a few tries per person, then a wait.
 */
import { missesWithin, waitAfterMisses, type AttemptLimit } from '../shared/domain/attempts'
import { AppError, ErrorCode } from '../shared/errors'
import type { CodeAttemptsDoc } from './data/documents'
import { codeAttemptsId } from './data/memberships'
import { inTransaction, whole } from './data/transaction'

/** One count of tries: whose (`key`: an openid, a web visitor, or one key shared by many), for what, how many. */
export interface TryCounter {
  purpose: CodeAttemptsDoc['purpose']
  key: string
  limit: AttemptLimit
  /** Whether this try counts here: a miss, or any look where every look counts. */
  counts: boolean
}

/**
 * Refuses with `refusal(minutes to wait)` while any counter is spent, for every try, right or not,
 * so that waiting out the limit is the only way to go on; otherwise counts the try on each counter
 * it counts on. The counts are read and written in one transaction, so tries made at the same
 * moment all count.
 */
export async function countTry(counters: readonly TryCounter[], now: Date, refusal: (wait: number) => AppError): Promise<void> {
  await inTransaction(async (tx) => {
    const current: (CodeAttemptsDoc | null)[] = []
    for (const counter of counters) current.push(await tx.get('code_attempts', codeAttemptsId(counter.purpose, counter.key)))
    const waits = counters.flatMap((counter, i) => waitAfterMisses(current[i]?.misses ?? [], now, counter.limit) ?? [])
    if (waits.length > 0) throw refusal(Math.max(...waits))
    for (const [i, { purpose, key, limit, counts }] of counters.entries()) {
      if (!counts) continue
      const id = codeAttemptsId(purpose, key)
      const kept = current[i]
      if (kept) await tx.update('code_attempts', id, { misses: whole([...missesWithin(kept.misses, now, limit), now]) })
      else await tx.add('code_attempts', { _id: id, openid: key, purpose, misses: [now] })
    }
  })
}

/** Counts a try of a code against the caller (decision 019): only wrong ones count. */
export async function tryCode<T>(
  purpose: CodeAttemptsDoc['purpose'],
  limit: AttemptLimit,
  openid: string,
  found: T | null,
  now: Date,
): Promise<T> {
  await countTry(
    [{ purpose, key: openid, limit, counts: !found }],
    now,
    (wait) => new AppError(ErrorCode.RATE_LIMITED, `邀请码输错次数太多，请 ${wait} 分钟后再试`, 'data.code'),
  )
  if (!found) throw new AppError(ErrorCode.NOT_FOUND, '邀请码无效或已失效', 'data.code')
  return found
}
