/** 急难愁盼: the needs, offers and need_events collections. */
import { OPEN_NEED_STATUSES, type NeedStatus } from '../../shared/domain/need'
import type { HelpKind } from '../../shared/domain/vocabulary'
import type { Patch } from './collections'
import { database, documentsWhereIn, readAll } from './cloudbase'
import type { NeedDoc, NeedEventDoc, OfferDoc, QueueReason } from './documents'
import { asGeoPoint, geoPoint } from './geo'

const needs = () => database().collection('needs')
const offers = () => database().collection('offers')
const events = () => database().collection('need_events')

/** The location as GeoJSON whatever the SDK handed back. */
function readNeed(doc: unknown): NeedDoc {
  const need = doc as NeedDoc
  return { ...need, location: asGeoPoint(need.location) }
}

/** What a new need starts from: no round, no offers, no volunteers yet. */
type NewNeed = Omit<NeedDoc, '_id' | 'round' | 'offeredTo' | 'volunteers' | 'createdAt' | 'updatedAt'>

export async function addNeed(fields: NewNeed, now: Date): Promise<NeedDoc> {
  const need = { ...fields, round: 0, offeredTo: [], volunteers: [], createdAt: now, updatedAt: now }
  const { id } = (await needs().add({ ...need, location: geoPoint(need.location.coordinates) })) as { id: string }
  return { ...need, _id: id }
}

export async function needById(id: string): Promise<NeedDoc | null> {
  const { data } = await needs().doc(id).get()
  return data[0] ? readNeed(data[0]) : null
}

export async function needsByIds(ids: string[]): Promise<Map<string, NeedDoc>> {
  const found = await documentsWhereIn('needs', '_id', ids)
  return new Map(found.map((doc) => [(doc as NeedDoc)._id, readNeed(doc)]))
}

/** A plain update outside a transaction: for fields no other writer races on. */
export async function updateNeed(id: string, patch: Patch<NeedDoc>): Promise<void> {
  await needs().doc(id).update(patch)
}

/** What a resident raised, newest first. */
export async function needsOfRequester(openid: string, limit: number): Promise<NeedDoc[]> {
  const { data } = await needs().where({ requesterOpenid: openid }).orderBy('createdAt', 'desc').limit(limit).get()
  return data.map(readNeed)
}

/** An organisation's tasks in the given statuses, newest first. */
export async function needsOfOrganisation(organisationId: string, statuses: readonly NeedStatus[], limit: number): Promise<NeedDoc[]> {
  const { data } = await needs()
    .where({ 'acceptedBy.organisationId': organisationId, status: database().command.in([...statuses]) })
    .orderBy('acceptedBy.at', 'desc')
    .limit(limit)
    .get()
  return data.map(readNeed)
}

/** The committee's queue, oldest first. */
export async function queuedIn(communityId: string, reasons: readonly QueueReason[], limit: number): Promise<NeedDoc[]> {
  const { data } = await needs()
    .where({ communityId, queue: database().command.in([...reasons]) })
    .orderBy('queuedAt', 'asc')
    .limit(limit)
    .get()
  return data.map(readNeed)
}

/** Open needs of the same kind within `radiusM` of `point` raised since `since`, nearest first. */
export async function needsNear(point: readonly [number, number], radiusM: number, helpKind: HelpKind, since: Date): Promise<NeedDoc[]> {
  const _ = database().command
  const { data } = await needs()
    .where({
      location: _.geoNear({ geometry: geoPoint(point), maxDistance: radiusM }),
      helpKind,
      createdAt: _.gte(since),
      status: _.in([...OPEN_NEED_STATUSES]),
    })
    .limit(20)
    .get()
  return data.map(readNeed)
}

/** Needs done before `cutoff` and still waiting for the requester's answer. */
export async function doneBefore(cutoff: Date, limit: number): Promise<NeedDoc[]> {
  const { data } = await needs().where({ status: 'done', doneAt: database().command.lt(cutoff) }).limit(limit).get()
  return data.map(readNeed)
}

