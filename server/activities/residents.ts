/** The resident's side: browsing, an activity's page, signing up and cancelling, 我的活动, rating. */
import type { ActivitiesContract } from '../../shared/contracts/activities'
import { AppError, ErrorCode } from '../../shared/errors'
import {
  maskedName,
  newSignUpStatus,
  signUpRefusal,
  signUpRoleLabelOf,
  signUpsToPromote,
  type SignUpRole,
} from '../../shared/domain/activity'
import { distanceM } from '../../shared/domain/organisation'
import { shanghaiDayStart } from '../../shared/domain/time'
import { addSignUp, claimPlace, readActivity, liveSignUpsWithActivities, publishedNear, signUpById, signUpDocId } from '../data/activities'
import type { ActivityDoc, ActivityRatingDoc, ActivitySignUpDoc, PlaceEntry } from '../data/documents'
import { updateOrganisationFacts } from '../data/organisations'
import { BUSY_MESSAGE, increment, inTransaction, patched, unset, whole, type Transaction } from '../data/transaction'
import type { ActionImplementations } from '../handler'
import { placeOrHome } from '../places'
import { refuseFlagged } from '../wechat'
import { activityNotFound, hasEnded, loadActivity, refuseUnseen, visibleActivity } from './access'
import type { Caller } from '../principal'
import { tellAboutActivity } from './notify'
import { activityDetail, activitySummaries, mySignUpView, placeFacts, placesOf, standing, tookPart, type Standing } from './views'

type Action<A extends keyof ActivitiesContract['actions']> = ActionImplementations<ActivitiesContract>[A]

/** As far as a neighbourhood activity draws people: a district's breadth. */
const BROWSE_RADIUS_M = 30_000
const BROWSE_LIMIT = 50
const DAY_MS = 24 * 3_600_000

export const browse: Action<'browse'> = async ({ caller, input, now }) => {
  const point = await placeOrHome(await caller(), input.near, 'data.near')
  if (input.fromDate && input.toDate && input.toDate < input.fromDate) {
    throw new AppError(ErrorCode.INVALID_INPUT, '结束日期不能早于开始日期', 'data.toDate')
  }
  // Still to come (or under way) on or after the first day asked for, starting by the end of the last.
  const from = input.fromDate ? shanghaiDayStart(input.fromDate) : now
  const found = await publishedNear(
    point,
    BROWSE_RADIUS_M,
    {
      kind: input.kind,
      endsAfter: from > now ? from : now,
      ...(input.toDate ? { startsBefore: new Date(shanghaiDayStart(input.toDate).getTime() + DAY_MS) } : {}),
    },
    BROWSE_LIMIT,
  )
  const distances = new Map(found.map((a) => [a._id, distanceM(a.location.coordinates, point)]))
  return { activities: await activitySummaries(found, distances) }
}

export const detail: Action<'detail'> = async ({ caller, input, now }) => {
  const me = await caller()
  return { activity: await activityDetail(await visibleActivity(me, input.activityId), me, now) }
}

/**
 * A claim that matched nothing reads the activity again, which nearly always says why (held,
 * refused); it misses again only if a place was freed or taken between its two attempts.
 */
const CLAIM_ROUNDS = 5

/**
 * The person's place in the lists, claimed with a conditional update (server/data `claimPlace`),
 * or the one they already hold. The lists are the record: the sign-up document is written after
 * from what they say, so a retry of a call that claimed and died before writing it writes it.
 */
async function claimedPlace(read: ActivityDoc, role: SignUpRole, entry: PlaceEntry): Promise<{ held: Standing; activity: ActivityDoc }> {
  let activity = read
  for (let round = 0; round < CLAIM_ROUNDS; round++) {
    const held = standing(activity, entry.id)
    // A second tap or a retry: the first sign-up stands.
    if (held?.role === role) return { held, activity }
    if (held)
      throw new AppError(
        ErrorCode.CONFLICT,
        `你已报名做${signUpRoleLabelOf(activity, held.role)}，如要改为${signUpRoleLabelOf(activity, role)}，请先取消报名`,
      )
    const refusal = signUpRefusal(
      { status: activity.status, signUpDeadline: new Date(activity.signUpDeadline) },
      placesOf(activity, role),
      entry.at,
    )
    if (refusal) throw new AppError(ErrorCode.CONFLICT, refusal)
    const status = await claimPlace(activity, role, entry, newSignUpStatus(placesOf(activity, role), placeFacts(activity.places[role])))
    if (status) return { held: { role, status, entry }, activity: withEntry(activity, { role, status, entry }) }
    activity = await loadActivity(activity._id)
  }
  throw new AppError(ErrorCode.CONFLICT, BUSY_MESSAGE)
}

