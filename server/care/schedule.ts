/**
 * The visit schedule as stored on each entry, and the scheduled work that follows it: a reminder
 * to the paired people when a visit turns due this week, and word to the committee when it turns
 * escalated, each once per due date. The entry keeps the moment each is due (`remindAt`,
 * `escalateAt`, both indexed) and loses it when it is sent, so the work reads only what is due.
 */
import { CARE_PERSON_PAGE, CARE_VISITS_PAGE, nextVisitDue, standingChanges, type VisitFrequency } from '../../shared/domain/care'
import { inShanghai } from '../../shared/domain/time'
import { entriesWithMomentBefore } from '../data/care'
import type { CareEntryDoc } from '../data/documents'
import { committeeOf } from '../data/memberships'
import { inTransaction, unset } from '../data/transaction'
import { tellEach } from '../wechat'
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
    const current = await tx.get('care_register', entryId)
    const moment = current?.[field]
    if (!current || !moment || new Date(moment) >= now) return null
    await tx.update('care_register', entryId, field === 'remindAt' ? { remindAt: unset() } : { escalateAt: unset() })
    return current
  })
}

const dueDay = (entry: CareEntryDoc) => inShanghai(entry.nextDueAt).format('M月D日')

async function send(field: 'remindAt' | 'escalateAt', now: Date, to: (entry: CareEntryDoc) => Promise<void>): Promise<number> {
  let sent = 0
  for (const entry of await entriesWithMomentBefore(field, now, BATCH)) {
    const claimed = await claim(entry._id, field, now)
    if (!claimed) continue
    await to(claimed)
    sent++
  }
  return sent
}

/** Templates `careVisitDue` and `careEscalated`: the deployment maps them to WeChat's ids (LINLI_SUBSCRIBE_TEMPLATES). */
export async function runCareDueWork(now: Date): Promise<CareDueWorkDone> {
  const visitReminders = await send('remindAt', now, async (entry) =>
    tellEach(await pairedOpenids(entry), { template: 'careVisitDue', page: CARE_VISITS_PAGE, data: { name: entry.name, dueDate: dueDay(entry) } }),
  )
  const careEscalations = await send('escalateAt', now, async (entry) => {
    const committee = await committeeOf(entry.communityId)
    await tellEach(
      committee.map((r) => r.openid),
      { template: 'careEscalated', page: `${CARE_PERSON_PAGE}?id=${entry._id}`, data: { name: entry.name, dueDate: dueDay(entry) } },
    )
  })
  return { visitReminders, careEscalations }
}
