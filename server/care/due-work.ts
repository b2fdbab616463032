/**
 * The care register's scheduled work (server/scheduler): a reminder to the paired people when a
 * visit turns due this week, and word to the committee when it turns escalated, each once per due
 * date. The entry keeps the moment each is due (`remindAt`, `escalateAt`, both indexed, set by
 * ./schedule.ts) and loses it when it is sent, so the work reads only what is due. Templates
 * `careVisitDue` and `careEscalated`: the deployment maps them to WeChat's ids (LINLI_SUBSCRIBE_TEMPLATES).
 */
import { CARE_PERSON_PAGE, CARE_VISITS_PAGE } from '../../shared/domain/care'
import { inShanghai } from '../../shared/domain/time'
import { carePersonPath } from '../../shared/domain/workbench'
import { careEntryById, entriesWithMomentBefore } from '../data/care'
import type { CareEntryDoc } from '../data/documents'
import { committeeOf } from '../data/memberships'
import { inTransaction, unset } from '../data/transaction'
import type { DueStep } from '../due-work'
import { tellEach } from '../wechat'
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

const dueDay = (entry: CareEntryDoc) => inShanghai(entry.nextDueAt).format('M月D日')

function sendAt(field: Moment, step: Pick<DueStep<CareEntryDoc>, 'name' | 'title'>, to: (entry: CareEntryDoc) => Promise<void>): DueStep<CareEntryDoc> {
  return {
    ...step,
    due: (now, limit) => entriesWithMomentBefore(field, now, limit),
    load: careEntryById,
    page: (entry) => carePersonPath(entry._id),
    async run(entry, now) {
      const claimed = await claim(entry._id, field, now)
      if (claimed) await to(claimed)
      return claimed !== null
    },
  }
}

export const remindVisitDue = sendAt('remindAt', { name: 'visitReminders', title: '探访到期提醒' }, async (entry) =>
  tellEach(await pairedOpenids(entry), { template: 'careVisitDue', page: CARE_VISITS_PAGE, data: { name: entry.name, dueDate: dueDay(entry) } }),
)

export const tellEscalated = sendAt('escalateAt', { name: 'careEscalations', title: '探访逾期告知两委' }, async (entry) => {
  const committee = await committeeOf(entry.communityId)
  await tellEach(
    committee.map((r) => r.openid),
    { template: 'careEscalated', page: `${CARE_PERSON_PAGE}?id=${entry._id}`, data: { name: entry.name, dueDate: dueDay(entry) } },
  )
})
