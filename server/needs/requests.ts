/** The resident's side of a need: raising it, following it, cancelling, and answering when it is done. */
import type { z } from 'zod'
import type { NeedsContract, raiseNeedSchema } from '../../shared/contracts/needs'
import { AppError, ErrorCode } from '../../shared/errors'
import {
  DUPLICATE_RADIUS_M,
  callFirst,
  chooseShortlist,
  duplicateSince,
  needStatusAfter,
  needStatusLabelFor,
  outcomeLabel,
  sameAddress,
  shortlistSize,
} from '../../shared/domain/need'
import { distanceM } from '../../shared/domain/organisation'
import type { CommunityDoc, NeedDoc } from '../data/documents'
import { asGeoPoint } from '../data/geo'
import { addNeed, closeOpenOffers, needAfter, needById, needsNear, needsOfRequester, newNeed, withEvents } from '../data/needs'
import { updateOrganisationFacts } from '../data/organisations'
import { inTransaction, unset, whole } from '../data/transaction'
import type { ActionImplementations } from '../handler'
import { checkPhotos } from '../moderation/photos'
import type { Caller } from '../principal'
import { placeOrHome, refuseOutsideArea } from '../places'
import { firstFlagged, refuseFlagged } from '../wechat'
import { holdDisputedService } from '../timebank/disputes'
import { accessTo, loadNeed, needNotFound } from './access'
import { dispatchRound, escalate, findCandidates, storeWithFirstRound, tellShortlist } from './matching'
import { actorOf, needEvent, notifyCommittee, textCommitteeOnDuty } from './notify'
import { auditReveal, needView, needViews } from './views'

type Action<A extends keyof NeedsContract['actions']> = ActionImplementations<NeedsContract>[A]
type RaiseNeed = z.output<typeof raiseNeedSchema>

type Address = Pick<NeedDoc, 'neighbourhood'> & { addressDetail?: string }

/** The same kind of help nearby and lately; at the bare community centre, only at the same address. */
async function possibleDuplicates(
  community: CommunityDoc,
  point: readonly [number, number],
  helpKind: NeedDoc['helpKind'],
  address: Partial<Address>,
  now: Date,
) {
  const found = await needsNear(point, DUPLICATE_RADIUS_M, helpKind, duplicateSince(now))
  const centre = asGeoPoint(community.centre).coordinates
  const atCentre = point[0] === centre[0] && point[1] === centre[1]
  return found
    .filter((n) => !atCentre || sameAddress(n, address))
    .map((n) => ({ need: n, distanceM: distanceM(n.location.coordinates, point) }))
}

export const checkDuplicates: Action<'checkDuplicates'> = async ({ caller, input, now }) => {
  const me = await caller()
  const point = await placeOrHome(me, input.location, 'data.location')
  const found = await possibleDuplicates(communityOf(me), point, input.helpKind, input, now)
  return {
    possibleDuplicates: found.map(({ need, distanceM }) => ({
      needId: need._id,
      helpKind: need.helpKind,
      createdAt: new Date(need.createdAt).toISOString(),
      statusLabel: needStatusLabelFor(need.status, 'others'),
      distanceM,
    })),
  }
}

const communityOf = (me: Caller) => {
  if (!me.home) throw new AppError(ErrorCode.NOT_REGISTERED, '请先加入你所在的社区')
  return me.home
}

/** Whose need it is when `me` raises it for them (代办): the committee, or a linked relative, for a resident. */
/** The first line of the timeline: who raised it, and for whom. */
function raisedText(input: RaiseNeed, raisedFor: RaisedFor | undefined): string {
  if (raisedFor) return `${raisedFor.as === 'committee' ? '社区两委' : '亲友'}代${raisedFor.name}发起求助`
  return input.forNeighbour ? `代邻居${input.forNeighbour.name}发起求助` : '发起求助'
}

export interface RaisedFor {
  openid: string
  name: string
  as: NonNullable<NeedDoc['raisedBy']>['as']
}

/**
 * Raises a need in `community` at `location` as `me`: the place inside the community's service area
 * (else refused at `locationField`), content check, duplicates, the committee's review setting, the life
 * alert and the first matching round. The resident's 我要求助, a volunteer's worry on a visit (care), and a
 * need the committee or a relative raises for someone (`raisedFor`, server/residents) all come through here.
 */
