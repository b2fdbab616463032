/** 社区活动: the activities, activity_sign_ups and activity_ratings collections. */
import { createHash } from 'node:crypto'
import type { ActivityKind, SignUpRole } from '../../shared/domain/activity'
import { database, documentsWhereIn, readAll } from './cloudbase'
import type { ActivityDoc, ActivityRatingDoc, ActivitySignUpDoc, PlaceEntry } from './documents'
import { asGeoPoint, geoPoint } from './geo'
import { isDuplicateWrite } from './write-errors'

const activities = () => database().collection('activities')
const signUps = () => database().collection('activity_sign_ups')
const ratings = () => database().collection('activity_ratings')

/** One id per (activity, person), as for roles (decision 005): a retried sign-up meets the first one. */
export function signUpDocId(activityId: string, openid: string): string {
  return createHash('sha256').update(`activity-sign-up\n${activityId}\n${openid}`).digest('hex').slice(0, 32)
}

/** The location as GeoJSON whatever the SDK handed back (a transaction's read too). */
export function readActivity(doc: unknown): ActivityDoc {
  const activity = doc as ActivityDoc
  return { ...activity, location: asGeoPoint(activity.location) }
}

export async function addActivity(fields: Omit<ActivityDoc, '_id'>): Promise<string> {
  const { id } = (await activities().add({ ...fields, location: geoPoint(fields.location.coordinates) })) as { id: string }
  return id
}

export async function activityById(id: string): Promise<ActivityDoc | null> {
  const { data } = await activities().doc(id).get()
  return data[0] ? readActivity(data[0]) : null
}

export async function activitiesByIds(ids: string[]): Promise<Map<string, ActivityDoc>> {
  const found = await documentsWhereIn('activities', '_id', ids)
  return new Map(found.map((doc) => [(doc as ActivityDoc)._id, readActivity(doc)]))
}

/**
 * Published activities within `radiusM` of `point` that end after `endsAfter` (and start before
 * `startsBefore`, when given), nearest first through the 2dsphere index; none the committee took down.
 */
export async function publishedNear(
  point: readonly [number, number],
  radiusM: number,
  filter: { kind?: ActivityKind; endsAfter: Date; startsBefore?: Date },
  limit: number,
): Promise<ActivityDoc[]> {
  const _ = database().command
  const { data } = await activities()
    .where({
      location: _.geoNear({ geometry: geoPoint(point), maxDistance: radiusM }),
      status: 'published',
      takenDown: _.exists(false),
      endAt: _.gt(filter.endsAfter),
      ...(filter.startsBefore ? { startAt: _.lt(filter.startsBefore) } : {}),
      ...(filter.kind ? { kind: filter.kind } : {}),
    })
    .limit(limit)
    .get()
  return data.map(readActivity)
}

/** An organisation's activities in every status, latest start first. */
export async function activitiesOfOrganisation(organisationId: string, limit: number): Promise<ActivityDoc[]> {
  const { data } = await activities().where({ organisationId }).orderBy('startAt', 'desc').limit(limit).get()
  return data.map(readActivity)
}

/** Published activities of these organisations starting in [start, end), soonest first: a lead's day. */
export async function publishedOfOrganisationsStarting(
  organisationIds: readonly string[],
  range: { start: Date; end: Date },
  limit: number,
): Promise<ActivityDoc[]> {
  if (organisationIds.length === 0) return []
  const _ = database().command
  const { data } = await activities()
    .where({ organisationId: _.in([...organisationIds]), status: 'published', startAt: _.gte(range.start).and(_.lt(range.end)) })
    .orderBy('startAt', 'asc')
    .limit(limit)
    .get()
  return data.map(readActivity)
}

/** The committee's queue: activities waiting for approval, oldest first. */
export async function pendingApprovalIn(communityId: string, limit: number): Promise<ActivityDoc[]> {
  const { data } = await activities().where({ communityId, status: 'pending_approval' }).orderBy('createdAt', 'asc').limit(limit).get()
  return data.map(readActivity)
}

