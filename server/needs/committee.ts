/** The committee's side: the queue, moderation, assignment by hand, why a need went where, settings. */
import type { NeedsContract } from '../../shared/contracts/needs'
import { AppError, ErrorCode } from '../../shared/errors'
import { followUpOf, needStatusAfter, needStatusSchema, OPEN_NEED_STATUSES, urgencySchema } from '../../shared/domain/need'
import { approximatePlaces } from '../../shared/domain/report-figures'
import { distanceM } from '../../shared/domain/organisation'
import { addAuditEntry } from '../data/audit'
import { setReviewBeforeMatching } from '../data/communities'
import type { NeedDoc, QueueReason } from '../data/documents'
import { closeOpenOffers, needsOfCommunity, neighbourhoodsOf, offersOfNeed, openNeedPlaces, queuedIn, withEvents } from '../data/needs'
import { organisationById, organisationFactsPatch } from '../data/organisations'
import { organisationsByIds } from '../data/places'
import { inTransaction, unset, whole } from '../data/transaction'
import { auditEntry } from '../audit'
import type { ActionContext, ActionImplementations } from '../handler'
import { authoriseOverCommunity } from '../scopes'
import { loadNeed } from './access'
import { dispatchRound } from './matching'
import { actorOf, needEvent, notify } from './notify'
import { needViews, revealedView } from './views'

type Action<A extends keyof NeedsContract['actions']> = ActionImplementations<NeedsContract>[A]

const queueReasonLabel: Record<QueueReason, string> = {
  review: '待审核',
  flagged: '内容被标记',
  escalated: '无人接单',
  duplicate: '可能重复',
  overdue: '逾期未办完',
}

/** More than a committee works through in a day; the most harmful first, so nothing urgent waits unseen. */
const QUEUE_LIMIT = 100

/** Whole minutes since the need was raised: the requester has waited that long, however recently the committee was told. */
const minutesSinceRaised = (need: NeedDoc, now: Date) =>
  Math.max(0, Math.floor((now.getTime() - new Date(need.createdAt).getTime()) / 60_000))

export const queue: Action<'queue'> = async (context) => {
  const community = await authoriseOverCommunity(context, context.input.communityId)
  const needs = await queuedIn(community._id, Object.keys(queueReasonLabel) as QueueReason[], QUEUE_LIMIT)
  // The list shows what is needed to decide; opening one (detail) is the audited full view.
  const views = await needViews(needs, 'limited')
  return {
    needs: needs.map((n, i) => ({
      need: views[i],
      reason: n.queue!,
      reasonLabel: queueReasonLabel[n.queue!],
      waitingMinutes: minutesSinceRaised(n, context.now),
    })),
    reviewBeforeMatching: community.reviewBeforeMatching === true,
  }
}

/** A list, not the work of a day: past this the committee narrows the filter. */
const COMMUNITY_NEEDS_LIMIT = 100
/** Open needs on the map: more than a community has at once. */
const MAP_LIMIT = 1000

export const communityNeeds: Action<'communityNeeds'> = async (context) => {
  const { input } = context
  const community = await authoriseOverCommunity(context, input.communityId)
  const statuses = input.status === 'open' ? OPEN_NEED_STATUSES : input.status === 'all' ? needStatusSchema.options : [input.status]
  const [{ needs, total }, neighbourhoods, places] = await Promise.all([
    needsOfCommunity(
      community._id,
      {
        statuses,
        urgencies: input.urgency ? [input.urgency] : urgencySchema.options,
        helpKind: input.helpKind,
        neighbourhood: input.neighbourhood,
      },
      COMMUNITY_NEEDS_LIMIT,
    ),
    neighbourhoodsOf(community._id),
    openNeedPlaces(community._id, MAP_LIMIT),
  ])
  // As the queue: what is needed to choose; opening one is the audited full view.
  return { needs: await needViews(needs, 'limited'), total, neighbourhoods, map: approximatePlaces(places) }
}

/** The need, after authorising the caller over its community. */
async function needOfCommunity(context: ActionContext<unknown>, needId: string): Promise<NeedDoc> {
  const need = await loadNeed(needId)
  await authoriseOverCommunity(context, need.communityId)
  return need
}

const moved = () => new AppError(ErrorCode.CONFLICT, '这条求助的状态已经变了，请刷新后再看')