/** How many of a community's needs wait in its committee's queue, for each reason. */
export async function queueCounts(communityId: string): Promise<Record<QueueReason, number>> {
  const db = database()
  const { data } = await needs()
    .aggregate()
    .match({ communityId, queue: db.command.in(['review', 'flagged', 'escalated', 'duplicate']) })
    .group({ _id: '$queue', n: db.command.aggregate.sum(1) })
    .limit(4)
    .end()
  const counts = { review: 0, flagged: 0, escalated: 0, duplicate: 0 }
  for (const row of data as { _id: QueueReason; n: number }[]) counts[row._id] = row.n
  return counts
}

/** What the reports read of a need: no description, address detail, phone or names; the 小区 is the approximate place anyone may see. */
const FIGURE_FIELDS = {
  helpKind: true,
  urgency: true,
  status: true,
  neighbourhood: true,
  createdAt: true,
  acceptedBy: true,
  doneAt: true,
  outcome: true,
  location: true,
}

/** The moments a need's figures count from, each with its own index on (communityId, moment). */
const FIGURE_MOMENTS = ['createdAt', 'acceptedBy.at', 'doneAt', 'outcome.at'] as const

export type NeedForFigures = Pick<NeedDoc, '_id' | keyof typeof FIGURE_FIELDS>

/**
 * A community's needs that were raised, accepted, done or judged in [start, end): one indexed range
 * read per moment, so a need raised long before the period and completed in it is found too.
 */
export async function needsForFigures(communityId: string, range: { start: Date; end: Date }): Promise<NeedForFigures[]> {
  const _ = database().command
  const reads = FIGURE_MOMENTS.map((moment) =>
    readAll<NeedDoc>(
      needs()
        .where({ communityId, [moment]: _.gte(range.start).and(_.lt(range.end)) })
        .orderBy(moment, 'asc')
        .field(FIGURE_FIELDS),
    ),
  )
  const byId = new Map((await Promise.all(reads)).flat().map((doc) => [doc._id, readNeed(doc)]))
  return [...byId.values()]
}

// ——— offers ———

export async function offerById(id: string): Promise<OfferDoc | null> {
  const { data } = await offers().doc(id).get()
  return (data[0] as OfferDoc | undefined) ?? null
}

/** Every offer of a need, in the order they were made. A need has tens at most. */
export async function offersOfNeed(needId: string): Promise<OfferDoc[]> {
  return readAll<OfferDoc>(offers().where({ needId }).orderBy('round', 'asc'))
}

export async function openOffersOfOrganisation(organisationId: string, limit: number): Promise<OfferDoc[]> {
  const { data } = await offers().where({ organisationId, status: 'open' }).orderBy('deadline', 'asc').limit(limit).get()
  return data as OfferDoc[]
}

export async function openOfferOf(needId: string, organisationId: string): Promise<OfferDoc | null> {
  const { data } = await offers().where({ needId, organisationId, status: 'open' }).limit(1).get()
  return (data[0] as OfferDoc | undefined) ?? null
}

export async function hasOpenOffer(needId: string): Promise<boolean> {
  const { total } = await offers().where({ needId, status: 'open' }).count()
  return total > 0
}

/** Closes every still-open offer of a need (taken by another, or withdrawn); returns how many. */
export async function closeOpenOffers(needId: string, status: 'taken' | 'withdrawn', at: Date): Promise<number> {
  const { updated } = (await offers().where({ needId, status: 'open' }).update({ status, answeredAt: at })) as { updated?: number }
  return updated ?? 0
}

/** Open offers whose deadline has passed, soonest first. */
export async function lapsedOffers(now: Date, limit: number): Promise<OfferDoc[]> {
  const { data } = await offers().where({ status: 'open', deadline: database().command.lt(now) }).orderBy('deadline', 'asc').limit(limit).get()
  return data as OfferDoc[]
}

// ——— timeline ———

export async function addNeedEvent(event: Omit<NeedEventDoc, '_id'>): Promise<void> {
  await events().add(event)
}

export async function timelineOf(needId: string): Promise<NeedEventDoc[]> {
  return readAll<NeedEventDoc>(events().where({ needId }).orderBy('at', 'asc'))
}
