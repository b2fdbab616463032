/** The organisation's side: publishing, its list of activities, and calling one off. */
import { MAX_ACTIVITY_HOURS, type ActivitiesContract } from '../../shared/contracts/activities'
import { AppError, ErrorCode } from '../../shared/errors'
import { activityStatusAfter, initialActivityStatus, needsCommitteeApproval, scheduleProblem } from '../../shared/domain/activity'
import { addActivity, activitiesOfOrganisation } from '../data/activities'
import { addAuditEntry } from '../data/audit'
import type { ActivityDoc } from '../data/documents'
import { committeeOf } from '../data/memberships'
import { inTransaction, whole } from '../data/transaction'
import { auditEntry } from '../audit'
import type { ActionImplementations } from '../handler'
import { checkPhotos } from '../moderation/photos'
import { authoriseOverOrganisation } from '../scopes'
import { refuseFlagged } from '../wechat'
import { loadActivity, ownActivity } from './access'
import { everyoneSignedUp, tellAboutActivity } from './notify'
import { activityDetail, activitySummaries, approvalReasonViews } from './views'

type Action<A extends keyof ActivitiesContract['actions']> = ActionImplementations<ActivitiesContract>[A]

const minutesBetween = (from: Date, to: Date) => Math.floor((to.getTime() - from.getTime()) / 60_000)

export const publish: Action<'publish'> = async (context) => {
  const { input, now } = context
  const { organisation, community } = await authoriseOverOrganisation(context, input.organisationId)
  if (organisation.status !== 'approved') throw new AppError(ErrorCode.CONFLICT, '组织已被暂停，暂时不能发布活动')
  const schedule = { startAt: new Date(input.startAt), endAt: new Date(input.endAt), signUpDeadline: new Date(input.signUpDeadline) }
  const problem = scheduleProblem(schedule, now)
  if (problem) throw new AppError(ErrorCode.INVALID_INPUT, problem.message, `data.${problem.field}`)
  const length = minutesBetween(schedule.startAt, schedule.endAt)
  if (length > MAX_ACTIVITY_HOURS * 60) throw new AppError(ErrorCode.INVALID_INPUT, `活动最长 ${MAX_ACTIVITY_HOURS} 小时`, 'data.endAt')
  if (input.volunteerMinutes > length) {
    throw new AppError(ErrorCode.INVALID_INPUT, `志愿服务时长不能超过活动时长（${length} 分钟）`, 'data.volunteerMinutes')
  }
  const lead = await context.caller()
  await refuseFlagged(lead.openid, { title: input.title, description: input.description, address: input.address }, 3)
  const approvalReasons = needsCommitteeApproval(input, community.activityPolicy)
  const status = initialActivityStatus(approvalReasons)
  const id = await addActivity({
    communityId: community._id,
    organisationId: organisation._id,
    title: input.title,
    kind: input.kind,
    description: input.description,
    photos: input.photos,
    location: { type: 'Point', coordinates: input.location ?? organisation.serviceArea.centre.coordinates },
    address: input.address,
    ...schedule,
    participantPlaces: input.participantPlaces,
    volunteerPlaces: input.volunteerPlaces,
    volunteerMinutes: input.volunteerMinutes,
    ...(input.servesElders ? { servesElders: true } : {}),
    status,
    approvalReasons,
    places: { participant: { confirmed: [], waitlisted: [] }, volunteer: { confirmed: [], waitlisted: [] } },
    publishedByOpenid: lead.openid,
    createdAt: now,
    updatedAt: now,
  })
  await checkPhotos(
    { kind: 'activity', id },
    { communityId: community._id, authorOpenid: lead.openid, fileIds: input.photos, scene: 3 },
    now,
  )
  const activity = await loadActivity(id)
  if (status === 'pending_approval') {
    const committee = await committeeOf(community._id)
    await tellAboutActivity(
      committee.map((r) => r.openid),
      'activityForApproval',
      activity,
      { organisation: organisation.name },
    )
  }
  return { activity: await activityDetail(activity, lead, now) }
}

/** More than an organisation holds in a year; latest first. */
const ORGANISATION_LIMIT = 100

export const organisationActivities: Action<'organisationActivities'> = async (context) => {
  const { organisation } = await authoriseOverOrganisation(context, context.input.organisationId)
  const activities = await activitiesOfOrganisation(organisation._id, ORGANISATION_LIMIT)
  const summaries = await activitySummaries(activities)
  return { activities: summaries.map((s, i) => ({ ...s, approvalReasons: approvalReasonViews(activities[i]) })) }
}

function cannotCancel(activity: ActivityDoc, now: Date): AppError | null {
  if (activity.status === 'cancelled') return new AppError(ErrorCode.CONFLICT, '活动已经取消了')
  if (activity.status === 'rejected') return new AppError(ErrorCode.CONFLICT, '活动未获批准，不需要取消')
  if (!activityStatusAfter(activity.status, 'cancel') || now.getTime() >= new Date(activity.endAt).getTime()) {
    return new AppError(ErrorCode.CONFLICT, '活动已结束')
  }
  return null
}

/** Calls it off with a reason; everyone holding a place or waiting for one is told. Audited. */
export const cancel: Action<'cancel'> = async (context) => {
  const { input, now } = context
  const { activity } = await ownActivity(context, input.organisationId, input.activityId)
  const lead = await context.caller()
  const cancelled = await inTransaction(async (tx) => {
    const current = await tx.get('activities', activity._id)
    const refusal = current ? cannotCancel(current, now) : null
    if (!current || refusal) throw refusal ?? new AppError(ErrorCode.CONFLICT, '活动已经变了，请刷新后再看')
    await tx.update('activities', activity._id, {
      status: 'cancelled',
      cancelled: whole({ reason: input.reason, at: now, byOpenid: lead.openid }),
      updatedAt: now,
    })
    return current
  })
  await addAuditEntry(
    auditEntry(
      lead,
      'activity.cancel',
      {
        communityId: activity.communityId,
        organisationId: activity.organisationId,
        activityId: activity._id,
        reason: `《${activity.title}》：${input.reason}`,
      },
      now,
    ),
  )
  await tellAboutActivity(everyoneSignedUp(cancelled), 'activityCancelled', cancelled, { reason: input.reason })
  return { activity: await activityDetail(await loadActivity(activity._id), lead, now) }
}
