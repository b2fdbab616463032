/**
 * 转赠 that waits for its recipient (docs/decisions/018). The minutes leave the giver at once for the
 * community's waiting-gifts account; the recipient accepts them in the app, or they go back to the
 * giver when the giver cancels or nobody accepts within GIFT_ACCEPT_DAYS. The giver is answered the
 * same whether or not the name and phone match anyone: the form cannot tell who has which number.
 */
import type { TimebankContract } from '../../shared/contracts/timebank'
import { GIFTS_PER_DAY, giftExpiry, maskPhone, shanghaiDay } from '../../shared/domain/timebank'
import { AppError, ErrorCode } from '../../shared/errors'
import type { CommunityDoc, EntryDoc, GiftDayDoc, GiftDoc } from '../data/documents'
import { personByNameAndPhone } from '../data/residents'
import { entryById, giftById, giftsOfGiver, giftsWaitingFor } from '../data/timebank'
import { inTransaction } from '../data/transaction'
import type { ActionImplementations } from '../handler'
import type { Caller } from '../principal'
import { communitiesSeenBy } from '../places'
import { refuseFlagged } from '../wechat'
import { entryKey, giftDayIdOf, giftIdOf } from './keys'
import { insufficient, move, person, waitingGift } from './ledger'
import { balanceOf, homeOf } from './resident'
import { entryContext, giftViews, historyView, type EntryContext } from './views'

type Action<A extends keyof TimebankContract['actions']> = ActionImplementations<TimebankContract>[A]

/** What the giver is answered: the entry and the gift as they see them, and their balance. */
async function giftAnswer(gift: GiftDoc, me: Caller) {
  const entry = (await entryById(gift.entryId))!
  const [shown, [view], balance] = await Promise.all([
    entryContext([entry]),
    giftViews([gift], 'giver'),
    balanceOf(gift.communityId, me.openid),
  ])
  return { entry: historyView(entry, me.openid, shown), gift: view, balance }
}

/** The answer to a gift just made, from what its transaction wrote: a new entry has no reversal, and its only person is the giver. */
async function newGiftAnswer(gift: GiftDoc, entry: EntryDoc, balance: number, me: Caller, communities: Map<string, CommunityDoc>) {
  const people = new Map(me.person ? [[me.openid, me.person]] : [])
  const shown: EntryContext = { communities, organisations: new Map(), people, reversals: new Map() }
  const [view] = await giftViews([gift], 'giver', communities)
  return { entry: historyView(entry, me.openid, shown), gift: view, balance }
}

export const give: Action<'give'> = async (context) => {
  const { input, now } = context
  const me = await context.caller()
  const communityId = input.communityId ?? homeOf(me)
  const giftId = giftIdOf(me.openid, input.requestId)
  const recipient = await personByNameAndPhone(input.toName, input.toPhone)
  // A note is checked by WeChat, which keeps a record: only once the balance allows the gift. Without
  // one, the transaction's own read of the balance refuses.
  if (input.note) {
    const balance = await balanceOf(communityId, me.openid)
    if (balance < input.minutes) {
      // A replay answers what the first request did, whatever the balance is now.
      const done = await giftById(giftId)
      if (done) return giftAnswer(done, me)
      throw insufficient(balance, 'data.minutes')
    }
    await refuseFlagged(me.openid, { note: input.note }, 2)
  }
  // Saying so tells the caller only their own name and phone.
  if (recipient?.openid === me.openid) throw new AppError(ErrorCode.INVALID_INPUT, '不能转赠给自己', 'data.toPhone')
  const dayId = giftDayIdOf(me.openid, shanghaiDay(now))
  type Made = { replayed: GiftDoc } | { added: GiftDoc; entry: EntryDoc; fromBalance: number }
  // A replay is not looked for first: it fails on what the first request wrote (the gift's account, its
  // entry), or on the balance or the day's count that request used up, and then answers as the first did.
  const giving = inTransaction(async (tx): Promise<Made> => {
    // Counted in the transaction that gives: many gifts at once cannot all slip under the limit.
    const day = await tx.get('timebank_gift_days', dayId)
    if ((day?.count ?? 0) >= GIFTS_PER_DAY) throw new AppError(ErrorCode.RATE_LIMITED, `每天最多赠送 ${GIFTS_PER_DAY} 次，请明天再试`)
    const added: GiftDoc = {
      _id: giftId,
      communityId,
      giverOpenid: me.openid,
      toName: input.toName,
      toPhoneMasked: maskPhone(input.toPhone),
      ...(recipient ? { toOpenid: recipient.openid } : {}),
      minutes: input.minutes,
      ...(input.note ? { note: input.note } : {}),
      status: 'waiting',
      createdAt: now,
      expiresAt: giftExpiry(now),
      entryId: entryKey.gift(me.openid, input.requestId),
    }
    const paid = await move(tx, {
      key: added.entryId,
      communityId,
      from: person(me.openid),
      to: waitingGift(giftId),
      minutes: input.minutes,
      kind: 'gift',
      byOpenid: me.openid,
      at: now,
      details: { gift: giftRefOf(added), ...(input.note ? { note: input.note } : {}) },
      field: 'data.minutes',
      toIsNew: true,
    })
    if (day) await tx.update('timebank_gift_days', dayId, { count: day.count + 1 })
    else await tx.add('timebank_gift_days', { _id: dayId, openid: me.openid, day: shanghaiDay(now), count: 1 } satisfies GiftDayDoc)
    await tx.add('timebank_gifts', added)
    return { added, entry: paid.entry, fromBalance: paid.fromBalance }
  }).catch(async (error: unknown): Promise<Made> => {
    const done = await giftById(giftId)
    if (done) return { replayed: done }
    throw error
  })
  // The community's name for the answer is read while the transaction runs.
  const [made, communities] = await Promise.all([giving, communitiesSeenBy(me, [communityId])])
  return 'replayed' in made ? giftAnswer(made.replayed, me) : newGiftAnswer(made.added, made.entry, made.fromBalance, me, communities)
}

