/** The organisation's side: offers, accepting or declining, and carrying the task out. */
import type { NeedsContract } from '../../shared/contracts/needs'
import { AppError, ErrorCode } from '../../shared/errors'
import { followUpOf, needStatusAfter, offerWindowMinutes, serviceProblem, type NeedAction } from '../../shared/domain/need'
import type { NeedDoc, OfferDoc, OrganisationDoc, RoleDoc } from '../data/documents'
import { membersOf } from '../data/memberships'
import { peopleByOpenids } from '../data/residents'
import {
  closeOpenOffers,
  MAX_TIMELINE_EVENTS,
  needAfter,
  needById,
  needsByIds,
  needsOfOrganisations,
  offerById,
  openOffersOfOrganisations,
  withEvents,
} from '../data/needs'
import { organisationFactsPatch, updateOrganisationFacts } from '../data/organisations'
import { inTransaction, unset, whole, type Transaction } from '../data/transaction'
import type { ActionImplementations } from '../handler'
import { pendingServiceRecord } from '../timebank/credit'
import { authoriseOverOrganisation } from '../scopes'
import { refuseFlagged } from '../wechat'
import { carriesOut, loadNeed, needNotFound } from './access'
import { passOn } from './matching'
import { actorOf, needEvent, notify } from './notify'
import { auditReveal, needViews, revealedView } from './views'
import { refusePaused } from '../organisations/volunteers'

type Action<A extends keyof NeedsContract['actions']> = ActionImplementations<NeedsContract>[A]

const minutesBetween = (from: Date, to: Date) => Math.max(0, Math.round((to.getTime() - new Date(from).getTime()) / 60_000))

/** More open offers than an organisation answers in a day. */
const OFFERS_LIMIT = 50

export const offers: Action<'offers'> = async (context) => {
  const { organisation, community } = await authoriseOverOrganisation(context, context.input.organisationId)
  const open = await openOffersOfOrganisations([organisation._id], OFFERS_LIMIT)
  const needs = await needsByIds(open.map((o) => o.needId))
  const distances = new Map(open.map((o) => [o.needId, o.distanceM]))
  const views = new Map((await needViews([...needs.values()], 'limited', { distances, community })).map((v) => [v.id, v]))
  return {
    offers: open.flatMap((o) => {
      const need = views.get(o.needId)
      return need
        ? [
            {
              offerId: o._id,
              status: o.status,
              offeredAt: new Date(o.offeredAt).toISOString(),
              deadline: new Date(o.deadline).toISOString(),
              need,
            },
          ]
        : []
    }),
  }
}

/** The organisation's own offer; another organisation's answers as one that does not exist. */
function ownOffer(organisation: OrganisationDoc, offer: OfferDoc | null): OfferDoc {
  if (!offer || offer.organisationId !== organisation._id) throw new AppError(ErrorCode.NOT_FOUND, '没有这个派单', 'data.offerId')
  return offer
}

async function offerTo(organisation: OrganisationDoc, offerId: string): Promise<OfferDoc> {
  return ownOffer(organisation, await offerById(offerId))
}

const taken = () => new AppError(ErrorCode.CONFLICT, '已被其他组织接单')

/** Why an offer can no longer be answered. */
function closedOffer(offer: OfferDoc): AppError {
  if (offer.status === 'taken') return taken()
  if (offer.status === 'expired') return new AppError(ErrorCode.CONFLICT, '已过答复期限')
  if (offer.status === 'withdrawn') return new AppError(ErrorCode.CONFLICT, '求助已取消或已由社区安排')
  return new AppError(ErrorCode.CONFLICT, '这个派单已经答复过了')
}

/**
 * First acceptance wins. The need document is read and written inside one transaction, so of
 * two leads pressing accept at once one commits and the other, run again, finds it accepted. The
 * offer is judged as read before: whatever closes an open offer (another's acceptance, the committee's
 * assignment, a cancellation, a new round) moves the need too, and a lapse is its deadline.
 */
