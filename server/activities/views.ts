/** How activities, sign-ups and roster lines are shown, built from the stored documents. */
import { iso } from '../../shared/domain/time'
import type { ActivityDetail, ActivitySummary, MySignUp, RosterEntry } from '../../shared/contracts/activities'
import {
  activityKindLabel,
  activityStatusLabel,
  approvalReasonLabel,
  signUpRoleLabelOf,
  signUpStatusLabel,
  volunteerServiceMinutes,
  waitlistPosition,
  type SignUpFacts,
  type SignUpRole,
} from '../../shared/domain/activity'
import { commentsOf, ratingById, signUpById, signUpDocId } from '../data/activities'
import type { ActivityDoc, ActivitySignUpDoc, CommunityDoc, OrganisationDoc, PlaceEntry } from '../data/documents'
import { organisationsAndCommunities } from '../data/places'
import { peopleByOpenids } from '../data/residents'
import type { Principal } from '../../shared/domain/permissions'
import { photosAsSeen, type PhotoAudience } from '../moderation/photos'
import { takenDownView } from '../moderation/views'
import { sitsOnCommitteeOf } from '../principal'
import { hasEnded, isOfOrganisation } from './access'

const optionalIso = <K extends string>(key: K, date: Date | undefined) => (date ? ({ [key]: iso(date) } as Record<K, string>) : {})

/** Comments shown on a finished activity's page: the latest. */
const COMMENTS_LIMIT = 30

export const placesOf = (activity: ActivityDoc, role: SignUpRole) =>
  role === 'participant' ? activity.participantPlaces : activity.volunteerPlaces

/** One role's places as the domain rules take them. */
export function placeFacts(places: ActivityDoc['places'][SignUpRole]): SignUpFacts[] {
  return [
    ...places.confirmed.map((e) => ({ id: e.id, status: 'confirmed' as const, signedUpAt: new Date(e.at) })),
    ...places.waitlisted.map((e) => ({ id: e.id, status: 'waitlisted' as const, signedUpAt: new Date(e.at) })),
  ]
}

function placesView(activity: ActivityDoc, role: SignUpRole) {
  const total = placesOf(activity, role)
  const { confirmed, waitlisted } = activity.places[role]
  return { total, taken: confirmed.length, left: Math.max(0, total - confirmed.length), waitlisted: waitlisted.length }
}

export const approvalReasonViews = (activity: ActivityDoc) =>
  activity.approvalReasons.map((r) => ({ type: r.type, label: approvalReasonLabel(r) }))

/** The organisations and communities activities name, by id. */
export interface ActivityNames {
  organisations: Map<string, OrganisationDoc>
  communities: Map<string, CommunityDoc>
}

/** Summaries in the order given, with community and organisation names in one round trip, or none when `names` are known. */
export async function activitySummaries(
  activities: ActivityDoc[],
  distances?: Map<string, number>,
  names?: ActivityNames,
): Promise<ActivitySummary[]> {
  const [{ communities, organisations }, photos] = await Promise.all([
    names ??
      organisationsAndCommunities(
        activities.map((a) => a.organisationId),
        activities.map((a) => a.communityId),
      ),
    // The cover is shown to everyone in lists: only a photo that passed.
    photosAsSeen(
      'activity',
      activities.map((a) => ({ id: a._id, fileIds: a.photos, audience: 'others' })),
    ),
  ])
  return activities.map((a, i) => {
    const distanceM = distances?.get(a._id)
    const cover = photos[i].photos[0]
    return {
      id: a._id,
      title: a.title,
      kind: a.kind,
      kindLabel: activityKindLabel[a.kind],
      status: a.status,
      statusLabel: activityStatusLabel[a.status],
      organisationId: a.organisationId,
      organisationName: organisations.get(a.organisationId)?.name ?? '',
      communityId: a.communityId,
      communityName: communities.get(a.communityId)?.name ?? '',
      address: a.address,
      location: a.location.coordinates,
      startAt: iso(a.startAt),
      endAt: iso(a.endAt),
      signUpDeadline: iso(a.signUpDeadline),
      participants: placesView(a, 'participant'),
      volunteers: placesView(a, 'volunteer'),
      volunteerMinutes: a.volunteerMinutes,
      servesElders: a.servesElders === true,
      ...(cover ? { coverPhoto: cover } : {}),
      ...(distanceM === undefined ? {} : { distanceM }),
    }
  })
}

/** Where a sign-up stands in an activity's place lists: holding a place or waiting. */
export interface Standing {
  role: SignUpRole
  status: 'confirmed' | 'waitlisted'
  entry: PlaceEntry
}

export function standing(activity: ActivityDoc, signUpId: string): Standing | null {
  for (const role of ['participant', 'volunteer'] as const) {
    for (const status of ['confirmed', 'waitlisted'] as const) {
      const entry = activity.places[role][status].find((e) => e.id === signUpId)
      if (entry) return { role, status, entry }
    }
  }
  return null
}

/** 候补第 n 位, from the activity's own list: the one record of the order. */
function positionOf(signUp: ActivitySignUpDoc, activity: ActivityDoc): { waitlistPosition?: number } {
  if (signUp.status !== 'waitlisted') return {}
  const position = waitlistPosition(placeFacts(activity.places[signUp.role]), signUp._id)
  return position === null ? {} : { waitlistPosition: position }
}

export function mySignUpView(signUp: ActivitySignUpDoc, activity: ActivityDoc): MySignUp {
  return {
    signUpId: signUp._id,
    role: signUp.role,
    roleLabel: signUpRoleLabelOf(activity, signUp.role),
    status: signUp.status,
    statusLabel: signUpStatusLabel[signUp.status],
    ...positionOf(signUp, activity),
    ...optionalIso('checkedInAt', signUp.checkedInAt),
    ...optionalIso('checkedOutAt', signUp.checkedOutAt),
    ...(signUp.confirmedMinutes === undefined ? {} : { confirmedMinutes: signUp.confirmedMinutes }),
  }
}

