/** 社区社会组织: the organisations collection. */
import {
  MAX_SERVICE_RADIUS_M,
  NO_TASKS_YET,
  organisationStatusSchema,
  RECENT_RESPONSES,
  type OrganisationStatus,
  type TaskCounters,
} from '../../shared/domain/organisation'
import type { HelpKind } from '../../shared/domain/vocabulary'
import { database, readAll } from './cloudbase'
import type { OrganisationDoc } from './documents'
import { asGeoPoint, geoPoint } from './geo'
import { isDuplicateWrite } from './write-errors'

const organisations = () => database().collection('organisations')

/** Documents as the server uses them: the service centre as GeoJSON whatever the SDK returned. */
export function readOrganisation(doc: unknown): OrganisationDoc {
  const organisation = doc as OrganisationDoc
  return { ...organisation, serviceArea: { ...organisation.serviceArea, centre: asGeoPoint(organisation.serviceArea.centre) } }
}
const readAllOf = (data: unknown[]) => data.map(readOrganisation)

export async function organisationById(id: string): Promise<OrganisationDoc | null> {
  const { data } = await organisations().doc(id).get()
  return data[0] ? readOrganisation(data[0]) : null
}

export async function organisationByInviteCode(inviteCode: string): Promise<OrganisationDoc | null> {
  const { data } = await organisations().where({ inviteCode }).limit(1).get()
  return data[0] ? readOrganisation(data[0]) : null
}

/** Invite codes are random; a clash with the unique index is rare and answered by drawing again. */
async function withFreshCode<T>(newCode: () => string, write: (code: string) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await write(newCode())
    } catch (error) {
      if (!isDuplicateWrite(error) || attempt >= 5) throw error
    }
  }
}

/** A new application, with its task counters whole from the start (each count is then an increment). */
export async function addOrganisation(
  application: Omit<OrganisationDoc, '_id' | 'inviteCode' | 'taskCounters'>,
  newCode: () => string,
): Promise<OrganisationDoc> {
  const organisation = { ...application, taskCounters: { ...NO_TASKS_YET } }
  const centre = organisation.serviceArea.centre.coordinates
  return withFreshCode(newCode, async (inviteCode) => {
    const stored = { ...organisation, inviteCode, serviceArea: { ...organisation.serviceArea, centre: geoPoint(centre) } }
    const { id } = (await organisations().add(stored)) as { id: string }
    return { ...organisation, inviteCode, _id: id }
  })
}

export async function replaceInviteCode(id: string, newCode: () => string): Promise<string> {
  return withFreshCode(newCode, async (inviteCode) => {
    await organisations().doc(id).update({ inviteCode })
    return inviteCode
  })
}

/**
 * Approved organisations by distance from `point`, through the 2dsphere index on serviceArea.centre:
 * nothing beyond the largest radius any organisation may have is read. With `servingCommunityId`, only
 * those that serve that community.
 */
export async function approvedNear(
  point: readonly [number, number],
  helpKind: HelpKind | undefined,
  limit: number,
  excluded: string[] = [],
  servingCommunityId?: string,
) {
  const _ = database().command
  const { data } = await organisations()
    .where({
      'serviceArea.centre': _.geoNear({ geometry: geoPoint(point), maxDistance: MAX_SERVICE_RADIUS_M }),
      status: 'approved',
      ...(helpKind ? { helpKinds: helpKind } : {}),
      ...(servingCommunityId ? { servesCommunityIds: servingCommunityId } : {}),
      ...(excluded.length > 0 ? { _id: _.nin(excluded) } : {}),
    })
    .limit(limit)
    .get()
  return readAllOf(data)
}

/** Pending applications of a community, oldest first. A community has a handful at a time. */
export async function pendingOf(communityId: string): Promise<OrganisationDoc[]> {
  const { data } = await organisations().where({ communityId, status: 'pending' }).orderBy('createdAt', 'asc').limit(100).get()
  return readAllOf(data)
}

/** The order the committee works through them: what waits for a decision first, as the schema lists them. */
const statusRank = new Map(organisationStatusSchema.options.map((status, rank) => [status, rank]))
/** Names as a Chinese index sorts them (by pinyin), not by code point. */
const byName = new Intl.Collator('zh-CN')

