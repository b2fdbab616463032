/**
 * Accepted needs are followed to the end (decision 021): past its expected finish and not done,
 * the lead is reminded once; past the further grace, the need joins the committee's queue as
 * 逾期未办完 and the committee is told. Two steps of the scheduler's due work (server/scheduler).
 */
import { taskPath } from '../../shared/domain/need'
import { committeeNeedPath } from '../../shared/domain/workbench'
import type { NeedDoc } from '../data/documents'
import { dueForCommittee, dueForReminder, needById, withEvents } from '../data/needs'
import { organisationById } from '../data/organisations'
import { inTransaction } from '../data/transaction'
import type { DueStep } from '../due-work'
import { needEvent, notify, notifyCommittee, SYSTEM } from './notify'

export const remindLeads: DueStep<NeedDoc> = {
  name: 'leadsReminded',
  title: '提醒接单组织办完求助',
  due: dueForReminder,
  load: needById,
  page: (need) => committeeNeedPath(need._id),
  async run(need, now) {
    const reminded = await inTransaction(async (tx) => {
      const current = await tx.get('needs', need._id)
      if (current?.status !== 'accepted' || !current.followUp || current.followUp.remindedAt) return false
      // Only this field: finishBy and overdueAt stay.
      await tx.update('needs', need._id, {
        'followUp.remindedAt': now,
        ...withEvents(needEvent(SYSTEM, '已过预计完成时间，提醒了接单组织', now)),
        updatedAt: now,
      })
      return true
    })
    const organisation = reminded && need.acceptedBy ? await organisationById(need.acceptedBy.organisationId) : null
    if (!organisation) return false
    await notify(
      [organisation.leadOpenid],
      'finishDue',
      need,
      { organisation: organisation.name, tip: '已过预计完成时间，请尽快办完' },
      taskPath(organisation._id, need._id).slice(1),
    )
    return true
  },
}

export const queueOverdue: DueStep<NeedDoc> = {
  name: 'needsOverdue',
  title: '逾期求助转两委跟进',
  due: dueForCommittee,
  load: needById,
  page: (need) => committeeNeedPath(need._id),
  async run(need, now) {
    const queued = await inTransaction(async (tx) => {
      const current = await tx.get('needs', need._id)
      if (current?.status !== 'accepted' || current.queue) return false
      await tx.update('needs', need._id, {
        queue: 'overdue',
        queuedAt: now,
        ...withEvents(needEvent(SYSTEM, '接单后逾期未办完，已转社区两委跟进', now)),
        updatedAt: now,
      })
      return true
    })
    if (!queued) return false
    await notifyCommittee({ ...need, queue: 'overdue' }, 'needOverdue', { tip: '接单后逾期未办完，请跟进' })
    return true
  },
}
