import { database } from './cloudbase'
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
