/**
 * Every id the ledger derives instead of generating: an account is found by who and where, an
 * entry by what caused it. Deriving them is what lets a transaction read them without a query,
 * and what makes a replayed request find its first answer instead of writing a second one.
 */
import { createHash } from 'node:crypto'

/** Short, fixed-length and never the same for two different inputs in practice (128 bits). */
const digest = (...parts: string[]) => createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 32)

/**
 * A community's pool is split into this many issuing accounts, summed wherever the pool is shown:
 * every credit and redemption writes the pool, and one document for all of them was the ledger's
 * bottleneck (docs/decisions/010 has the figures).
 */
export const POOL_SHARDS = 16
export const poolAccountId = (communityId: string, shard: number) => `pool:${communityId}:${shard}`
export const poolAccountIds = (communityId: string) => Array.from({ length: POOL_SHARDS }, (_, shard) => poolAccountId(communityId, shard))
export const personAccountId = (communityId: string, openid: string) => `acct:${communityId}:${openid}`
/** Where one gift waits for its recipient: an account per gift, so no two gifts ever write the same one. */
export const waitingGiftAccountId = (communityId: string, giftId: string) => `waiting:${communityId}:${giftId}`
export const isWaitingGiftAccount = (accountId: string) => accountId.startsWith('waiting:')

export const entryKey = {
  service: (recordId: string) => `service:${recordId}`,
  review: (recordId: string) => `review:${recordId}`,
  /** A review of minutes the requester disputed: the record may have had an earlier review over the cap. */
  disputedReview: (recordId: string) => `review:disputed:${recordId}`,
  /** Per giver: two people choosing the same request id never collide. */
  gift: (openid: string, requestId: string) => `gift:${digest(openid, requestId)}`,
  giftAccept: (giftId: string) => `gift-accept:${giftId}`,
  /** One return per gift, whether its giver cancelled it or nobody accepted it in time. */
  giftReturn: (giftId: string) => `gift-return:${giftId}`,
  grant: (communityId: string, requestId: string) => `grant:${digest(communityId, requestId)}`,
  redeem: (redemptionId: string) => `redeem:${redemptionId}`,
  reverse: (entryId: string) => `reverse:${entryId}`,
}

export const redemptionIdOf = (openid: string, requestId: string) => `rd-${digest(openid, requestId)}`
export const giftIdOf = (openid: string, requestId: string) => `gf-${digest(openid, requestId)}`
export const giftDayIdOf = (openid: string, day: string) => `gifts:${openid}:${day}`
/** A visit, per visitor and the page's request id: a replayed recordVisit finds it, and its record, instead of a second. */
export const visitIdOf = (openid: string, requestId: string) => `vs-${digest(openid, requestId)}`
export const visitRecordIdOf = (visitId: string) => `visit-${visitId}`
export const heldIdOf = (recordId: string) => `held:${recordId}`
export const dailyIdOf = (openid: string, day: string) => `day:${openid}:${day}`
