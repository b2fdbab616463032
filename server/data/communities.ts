import { containing, database } from './cloudbase'
import { asGeoPoint, geoPoint } from './geo'
import type { CommunityDoc } from './documents'
import { whole } from './transaction'

/** Every community an office oversees. An office has tens of them at most. */
export async function communitiesOfOffices(officeIds: string[]): Promise<CommunityDoc[]> {
  if (officeIds.length === 0) return []
  const { data } = await database()
    .collection('communities')
    .where({ officeId: database().command.in(officeIds) })
    .limit(1000)
    .get()
  return data as CommunityDoc[]
}

export async function setReviewBeforeMatching(communityId: string, reviewBeforeMatching: boolean): Promise<void> {
  await database().collection('communities').doc(communityId).update({ reviewBeforeMatching })
}

export async function setActivityPolicy(communityId: string, policy: NonNullable<CommunityDoc['activityPolicy']>): Promise<void> {
  await database()
    .collection('communities')
    .doc(communityId)
    .update({ activityPolicy: whole(policy) })
}

/** Every community, by name: a resident picks where they move to (a city's worth; the list is short). */
export async function allCommunities(limit: number): Promise<CommunityDoc[]> {
  const { data } = await database().collection('communities').where({}).orderBy('name', 'asc').limit(limit).get()
  return data as CommunityDoc[]
}

/** Communities taking residents nearest `point` first, as the 2dsphere index returns them; within `maxDistanceM`. */
export async function communitiesNear(point: readonly [number, number], maxDistanceM: number, limit: number): Promise<CommunityDoc[]> {
  const _ = database().command
  const { data } = await database()
    .collection('communities')
    .where({ centre: _.geoNear({ geometry: geoPoint(point), maxDistance: maxDistanceM }), suspendedAt: _.exists(false) })
    .limit(limit)
    .get()
  return (data as CommunityDoc[]).map((c) => ({ ...c, centre: asGeoPoint(c.centre) }))
}

/** Communities taking residents whose name, city, district or street contains `text`; by name, at most `limit`. */
export async function communitiesMatching(text: string, limit: number): Promise<CommunityDoc[]> {
  const db = database()
  const _ = db.command
  const contains = containing(text)
  const { data } = await db
    .collection('communities')
    .where(_.and([_.or(['name', 'city', 'district', 'street'].map((field) => ({ [field]: contains }))), { suspendedAt: _.exists(false) }]))
    .orderBy('name', 'asc')
    .limit(limit)
    .get()
  return (data as CommunityDoc[]).map((c) => ({ ...c, centre: asGeoPoint(c.centre) }))
}