const giftRefOf = (gift: GiftDoc): NonNullable<EntryDoc['gift']> => ({ id: gift._id, giverOpenid: gift.giverOpenid, toName: gift.toName })

/** More than anyone gives or is given in a long while. */
const GIFTS_LIMIT = 30

export const gifts: Action<'gifts'> = async (context) => {
  const me = await context.caller()
  const [incoming, outgoing] = await Promise.all([giftsWaitingFor(me.openid, GIFTS_LIMIT), giftsOfGiver(me.openid, GIFTS_LIMIT)])
  // One past its expiry waits only for the due work to send it back: it can no longer be accepted.
  const open = incoming.filter((g) => new Date(g.expiresAt) > context.now)
  const [received, given] = await Promise.all([giftViews(open, 'recipient'), giftViews(outgoing, 'giver')])
  return { incoming: received, outgoing: given }
}

const noSuchGift = () => new AppError(ErrorCode.NOT_FOUND, '没有这份转赠', 'data.giftId')

/** Each side settles its own gifts: the recipient accepts, the giver cancels; anyone else finds no such gift. */
async function settleOwn(context: Parameters<Action<'acceptGift'>>[0], side: 'recipient' | 'giver') {
  const me = await context.caller()
  // Whose gift it is, is checked on the transaction's own read, before it writes anything.
  const outcome = side === 'recipient' ? 'accepted' : 'cancelled'
  const { gift, balance } = await settleGift(context.input.giftId, outcome, me.openid, context.now, (g) => {
    if ((side === 'recipient' ? g.toOpenid : g.giverOpenid) !== me.openid) throw noSuchGift()
  })
  const [[view], shownBalance] = await Promise.all([
    communitiesSeenBy(me, [gift.communityId]).then((communities) => giftViews([gift], side, communities)),
    balance ?? balanceOf(gift.communityId, me.openid),
  ])
  return { gift: view, balance: shownBalance }
}

export const acceptGift: Action<'acceptGift'> = (context) => settleOwn(context, 'recipient')
export const cancelGift: Action<'cancelGift'> = (context) => settleOwn(context, 'giver')

/**
 * Moves a waiting gift's minutes on, once: to the recipient (`accepted`) or back to the giver
 * (`cancelled` by them, `returned` by the due work). The gift is read and written in the transaction
 * that moves them, so of an accept and a cancel at once one wins and the other finds it settled.
 */
export async function settleGift(
  giftId: string,
  outcome: 'accepted' | 'cancelled' | 'returned',
  byOpenid: string,
  now: Date,
  refuse: (gift: GiftDoc) => void = () => undefined,
): Promise<{ gift: GiftDoc; balance: number | null }> {
  return inTransaction(async (tx) => {
    const current = await tx.get('timebank_gifts', giftId)
    if (!current) throw noSuchGift()
    refuse(current)
    // The same outcome again is a replay.
    if (current.status === outcome) return { gift: current, balance: null }
    if (current.status === 'accepted') throw new AppError(ErrorCode.CONFLICT, '对方已经接收了这份转赠')
    if (current.status !== 'waiting') throw new AppError(ErrorCode.CONFLICT, '这份转赠已经退回给赠送人了')
    if (outcome === 'accepted' && new Date(current.expiresAt) <= now)
      throw new AppError(ErrorCode.CONFLICT, '已超过 7 天，这份转赠已退回给赠送人')
    const accepted = outcome === 'accepted'
    const key = accepted ? entryKey.giftAccept(current._id) : entryKey.giftReturn(current._id)
    const paid = await move(tx, {
      key,
      communityId: current.communityId,
      from: waitingGift(current._id),
      to: person(accepted ? current.toOpenid! : current.giverOpenid),
      minutes: current.minutes,
      kind: accepted ? 'giftAccept' : 'giftReturn',
      byOpenid,
      at: now,
      // The recipient reads the giver's note with the minutes.
      details: { gift: giftRefOf(current), ...(accepted && current.note ? { note: current.note } : {}) },
    })
    const change = { status: outcome, settledAt: now, settledEntryId: key }
    await tx.update('timebank_gifts', current._id, change)
    // The balance of whom the minutes went to: the settler's own, when a person settles.
    return { gift: { ...current, ...change }, balance: paid.toBalance }
  })
}
