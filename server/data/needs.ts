/** 急难愁盼: the needs and offers collections. */
import { randomBytes } from 'node:crypto'
import { harmFirst, harmRank, OPEN_NEED_STATUSES, type NeedStatus, type Urgency } from '../../shared/domain/need'
import type { HelpKind } from '../../shared/domain/vocabulary'
import { database, documentsWhereIn, readAll } from './cloudbase'
import type { NeedDoc, NeedEvent, OfferDoc, QueueReason } from './documents'
import { asGeoPoint, geoPoint } from './geo'
import { appended, patched } from './transaction'

const needs = () => database().collection('needs')
const offers = () => database().collection('offers')

/** The location as GeoJSON whatever the SDK handed back. */
export function readNeed(doc: unknown): NeedDoc {
  const need = doc as NeedDoc
  return { ...need, location: asGeoPoint(need.location) }
}

/**
 * More lines than a need's life writes: a progress note past it is refused. Keeps the need document
 * (which carries its timeline, decision 043) small whatever a lead posts.
 */
export const MAX_TIMELINE_EVENTS = 300

/** The patch that adds `events` to a need's timeline in the write that changes it. */
export function withEvents(...events: NeedEvent[]) {
  return { timeline: appended(events) }
}

/** Adds `events` to the timeline of a need nothing else changes. */
export async function addNeedEvents(needId: string, events: NeedEvent[]): Promise<void> {
  await needs()
    .doc(needId)
    .update(withEvents(...events))
}

/** The need as `patch` leaves it, from the document a transaction read: no read back after writing. */
export function needAfter(current: NeedDoc, patch: object): NeedDoc {
  return readNeed(patched(current, patch))
}

/** What a new need starts from: no round, no offers, no volunteers yet; `timeline` its first lines. */
type NewNeed = Omit<NeedDoc, '_id' | 'round' | 'offeredTo' | 'volunteers' | 'createdAt' | 'updatedAt'>

/** A need as it is first stored, its id made here so that its offers and timeline can be written beside it. */
export function newNeed(fields: NewNeed, now: Date): NeedDoc {
  return { ...fields, _id: randomBytes(16).toString('hex'), round: 0, offeredTo: [], volunteers: [], createdAt: now, updatedAt: now }
}

export async function addNeed(need: NeedDoc): Promise<void> {
  await needs().add({ ...need, location: geoPoint(need.location.coordinates) })
}

export async function needById(id: string): Promise<NeedDoc | null> {
  const { data } = await needs().doc(id).get()
  return data[0] ? readNeed(data[0]) : null
}

export async function needsByIds(ids: string[]): Promise<Map<string, NeedDoc>> {
  const found = await documentsWhereIn('needs', '_id', ids)
  return new Map(found.map((doc) => [(doc as NeedDoc)._id, readNeed(doc)]))
}

/** What a resident raised, newest first; with `statuses`, only those in them. */
export async function needsOfRequester(openid: string, limit: number, statuses?: readonly NeedStatus[]): Promise<NeedDoc[]> {
  const { data } = await needs()
    .where({ requesterOpenid: openid, ...(statuses ? { status: database().command.in([...statuses]) } : {}) })
    .orderBy('createdAt', 'desc')
    .limit(limit)
    .get()
  return data.map(readNeed)
}

/** Organisations' tasks in the given statuses, newest first; with `volunteerOpenid`, only those assigned to them. */
export async function needsOfOrganisations(
  organisationIds: readonly string[],
  statuses: readonly NeedStatus[],
  limit: number,
  volunteerOpenid?: string,
): Promise<NeedDoc[]> {
  if (organisationIds.length === 0) return []
  const { data } = await needs()
    .where({
      'acceptedBy.organisationId': database().command.in([...organisationIds]),
      status: database().command.in([...statuses]),
      ...(volunteerOpenid ? { 'volunteers.openid': volunteerOpenid } : {}),
    })
    .orderBy('acceptedBy.at', 'desc')
    .limit(limit)
    .get()
  return data.map(readNeed)
}

/**
 * How many accepted needs each of these people is assigned to, whatever organisation: their open
 * tasks. Found through status (status_finishBy_1): the needs being carried out at once are few.
 */
export async function assignedTaskCounts(openids: string[]): Promise<Map<string, number>> {
  const counts = new Map(openids.map((openid) => [openid, 0]))
  if (openids.length === 0) return counts
  const found = await readAll<Pick<NeedDoc, 'volunteers'>>(
    needs()
      .where({ 'volunteers.openid': database().command.in(openids), status: 'accepted' })
      .field({ volunteers: true }),
  )
  for (const need of found) {
    for (const openid of new Set(need.volunteers.map((v) => v.openid))) if (counts.has(openid)) counts.set(openid, counts.get(openid)! + 1)
  }
  return counts
}