/** A cancelled sign-up is as good as none: the page offers to sign up again. */
export const isLive = (signUp: ActivitySignUpDoc | null): signUp is ActivitySignUpDoc => signUp !== null && signUp.status !== 'cancelled'

/** Took part: held a place and was there (checked in by code or ticked by the lead). */
export const tookPart = (signUp: ActivitySignUpDoc | null) =>
  isLive(signUp) && signUp.status === 'confirmed' && signUp.checkedInAt !== undefined

/** Whose photos and take-down `viewer` looks at: the committee's, the organisation's (the author), or anyone else's. */
function audienceOf(activity: ActivityDoc, viewer: Principal): PhotoAudience {
  if (sitsOnCommitteeOf(viewer, activity.communityId)) return 'committee'
  return isOfOrganisation(viewer, activity.organisationId) ? 'author' : 'others'
}

/**
 * The activity's page as `viewer` sees it: places left, their own sign-up, and whether they may rate.
 * Their sign-up is read only when the lists hold them (the lists are the record of who is live), or
 * given by an action that has just written it; the names, when the action has read them.
 */
export async function activityDetail(
  activity: ActivityDoc,
  viewer: Principal,
  now: Date,
  known: { signUp?: ActivitySignUpDoc | null; names?: ActivityNames } = {},
): Promise<ActivityDetail> {
  const { openid } = viewer
  const audience = audienceOf(activity, viewer)
  const signUpId = signUpDocId(activity._id, openid)
  const [[summary], signUp, [photos]] = await Promise.all([
    activitySummaries([activity], undefined, known.names),
    known.signUp !== undefined ? known.signUp : standing(activity, signUpId) ? signUpById(signUpId) : null,
    photosAsSeen('activity', [{ id: activity._id, fileIds: activity.photos, audience }]),
  ])
  const mayRate = tookPart(signUp) && hasEnded(activity, now)
  const [rated, comments] = await Promise.all([
    mayRate ? ratingById(signUp!._id) : null,
    activity.status === 'finished' ? commentsOf(activity._id, COMMENTS_LIMIT) : [],
  ])
  const queued = activity.status === 'pending_approval' || activity.status === 'rejected'
  return {
    ...summary,
    description: activity.description,
    ...photos,
    ...(activity.takenDown && audience !== 'others' ? { takenDown: takenDownView(activity.takenDown) } : {}),
    ...(audience === 'committee' ? { moderates: true as const } : {}),
    approvalReasons: queued ? approvalReasonViews(activity) : [],
    ...(activity.status === 'rejected' && activity.decision?.reason ? { rejectedReason: activity.decision.reason } : {}),
    ...(activity.cancelled ? { cancelledReason: activity.cancelled.reason } : {}),
    mySignUps: isLive(signUp) ? [mySignUpView(signUp, activity)] : [],
    canRate: mayRate && rated === null,
    rating: {
      average: activity.rating && activity.rating.count > 0 ? Math.round((activity.rating.sum / activity.rating.count) * 10) / 10 : null,
      count: activity.rating?.count ?? 0,
    },
    comments: comments
      .filter((c) => !c.takenDown || audience === 'committee' || c.openid === openid)
      .map((c) => ({
        id: c._id,
        name: c.shownName,
        rating: c.rating,
        comment: c.comment ?? '',
        at: iso(c.at),
        ...(c.takenDown ? { takenDown: takenDownView(c.takenDown) } : {}),
      })),
  }
}

/**
 * The lead's roster: those holding a place in sign-up order, then the waitlist in its order.
 * Names and phones only: what the lead needs to run the event.
 */
export async function rosterEntries(activity: ActivityDoc, signUps: ActivitySignUpDoc[]): Promise<RosterEntry[]> {
  const live = signUps.filter(isLive)
  const people = await peopleByOpenids(live.map((s) => s.openid))
  const entries = live.map((s) => {
    const person = people.get(s.openid)
    const measured =
      s.role === 'volunteer' && s.checkedInAt && s.checkedOutAt
        ? volunteerServiceMinutes(
            { checkInAt: new Date(s.checkedInAt), checkOutAt: new Date(s.checkedOutAt) },
            { startAt: new Date(activity.startAt), endAt: new Date(activity.endAt) },
          )
        : undefined
    return {
      signUpId: s._id,
      name: person?.name ?? '',
      ...(person?.phone ? { phone: person.phone } : {}),
      role: s.role,
      roleLabel: signUpRoleLabelOf(activity, s.role),
      status: s.status,
      statusLabel: signUpStatusLabel[s.status],
      ...positionOf(s, activity),
      signedUpAt: iso(s.signedUpAt),
      ...optionalIso('checkedInAt', s.checkedInAt),
      ...optionalIso('checkedOutAt', s.checkedOutAt),
      ...(s.checkInBy ? { checkInBy: s.checkInBy } : {}),
      ...(measured === undefined ? {} : { measuredMinutes: measured }),
      ...(s.confirmedMinutes === undefined ? {} : { confirmedMinutes: s.confirmedMinutes }),
    }
  })
  const rank = (e: RosterEntry) => (e.status === 'confirmed' ? 0 : (e.waitlistPosition ?? Number.MAX_SAFE_INTEGER))
  return entries.sort((a, b) => rank(a) - rank(b) || a.signedUpAt.localeCompare(b.signedUpAt))
}