export async function raiseNeed(
  me: Caller,
  community: CommunityDoc,
  input: RaiseNeed,
  location: [number, number],
  locationField: string,
  now: Date,
  raisedFor?: RaisedFor,
): Promise<NeedDoc> {
  refuseOutsideArea(community, location, locationField)
  // A life-or-safety need is matched at once even where the committee reviews first: it is alerted anyway.
  const reviewed = community.reviewBeforeMatching === true && input.urgency !== 'life'
  const place = { location: { type: 'Point' as const, coordinates: location }, helpKind: input.helpKind, communityId: community._id }
  // The checks and the first round's candidates are read at once; the candidates go unused only for a flagged need.
  const [flagged, duplicates, candidates] = await Promise.all([
    firstFlagged(
      me.openid,
      {
        description: input.description,
        neighbourhood: input.neighbourhood,
        addressDetail: input.addressDetail,
        forNeighbour: input.forNeighbour?.name,
      },
      2,
    ),
    possibleDuplicates(community, location, input.helpKind, input, now),
    reviewed ? [] : findCandidates(place, []),
  ])
  const review = flagged !== null || reviewed
  const queue = flagged ? 'flagged' : review ? 'review' : duplicates.length > 0 ? 'duplicate' : undefined
  const fresh = newNeed(
    {
      communityId: community._id,
      requesterOpenid: raisedFor?.openid ?? me.openid,
      requesterName: raisedFor?.name ?? me.person?.name ?? '',
      ...(raisedFor ? { raisedBy: { openid: me.openid, name: me.person?.name ?? '', as: raisedFor.as } } : {}),
      ...(input.forNeighbour ? { forNeighbour: input.forNeighbour } : {}),
      helpKind: input.helpKind,
      urgency: input.urgency,
      description: input.description,
      location: place.location,
      neighbourhood: input.neighbourhood,
      addressDetail: input.addressDetail,
      ...(input.wantedBy ? { wantedBy: new Date(input.wantedBy) } : {}),
      photos: input.photos,
      contactPhone: input.contactPhone,
      status: review ? 'review' : 'matching',
      ...(queue ? { queue, queuedAt: now } : {}),
      ...(duplicates.length > 0 ? { possibleDuplicateOf: duplicates.map((d) => d.need._id) } : {}),
      timeline: [needEvent(actorOf(me), review ? `${raisedText(input, raisedFor)}，等待社区审核` : raisedText(input, raisedFor), now)],
    },
    now,
  )
  const shortlist = review ? [] : chooseShortlist(candidates, shortlistSize[input.urgency])
  const need = shortlist.length > 0 ? await storeWithFirstRound(fresh, shortlist, now) : await addNeed(fresh).then(() => fresh)
  await Promise.all([
    checkPhotos(
      { kind: 'need', id: need._id },
      { communityId: community._id, authorOpenid: me.openid, fileIds: input.photos, scene: 2 },
      now,
    ),
    input.urgency === 'life' ? notifyCommittee(need, 'lifeAlert', { phone: input.contactPhone }) : null,
    input.urgency === 'life' ? textCommitteeOnDuty(need, 'lifeSafetyText') : null,
    shortlist.length > 0 ? tellShortlist(need, shortlist) : null,
  ])
  // Nobody near to offer it to (the candidates were read above): the committee assigns it by hand.
  if (!review && shortlist.length === 0) {
    await escalate(need, now)
    return (await needById(need._id)) ?? need
  }
  return need
}

export const raise: Action<'raise'> = async ({ caller, input, now }) => {
  const me = await caller()
  const community = communityOf(me)
  const need = await raiseNeed(me, community, input, await placeOrHome(me, input.location, 'data.location'), 'data.location', now)
  const numbers = callFirst(input)?.numbers
  return {
    need: await needView(need, 'full', { timeline: true, viewer: me, community }),
    ...(numbers ? { emergency: { numbers, committeePhone: community.committeePhone } } : {}),
  }
}

/** More than a resident raises in years. */
const MINE_LIMIT = 50

export const mine: Action<'mine'> = async ({ openid, caller }) => ({
  needs: await needViews(await needsOfRequester(openid, MINE_LIMIT), 'full', { viewer: await caller() }),
})