export const accept: Action<'accept'> = async (context) => {
  const [{ organisation, community }, found] = await Promise.all([
    authoriseOverOrganisation(context, context.input.organisationId),
    offerById(context.input.offerId),
  ])
  const offer = ownOffer(organisation, found)
  const lead = await context.caller()
  const { now } = context
  const accepted = await inTransaction(async (tx) => {
    const need = await tx.get('needs', offer.needId)
    // Taken down, it is out of every organisation's sight, whatever offer id a lead kept.
    if (!need || need.takenDown) throw needNotFound()
    if (need.acceptedBy || need.status === 'accepted') throw taken()
    if (offer.status !== 'open') throw closedOffer(offer)
    if (new Date(offer.deadline) < now) throw closedOffer({ ...offer, status: 'expired' })
    if (!needStatusAfter(need.status, 'accept') || need.round !== offer.round) {
      throw new AppError(ErrorCode.CONFLICT, '这条求助已经不需要接单了')
    }
    const patch = {
      status: 'accepted' as const,
      acceptedBy: whole({ organisationId: organisation._id, name: organisation.name, at: now, distanceM: offer.distanceM }),
      followUp: whole(followUpOf(need.urgency, now, need.wantedBy ? new Date(need.wantedBy) : undefined)),
      ...(need.queue ? { queue: unset(), queuedAt: unset() } : {}),
      ...withEvents(needEvent(actorOf(lead), `${organisation.name}接单`, now)),
      updatedAt: now,
    }
    await tx.update('needs', need._id, patch)
    await tx.update('offers', offer._id, { status: 'accepted', answeredAt: now, answeredBy: lead.openid })
    // The record counts it with the acceptance itself: a failure leaves neither.
    const minutes = minutesBetween(offer.offeredAt, now)
    await tx.update(
      'organisations',
      organisation._id,
      organisationFactsPatch({
        activeTasks: 1,
        counters: { accepted: 1 },
        responseMinutes: minutes,
        acceptedAfterMinutes: minutes,
      }),
    )
    return needAfter(need, patch)
  })
  const [view] = await Promise.all([
    revealedView(lead, accepted, now, organisation._id, offer.distanceM, community),
    closeOpenOffers(offer.needId, 'taken', now),
    notify([accepted.requesterOpenid], 'needAccepted', accepted, { organisation: organisation.name, status: '已接单' }),
  ])
  return { need: view }
}

export const decline: Action<'decline'> = async (context) => {
  const { organisation } = await authoriseOverOrganisation(context, context.input.organisationId)
  const offer = await offerTo(organisation, context.input.offerId)
  const lead = await context.caller()
  const { now } = context
  await inTransaction(async (tx) => {
    const current = await tx.get('offers', offer._id)
    if (current?.status !== 'open') throw closedOffer(current ?? offer)
    await tx.update('offers', offer._id, {
      status: 'declined',
      answeredAt: now,
      answeredBy: lead.openid,
      ...(context.input.reason ? { reason: context.input.reason } : {}),
    })
    await tx.update('needs', offer.needId, withEvents(needEvent(actorOf(lead), `${organisation.name}婉拒`, now)))
    await tx.update(
      'organisations',
      organisation._id,
      organisationFactsPatch({ counters: { declined: 1 }, responseMinutes: minutesBetween(offer.offeredAt, now) }),
    )
  })
  await passOn(offer.needId, now)
  return {}
}

/** A lapse counts as an answer that took the whole window, for the scorer's response part. */
export async function expireOffer(offer: OfferDoc, now: Date): Promise<'expired' | 'expiredWithoutNeed' | false> {
  const need = await needById(offer.needId)
  const expired = await inTransaction(async (tx) => {
    const current = await tx.get('offers', offer._id)
    if (current?.status !== 'open') return false
    await tx.update('offers', offer._id, { status: 'expired', answeredAt: now })
    return true
  })
  if (!expired) return false
  // A raise that failed before storing its need (decision 042) left the offer: nobody was asked, nothing counts.
  if (!need) return 'expiredWithoutNeed'
  await updateOrganisationFacts([offer.organisationId], { responseMinutes: offerWindowMinutes[need.urgency] })
  return 'expired'
}

/** Tasks still being carried out or waiting for the requester's answer. */
const TASKS_LIMIT = 100

