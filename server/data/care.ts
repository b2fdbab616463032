/** 关爱对象与定期探访: the care_register and care_visits collections. */
import { database, readAll } from './cloudbase'
import type { CareEntryDoc, CareVisitDoc } from './documents'
import { asGeoPoint } from './geo'
import { changeReads } from './report-rollups'

const register = () => database().collection('care_register')
const visits = () => database().collection('care_visits')

/** The location as GeoJSON whatever the SDK handed back. */
function readEntry(doc: unknown): CareEntryDoc {
  const entry = doc as CareEntryDoc
  return { ...entry, location: asGeoPoint(entry.location) }
}

export async function addCareEntry(entry: Omit<CareEntryDoc, '_id'>): Promise<CareEntryDoc> {
  const { id } = (await register().add(entry)) as { id: string }
  return { ...entry, _id: id }
}

export async function careEntryById(id: string): Promise<CareEntryDoc | null> {
  const { data } = await register().doc(id).get()
  return data[0] ? readEntry(data[0]) : null
}

/** The active entry of a resident who uses the mini-program, if they are on the register. */
export async function activeEntryOfResident(residentId: string): Promise<CareEntryDoc | null> {
  const { data } = await register().where({ residentId, active: true }).limit(1).get()
  return data[0] ? readEntry(data[0]) : null
}

/**
 * A community's active register, soonest due first (so the most overdue lead), or only those due
 * before `dueBefore`. A community has tens to hundreds; every page is read.
 */
export async function activeRegisterOf(communityId: string, dueBefore?: Date): Promise<CareEntryDoc[]> {
  const _ = database().command
  const query = register().where({ communityId, active: true, ...(dueBefore ? { nextDueAt: _.lt(dueBefore) } : {}) })
  return (await readAll(query.orderBy('nextDueAt', 'asc'))).map(readEntry)
}

/** Everyone ever on the communities' registers, withdrawn too, in the order they were registered. */
export async function wholeRegisterOf(communityIds: string[]): Promise<CareEntryDoc[]> {
  const query = register().where({ communityId: database().command.in(communityIds) })
  return (await readAll(query.orderBy('registeredAt', 'asc'))).map(readEntry)
}

/** Entries paired with a volunteer personally. A volunteer has a handful. */
export async function entriesPairedWithVolunteer(openid: string): Promise<CareEntryDoc[]> {
  const { data } = await register().where({ pairedOpenids: openid }).limit(1000).get()
  return data.map(readEntry)
}

/** How many people on an active register each of these volunteers is paired with personally. */
export async function pairedEntryCounts(openids: string[]): Promise<Map<string, number>> {
  const counts = new Map(openids.map((openid) => [openid, 0]))
  if (openids.length === 0) return counts
  const found = await readAll<Pick<CareEntryDoc, 'pairedOpenids'>>(
    register()
      .where({ pairedOpenids: database().command.in(openids), active: true })
      .field({ pairedOpenids: true }),
  )
  for (const entry of found) for (const openid of entry.pairedOpenids) if (counts.has(openid)) counts.set(openid, counts.get(openid)! + 1)
  return counts
}

/** Entries paired with any of these organisations. */
export async function entriesPairedWithOrganisations(organisationIds: string[]): Promise<CareEntryDoc[]> {
  if (organisationIds.length === 0) return []
  const query = register().where({ 'pairing.organisationId': database().command.in(organisationIds) })
  return (await readAll(query)).map(readEntry)
}

/** Entries whose reminder (`remindAt`) or escalation (`escalateAt`) moment has passed, earliest first. */
export async function entriesWithMomentBefore(field: 'remindAt' | 'escalateAt', now: Date, limit: number): Promise<CareEntryDoc[]> {
  const { data } = await register()
    .where({ [field]: database().command.lt(now) })
    .orderBy(field, 'asc')
    .limit(limit)
    .get()
  return data.map(readEntry)
}

// ——— visits ———

/** An entry's visits, newest first; with `visitorOpenid`, only that person's. */
export async function careVisitById(id: string): Promise<CareVisitDoc | null> {
  const { data } = await visits().doc(id).get()
  return (data[0] as CareVisitDoc | undefined) ?? null
}

export async function visitsOfEntry(entryId: string, limit: number, visitorOpenid?: string): Promise<CareVisitDoc[]> {
  const { data } = await visits()
    .where({ entryId, ...(visitorOpenid ? { visitorOpenid } : {}) })
    .orderBy('visitedAt', 'desc')
    .limit(limit)
    .get()
  return data as CareVisitDoc[]
}

/** Every visit in a community in [start, end). */
export async function visitsInCommunities(communityIds: string[], start: Date, end: Date): Promise<CareVisitDoc[]> {
  const _ = database().command
  return readAll<CareVisitDoc>(
    visits()
      .where({ communityId: _.in(communityIds), visitedAt: _.gte(start).and(_.lt(end)) })
      .orderBy('visitedAt', 'asc'),
  )
}

// ——— the visit rate's rollups (decision 054) ———

/** The visits' writing (decision 054): a visit does not change in what the rate counts. */
export const visitChanges = changeReads<CareVisitDoc>('care_visits', (doc) => doc as CareVisitDoc)