export const moderate: Action<'moderate'> = async (context) => {
  const { input, now } = context
  const need = await needOfCommunity(context, input.needId)
  const committee = await context.caller()
  const publish = input.decision === 'publish'
  const dispatch = await inTransaction(async (tx) => {
    const current = await tx.get('needs', need._id)
    if (!current) throw moved()
    if (publish && current.status !== 'review') {
      // Publishing a possible duplicate only clears the question; it is matched already.
      if (current.queue !== 'duplicate') throw moved()
      await tx.update('needs', need._id, {
        queue: unset(),
        queuedAt: unset(),
        ...withEvents(needEvent(actorOf(committee), '社区确认不是重复求助', now)),
        updatedAt: now,
      })
      return false
    }
    if (!needStatusAfter(current.status, publish ? 'publish' : 'hide')) throw moved()
    await tx.update('needs', need._id, {
      status: publish ? 'matching' : 'hidden',
      queue: unset(),
      queuedAt: unset(),
      ...(publish ? {} : { hiddenReason: input.reason }),
      ...withEvents(needEvent(actorOf(committee), publish ? '社区审核通过' : `社区隐藏了求助：${input.reason}`, now)),
      updatedAt: now,
    })
    return publish
  })
  if (!publish) {
    await closeOpenOffers(need._id, 'withdrawn', now)
    await addAuditEntry(auditEntry(committee, 'need.hide', { communityId: need.communityId, needId: need._id, reason: input.reason }, now))
  }
  if (dispatch) await dispatchRound(await loadNeed(need._id), now)
  return { need: await revealedView(committee, await loadNeed(need._id), now) }
}

export const assign: Action<'assign'> = async (context) => {
  const { input, now } = context
  const need = await needOfCommunity(context, input.needId)
  const organisation = await organisationById(input.organisationId)
  if (!organisation || organisation.status !== 'approved' || !organisation.servesCommunityIds.includes(need.communityId)) {
    throw new AppError(ErrorCode.NOT_FOUND, '本社区没有这个已备案的组织', 'data.organisationId')
  }
  const committee = await context.caller()
  // By hand the committee may choose an organisation whose circle does not reach; the distance is still told.
  const distance = distanceM(organisation.serviceArea.centre.coordinates, need.location.coordinates)
  await inTransaction(async (tx) => {
    const current = await tx.get('needs', need._id)
    if (!current || !needStatusAfter(current.status, 'assign')) throw moved()
    await tx.update('needs', need._id, {
      status: 'accepted',
      acceptedBy: whole({ organisationId: organisation._id, name: organisation.name, at: now, distanceM: distance }),
      followUp: whole(followUpOf(current.urgency, now, current.wantedBy ? new Date(current.wantedBy) : undefined)),
      queue: unset(),
      queuedAt: unset(),
      ...withEvents(needEvent(actorOf(committee), `社区指派给${organisation.name}`, now)),
      updatedAt: now,
    })
    await tx.update('organisations', organisation._id, organisationFactsPatch({ activeTasks: 1, counters: { accepted: 1 } }))
  })
  await closeOpenOffers(need._id, 'withdrawn', now)
  await addAuditEntry(
    auditEntry(committee, 'need.assign', { communityId: need.communityId, organisationId: organisation._id, needId: need._id }, now),
  )
  const assigned = await loadNeed(need._id)
  await notify([organisation.leadOpenid], 'taskAssigned', assigned, {})
  await notify([assigned.requesterOpenid], 'needAccepted', assigned, { organisation: organisation.name, status: '已指派' })
  return { need: await revealedView(committee, assigned, now) }
}

export const matchDetails: Action<'matchDetails'> = async (context) => {
  const need = await needOfCommunity(context, context.input.needId)
  const offers = await offersOfNeed(need._id)
  const organisations = await organisationsByIds(offers.map((o) => o.organisationId))
  return {
    offers: offers.map((o) => ({
      offerId: o._id,
      organisationId: o.organisationId,
      organisationName: organisations.get(o.organisationId)?.name ?? '',
      round: o.round,
      status: o.status,
      offeredAt: new Date(o.offeredAt).toISOString(),
      deadline: new Date(o.deadline).toISOString(),
      score: o.score,
    })),
  }
}

export const settings: Action<'settings'> = async (context) => {
  const { input } = context
  const community = await authoriseOverCommunity(context, input.communityId)
  await setReviewBeforeMatching(community._id, input.reviewBeforeMatching)
  const committee = await context.caller()
  await addAuditEntry(
    auditEntry(
      committee,
      'need.settings',
      { communityId: community._id, reason: input.reviewBeforeMatching ? '求助先审核再派单' : '求助直接派单' },
      context.now,
    ),
  )
  return { reviewBeforeMatching: input.reviewBeforeMatching }
}