/**
 * The committee's queue, the most harmful first, then the longest waiting since raised
 * (shared/domain/need.ts harmFirst). The life-safety and urgent ones are read on their own, so
 * that a long queue of others never pushes them past the limit.
 */
export async function queuedIn(communityId: string, reasons: readonly QueueReason[], limit: number): Promise<NeedDoc[]> {
  const _ = database().command
  const read = (urgencies?: readonly Urgency[]) =>
    needs()
      .where({ communityId, queue: _.in([...reasons]), ...(urgencies ? { urgency: _.in([...urgencies]) } : {}) })
      .orderBy('queuedAt', 'asc')
      .limit(limit)
      .get()
  const [harmful, all] = await Promise.all([read(['life', 'urgent']), read()])
  const byId = new Map([...harmful.data, ...all.data].map((doc) => [(doc as NeedDoc)._id, readNeed(doc)]))
  return [...byId.values()]
    .sort((a, b) => harmFirst({ urgency: a.urgency, since: a.createdAt }, { urgency: b.urgency, since: b.createdAt }))
    .slice(0, limit)
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
  const { data } = await needs()
    .where({ status: 'done', doneAt: database().command.lt(cutoff) })
    .limit(limit)
    .get()
  return data.map(readNeed)
}

/** How many of a community's needs wait in its committee's queue, for each reason. */
export async function queueCounts(communityId: string): Promise<Record<QueueReason, number>> {
  const db = database()
  const { data } = await needs()
    .aggregate()
    .match({ communityId, queue: db.command.in(['review', 'flagged', 'escalated', 'duplicate', 'overdue']) })
    .group({ _id: '$queue', n: db.command.aggregate.sum(1) })
    .limit(5)
    .end()
  const counts = { review: 0, flagged: 0, escalated: 0, duplicate: 0, overdue: 0 }
  for (const row of data as { _id: QueueReason; n: number }[]) counts[row._id] = row.n
  return counts
}

/**
 * 危及生命安全 needs of the community that no organisation has accepted yet, oldest first: the
 * committee watches them from the moment they are raised, not only once they reach its queue.
 */
export async function lifeNeedsUnaccepted(communityId: string, limit: number): Promise<NeedDoc[]> {
  const { data } = await needs().where({ communityId, urgency: 'life', status: 'matching' }).orderBy('createdAt', 'asc').limit(limit).get()
  return data.map(readNeed)
}

/** Accepted needs past their expected finish whose lead has not been reminded yet. */
export async function dueForReminder(now: Date, limit: number): Promise<NeedDoc[]> {
  const _ = database().command
  const { data } = await needs()
    .where({ status: 'accepted', 'followUp.finishBy': _.lt(now), 'followUp.remindedAt': _.exists(false) })
    .orderBy('followUp.finishBy', 'asc')
    .limit(limit)
    .get()
  return data.map(readNeed)
}

/** Accepted needs still not done past the time the committee is to be told, not yet in its queue. */
export async function dueForCommittee(now: Date, limit: number): Promise<NeedDoc[]> {
  const _ = database().command
  const { data } = await needs()
    .where({ status: 'accepted', 'followUp.overdueAt': _.lt(now), queue: _.exists(false) })
    .orderBy('followUp.overdueAt', 'asc')
    .limit(limit)
    .get()
  return data.map(readNeed)
}

export interface CommunityNeedsFilter {
  statuses: readonly NeedStatus[]
  helpKind?: HelpKind
  urgencies: readonly Urgency[]
  neighbourhood?: string
}

/**
 * A community's needs matching `filter`, the most harmful first and the oldest first within
 * each degree of harm (shared/domain/need.ts harmFirst): one read per degree, in harm order,
 * until `limit` are found; and how many match in all.
 */
export async function needsOfCommunity(
  communityId: string,
  filter: CommunityNeedsFilter,
  limit: number,
): Promise<{ needs: NeedDoc[]; total: number }> {
  const _ = database().command
  const where = (urgencies: readonly Urgency[]) => ({
    communityId,
    urgency: _.in([...urgencies]),
    status: _.in([...filter.statuses]),
    ...(filter.helpKind ? { helpKind: filter.helpKind } : {}),
    ...(filter.neighbourhood ? { neighbourhood: filter.neighbourhood } : {}),
  })
  const found: NeedDoc[] = []
  for (const rank of [0, 1, 2]) {
    const urgencies = filter.urgencies.filter((u) => harmRank(u) === rank)
    if (found.length >= limit || urgencies.length === 0) continue
    const { data } = await needs()
      .where(where(urgencies))
      .orderBy('createdAt', 'asc')
      .limit(limit - found.length)
      .get()
    found.push(...data.map(readNeed))
  }
  const { total } = await needs().where(where(filter.urgencies)).count()
  return { needs: found, total }
}

/** The 小区 and villages a community's needs were raised in, for the committee's filter. */
export async function neighbourhoodsOf(communityId: string): Promise<string[]> {
  const { data } = await needs().aggregate().match({ communityId }).group({ _id: '$neighbourhood' }).limit(200).end()
  return (data as { _id: string }[]).map((row) => row._id).sort((a, b) => a.localeCompare(b, 'zh-CN'))
}