/** The lead sees every task of the organisation; a volunteer only those they are assigned to. */
export const tasks: Action<'tasks'> = async (context) => {
  const { organisation, community } = await authoriseOverOrganisation(context, context.input.organisationId)
  const me = await context.caller()
  const leads = me.grants.some((g) => g.role === 'organisation_lead' && g.organisationId === organisation._id)
  // A need the committee took down is out of the organisation's sight until it is restored.
  const needs = (await needsOfOrganisations([organisation._id], ['accepted', 'done'], TASKS_LIMIT, leads ? undefined : me.openid)).filter(
    (n) => !n.takenDown,
  )
  await auditReveal(me, needs, context.now, organisation._id)
  const distances = new Map(needs.map((n) => [n._id, n.acceptedBy?.distanceM ?? 0]))
  return { tasks: await needViews(needs, 'full', { distances, asOrganisation: true, community }) }
}

/** A need this organisation accepted and the committee has not taken down. */
async function ownTask(organisation: OrganisationDoc, needId: string): Promise<NeedDoc> {
  const need = await loadNeed(needId)
  if (need.acceptedBy?.organisationId !== organisation._id || need.takenDown) throw needNotFound()
  return need
}

/**
 * Runs `change` on the task inside a transaction after checking its status still allows `action`;
 * `alsoWrite` adds documents that must be written with it.
 */
async function changeTask(
  need: NeedDoc,
  action: NeedAction,
  change: (current: NeedDoc) => object,
  event: ReturnType<typeof needEvent>,
  alsoWrite?: (tx: Transaction, current: NeedDoc) => Promise<void>,
): Promise<NeedDoc> {
  return inTransaction(async (tx) => {
    const current = await tx.get('needs', need._id)
    if (
      !current ||
      current.takenDown ||
      current.acceptedBy?.organisationId !== need.acceptedBy?.organisationId ||
      !needStatusAfter(current.status, action)
    ) {
      throw new AppError(ErrorCode.CONFLICT, '这条求助的状态已经变了，请刷新后再看')
    }
    if (action === 'progress' && current.timeline.length >= MAX_TIMELINE_EVENTS) {
      throw new AppError(ErrorCode.CONFLICT, '这条求助的进展记录已满，请标记完成或联系社区')
    }
    const patch = { ...change(current), ...withEvents(event), updatedAt: event.at }
    await tx.update('needs', need._id, patch)
    await alsoWrite?.(tx, current)
    return needAfter(current, patch)
  })
}

/** Members of the organisation by member id; an id of anyone else is NOT_FOUND. */
async function membersByIds(organisation: OrganisationDoc, memberIds: string[], field: string): Promise<RoleDoc[]> {
  const members = new Map((await membersOf(organisation._id)).map((r) => [r._id, r]))
  return memberIds.map((id, i) => {
    const member = members.get(id)
    if (!member) throw new AppError(ErrorCode.NOT_FOUND, '这个组织没有这名成员', `${field}.${i}`)
    return member
  })
}

export const assignVolunteers: Action<'assignVolunteers'> = async (context) => {
  const { input, now } = context
  const { organisation, community } = await authoriseOverOrganisation(context, input.organisationId)
  const [need, members] = await Promise.all([
    ownTask(organisation, input.needId),
    membersByIds(organisation, [...new Set(input.memberIds)], 'data.memberIds'),
  ])
  const [lead, people] = await Promise.all([
    context.caller(),
    peopleByOpenids(members.map((m) => m.openid)),
    refusePaused(
      members,
      input.memberIds,
      'data.memberIds',
      need.volunteers.map((v) => v.memberId),
      now,
    ),
  ])
  const volunteers = members.map((m) => ({ memberId: m._id, openid: m.openid, name: people.get(m.openid)?.name ?? '' }))
  const assigned = await changeTask(
    need,
    'assignVolunteers',
    () => ({ volunteers }),
    needEvent(actorOf(lead), `安排了 ${members.length} 名志愿者`, now),
  )
  return { need: await revealedView(lead, assigned, now, organisation._id, need.acceptedBy?.distanceM, community) }
}

