/** 社区活动 as a source of the report: activities held and who took part, and major activities waiting for approval. */
import { activityKindLabel } from '../../../shared/domain/activity'
import type { ActivityFacts } from '../../../shared/domain/report-figures'
import { inShanghai } from '../../../shared/domain/time'
import { activityApprovalsPath } from '../../../shared/domain/workbench'
import { finishedIn, participantsCheckedIn, pendingApprovalCount, pendingApprovalIn } from '../../data/activities'
import type { ActivityDoc } from '../../data/documents'
import { waitingItem, type WaitingSource } from '../waiting-item'

export interface HeldActivity {
  activity: ActivityDoc
  checkedIn: number
}

/** The communities' activities that finished in the period, with their participants' check-ins. */
export async function activitiesOfPeriod(communityIds: string[], range: { start: Date; end: Date }): Promise<HeldActivity[]> {
  const finished = await finishedIn(communityIds, range)
  const checkedIn = await participantsCheckedIn(finished.map((a) => a._id))
  return finished.map((activity) => ({ activity, checkedIn: checkedIn.get(activity._id) ?? 0 }))
}

export function activityFacts({ activity, checkedIn }: HeldActivity): ActivityFacts {
  return {
    status: activity.status,
    endAt: new Date(activity.endAt),
    participants: activity.places.participant.confirmed.length,
    volunteers: activity.places.volunteer.confirmed.length,
    checkedIn,
  }
}

/** 重大活动报告制度: activities waiting for the committee's approval, oldest first. */
export async function waitingActivities(communityId: string, now: Date, limit: number): Promise<WaitingSource> {
  const [pending, count] = await Promise.all([pendingApprovalIn(communityId, limit), pendingApprovalCount(communityId)])
  return {
    items: pending.map((activity) =>
      waitingItem(now, {
        kind: 'activity',
        id: activity._id,
        title: activity.title,
        detail: `${activityKindLabel[activity.kind]} · ${inShanghai(activity.startAt).format('M月D日 HH:mm')} 开始`,
        since: new Date(activity.createdAt),
        page: activityApprovalsPath(communityId),
      }),
    ),
    counts: { activity: count },
  }
}