/** Where a community's open needs are: their points only. */
export async function openNeedPlaces(communityId: string, limit: number): Promise<[number, number][]> {
  const { data } = await needs()
    .where({ communityId, status: database().command.in([...OPEN_NEED_STATUSES]) })
    .field({ location: true })
    .limit(limit)
    .get()
  return data.map((doc) => readNeed(doc).location.coordinates)
}

/** What the reports read of a need: no description, address detail, phone or names; the 小区 is the approximate place anyone may see. */
export const FIGURE_FIELDS = {
  communityId: true,
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
 * The communities' needs that were raised, accepted, done or judged in [start, end): one indexed range
 * read per moment, so a need raised long before and completed in it is found too.
 */
export async function needsForFigures(communityIds: string[], range: { start: Date; end: Date }): Promise<NeedForFigures[]> {
  const _ = database().command
  const reads = FIGURE_MOMENTS.map((moment) =>
    readAll<NeedDoc>(
      needs()
        .where({ communityId: _.in(communityIds), [moment]: _.gte(range.start).and(_.lt(range.end)) })
        .orderBy(moment, 'asc')
        .field(FIGURE_FIELDS),
    ),
  )
  const byId = new Map((await Promise.all(reads)).flat().map((doc) => [doc._id, readNeed(doc)]))
  return [...byId.values()]
}

/**
 * The `limit` needs whose latest moment in [start, end) is latest, raised first: the latest `limit`
 * of each moment hold them all, so that is all that is read.
 */
export async function needsListed(communityId: string, range: { start: Date; end: Date }, limit: number): Promise<NeedForFigures[]> {
  const _ = database().command
  const reads = FIGURE_MOMENTS.map(async (moment) => {
    const { data } = await needs()
      .where({ communityId, [moment]: _.gte(range.start).and(_.lt(range.end)) })
      .orderBy(moment, 'desc')
      .field(FIGURE_FIELDS)
      .limit(limit)
      .get()
    return data.map(readNeed)
  })
  const byId = new Map((await Promise.all(reads)).flat().map((need) => [need._id, need]))
  const latest = (need: NeedDoc) =>
    Math.max(
      ...[need.createdAt, need.acceptedBy?.at, need.doneAt, need.outcome?.at]
        .map((moment) => (moment ? new Date(moment) : null))
        .filter((moment): moment is Date => moment !== null && moment >= range.start && moment < range.end)
        .map((moment) => moment.getTime()),
    )
  return [...byId.values()]
    .sort((a, b) => latest(b) - latest(a))
    .slice(0, limit)
    .sort((a, b) => new Date(a.createdAt).getTime() - new Date(b.createdAt).getTime())
}

// ——— offers ———

/** A round's offers, in one write. */
export async function addOffers(made: Omit<OfferDoc, '_id'>[]): Promise<void> {
  if (made.length > 0) await offers().add(made)
}

export async function offerById(id: string): Promise<OfferDoc | null> {
  const { data } = await offers().doc(id).get()
  return (data[0] as OfferDoc | undefined) ?? null
}

/** Every offer of a need, in the order they were made. A need has tens at most. */
export async function offersOfNeed(needId: string): Promise<OfferDoc[]> {
  return readAll<OfferDoc>(offers().where({ needId }).orderBy('round', 'asc'))
}

/** Open offers to any of these organisations, the soonest deadline first. */
export async function openOffersOfOrganisations(organisationIds: readonly string[], limit: number): Promise<OfferDoc[]> {
  if (organisationIds.length === 0) return []
  const { data } = await offers()
    .where({ organisationId: database().command.in([...organisationIds]), status: 'open' })
    .orderBy('deadline', 'asc')
    .limit(limit)
    .get()
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
  const { data } = await offers()
    .where({ status: 'open', deadline: database().command.lt(now) })
    .orderBy('deadline', 'asc')
    .limit(limit)
    .get()
  return data as OfferDoc[]
}

/** Whether `openid` raised a need that `organisationId` accepted and that is closed: served, for 评议 (decision 051). */
export async function servedBy(openid: string, organisationId: string): Promise<boolean> {
  const { data } = await needs()
    .where({ requesterOpenid: openid, status: 'closed', 'acceptedBy.organisationId': organisationId })
    .limit(1)
    .get()
  return data.length > 0
}

/** How many needs the requesters judged 未解决 of `organisationId`'s work in [start, end). */
export async function unsolvedOf(organisationId: string, range: { start: Date; end: Date }): Promise<number> {
  const _ = database().command
  const { total } = await needs()
    .where({
      'outcome.organisationId': organisationId,
      'outcome.result': 'unsolved',
      'outcome.at': _.gte(range.start).and(_.lt(range.end)),
    })
    .count()
  return total
}
