/** Guessable codes (an organisation's invite code, a family invitation): a few wrong tries per person, then a wait. */
import { missesWithin, waitAfterMisses, type AttemptLimit } from '../shared/domain/attempts'
import { AppError, ErrorCode } from '../shared/errors'
import type { CodeAttemptsDoc } from './data/documents'
import { codeAttemptsId } from './data/memberships'
import { inTransaction, whole } from './data/transaction'

/**
 * Counts a try of a code against the caller (decision 019): refused for a while after too many
 * wrong ones, right or not, so that waiting out the limit is the only way to guess on. The count is
 * read and written in one transaction, so guesses made at the same moment all count.
 */
export async function tryCode<T>(
  purpose: CodeAttemptsDoc['purpose'],
  limit: AttemptLimit,
  openid: string,
  found: T | null,
  now: Date,
): Promise<T> {
  const id = codeAttemptsId(purpose, openid)
  await inTransaction(async (tx) => {
    const current = await tx.get('code_attempts', id)
    const misses = missesWithin(current?.misses ?? [], now, limit)
    const wait = waitAfterMisses(misses, now, limit)
    if (wait) throw new AppError(ErrorCode.RATE_LIMITED, `邀请码输错次数太多，请 ${wait} 分钟后再试`, 'data.code')
    if (found) return
    if (current) await tx.update('code_attempts', id, { misses: whole([...misses, now]) })
    else await tx.add('code_attempts', { _id: id, openid, purpose, misses: [now] })
  })
  if (!found) throw new AppError(ErrorCode.NOT_FOUND, '邀请码无效或已失效', 'data.code')
  return found
}
