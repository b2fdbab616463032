/** 重大活动报告制度: the committee's queue, its decisions, and the community's policy. */
import type { ActivitiesContract } from '../../shared/contracts/activities'
import { AppError, ErrorCode } from '../../shared/errors'
import { activityKindLabel, activityStatusAfter, DEFAULT_MAJOR_THRESHOLD } from '../../shared/domain/activity'
import { pendingApprovalIn } from '../data/activities'
import { addAuditEntry } from '../data/audit'
import { setActivityPolicy } from '../data/communities'
import type { CommunityDoc } from '../data/documents'
import { organisationById } from '../data/organisations'
import { inTransaction, whole } from '../data/transaction'
import { auditEntry } from '../audit'
import type { ActionImplementations } from '../handler'
import { authoriseOverCommunity } from '../scopes'
import { loadActivity } from './access'
import { tellAboutActivity } from './notify'
import { activityDetail, activitySummaries, approvalReasonViews } from './views'

type Action<A extends keyof ActivitiesContract['actions']> = ActionImplementations<ActivitiesContract>[A]

/** More than a committee has waiting at once; oldest first, so nothing waits unseen. */
const QUEUE_LIMIT = 100

const policyOf = (community: CommunityDoc) => ({
  majorThreshold: community.activityPolicy?.majorThreshold ?? DEFAULT_MAJOR_THRESHOLD,
  majorKinds: community.activityPolicy?.majorKinds ?? [],
})

export const approvals: Action<'approvals'> = async (context) => {
  const community = await authoriseOverCommunity(context, context.input.communityId)
  const waiting = await pendingApprovalIn(community._id, QUEUE_LIMIT)
  const summaries = await activitySummaries(waiting)
  return {
    activities: summaries.map((s, i) => ({
      ...s,
      approvalReasons: approvalReasonViews(waiting[i]),
      waitingMinutes: Math.max(0, Math.floor((context.now.getTime() - new Date(waiting[i].createdAt).getTime()) / 60_000)),
    })),
    policy: policyOf(community),
  }
}

/** Approve (it is published at once) or reject with a reason. Audited; the organisation's lead is told. */
export const decide: Action<'decide'> = async (context) => {
  const { input, now } = context
  const activity = await loadActivity(input.activityId)
  await authoriseOverCommunity(context, activity.communityId)
  const committee = await context.caller()
  await inTransaction(async (tx) => {
    const current = await tx.get('activities', activity._id)
    const next = current && activityStatusAfter(current.status, input.decision)
    if (!current || !next) throw new AppError(ErrorCode.CONFLICT, '这个活动已经处理过了')
    if (input.decision === 'approve' && now.getTime() >= new Date(current.signUpDeadline).getTime()) {
      throw new AppError(ErrorCode.CONFLICT, '报名截止时间已过，批准后也无法报名，请负责人重新发布')
    }
    const decision = { decision: input.decision, ...(input.reason ? { reason: input.reason } : {}), at: now, byOpenid: committee.openid }
    await tx.update('activities', activity._id, { status: next, decision: whole(decision), updatedAt: now })
  })
  const approved = input.decision === 'approve'
  await addAuditEntry(
    auditEntry(
      committee,
      approved ? 'activity.approve' : 'activity.reject',
      {
        communityId: activity.communityId,
        organisationId: activity.organisationId,
        activityId: activity._id,
        reason: input.reason ? `《${activity.title}》：${input.reason}` : `《${activity.title}》`,
      },
      now,
    ),
  )
  const organisation = await organisationById(activity.organisationId)
  const decided = await loadActivity(activity._id)
  if (organisation) {
    await tellAboutActivity([organisation.leadOpenid], 'activityDecided', decided, {
      decision: approved ? '已批准' : '未获批准',
      note: input.reason ?? (approved ? '居民现在可以报名' : '无'),
    })
  }
  return { activity: await activityDetail(decided, committee, now) }
}

export const setPolicy: Action<'setPolicy'> = async (context) => {
  const { input } = context
  const community = await authoriseOverCommunity(context, input.communityId)
  const policy = { majorThreshold: input.majorThreshold, majorKinds: [...new Set(input.majorKinds)] }
  await setActivityPolicy(community._id, policy)
  const kinds = policy.majorKinds.map((k) => activityKindLabel[k]).join('、')
  await addAuditEntry(
    auditEntry(
      await context.caller(),
      'activity.policy',
      {
        communityId: community._id,
        reason: `参与名额 ${policy.majorThreshold} 人以上${kinds ? `，以及${kinds}` : ''}须报批`,
      },
      context.now,
    ),
  )
  return policy
}