/**
 * Published activities starting after `now + fromMs` and by `now + toMs`, soonest first, whose
 * last reminder is none of `sentNot` (a reminder and any after it).
 */
export async function startingSoon(
  now: Date,
  window: { fromMs: number; toMs: number },
  sentNot: string[],
  limit: number,
): Promise<ActivityDoc[]> {
  const _ = database().command
  const { data } = await activities()
    .where({
      status: 'published',
      startAt: _.gt(new Date(now.getTime() + window.fromMs)).lte(new Date(now.getTime() + window.toMs)),
      reminded: _.nin(sentNot),
    })
    .orderBy('startAt', 'asc')
    .limit(limit)
    .get()
  return data.map(readActivity)
}

/** Published activities that have ended by `now`, to be marked finished. */
export async function endedBy(now: Date, limit: number): Promise<ActivityDoc[]> {
  const { data } = await activities()
    .where({ status: 'published', endAt: database().command.lte(now) })
    .orderBy('endAt', 'asc')
    .limit(limit)
    .get()
  return data.map(readActivity)
}

/** How many of a community's activities wait for the committee's approval. */
export async function pendingApprovalCount(communityId: string): Promise<number> {
  const { total } = await activities().where({ communityId, status: 'pending_approval' }).count()
  return total
}

/** A community's activities that finished with their end in [start, end), through the (communityId, status, endAt) index. */
export async function finishedIn(communityIds: string[], range: { start: Date; end: Date }): Promise<ActivityDoc[]> {
  const _ = database().command
  const query = activities().where({ communityId: _.in(communityIds), status: 'finished', endAt: _.gte(range.start).and(_.lt(range.end)) })
  return (await readAll(query.orderBy('endAt', 'asc'))).map(readActivity)
}

// ——— places ———

const placesField = { participant: 'participantPlaces', volunteer: 'volunteerPlaces' } as const
type ClaimedList = 'confirmed' | 'waitlisted'

/**
 * Puts `entry` on `role`'s list of places, or on its waitlist when every place is taken, with one
 * conditional update outside a transaction each: the database applies them one after another on
 * the document, so racers for the last places never conflict and never overfill them (decision 015).
 * Each holds only while the activity takes sign-ups, has the places it had when read, and lists
 * the person nowhere; null when neither matched, and the caller reads the activity again to say why.
 * `first` is the list to try first: the one the activity as read says.
 */
export async function claimPlace(
  activity: ActivityDoc,
  role: SignUpRole,
  entry: PlaceEntry,
  first: ClaimedList,
): Promise<ClaimedList | null> {
  const _ = database().command
  const places = activity[placesField[role]]
  const lastPlace = `places.${role}.confirmed.${places - 1}`
  const open = {
    _id: activity._id,
    status: 'published',
    signUpDeadline: _.gt(entry.at),
    [placesField[role]]: places,
    'places.participant.confirmed.id': _.neq(entry.id),
    'places.participant.waitlisted.id': _.neq(entry.id),
    'places.volunteer.confirmed.id': _.neq(entry.id),
    'places.volunteer.waitlisted.id': _.neq(entry.id),
  }
  const claim = async (list: ClaimedList) => {
    const { updated } = (await activities()
      // A waitlist only while every place is taken: nobody waits beside a free place.
      .where({ ...open, [lastPlace]: _.exists(list === 'waitlisted') })
      .update({ [`places.${role}.${list}`]: _.push(entry), updatedAt: entry.at })) as { updated?: number }
    return updated === 1
  }
  for (const list of [first, first === 'confirmed' ? 'waitlisted' : 'confirmed'] as const) if (await claim(list)) return list
  return null
}

// ——— sign-ups ———

