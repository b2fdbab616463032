import { documentsWhereIn } from './cloudbase'
import type { CommunityDoc, OfficeDoc, OrganisationDoc } from './documents'

/** Documents of one collection by id. */
export async function byIds<T extends { _id: string }>(collection: string, ids: string[]): Promise<Map<string, T>> {
  const found = (await documentsWhereIn(collection, '_id', ids)) as T[]
  return new Map(found.map((doc) => [doc._id, doc]))
}

export const communitiesByIds = (ids: string[]) => byIds<CommunityDoc>('communities', ids)
export const organisationsByIds = (ids: string[]) => byIds<OrganisationDoc>('organisations', ids)
export const officesByIds = (ids: string[]) => byIds<OfficeDoc>('offices', ids)
