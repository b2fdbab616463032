/**
 * Matching (docs/decisions/007): candidates from the geo index, scored, a fair shortlist offered
 * at once; a decline or a lapse passes the need on; nobody left escalates it to the committee.
 */
import { chooseShortlist, needStatusAfter, offerDeadline, scoreCandidate, shortlistSize, type MatchScore } from '../../shared/domain/need'
import { serviceDistance } from '../../shared/domain/organisation'
import type { NeedDoc, OfferDoc, OrganisationDoc } from '../data/documents'
import { addNeed, addOffers, hasOpenOffer, needById, withEvents } from '../data/needs'
import { approvedNear, organisationFactsPatch, updateOrganisationFacts } from '../data/organisations'
import { inTransaction } from '../data/transaction'
import { needEvent, notify, notifyCommittee, SYSTEM, textCommitteeOnDuty } from './notify'

/**
 * How many capable organisations one round takes, nearest first through the 2dsphere index: enough to
 * choose among, and bounded however many organisations a city has.
 */
export const CANDIDATE_POOL = 12

export interface Candidate {
  organisation: OrganisationDoc
  organisationId: string
  distanceM: number
  score: MatchScore
  lastOfferedAt: Date | null
}

/**
 * Approved organisations serving the need's community whose own service area reaches the need, giving
 * that help, with room. One near a boundary is not offered the neighbouring community's needs.
 */
export async function findCandidates(
  need: Pick<NeedDoc, 'location' | 'helpKind' | 'communityId'>,
  excluded: string[],
): Promise<Candidate[]> {
  const point = need.location.coordinates
  const near = await approvedNear(point, need.helpKind, CANDIDATE_POOL, excluded, need.communityId)
  return near.flatMap((o) => {
    const distanceM = serviceDistance({ centre: o.serviceArea.centre.coordinates, radiusM: o.serviceArea.radiusM }, point)
    const activeTasks = o.activeTasks ?? 0
    if (distanceM === null || activeTasks >= o.capacity) return []
    const lastOfferedAt = o.lastOfferedAt ? new Date(o.lastOfferedAt) : null
    const score = scoreCandidate(
      {
        organisationId: o._id,
        distanceM,
        radiusM: o.serviceArea.radiusM,
        helpKinds: o.helpKinds,
        activeTasks,
        capacity: o.capacity,
        response: o.response,
        rating: o.rating,
        lastOfferedAt,
      },
      need.helpKind,
    )
    return [{ organisation: o, organisationId: o._id, distanceM, score, lastOfferedAt }]
  })
}

/** The offers of a round to its shortlist. */
function offersOf(need: NeedDoc, shortlist: Candidate[], round: number, now: Date): Omit<OfferDoc, '_id'>[] {
  return shortlist.map((c) => ({
    needId: need._id,
    organisationId: c.organisationId,
    communityId: need.communityId,
    round,
    status: 'open',
    score: c.score,
    distanceM: c.distanceM,
    offeredAt: now,
    deadline: offerDeadline(need.urgency, now),
  }))
}

const offeredEvent = (shortlist: Candidate[], now: Date) => needEvent(SYSTEM, `已派给附近 ${shortlist.length} 个组织，等待接单`, now)

/**
 * Offers `need` to the next shortlist, or escalates it when nobody is left. Two callers passing
 * the same need on at once (two declines) both get here: the round number, checked inside the
 * transaction, lets only one of them make offers.
 */
export async function dispatchRound(need: NeedDoc, now: Date): Promise<'offered' | 'escalated' | 'skipped'> {
  const shortlist = chooseShortlist(await findCandidates(need, need.offeredTo), shortlistSize[need.urgency])
  if (shortlist.length === 0) return (await escalate(need, now)) ? 'escalated' : 'skipped'
  const round = need.round + 1
  const ids = shortlist.map((c) => c.organisationId)
  const made = await inTransaction(async (tx) => {
    const current = await tx.get('needs', need._id)
    if (current?.status !== 'matching' || current.round !== need.round) return false
    await tx.update('needs', need._id, {
      round,
      offeredTo: [...current.offeredTo, ...ids],
      ...withEvents(offeredEvent(shortlist, now)),
      updatedAt: now,
    })
    for (const offer of offersOf(need, shortlist, round, now)) {
      await tx.add('offers', offer)
      await tx.update('organisations', offer.organisationId, organisationFactsPatch({ counters: { offered: 1 }, lastOfferedAt: now }))
    }
    return true
  })
  if (!made) return 'skipped'
  await tellShortlist(need, shortlist)
  return 'offered'
}

/**
 * Stores a need nobody has seen yet with its first round offered to `shortlist` (not empty), the
 * offering last on its timeline. Nothing can race a need not yet stored, so no transaction: the
 * offers and the organisations' facts are written first, at once, and the need last, so that a
 * failure leaves no need claiming offers it lacks (an offer whose need is missing is shown to nobody
 * and lapses). Answers the need as stored.
 */
export async function storeWithFirstRound(fresh: NeedDoc, shortlist: Candidate[], now: Date): Promise<NeedDoc> {
  const ids = shortlist.map((c) => c.organisationId)
  const need = { ...fresh, round: 1, offeredTo: ids, timeline: [...fresh.timeline, offeredEvent(shortlist, now)] }
  await Promise.all([
    addOffers(offersOf(need, shortlist, 1, now)),
    updateOrganisationFacts(ids, { counters: { offered: 1 }, lastOfferedAt: now }),
  ])
  await addNeed(need)
  return need
}

/** Tells the leads of a round's shortlist of their offer. */
export async function tellShortlist(need: NeedDoc, shortlist: Candidate[]): Promise<void> {
  await notify(
    shortlist.map((c) => c.organisation.leadOpenid),
    'newOffer',
    need,
    {},
  )
}

/** No candidate left: the committee assigns by hand. False when the need moved on meanwhile. */
export async function escalate(need: NeedDoc, now: Date): Promise<boolean> {
  const escalated = await inTransaction(async (tx) => {
    const current = await tx.get('needs', need._id)
    if (!current || current.round !== need.round || !needStatusAfter(current.status, 'escalate')) return false
    await tx.update('needs', need._id, {
      status: 'escalated',
      queue: 'escalated',
      queuedAt: now,
      ...withEvents(needEvent(SYSTEM, '附近暂无组织接单，已转社区两委处理', now)),
      updatedAt: now,
    })
    return true
  })
  if (escalated) {
    await notifyCommittee(need, 'needEscalated', { progress: '附近暂无组织接单，请社区两委处理' })
    await notify([need.requesterOpenid], 'needEscalated', need, { progress: '附近暂无组织接单，已转社区两委' })
  }
  return escalated
}

/**
 * After a decline or a lapse: when no offer of the need is still open, the next round. A 紧急 need
 * nobody accepted in its first round is also told to the committee, by SMS too: the run that moved
 * it on (offered again or escalated) tells, so racing runs tell once.
 */
export async function passOn(needId: string, now: Date): Promise<void> {
  if (await hasOpenOffer(needId)) return
  const need = await needById(needId)
  if (need?.status !== 'matching') return
  const moved = await dispatchRound(need, now)
  if (moved === 'skipped' || need.round !== 1 || need.urgency !== 'urgent') return
  // Escalating told the committee already.
  if (moved === 'offered') await notifyCommittee(need, 'needEscalated', { progress: '紧急求助第一轮无组织接单，请关注' })
  await textCommitteeOnDuty(need, 'urgentUnacceptedText')
}
