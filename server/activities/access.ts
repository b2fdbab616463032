/**
 * Who sees an activity. Published, cancelled and finished ones are public; one waiting for the
 * committee, or turned down, is seen only by its organisation and its community's committee, and
 * answers everyone else as one that does not exist, so nobody learns of it.
 */
import { AppError, ErrorCode } from '../../shared/errors'
import type { ActivityStatus } from '../../shared/domain/activity'
import { activityById } from '../data/activities'
import type { ActivityDoc, CommunityDoc, OrganisationDoc } from '../data/documents'
import type { ActionContext } from '../handler'
import type { Principal } from '../../shared/domain/permissions'
import { sitsOnCommitteeOf, type Caller } from '../principal'
import { authoriseOverOrganisation } from '../scopes'

export const activityNotFound = () => new AppError(ErrorCode.NOT_FOUND, '没有这个活动', 'data.activityId')

export async function loadActivity(activityId: string): Promise<ActivityDoc> {
  const activity = await activityById(activityId)
  if (!activity) throw activityNotFound()
  return activity
}

const unpublished: readonly ActivityStatus[] = ['pending_approval', 'rejected']

/** The lead and volunteers of the organisation. */
export const isOfOrganisation = (caller: Principal, organisationId: string) =>
  caller.grants.some((g) => 'organisationId' in g && g.organisationId === organisationId)

/** The committee of its community, and the lead and volunteers of its organisation. */
function seesUnpublished(caller: Caller, activity: ActivityDoc): boolean {
  return sitsOnCommitteeOf(caller, activity.communityId) || isOfOrganisation(caller, activity.organisationId)
}

/** Unpublished and taken-down activities are seen by the same people: its committee and its organisation. */
export function refuseUnseen(caller: Caller, activity: ActivityDoc): void {
  if ((unpublished.includes(activity.status) || activity.takenDown) && !seesUnpublished(caller, activity)) throw activityNotFound()
}

export async function visibleActivity(caller: Caller, activityId: string): Promise<ActivityDoc> {
  const activity = await loadActivity(activityId)
  refuseUnseen(caller, activity)
  return activity
}

/** An activity of the organisation the lead authorised over; another organisation's answers NOT_FOUND. */
export async function ownActivity(
  context: ActionContext<unknown>,
  organisationId: string,
  activityId: string,
): Promise<{ activity: ActivityDoc; organisation: OrganisationDoc; community: CommunityDoc }> {
  // Read beside the scope; nothing of it is answered before the authorisation has passed.
  const [scope, activity] = await Promise.all([authoriseOverOrganisation(context, organisationId), activityById(activityId)])
  if (!activity || activity.organisationId !== organisationId) throw activityNotFound()
  return { activity, ...scope }
}

/** Why an activity that is not (or no longer) running cannot take attendance or hours, or null. */
export function notRunning(activity: ActivityDoc): AppError | null {
  if (activity.status === 'published' || activity.status === 'finished') return null
  return new AppError(ErrorCode.CONFLICT, activity.status === 'cancelled' ? '活动已取消' : '活动还没有发布')
}

/** Over, for rating and for confirming hours: its end has come and it was not called off. */
export function hasEnded(activity: ActivityDoc, now: Date): boolean {
  return (activity.status === 'published' || activity.status === 'finished') && now.getTime() >= new Date(activity.endAt).getTime()
}