/** The activity as a claim left it, for the answer: what others claimed meanwhile shows on the next read. */
function withEntry(activity: ActivityDoc, { role, status, entry }: Standing): ActivityDoc {
  const places = activity.places[role]
  return { ...activity, places: { ...activity.places, [role]: { ...places, [status]: [...places[status], entry] } } }
}

/** A sign-up as the activity's lists have it. */
const signUpFromList = (activityId: string, held: Standing, promotedAt?: Date): ActivitySignUpDoc => ({
  _id: held.entry.id,
  activityId,
  openid: held.entry.openid,
  role: held.role,
  status: held.status,
  signedUpAt: held.entry.at,
  ...(promotedAt ? { promotedAt } : {}),
})

/**
 * Writes a sign-up as the lists have it, inside the transaction that read them: as a new one, over
 * a cancelled one (whose cancellation goes), or as a live one's new status.
 */
async function writeSignUp(tx: Transaction, signUp: ActivitySignUpDoc): Promise<void> {
  const stored = await tx.get('activity_sign_ups', signUp._id)
  const { _id, ...fields } = signUp
  if (!stored) await tx.add('activity_sign_ups', signUp)
  else if (stored.status === 'cancelled')
    await tx.update('activity_sign_ups', _id, { ...fields, cancelledAt: unset(), promotedAt: signUp.promotedAt ?? unset() })
  else if (stored.status !== signUp.status)
    await tx.update('activity_sign_ups', _id, { status: signUp.status, ...(signUp.promotedAt ? { promotedAt: signUp.promotedAt } : {}) })
}

/**
 * Claims the place outside a transaction, then adds the sign-up (its id derived from activity and
 * person) as the lists say. If there is one already (cancelled earlier, or written meanwhile by a
 * cancellation promoting this person or by a second tap), a transaction reads lists and sign-up
 * together: a cancellation writes the sign-ups it changes, so the two conflict rather than one
 * undoing the other.
 */
export const signUp: Action<'signUp'> = async ({ caller, input, now: at }) => {
  const me = await caller()
  const activity = await visibleActivity(me, input.activityId)
  const { held, activity: claimed } = await claimedPlace(activity, input.role, {
    id: signUpDocId(activity._id, me.openid),
    openid: me.openid,
    at,
  })
  const added = signUpFromList(activity._id, held)
  if (await addSignUp(added)) return { activity: await activityDetail(claimed, me, at, { signUp: added }) }
  await inTransaction(async (tx) => {
    const current = await tx.get('activities', activity._id)
    const listed = current && standing(current, held.entry.id)
    // Gone from the lists: cancelled meanwhile, which wrote the document.
    if (listed) await writeSignUp(tx, signUpFromList(activity._id, listed))
  })
  return { activity: await activityDetail(await loadActivity(activity._id), me, at) }
}

function cannotCancel(activity: ActivityDoc, signUp: ActivitySignUpDoc | null, now: Date): AppError | null {
  if (activity.status === 'cancelled') return new AppError(ErrorCode.CONFLICT, '活动已取消')
  if (activity.status === 'finished') return new AppError(ErrorCode.CONFLICT, '活动已结束')
  if (now.getTime() >= new Date(activity.startAt).getTime())
    return new AppError(ErrorCode.CONFLICT, '活动已开始，不能取消报名，请联系负责人')
  if (signUp?.checkedInAt) return new AppError(ErrorCode.CONFLICT, '你已签到，不能取消报名')
  return null
}

/**
 * Cancels and, in the same transaction, gives the freed place to the first on the waitlist, who is
 * then told. A claim landing between its read and its commit makes it conflict and run again. The
 * lists say what is cancelled: the sign-up document may lag them (a claim whose call died before
 * writing it), and is written here as they say.
 */
export const cancelSignUp: Action<'cancelSignUp'> = async ({ caller, input, now: at }) => {
  const me = await caller()
  const { activity, told } = await withdrawSignUp(input.activityId, me.openid, input.role, at, me)
  // The page is built while those promoted are told.
  const [view] = await Promise.all([activityDetail(activity, me, at, { signUp: null }), told])
  return { activity: view }
}

/**
 * `openid`'s sign-up in `role` cancelled, its place given to those waiting, who are told; also how a
 * closing account leaves the activities it has not yet attended. A retry after it went through does
 * nothing. `seenBy`: the caller, refused an activity they may not see, read in the same transaction.
 * Answers the activity as the transaction left it, and the telling under way (which throws nothing).
 */