/** How many participants checked in at each of these activities: one aggregation per 1000 activities. */
export async function participantsCheckedIn(activityIds: string[]): Promise<Map<string, number>> {
  const db = database()
  const counts = new Map<string, number>()
  for (let i = 0; i < activityIds.length; i += 1000) {
    const chunk = activityIds.slice(i, i + 1000)
    const { data } = await signUps()
      .aggregate()
      .match({ activityId: db.command.in(chunk), role: 'participant', checkedInAt: db.command.exists(true) })
      .group({ _id: '$activityId', n: db.command.aggregate.sum(1) })
      .limit(chunk.length)
      .end()
    for (const row of data as { _id: string; n: number }[]) counts.set(row._id, row.n)
  }
  return counts
}

/** Adds a sign-up under its derived id; false when there is one already. */
export async function addSignUp(signUp: ActivitySignUpDoc): Promise<boolean> {
  try {
    await signUps().add(signUp)
    return true
  } catch (error) {
    if (isDuplicateWrite(error)) return false
    throw error
  }
}

export async function signUpById(id: string): Promise<ActivitySignUpDoc | null> {
  const { data } = await signUps().doc(id).get()
  return (data[0] as ActivitySignUpDoc | undefined) ?? null
}

/** Every sign-up of an activity, in every status: at most its places, waitlist and cancellations. */
export async function signUpsOfActivity(activityId: string): Promise<ActivitySignUpDoc[]> {
  return readAll<ActivitySignUpDoc>(signUps().where({ activityId }).orderBy('signedUpAt', 'asc'))
}

/**
 * A person's live sign-ups, latest first, each with its activity, in one round trip (an aggregation
 * joining `activities` on the sign-up's activityId). A sign-up whose activity is gone has none.
 */
export async function liveSignUpsWithActivities(
  openid: string,
  limit: number,
): Promise<{ signUp: ActivitySignUpDoc; activity: ActivityDoc | undefined }[]> {
  const _ = database().command
  const { data } = await signUps()
    .aggregate()
    .match({ openid, status: _.in(['confirmed', 'waitlisted']) })
    .sort({ signedUpAt: -1 })
    .limit(limit)
    .lookup({ from: 'activities', localField: 'activityId', foreignField: '_id', as: 'activity' })
    .end()
  return (data as (ActivitySignUpDoc & { activity: unknown[] })[]).map(({ activity, ...signUp }) => ({
    signUp,
    activity: activity[0] === undefined ? undefined : readActivity(activity[0]),
  }))
}

// ——— ratings ———

export async function ratingById(id: string): Promise<ActivityRatingDoc | null> {
  const { data } = await ratings().doc(id).get()
  return (data[0] as ActivityRatingDoc | undefined) ?? null
}

/** The latest ratings of an activity that carry a comment. */
export async function commentsOf(activityId: string, limit: number): Promise<ActivityRatingDoc[]> {
  const { data } = await ratings()
    .where({ activityId, comment: database().command.exists(true) })
    .orderBy('at', 'desc')
    .limit(limit)
    .get()
  return data as ActivityRatingDoc[]
}

/** Whether `openid` checked in as a participant at an activity of `organisationId`: attended, for 评议 (decision 051). */
export async function attendedActivityOf(openid: string, organisationId: string): Promise<boolean> {
  const _ = database().command
  const { data } = await signUps()
    .where({ openid, role: 'participant', checkedInAt: _.exists(true) })
    .field({ activityId: true })
    .limit(1000)
    .get()
  const ids = (data as { activityId: string }[]).map((s) => s.activityId)
  if (ids.length === 0) return false
  const { total } = await activities()
    .where({ _id: _.in(ids), organisationId })
    .count()
  return total > 0
}

/** How many of `organisationId`'s activities the committee took down. */
export async function takenDownActivitiesOf(organisationId: string): Promise<number> {
  const { total } = await activities()
    .where({ organisationId, takenDown: database().command.exists(true) })
    .count()
  return total
}
