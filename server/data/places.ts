import { database } from './cloudbase'
import type { CommunityDoc, OfficeDoc, OrganisationDoc } from './documents'

/** Documents of one collection by id, in one round trip. */
async function byIds<T extends { _id: string }>(collection: string, ids: string[]): Promise<Map<string, T>> {
  const unique = [...new Set(ids)]
  if (unique.length === 0) return new Map()
  const db = database()
  const { data } = await db
    .collection(collection)
    .where({ _id: db.command.in(unique) })
    .limit(unique.length)
    .get()
  return new Map((data as T[]).map((doc) => [doc._id, doc]))
}

export const communitiesByIds = (ids: string[]) => byIds<CommunityDoc>('communities', ids)
export const organisationsByIds = (ids: string[]) => byIds<OrganisationDoc>('organisations', ids)
export const officesByIds = (ids: string[]) => byIds<OfficeDoc>('offices', ids)