export async function withdrawSignUp(
  activityId: string,
  openid: string,
  role: SignUpRole,
  at: Date,
  seenBy?: Caller,
): Promise<{ activity: ActivityDoc; told: Promise<unknown> }> {
  const id = signUpDocId(activityId, openid)
  const { activity, promoted } = await inTransaction(async (tx) => {
    const read = await tx.get('activities', activityId)
    if (!read) throw activityNotFound()
    const current = readActivity(read)
    if (seenBy) refuseUnseen(seenBy, current)
    const signUp = await tx.get('activity_sign_ups', id)
    const listed = standing(current, id)
    if (listed?.role !== role) {
      // A retry after the cancellation went through: nothing more to do.
      if (signUp?.role === role && signUp.status === 'cancelled') return { activity: current, promoted: [] }
      throw new AppError(ErrorCode.NOT_FOUND, `你没有以${signUpRoleLabelOf(current, role)}身份报名这个活动`, 'data.role')
    }
    const refusal = cannotCancel(current, signUp, at)
    if (refusal) throw refusal
    const places = current.places[role]
    const left = { confirmed: places.confirmed.filter((e) => e.id !== id), waitlisted: places.waitlisted.filter((e) => e.id !== id) }
    const promotedIds = new Set(signUpsToPromote(placesOf(current, role), placeFacts(left)))
    const moving = left.waitlisted.filter((e) => promotedIds.has(e.id))
    const next = { confirmed: [...left.confirmed, ...moving], waitlisted: left.waitlisted.filter((e) => !promotedIds.has(e.id)) }
    const change = { places: whole({ ...current.places, [role]: next }), updatedAt: at }
    await tx.update('activities', activityId, change)
    if (signUp) await tx.update('activity_sign_ups', id, { status: 'cancelled', cancelledAt: at })
    else await tx.add('activity_sign_ups', { ...signUpFromList(activityId, listed), status: 'cancelled', cancelledAt: at })
    // A promoted person's own call may not have written their sign-up yet, or only found an old cancelled one:
    // it is written whole, as the lists say, unread (a waitlisted sign-up holds nothing the lists do not).
    for (const entry of moving) {
      const { _id, ...promotedSignUp } = signUpFromList(activityId, { role, status: 'confirmed', entry }, at)
      await tx.set('activity_sign_ups', _id, promotedSignUp)
    }
    return { activity: patched(current, change), promoted: moving }
  })
  const told =
    promoted.length > 0
      ? tellAboutActivity(
          promoted.map((e) => e.openid),
          'activityPromoted',
          activity,
          { role: signUpRoleLabelOf(activity, role), note: '有人取消报名，您已转为正式报名' },
        )
      : Promise.resolve()
  return { activity, told }
}

/** More than a resident signs up for in a season. */
const MINE_LIMIT = 100

export const mine: Action<'mine'> = async ({ openid, now }) => {
  const joined = await liveSignUpsWithActivities(openid, MINE_LIMIT)
  const signUps = joined.map((j) => j.signUp)
  const activities = new Map(joined.flatMap(({ activity }) => (activity ? [[activity._id, activity] as const] : [])))
  const ends = (a: ActivityDoc) => new Date(a.endAt).getTime()
  const starts = (a: ActivityDoc) => new Date(a.startAt).getTime()
  // Still to come soonest first, then what is over, latest first.
  const ordered = [...activities.values()].sort((a, b) => {
    const aOver = ends(a) <= now.getTime()
    const bOver = ends(b) <= now.getTime()
    if (aOver !== bOver) return aOver ? 1 : -1
    return aOver ? starts(b) - starts(a) : starts(a) - starts(b)
  })
  const summaries = await activitySummaries(ordered)
  const byActivity = new Map(signUps.map((s) => [s.activityId, s]))
  return {
    activities: summaries.map((summary, i) => ({ ...summary, mySignUps: [mySignUpView(byActivity.get(summary.id)!, ordered[i])] })),
  }
}

export const rate: Action<'rate'> = async ({ caller, input, now }) => {
  const me = await caller()
  const activity = await visibleActivity(me, input.activityId)
  const id = signUpDocId(activity._id, me.openid)
  if (!tookPart(await signUpById(id))) throw new AppError(ErrorCode.CONFLICT, '只有到场参加了活动的人可以评价')
  if (!hasEnded(activity, now)) throw new AppError(ErrorCode.CONFLICT, '活动结束后才能评价')
  await refuseFlagged(me.openid, { comment: input.comment }, 2)
  await inTransaction(async (tx) => {
    if (await tx.get('activity_ratings', id)) throw new AppError(ErrorCode.CONFLICT, '你已经评价过这个活动了')
    const rating: ActivityRatingDoc = {
      _id: id,
      activityId: activity._id,
      organisationId: activity.organisationId,
      openid: me.openid,
      shownName: maskedName(me.person?.name ?? ''),
      rating: input.rating,
      ...(input.comment ? { comment: input.comment } : {}),
      at: now,
    }
    await tx.add('activity_ratings', rating)
    await tx.update('activities', activity._id, { 'rating.sum': increment(input.rating), 'rating.count': increment(1) })
  })
  await updateOrganisationFacts([activity.organisationId], { rating: input.rating })
  return { activity: await activityDetail(await loadActivity(activity._id), me, now) }
}