/**
 * A community's organisations, or those in one status: by status, then by name. A community has
 * tens; 1000 is the most one read returns.
 */
export async function organisationsOf(communityId: string, status: OrganisationStatus | undefined): Promise<OrganisationDoc[]> {
  const { data } = await organisations()
    .where({ communityId, ...(status ? { status } : {}) })
    .limit(1000)
    .get()
  return sortedForRegistry(readAllOf(data))
}

/** In the registry's order: by status, then by name. */
export function sortedForRegistry(list: OrganisationDoc[]): OrganisationDoc[] {
  return list.sort((a, b) => statusRank.get(a.status)! - statusRank.get(b.status)! || byName.compare(a.name, b.name))
}

/** Every organisation of the communities, whatever its status. */
export async function organisationsOfCommunities(communityIds: string[]): Promise<OrganisationDoc[]> {
  return readAllOf(await readAll(organisations().where({ communityId: database().command.in(communityIds) })))
}

/** Organisations someone applied for that are not yet (or not) approved: they hold no role in them. */
export async function applicationsBy(leadOpenid: string): Promise<OrganisationDoc[]> {
  const _ = database().command
  const { data } = await organisations()
    .where({ leadOpenid, status: _.in(['pending', 'rejected']) })
    .limit(100)
    .get()
  return readAllOf(data)
}

/** How many organisations each community has in each status, in one aggregation. */
export async function statusCounts(communityIds: string[]): Promise<Map<string, Record<OrganisationStatus, number>>> {
  const counts = new Map(communityIds.map((id) => [id, { pending: 0, approved: 0, rejected: 0, suspended: 0 }]))
  // No communities (an office with none yet): nothing to ask, and CloudBase refuses $limit: 0.
  if (communityIds.length === 0) return counts
  const db = database()
  const $ = db.command.aggregate
  const { data } = await organisations()
    .aggregate()
    .match({ communityId: db.command.in(communityIds) })
    .group({ _id: { communityId: '$communityId', status: '$status' }, n: $.sum(1) })
    .limit(communityIds.length * 4)
    .end()
  for (const row of data as { _id: { communityId: string; status: OrganisationStatus }; n: number }[]) {
    const forCommunity = counts.get(row._id.communityId)
    if (forCommunity) forCommunity[row._id.status] = row.n
  }
  return counts
}

/** The facts the needs flow keeps on organisations for the scorer and the record; counts are atomic increments. */
export interface OrganisationFactsChange {
  activeTasks?: number
  counters?: Partial<TaskCounters>
  /** Minutes one more answer (or lapse) took. */
  responseMinutes?: number
  /** One more offer-to-acceptance time, kept with the latest RECENT_RESPONSES without reading them first. */
  acceptedAfterMinutes?: number
  /** One more rating, 1..5. */
  rating?: number
  lastOfferedAt?: Date
  /** One more activity held to its end. */
  activityHeld?: boolean
}

/** The update that makes `change`: for one organisation inside a transaction, or for several at once. */
export function organisationFactsPatch(change: OrganisationFactsChange): object {
  const _ = database().command
  const counters = Object.fromEntries(Object.entries(change.counters ?? {}).map(([k, n]) => [k, _.inc(n)]))
  return {
    ...(change.activeTasks ? { activeTasks: _.inc(change.activeTasks) } : {}),
    ...(Object.keys(counters).length > 0 ? { taskCounters: counters } : {}),
    ...(change.responseMinutes !== undefined ? { response: { minutesSum: _.inc(change.responseMinutes), count: _.inc(1) } } : {}),
    ...(change.acceptedAfterMinutes !== undefined
      ? { acceptanceMinutes: _.push({ each: [change.acceptedAfterMinutes], slice: -RECENT_RESPONSES }) }
      : {}),
    ...(change.rating !== undefined ? { rating: { sum: _.inc(change.rating), count: _.inc(1) } } : {}),
    ...(change.lastOfferedAt ? { lastOfferedAt: change.lastOfferedAt } : {}),
    ...(change.activityHeld ? { activitiesHeld: _.inc(1) } : {}),
  }
}

export async function updateOrganisationFacts(ids: string[], change: OrganisationFactsChange): Promise<void> {
  if (ids.length === 0) return
  await organisations()
    .where({ _id: database().command.in(ids) })
    .update(organisationFactsPatch(change))
}
