import { createHash } from 'node:crypto'
import { containing, database } from './cloudbase'
import { asGeoPoint, geoPoint } from './geo'
import type { CommunityDoc } from './documents'
import { whole } from './transaction'
import { isDuplicateWrite } from './write-errors'

/**
 * A community's id follows from its office, street and name: adding the same one twice, one by one
 * or from a sheet, however the two calls interleave, collides instead of making a second (decision 034).
 */
export const communityIdOf = (officeId: string, street: string, name: string) =>
  `c-${createHash('sha256').update(`${officeId}\u0000${street}\u0000${name}`).digest('hex').slice(0, 24)}`

/** Adds the community under its derived id; false when it is there already. */
export async function addCommunity(community: Omit<CommunityDoc, 'centre'> & { centre: readonly [number, number] }): Promise<boolean> {
  try {
    await database()
      .collection('communities')
      .add({ ...community, centre: geoPoint(community.centre) })
    return true
  } catch (error) {
    if (isDuplicateWrite(error)) return false
    throw error
  }
}

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

/** The office's community of this name in this street, if any: however it was added (the seed's have other ids). */
export async function communityNamed(officeId: string, street: string, name: string): Promise<CommunityDoc | null> {
  const { data } = await database().collection('communities').where({ officeId, street, name }).limit(1).get()
  return (data[0] as CommunityDoc | undefined) ?? null
}
