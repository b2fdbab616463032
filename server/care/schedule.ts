/**
 * The visit schedule as stored on each entry, and the scheduled work that follows it: a reminder
 * to the paired people when a visit turns due this week, and word to the committee when it turns
 * escalated, each once per due date. The entry keeps the moment each is due (`remindAt`,
 * `escalateAt`, both indexed) and loses it when it is sent, so the work reads only what is due.
 */
import { CARE_PERSON_PAGE, CARE_VISITS_PAGE, nextVisitDue, standingChanges, type VisitFrequency } from '../../shared/domain/care'
import { entriesWithMomentBefore } from '../data/care'
import type { CareEntryDoc } from '../data/documents'
import { committeeOf } from '../data/memberships'
import { inTransaction, unset } from '../data/transaction'
import type { SendResult } from '../../shared/domain/messages'
import { reachedAnyone, tellEach } from '../wechat'
import { pairedOpenids } from './access'

type ScheduleFields = { nextDueAt: Date; remindAt: Date; escalateAt: Date }

/** The schedule from a due date: its reminder and escalation moments start unsent. */
export function scheduleFrom(nextDueAt: Date, frequency: VisitFrequency): ScheduleFields {
  const { dueSoonFrom, escalatedAfter } = standingChanges(nextDueAt, frequency)
  return { nextDueAt, remindAt: dueSoonFrom, escalateAt: escalatedAfter }
}

/**
 * The schedule after a change of frequency or a new last visit. An unchanged due date keeps its
 * moments as they are, so that what was sent for it is not sent again.
 */
export function scheduleAfter(entry: Pick<CareEntryDoc, 'nextDueAt'>, person: { frequency: VisitFrequency; registeredAt: Date; lastVisitAt: Date | null }): Partial<ScheduleFields> {
  const due = nextVisitDue(person)
  if (entry.nextDueAt && new Date(entry.nextDueAt).getTime() === due.getTime()) return {}
  return scheduleFrom(due, person.frequency)
}

/** A bounded batch per run: the timer comes again in a minute for the rest. */
const BATCH = 100

export interface CareDueWorkDone {
  visitReminders: number
  careEscalations: number
}

/** Takes the moment off the entry if it is still due: only one run sends it, however many race. */
async function claim(entryId: string, field: 'remindAt' | 'escalateAt', now: Date): Promise<CareEntryDoc | null> {
  return inTransaction(async (tx) => {
    const current = await tx.get<CareEntryDoc>('care_register', entryId)
    const moment = current?.[field]
    if (!current || !moment || new Date(moment) >= now) return null
    await tx.update('care_register', entryId, { [field]: unset() })
    return current
  })
}

/** An entry with a moment to send has a due date: `scheduleFrom` sets all three. */
const dueDate = (entry: CareEntryDoc) => new Date(entry.nextDueAt!)

/** Gives the moment back when what was sent for it reached nobody, unless the schedule has moved on since. */
async function unclaim(claimed: CareEntryDoc, field: 'remindAt' | 'escalateAt'): Promise<void> {
  await inTransaction(async (tx) => {
    const current = await tx.get<CareEntryDoc>('care_register', claimed._id)
    if (!current || current[field] || dueDate(current).getTime() !== dueDate(claimed).getTime()) return
    await tx.update('care_register', claimed._id, { [field]: claimed[field] })
  })
}

async function send(field: 'remindAt' | 'escalateAt', now: Date, to: (entry: CareEntryDoc) => Promise<SendResult[]>): Promise<number> {
  let sent = 0
  for (const entry of await entriesWithMomentBefore(field, now, BATCH)) {
    const claimed = await claim(entry._id, field, now)
    if (!claimed) continue
    if (reachedAnyone(await to(claimed))) sent++
    else await unclaim(claimed, field)
  }
  return sent
}

/** Templates `careVisitDue` and `careEscalated`: the deployment maps them to WeChat's ids (LINLI_SUBSCRIBE_TEMPLATES). */
export async function runCareDueWork(now: Date): Promise<CareDueWorkDone> {
  const visitReminders = await send('remindAt', now, async (entry) =>
    tellEach(await pairedOpenids(entry), 'careVisitDue', { name: entry.name, dueDate: dueDate(entry), tip: '本周请上门或电话探访' }, CARE_VISITS_PAGE),
  )
  const careEscalations = await send('escalateAt', now, async (entry) => {
    const committee = await committeeOf(entry.communityId)
    const fields = { name: entry.name, dueDate: dueDate(entry), tip: '探访已逾期一周，请安排跟进' }
    return tellEach(committee.map((r) => r.openid), 'careEscalated', fields, `${CARE_PERSON_PAGE}?id=${entry._id}`)
  })
  return { visitReminders, careEscalations }
}
