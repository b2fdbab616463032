import { documentsWhereIn, documentsWhereInJoined } from './cloudbase'
import { readOrganisation } from './organisations'
import type { CommunityDoc, OfficeDoc, OrganisationDoc } from './documents'

/** Documents of one collection by id. */
export async function byIds<T extends { _id: string }>(collection: string, ids: string[]): Promise<Map<string, T>> {
  const found = (await documentsWhereIn(collection, '_id', ids)) as T[]
  return new Map(found.map((doc) => [doc._id, doc]))
}

export const communitiesByIds = (ids: string[]) => byIds<CommunityDoc>('communities', ids)
export const organisationsByIds = (ids: string[]) => byIds<OrganisationDoc>('organisations', ids)
export const officesByIds = (ids: string[]) => byIds<OfficeDoc>('offices', ids)

/**
 * Organisations by id and communities by id, in one round trip when the communities are those of the
 * organisations (an activity's, a need's): the organisations joined with their community. Only
 * communities that none of them belongs to are read after.
 */
export async function organisationsAndCommunities(
  organisationIds: string[],
  communityIds: string[],
): Promise<{ organisations: Map<string, OrganisationDoc>; communities: Map<string, CommunityDoc> }> {
  const joined = (await documentsWhereInJoined('organisations', '_id', organisationIds, [
    { from: 'communities', localField: 'communityId', foreignField: '_id', as: 'community' },
  ])) as (OrganisationDoc & { community: CommunityDoc[] })[]
  const organisations = new Map<string, OrganisationDoc>()
  const communities = new Map<string, CommunityDoc>()
  for (const { community, ...organisation } of joined) {
    organisations.set(organisation._id, readOrganisation(organisation))
    for (const c of community) communities.set(c._id, c)
  }
  const others = await communitiesByIds(communityIds.filter((id) => !communities.has(id)))
  for (const [id, c] of others) communities.set(id, c)
  return { organisations, communities }
}