export const detail: Action<'detail'> = async ({ caller, input, now }) => {
  const me = await caller()
  const need = await loadNeed(input.needId)
  const access = await accessTo(me, need)
  if (!access) throw needNotFound()
  if (access.access === 'full') await auditReveal(me, [need], now, access.organisationId)
  return {
    need: await needView(need, access.access, {
      distanceM: access.distanceM,
      timeline: access.access === 'full',
      viewer: me,
      asOrganisation: access.organisationId !== undefined,
    }),
  }
}

/** The requester's own need; anyone else's answers as one that does not exist. */
async function ownNeed(me: Caller, needId: string): Promise<NeedDoc> {
  const need = await loadNeed(needId)
  if (need.requesterOpenid !== me.openid) throw needNotFound()
  return need
}

const moved = () => new AppError(ErrorCode.CONFLICT, '这条求助的状态已经变了，请刷新后再看')

export const cancel: Action<'cancel'> = async ({ caller, input, now }) => {
  const me = await caller()
  const need = await ownNeed(me, input.needId)
  const cancelled = await cancelNeed(need, me, input.reason ? `取消了求助：${input.reason}` : '取消了求助', now)
  return { need: await needView(cancelled, 'full', { timeline: true, viewer: me }) }
}

/** The requester's cancellation, with `text` on the timeline; also how a closing account withdraws what still waits for help. */
export async function cancelNeed(need: NeedDoc, me: Caller, text: string, now: Date): Promise<NeedDoc> {
  const cancelled = await inTransaction(async (tx) => {
    const current = await tx.get('needs', need._id)
    if (!current || !needStatusAfter(current.status, 'cancel')) {
      throw new AppError(
        ErrorCode.CONFLICT,
        current?.status === 'accepted' ? '已有组织接单，不能再取消，请联系接单组织' : '这条求助已经不能取消了',
      )
    }
    const patch = {
      status: 'cancelled' as const,
      queue: unset(),
      queuedAt: unset(),
      ...withEvents(needEvent(actorOf(me), text, now)),
      updatedAt: now,
    }
    await tx.update('needs', need._id, patch)
    return needAfter(current, patch)
  })
  await closeOpenOffers(need._id, 'withdrawn', now)
  return cancelled
}

export const confirm: Action<'confirm'> = async ({ caller, input, now }) => {
  const me = await caller()
  const need = await ownNeed(me, input.needId)
  await refuseFlagged(me.openid, { comment: input.comment }, 2)
  const reopen = input.result === 'unsolved'
  const { organisationId, judged } = await inTransaction(async (tx) => {
    const current = await tx.get('needs', need._id)
    if (!current?.acceptedBy || !needStatusAfter(current.status, reopen ? 'reopen' : 'confirm')) throw moved()
    const outcome = {
      result: input.result,
      rating: input.rating,
      ...(input.comment ? { comment: input.comment } : {}),
      at: now,
      organisationId: current.acceptedBy.organisationId,
    }
    const answer = `评价：${outcomeLabel[input.result]}，${input.rating} 星`
    const event = needEvent(
      actorOf(me),
      reopen ? `${answer}，重新联系附近组织` : input.comment ? `${answer}：${input.comment}` : answer,
      now,
    )
    // Back to matching with a new round; the organisation that could not solve it is not offered it again.
    // The 未解决 is kept as the latest judgement: the reports count it (a later answer replaces it).
    const patch = reopen
      ? {
          status: 'matching' as const,
          outcome: whole(outcome),
          acceptedBy: unset(),
          volunteers: [],
          offeredTo: [current.acceptedBy.organisationId],
          ...withEvents(event),
          updatedAt: now,
        }
      : { status: 'closed' as const, outcome: whole(outcome), ...withEvents(event), updatedAt: now }
    await tx.update('needs', need._id, patch)
    if (reopen) await holdDisputedService(tx, current.doneServiceRecordIds ?? [], me.openid, now)
    return { organisationId: current.acceptedBy.organisationId, judged: needAfter(current, patch) }
  })
  await Promise.all([updateOrganisationFacts([organisationId], { rating: input.rating }), reopen ? dispatchRound(judged, now) : null])
  // Matching again moves the need on (its round, the organisations offered it): read as it now is.
  return { need: await needView(reopen ? await loadNeed(need._id) : judged, 'full', { timeline: true, viewer: me }) }
}
