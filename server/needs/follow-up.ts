/**
 * Accepted needs are followed to the end (decision 021): past its expected finish and not done,
 * the lead is reminded once; past the further grace, the need joins the committee's queue as
 * 逾期未办完 and the committee is told. Due work: `now` comes from the caller.
 */
import { taskPath } from '../../shared/domain/need'
import type { NeedDoc } from '../data/documents'
import { dueForCommittee, dueForReminder } from '../data/needs'
import { organisationById } from '../data/organisations'
import { inTransaction } from '../data/transaction'
import { needEvent, notify, notifyCommittee, SYSTEM } from './notify'

export interface FollowUpDone {
  leadsReminded: number
  needsOverdue: number
}

export async function followUpAcceptedNeeds(now: Date, batch: number): Promise<FollowUpDone> {
  let leadsReminded = 0
  for (const need of await dueForReminder(now, batch)) {
    const reminded = await inTransaction(async (tx) => {
      const current = await tx.get<NeedDoc>('needs', need._id)
      if (current?.status !== 'accepted' || !current.followUp || current.followUp.remindedAt) return false
      // A plain object is merged field by field: finishBy and overdueAt stay.
      await tx.update('needs', need._id, { followUp: { remindedAt: now }, updatedAt: now })
      await tx.add('need_events', needEvent(need._id, SYSTEM, '已过预计完成时间，提醒了接单组织', now))
      return true
    })
    const organisation = reminded && need.acceptedBy ? await organisationById(need.acceptedBy.organisationId) : null
    if (!organisation) continue
    leadsReminded++
    await notify([organisation.leadOpenid], 'finishDue', need, { organisation: organisation.name }, taskPath(organisation._id, need._id).slice(1))
  }

  let needsOverdue = 0
  for (const need of await dueForCommittee(now, batch)) {
    const queued = await inTransaction(async (tx) => {
      const current = await tx.get<NeedDoc>('needs', need._id)
      if (current?.status !== 'accepted' || current.queue) return false
      await tx.update('needs', need._id, { queue: 'overdue', queuedAt: now, updatedAt: now })
      await tx.add('need_events', needEvent(need._id, SYSTEM, '接单后逾期未办完，已转社区两委跟进', now))
      return true
    })
    if (!queued) continue
    needsOverdue++
    await notifyCommittee({ ...need, queue: 'overdue' }, 'needOverdue')
  }
  return { leadsReminded, needsOverdue }
}