export const postProgress: Action<'postProgress'> = async (context) => {
  const { input } = context
  const { organisation, community } = await authoriseOverOrganisation(context, input.organisationId)
  const need = await ownTask(organisation, input.needId)
  const me = await context.caller()
  if (!carriesOut(me, need, organisation._id)) {
    throw new AppError(ErrorCode.FORBIDDEN, '只有负责人和安排到的志愿者可以记录进展')
  }
  await refuseFlagged(me.openid, { text: input.text }, 2)
  const progressed = await changeTask(need, 'progress', () => ({}), needEvent(actorOf(me), input.text, context.now))
  return { need: await revealedView(me, progressed, context.now, organisation._id, need.acceptedBy?.distanceM, community) }
}

export const markDone: Action<'markDone'> = async (context) => {
  const { input, now } = context
  const { organisation, community } = await authoriseOverOrganisation(context, input.organisationId)
  const serviceIds = input.service.map((s) => s.memberId)
  if (new Set(serviceIds).size !== serviceIds.length) throw new AppError(ErrorCode.INVALID_INPUT, '每位志愿者只写一次', 'data.service')
  const lead = await context.caller()
  const need = await ownTask(organisation, input.needId)
  // Only the volunteers the need names are paid, whoever else the organisation has: checked on the
  // need as read, before the content check (which writes to the outbox), and again in the transaction.
  const refuseService = (current: NeedDoc) => {
    const problem = serviceProblem(
      input.service,
      current.volunteers.map((v) => v.memberId),
      current.acceptedBy!.at,
      now,
    )
    if (problem)
      throw new AppError(
        problem.field === 'memberId' ? ErrorCode.FORBIDDEN : ErrorCode.INVALID_INPUT,
        problem.message,
        `data.service.${problem.index}.${problem.field}`,
      )
  }
  const volunteerOf = (current: NeedDoc, memberId: string) => current.volunteers.find((v) => v.memberId === memberId)!
  refuseService(need)
  await refuseFlagged(lead.openid, { summary: input.summary }, 2)
  const totalMinutes = input.service.reduce((sum, s) => sum + s.minutes, 0)
  const recordIdsOf = (current: NeedDoc) => input.service.map((_, i) => `need-${need._id}-${(current.serviceRecordCount ?? 0) + i}`)
  // 志愿服务时长: one record per volunteer, written with the confirmation, for the time bank to credit.
  const writeRecords = async (tx: Transaction, current: NeedDoc) => {
    const recordIds = recordIdsOf(current)
    for (const [i, s] of input.service.entries()) {
      await tx.add(
        'service_records',
        pendingServiceRecord({
          _id: recordIds[i],
          openid: volunteerOf(current, s.memberId).openid,
          communityId: current.communityId,
          organisationId: organisation._id,
          source: { kind: 'need', id: need._id, title: `${current.helpKind}（${current.neighbourhood}）` },
          minutes: s.minutes,
          servedAt: now,
          confirmedByOpenid: lead.openid,
          confirmedAt: now,
        }),
      )
    }
    await tx.update('organisations', organisation._id, organisationFactsPatch({ activeTasks: -1, counters: { completed: 1 } }))
  }
  const done = await changeTask(
    need,
    'done',
    (current) => {
      // Checked on the need as this transaction reads it: the assignment may have just changed.
      refuseService(current)
      return {
        status: 'done',
        service: [
          ...(current.service ?? []),
          ...input.service.map((s) => {
            const { openid, name } = volunteerOf(current, s.memberId)
            return { openid, name, minutes: s.minutes }
          }),
        ],
        doneSummary: input.summary,
        doneAt: now,
        serviceRecordCount: (current.serviceRecordCount ?? 0) + input.service.length,
        doneServiceRecordIds: recordIdsOf(current),
        // Done at last: an overdue need leaves the committee's queue.
        ...(current.queue ? { queue: unset(), queuedAt: unset() } : {}),
      }
    },
    needEvent(actorOf(lead), `已完成：${input.summary}（服务 ${totalMinutes} 分钟）`, now),
    writeRecords,
  )
  // The time bank credits the records in its due work, within the minute (decision 053).
  const [view] = await Promise.all([
    revealedView(lead, done, now, organisation._id, need.acceptedBy?.distanceM, community),
    notify([done.requesterOpenid], 'needDone', done, { status: '已完成', tip: '请在小程序中为本次服务评价' }),
  ])
  return { need: view }
}
