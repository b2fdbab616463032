/**
 * The care register's scheduled work (server/scheduler): a reminder to the paired people when a
 * visit turns due this week, and word to the committee when it turns escalated, each once per due
 * date. The entry keeps the moment each is due (`remindAt`, `escalateAt`, both indexed, set by
 * ./schedule.ts) and loses it when it is sent, so the work reads only what is due. When what was
 * sent reached nobody (no consent left, or refused) the moment is given back, so a later run tries
 * again: someone may have consented since. Templates `careVisitDue` and `careEscalated`: the
 * deployment maps them to WeChat's ids (LINLI_SUBSCRIBE_TEMPLATES).
 */
import { CARE_PERSON_PAGE, CARE_VISITS_PAGE } from '../../shared/domain/care'
import type { SendResult } from '../../shared/domain/messages'
import { carePersonPath } from '../../shared/domain/workbench'
import { careEntryById, entriesWithMomentBefore } from '../data/care'
import type { CareEntryDoc } from '../data/documents'
import { committeeOf } from '../data/memberships'
import { inTransaction, unset } from '../data/transaction'
import type { DueStep } from '../due-work'
import { reachedAnyone, tellEach } from '../wechat'
import { pairedOpenids } from './access'

type Moment = 'remindAt' | 'escalateAt'

/** Takes the moment off the entry if it is still due: only one run sends it, however many race. */
async function claim(entryId: string, field: Moment, now: Date): Promise<CareEntryDoc | null> {
  return inTransaction(async (tx) => {
    const current = await tx.get('care_register', entryId)
    const moment = current?.[field]
    if (!current || !moment || new Date(moment) >= now) return null
    await tx.update('care_register', entryId, field === 'remindAt' ? { remindAt: unset() } : { escalateAt: unset() })
    return current
  })
}

/** An entry with a moment to send has a due date: `scheduleFrom` sets all three. */
const dueDate = (entry: CareEntryDoc) => new Date(entry.nextDueAt!)

/** Gives the moment back when what was sent for it reached nobody, unless the schedule has moved on since. */
async function unclaim(claimed: CareEntryDoc, field: Moment): Promise<void> {
  const moment = claimed[field]
  if (!moment) return
  await inTransaction(async (tx) => {
    const current = await tx.get('care_register', claimed._id)
    if (!current || current[field] || dueDate(current).getTime() !== dueDate(claimed).getTime()) return
    await tx.update('care_register', claimed._id, field === 'remindAt' ? { remindAt: moment } : { escalateAt: moment })
  })
}

function sendAt(
  field: Moment,
  step: Pick<DueStep<CareEntryDoc>, 'name' | 'title'>,
  to: (entry: CareEntryDoc) => Promise<SendResult[]>,
): DueStep<CareEntryDoc> {
  return {
    ...step,
    due: (now, limit) => entriesWithMomentBefore(field, now, limit),
    load: careEntryById,
    page: (entry) => carePersonPath(entry._id),
    async run(entry, now) {
      const claimed = await claim(entry._id, field, now)
      if (!claimed) return false
      if (reachedAnyone(await to(claimed))) return true
      await unclaim(claimed, field)
      return false
    },
  }
}

export const remindVisitDue = sendAt('remindAt', { name: 'visitReminders', title: '探访到期提醒' }, async (entry) =>
  tellEach(
    await pairedOpenids(entry),
    'careVisitDue',
    { name: entry.name, dueDate: dueDate(entry), tip: '本周请上门或电话探访' },
    CARE_VISITS_PAGE,
    `careVisitDue:${entry._id}:${dueDate(entry).getTime()}`,
  ),
)

export const tellEscalated = sendAt('escalateAt', { name: 'careEscalations', title: '探访逾期告知两委' }, async (entry) => {
  const committee = await committeeOf(entry.communityId)
  const fields = { name: entry.name, dueDate: dueDate(entry), tip: '探访已逾期一周，请安排跟进' }
  return tellEach(
    committee.map((r) => r.openid),
    'careEscalated',
    fields,
    `${CARE_PERSON_PAGE}?id=${entry._id}`,
    `careEscalated:${entry._id}:${dueDate(entry).getTime()}`,
  )
})
