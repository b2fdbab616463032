/**
 * A need the requester answered 未解决: the service its lead recorded does not stand on the lead's
 * word alone. Its minutes are held for the committee's review like credits over the daily cap;
 * what was already credited is taken back by a reversal entry first (docs/decisions/017).
 */
import { shanghaiDay } from '../../shared/domain/timebank'
import type { HeldCreditDoc, ServiceCredit } from '../data/documents'
import { unset, whole, type Transaction } from '../data/transaction'
import { serviceOf } from './credit'
import { entryKey, heldIdOf, personAccountId } from './keys'
import { addToDaily, dailyCredited, move, person, pool } from './ledger'
import { countSettlement } from './stars'

const DISPUTED = '求助人答复未解决，交社区审核'

/**
 * Holds each record for review, inside the caller's transaction (the one recording the answer), so
 * the answer and the hold happen together or not at all. A record already held as disputed is left
 * as it is: the transaction may run again.
 */
export async function holdDisputedService(tx: Transaction, recordIds: readonly string[], byOpenid: string, now: Date): Promise<void> {
  for (const id of recordIds) await holdRecord(tx, id, byOpenid, now)
}

async function holdRecord(tx: Transaction, recordId: string, byOpenid: string, now: Date): Promise<void> {
  const record = await tx.get('service_records', recordId)
  if (!record) return
  const held = await tx.get('timebank_held', heldIdOf(record._id))
  if (held?.cause === 'disputed') return
  const account = await tx.get('timebank_accounts', personAccountId(record.communityId, record.openid))
  let balance = account?.balance ?? 0
  let recovered = 0
  let unrecovered = 0
  // What paid it: the credit, and a review of minutes once held over the cap.
  for (const key of [entryKey.service(record._id), entryKey.review(record._id)]) {
    const paid = await tx.get('timebank_entries', key)
    if (!paid || (await tx.get('timebank_entries', entryKey.reverse(key)))) continue
    // A balance never goes below zero (decision 010): minutes already spent stay spent.
    const back = Math.min(paid.minutes, balance)
    unrecovered += paid.minutes - back
    if (back === 0) continue
    await move(tx, {
      key: entryKey.reverse(key),
      communityId: record.communityId,
      from: person(record.openid),
      to: pool,
      minutes: back,
      kind: 'reversal',
      byOpenid,
      at: now,
      details: { reverses: key, reversedKind: paid.kind, reason: DISPUTED },
    })
    balance -= back
    recovered += back
  }
  const day = shanghaiDay(record.servedAt)
  // Taken back, they no longer count for the day; credited on review, they count again.
  if (recovered > 0) await addToDaily(tx, await dailyCredited(tx, record.openid, day), record.openid, day, -recovered)
  const credit = record.credit
  const heldMinutes = credit.status === 'pending' ? record.minutes : recovered + (held?.status === 'waiting' ? held.heldMinutes : 0)
  if (heldMinutes === 0) return
  const fields = {
    heldMinutes,
    cause: 'disputed' as const,
    ...(unrecovered > 0 ? { unrecoveredMinutes: unrecovered } : {}),
    status: 'waiting' as const,
    heldAt: now,
  }
  if (held) {
    await tx.update('timebank_held', held._id, { ...fields, reviewedAt: unset(), reviewedBy: unset(), reason: unset(), entryId: unset() })
  } else {
    await tx.add('timebank_held', {
      _id: heldIdOf(record._id),
      communityId: record.communityId,
      openid: record.openid,
      recordId: record._id,
      service: serviceOf(record),
      day,
      recordMinutes: record.minutes,
      ...fields,
    } satisfies HeldCreditDoc)
  }
  const declined = credit.status === 'declined' ? { declined: { minutes: credit.declinedMinutes, reason: credit.reason } } : {}
  const heldCredit: ServiceCredit = { status: 'held', at: now, heldMinutes, ...declined }
  await tx.update('service_records', record._id, { credit: whole(heldCredit), updatedAt: now })
  // Held again, the minutes no longer count; a lower total never sends anything.
  await countSettlement(tx, record, heldCredit)
}
