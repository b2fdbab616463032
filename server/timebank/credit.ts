/**
 * Crediting confirmed service (志愿服务) to the volunteer's account, once per service record.
 *
 * Needs (markDone), activities (confirmHours) and care visits (recordVisit) write `service_records`
 * with `credit: pending` in the same transaction as the lead's confirmation or the visit; the due
 * work credits them within the minute (decision 053). Each record is credited in a transaction of
 * its own that also marks the record: a record no longer pending is never credited again, so a
 * retry, a replay or two runs racing pay once.
 */
import { DEFAULT_DAILY_CAP_MINUTES, shanghaiDay, splitByDailyCap } from '../../shared/domain/timebank'
import type { HeldCreditDoc, ServiceCredit, ServiceRecordDoc } from '../data/documents'
import { inTransaction, whole, type Transaction } from '../data/transaction'
import { entryKey, heldIdOf } from './keys'
import { addToDaily, dailyCredited, move, person, pool } from './ledger'
import { countSettlement, tellStar, type StarNews } from './stars'

/** The record as a ledger entry and a held credit describe where the time came from. */
export const serviceOf = (record: ServiceRecordDoc) => ({
  recordId: record._id,
  kind: record.source.kind,
  id: record.source.id,
  title: record.source.title,
  ...(record.organisationId ? { organisationId: record.organisationId } : {}),
  servedAt: record.servedAt,
})

/** A record as needs, activities and visits write it, waiting for the time bank. */
export function pendingServiceRecord(fields: Omit<ServiceRecordDoc, 'credit' | 'updatedAt'>): ServiceRecordDoc {
  return { ...fields, credit: { status: 'pending' }, updatedAt: fields.confirmedAt }
}

interface Credited {
  status: ServiceCredit['status'] | null
  star: StarNews | null
}

async function creditRecord(tx: Transaction, recordId: string, now: Date): Promise<Credited> {
  const record = await tx.get('service_records', recordId)
  if (!record) return { status: null, star: null }
  if (record.credit.status !== 'pending') return { status: record.credit.status, star: null }
  const community = await tx.get('communities', record.communityId)
  const day = shanghaiDay(record.servedAt)
  const daily = await dailyCredited(tx, record.openid, day)
  const { credit, hold } = splitByDailyCap(record.minutes, daily?.minutes ?? 0, community?.dailyCapMinutes ?? DEFAULT_DAILY_CAP_MINUTES)
  const service = serviceOf(record)
  const key = entryKey.service(record._id)
  if (credit > 0) {
    await move(tx, {
      key,
      communityId: record.communityId,
      from: pool,
      to: person(record.openid),
      minutes: credit,
      kind: 'service',
      byOpenid: record.confirmedByOpenid,
      at: now,
      details: { service },
    })
    await addToDaily(tx, daily, record.openid, day, credit)
  }
  if (hold > 0) {
    const held: HeldCreditDoc = {
      _id: heldIdOf(record._id),
      communityId: record.communityId,
      openid: record.openid,
      recordId: record._id,
      service,
      day,
      recordMinutes: record.minutes,
      heldMinutes: hold,
      cause: 'cap',
      status: 'waiting',
      heldAt: now,
    }
    await tx.add('timebank_held', held)
  }
  const status: ServiceCredit =
    hold === 0
      ? { status: 'credited', entryId: key, at: now }
      : { status: 'held', at: now, heldMinutes: hold, ...(credit > 0 ? { entryId: key } : {}) }
  await tx.update('service_records', record._id, { credit: whole(status), updatedAt: now })
  return { status: status.status, star: await countSettlement(tx, record, status) }
}

/** Credits one service record, once however often it is called; answers its status after (null: no such record). */
export async function creditServiceRecord(recordId: string, now: Date): Promise<ServiceCredit['status'] | null> {
  const { status, star } = await inTransaction((tx) => creditRecord(tx, recordId, now))
  await tellStar(star)
  return status
}

/**
 * Credits these service records, each exactly once, in order; answers each one's status after
 * (null: no such record). One failing is left pending for the next minute's due work and does not
 * stop the rest. The demo seed, the bench and the tests credit through it; the due work, one by one.
 */
export async function creditServiceRecords(recordIds: readonly string[], now: Date): Promise<(ServiceCredit['status'] | null)[]> {
  const outcomes: (ServiceCredit['status'] | null)[] = []
  for (const id of recordIds) {
    try {
      outcomes.push(await creditServiceRecord(id, now))
    } catch (error) {
      console.error(`[timebank] service record ${id} left pending for the due work`, error)
      outcomes.push('pending')
    }
  }
  return outcomes
}
