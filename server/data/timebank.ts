/**
 * 时间银行 reads, and the writes that need no transaction (items' descriptive fields, certificates,
 * the community's cap). Every movement of minutes goes through a transaction in server/timebank/ledger.ts.
 */
import type { Patch } from './collections'
import { database, readAll } from './cloudbase'
import type { AccountDoc, CertificateDoc, EntryDoc, GiftDoc, HeldCreditDoc, ItemDoc, RedemptionDoc } from './documents'
import { afterPosition, type PagePosition } from './paging'
import { byIds } from './places'

const collection = (name: string) => database().collection(name)
const entries = () => collection('timebank_entries')

async function byId<T>(name: string, id: string): Promise<T | null> {
  const { data } = await collection(name).doc(id).get()
  return (data[0] as T | undefined) ?? null
}

// ——— accounts and entries ———

export const accountsByIds = (ids: string[]) => byIds<AccountDoc>('timebank_accounts', ids)

export async function accountsOfPerson(openid: string): Promise<AccountDoc[]> {
  const { data } = await collection('timebank_accounts').where({ openid }).orderBy('createdAt', 'asc').limit(100).get()
  return data as AccountDoc[]
}

export const entryById = (id: string) => byId<EntryDoc>('timebank_entries', id)
export const entriesByIds = (ids: string[]) => byIds<EntryDoc>('timebank_entries', ids)

/**
 * Entries matching `filter`, newest first (ties by id), after `after`; one more than `limit` tells
 * whether there is a next page. Ties matter: one request writes several entries in a millisecond.
 */
export async function entriesPage(
  filter: { people?: string; communityId?: string },
  after: PagePosition | undefined,
  limit: number,
): Promise<EntryDoc[]> {
  const { data } = await entries().where(afterPosition(filter, after)).orderBy('at', 'desc').orderBy('_id', 'desc').limit(limit).get()
  return data as EntryDoc[]
}

/** A person's entries since `since`: a month's worth at most, for this month's earnings. */
export async function entriesOfPersonSince(openid: string, since: Date): Promise<EntryDoc[]> {
  return readAll<EntryDoc>(
    entries()
      .where({ people: openid, at: database().command.gte(since) })
      .orderBy('at', 'desc'),
  )
}

// ——— catalogue and redemptions ———

export const itemById = (id: string) => byId<ItemDoc>('timebank_items', id)

export async function itemsOfCommunity(communityId: string, statuses: ItemDoc['status'][]): Promise<ItemDoc[]> {
  const { data } = await collection('timebank_items')
    .where({ communityId, status: database().command.in(statuses) })
    .orderBy('createdAt', 'asc')
    .limit(1000)
    .get()
  return data as ItemDoc[]
}

export async function addItem(item: Omit<ItemDoc, '_id'>): Promise<ItemDoc> {
  const { id } = (await collection('timebank_items').add(item)) as { id: string }
  return { ...item, _id: id }
}

/** Name, price, description, provider or status: fields no transaction reads to decide a balance. */
export async function updateItem(id: string, patch: Patch<Omit<ItemDoc, 'stock' | 'communityId'>>): Promise<void> {
  await collection('timebank_items').doc(id).update(patch)
}

export const redemptionById = (id: string) => byId<RedemptionDoc>('timebank_redemptions', id)

export async function redemptionsOfPerson(openid: string, limit: number): Promise<RedemptionDoc[]> {
  const { data } = await collection('timebank_redemptions').where({ openid }).orderBy('requestedAt', 'desc').limit(limit).get()
  return data as RedemptionDoc[]
}

/** Waiting for hand-over, oldest first: of a community, or of the items one organisation provides. */
export async function waitingRedemptions(
  where: { communityId: string } | { providerOrganisationId: string },
  limit: number,
): Promise<RedemptionDoc[]> {
  const { data } = await collection('timebank_redemptions')
    .where({ ...where, status: 'waiting' })
    .orderBy('requestedAt', 'asc')
    .limit(limit)
    .get()
  return data as RedemptionDoc[]
}

// ——— gifts ———

export const giftById = (id: string) => byId<GiftDoc>('timebank_gifts', id)

/** Gifts waiting for this person to accept them, oldest first. */
export async function giftsWaitingFor(openid: string, limit: number): Promise<GiftDoc[]> {
  const { data } = await collection('timebank_gifts')
    .where({ toOpenid: openid, status: 'waiting' })
    .orderBy('createdAt', 'asc')
    .limit(limit)
    .get()
  return data as GiftDoc[]
}

export async function giftsOfGiver(openid: string, limit: number): Promise<GiftDoc[]> {
  const { data } = await collection('timebank_gifts').where({ giverOpenid: openid }).orderBy('createdAt', 'desc').limit(limit).get()
  return data as GiftDoc[]
}

/** Gifts nobody accepted by their expiry, the longest overdue first. */
export async function expiredGifts(now: Date, limit: number): Promise<GiftDoc[]> {
  const { data } = await collection('timebank_gifts')
    .where({ status: 'waiting', expiresAt: database().command.lte(now) })
    .orderBy('expiresAt', 'asc')
    .limit(limit)
    .get()
  return data as GiftDoc[]
}

// ——— held credits ———

export const heldCreditById = (id: string) => byId<HeldCreditDoc>('timebank_held', id)

export async function waitingHeldCredits(communityId: string, limit: number): Promise<HeldCreditDoc[]> {
  const { data } = await collection('timebank_held').where({ communityId, status: 'waiting' }).orderBy('heldAt', 'asc').limit(limit).get()
  return data as HeldCreditDoc[]
}

export async function waitingHeldCount(communityId: string): Promise<number> {
  const { total } = await collection('timebank_held').where({ communityId, status: 'waiting' }).count()
  return total
}

// ——— certificates and settings ———

export async function addCertificate(certificate: CertificateDoc): Promise<void> {
  await collection('timebank_certificates').add(certificate)
}

export const certificateById = (id: string) => byId<CertificateDoc>('timebank_certificates', id)

export async function setDailyCap(communityId: string, dailyCapMinutes: number): Promise<void> {
  await collection('communities').doc(communityId).update({ dailyCapMinutes })
}
