/** The resident's side of the time bank: balances, history, the catalogue and redemptions (gifts: gifts.ts). */
import { monthOf, monthRange } from '../../shared/domain/time'
import type { TimebankContract } from '../../shared/contracts/timebank'
import { AppError, ErrorCode } from '../../shared/errors'
import type { RedemptionDoc } from '../data/documents'
import {
  accountsByIds,
  accountsOfPerson,
  entriesOfPersonSince,
  entriesPage,
  itemById,
  itemsOfCommunity,
  redemptionsOfPerson,
} from '../data/timebank'
import { inTransaction } from '../data/transaction'
import type { ActionImplementations } from '../handler'
import type { Caller } from '../principal'
import { entryKey, personAccountId, redemptionIdOf } from './keys'
import { move, person, pool } from './ledger'
import { entryContext, historyView, itemViews, redemptionViews } from './views'
import { pageOf, positionOf } from '../paging'
import { communitiesSeenBy } from '../places'

type Action<A extends keyof TimebankContract['actions']> = ActionImplementations<TimebankContract>[A]

/** The caller's community: a resident's rows are only let through with one. */
export const homeOf = (me: Caller) => me.person!.communityId!

export async function balanceOf(communityId: string, openid: string): Promise<number> {
  const id = personAccountId(communityId, openid)
  return (await accountsByIds([id])).get(id)?.balance ?? 0
}

const RECENT = 5

export const account: Action<'account'> = async (context) => {
  const me = await context.caller()
  const [accounts, thisMonth, recent] = await Promise.all([
    accountsOfPerson(me.openid),
    entriesOfPersonSince(me.openid, monthRange(monthOf(context.now)).start),
    entriesPage({ people: me.openid }, undefined, RECENT),
  ])
  const earned = new Map<string, number>()
  for (const e of thisMonth) {
    if ((e.kind === 'service' || e.kind === 'review') && e.toOpenid === me.openid)
      earned.set(e.communityId, (earned.get(e.communityId) ?? 0) + e.minutes)
  }
  // The home community's account is shown even before its first entry.
  const balances = new Map([[homeOf(me), 0], ...accounts.map((a) => [a.communityId, a.balance] as const)])
  const shown = await entryContext(recent, { communityIds: [...balances.keys()], reader: me })
  const { communities } = shown
  const views = [...balances].map(([communityId, balance]) => ({
    communityId,
    communityName: communities.get(communityId)?.name ?? '',
    balance,
    monthEarned: earned.get(communityId) ?? 0,
  }))
  return {
    accounts: views,
    total: views.reduce((sum, a) => sum + a.balance, 0),
    monthEarned: views.reduce((sum, a) => sum + a.monthEarned, 0),
    recent: recent.map((e) => historyView(e, me.openid, shown)),
  }
}

export const history: Action<'history'> = async (context) => {
  const { input } = context
  const me = await context.caller()
  const page = pageOf(await entriesPage({ people: me.openid }, positionOf(input.cursor), input.limit + 1), input.limit)
  const shown = await entryContext(page.entries, { reader: me })
  return { entries: page.entries.map((e) => historyView(e, me.openid, shown)), ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) }
}

export const catalogue: Action<'catalogue'> = async (context) => {
  const me = await context.caller()
  const communityId = homeOf(me)
  const [communities, items, balance] = await Promise.all([
    communitiesSeenBy(me, [communityId]),
    itemsOfCommunity(communityId, ['active']),
    balanceOf(communityId, me.openid),
  ])
  return { communityId, communityName: communities.get(communityId)?.name ?? '', balance, items: await itemViews(items) }
}

async function redemptionAnswer(redemption: RedemptionDoc, balance: number) {
  const [view] = await redemptionViews([redemption], false)
  return { redemption: view, balance }
}

export const redeem: Action<'redeem'> = async (context) => {
  const { input, now } = context
  const me = await context.caller()
  const redemptionId = redemptionIdOf(me.openid, input.requestId)
  const item = await itemById(input.itemId)
  // Another community's catalogue answers as an item that does not exist.
  if (!item || item.communityId !== homeOf(me)) throw new AppError(ErrorCode.NOT_FOUND, '没有这一项', 'data.itemId')
  const { redemption, balance } = await inTransaction(async (tx) => {
    const raced = await tx.get('timebank_redemptions', redemptionId)
    if (raced) return { redemption: raced, balance: null }
    const current = (await tx.get('timebank_items', item._id))!
    if (current.status !== 'active') throw new AppError(ErrorCode.CONFLICT, '这一项已经下架了')
    if (current.stock < 1) throw new AppError(ErrorCode.OUT_OF_STOCK, '这一项已经兑完了')
    const paid = await move(tx, {
      key: entryKey.redeem(redemptionId),
      communityId: current.communityId,
      from: person(me.openid),
      to: pool,
      minutes: current.priceMinutes,
      kind: 'redeem',
      byOpenid: me.openid,
      at: now,
      details: { redemptionId, itemName: current.name },
    })
    await tx.update('timebank_items', current._id, { stock: current.stock - 1, updatedAt: now })
    const added: RedemptionDoc = {
      _id: redemptionId,
      communityId: current.communityId,
      openid: me.openid,
      itemId: current._id,
      itemName: current.name,
      kind: current.kind,
      priceMinutes: current.priceMinutes,
      ...(current.providerOrganisationId ? { providerOrganisationId: current.providerOrganisationId } : {}),
      status: 'waiting',
      entryId: paid.entry._id,
      requestedAt: now,
    }
    await tx.add('timebank_redemptions', added)
    return { redemption: added, balance: paid.fromBalance }
  })
  return redemptionAnswer(redemption, balance ?? (await balanceOf(redemption.communityId, me.openid)))
}

/** More than a resident redeems in years. */
const REDEMPTIONS_LIMIT = 100

export const myRedemptions: Action<'myRedemptions'> = async (context) => {
  const me = await context.caller()
  return { redemptions: await redemptionViews(await redemptionsOfPerson(me.openid, REDEMPTIONS_LIMIT), false) }
}
