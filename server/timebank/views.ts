/** How the time bank's documents are shown: entries (to their owner and to the committee), items, redemptions, held credits. */
import { iso } from '../../shared/domain/time'
import type {
  GiftView,
  HeldCreditView,
  HistoryEntry,
  ItemView,
  LedgerEntry,
  RedemptionView,
  ServiceSource,
} from '../../shared/contracts/timebank'
import {
  entryKindLabel,
  entryTitle,
  giftStatusLabel,
  heldCauseLabel,
  heldStatusLabel,
  itemKindLabel,
  receivedGiftStatusLabel,
  redemptionStatusLabel,
  serviceKindLabel,
} from '../../shared/domain/timebank'
import type { CommunityDoc, EntryDoc, GiftDoc, HeldCreditDoc, ItemDoc, OrganisationDoc, PersonDoc, RedemptionDoc } from '../data/documents'
import { communitiesByIds, organisationsByIds } from '../data/places'
import { peopleByOpenids } from '../data/residents'
import { entriesByIds } from '../data/timebank'
import { issuerNamesOf, recordedBy, type IssuerNames } from './issuers'
import { entryKey, isWaitingGiftAccount } from './keys'
import type { Caller } from '../principal'
import { communitiesSeenBy } from '../places'

/** What showing a page of entries needs besides the entries: four lookups at once. */
export interface EntryContext {
  communities: Map<string, CommunityDoc>
  organisations: Map<string, OrganisationDoc>
  /** By openid. */
  people: Map<string, PersonDoc>
  /** The reversal of each reversed entry, by the reversed entry's id. */
  reversals: Map<string, EntryDoc>
}

/**
 * `also.communityIds`: communities the page names besides the entries' own, read with them;
 * `also.reader`: the caller reading, whose person and community are not read again.
 */
export async function entryContext(entries: EntryDoc[], also: { communityIds?: string[]; reader?: Caller } = {}): Promise<EntryContext> {
  const { reader } = also
  const communityIds = [...entries.map((e) => e.communityId), ...(also.communityIds ?? [])]
  const [communities, organisations, people, reversals] = await Promise.all([
    communitiesSeenBy(reader ?? {}, communityIds),
    organisationsByIds(entries.flatMap((e) => (e.service?.organisationId ? [e.service.organisationId] : []))),
    peopleByOpenids(entries.flatMap((e) => [...e.people, ...(e.gift ? [e.gift.giverOpenid] : [])]).filter((o) => o !== reader?.openid)),
    entriesByIds(entries.filter((e) => e.kind !== 'reversal').map((e) => entryKey.reverse(e._id))),
  ])
  if (reader?.person) people.set(reader.openid, reader.person)
  return { communities, organisations, people, reversals: new Map([...reversals.values()].map((r) => [r.reverses!, r])) }
}

/** `communityId`: where it was served, whose committee recorded a visit no organisation was paired for. */
export function serviceView(service: NonNullable<EntryDoc['service']>, communityId: string, names: IssuerNames): ServiceSource {
  return {
    kind: service.kind,
    kindLabel: serviceKindLabel[service.kind],
    id: service.id,
    title: service.title,
    ...(service.organisationId ? { organisationId: service.organisationId } : {}),
    organisationName: recordedBy({ organisationId: service.organisationId, communityId }, names),
    servedAt: iso(service.servedAt),
  }
}

function entryFields(entry: EntryDoc, context: EntryContext, gift: { counterpartyName?: string; incoming?: boolean } = {}) {
  const reversal = context.reversals.get(entry._id)
  return {
    id: entry._id,
    at: iso(entry.at),
    communityId: entry.communityId,
    communityName: context.communities.get(entry.communityId)?.name ?? '',
    kind: entry.kind,
    kindLabel: entryKindLabel[entry.kind],
    title: entryTitle({
      kind: entry.kind,
      serviceTitle: entry.service?.title,
      itemName: entry.itemName,
      reversedKind: entry.reversedKind,
      ...gift,
    }),
    ...(entry.service ? { service: serviceView(entry.service, entry.communityId, context) } : {}),
    ...(entry.note ? { note: entry.note } : {}),
    ...(entry.itemName ? { itemName: entry.itemName } : {}),
    ...(entry.reason ? { reason: entry.reason } : {}),
    ...(entry.reverses ? { reversesEntryId: entry.reverses } : {}),
    ...(reversal ? { reversal: { entryId: reversal._id, at: iso(reversal.at), reason: reversal.reason ?? '' } } : {}),
  }
}

const nameOf = (context: EntryContext, openid: string | undefined) => (openid ? (context.people.get(openid)?.name ?? '') : '')

/**
 * Who the other side of a gift's entry is, the same to the giver, the recipient and the committee:
 * the giver by name once accepted, otherwise the name the giver typed (nothing says whether it matched).
 */
const giftCounterparty = (gift: NonNullable<EntryDoc['gift']>, kind: EntryDoc['kind'], context: EntryContext) =>
  kind === 'giftAccept' ? nameOf(context, gift.giverOpenid) : gift.toName

/** An entry as `openid` sees it in their history: signed, with whom a gift came from or went to. */
export function historyView(entry: EntryDoc, openid: string, context: EntryContext): HistoryEntry {
  const incoming = entry.toOpenid === openid
  const counterparty = incoming ? entry.fromOpenid : entry.toOpenid
  const counterpartyName = entry.gift
    ? giftCounterparty(entry.gift, entry.kind, context)
    : counterparty
      ? nameOf(context, counterparty)
      : undefined
  return {
    ...entryFields(entry, context, { counterpartyName, incoming }),
    minutes: incoming ? entry.minutes : -entry.minutes,
    ...(counterpartyName !== undefined ? { counterpartyName } : {}),
  }
}

function party(context: EntryContext, openid: string | undefined, accountId: string) {
  if (!openid) return { kind: 'community' as const, name: isWaitingGiftAccount(accountId) ? '待接收的转赠' : '社区时间池' }
  const person = context.people.get(openid)
  return { kind: 'person' as const, name: person?.name ?? '', ...(person ? { personId: person._id } : {}) }
}

/** An entry as the committee sees it in the community's ledger. */
export function ledgerView(entry: EntryDoc, context: EntryContext): LedgerEntry {
  return {
    // A gift reads 转赠给<recipient>; `from` says who gave.
    ...entryFields(entry, context, {
      counterpartyName: entry.gift ? giftCounterparty(entry.gift, entry.kind, context) : nameOf(context, entry.toOpenid),
      incoming: false,
    }),
    minutes: entry.minutes,
    from: party(context, entry.fromOpenid, entry.from),
    to: party(context, entry.toOpenid, entry.to),
    reversible: isReversible(entry) && !context.reversals.has(entry._id),
  }
}

/**
 * A reversal is not reversed; nor are the two legs of a gift that touch its waiting account: while
 * it waits the giver cancels it, and a return has already given the minutes back. Nor are the legs
 * of a move or a take-over: they carry a balance, not a service, and one leg alone would undo half (decision 026).
 */
const carriesABalance: readonly EntryDoc['kind'][] = ['moveOut', 'moveIn', 'takeover']
export const isReversible = (entry: EntryDoc) =>
  entry.kind !== 'reversal' &&
  entry.kind !== 'giftReturn' &&
  !(entry.kind === 'gift' && entry.gift) &&
  !carriesABalance.includes(entry.kind)

// ——— catalogue, redemptions, held credits ———

const providerOf = (organisationId: string | undefined, organisations: Map<string, OrganisationDoc>) =>
  organisationId ? { provider: { organisationId, name: organisations.get(organisationId)?.name ?? '' } } : {}

export async function itemViews(items: ItemDoc[]): Promise<ItemView[]> {
  const organisations = await organisationsByIds(items.flatMap((i) => (i.providerOrganisationId ? [i.providerOrganisationId] : [])))
  return items.map((item) => ({
    id: item._id,
    communityId: item.communityId,
    name: item.name,
    kind: item.kind,
    kindLabel: itemKindLabel[item.kind],
    priceMinutes: item.priceMinutes,
    description: item.description,
    ...providerOf(item.providerOrganisationId, organisations),
    stock: item.stock,
    status: item.status,
    statusLabel: item.status === 'active' ? '可兑换' : '已下架',
  }))
}

/** `withPerson`: the committee and the provider see who redeemed it and their phone, to hand it over. */
export async function redemptionViews(redemptions: RedemptionDoc[], withPerson: boolean): Promise<RedemptionView[]> {
  const [communities, organisations, people] = await Promise.all([
    communitiesByIds(redemptions.map((r) => r.communityId)),
    organisationsByIds(redemptions.flatMap((r) => (r.providerOrganisationId ? [r.providerOrganisationId] : []))),
    peopleByOpenids(redemptions.flatMap((r) => [...(withPerson ? [r.openid] : []), ...(r.handedOverBy ? [r.handedOverBy] : [])])),
  ])
  return redemptions.map((r) => {
    const person = withPerson ? people.get(r.openid) : undefined
    return {
      id: r._id,
      itemId: r.itemId,
      itemName: r.itemName,
      kind: r.kind,
      kindLabel: itemKindLabel[r.kind],
      priceMinutes: r.priceMinutes,
      status: r.status,
      statusLabel: redemptionStatusLabel[r.status],
      communityId: r.communityId,
      communityName: communities.get(r.communityId)?.name ?? '',
      ...providerOf(r.providerOrganisationId, organisations),
      requestedAt: iso(r.requestedAt),
      ...(r.handedOverAt ? { handedOverAt: iso(r.handedOverAt) } : {}),
      ...(r.handedOverBy ? { handedOverByName: people.get(r.handedOverBy)?.name ?? '' } : {}),
      entryId: r.entryId,
      ...(person ? { personName: person.name, ...(person.phone ? { phone: person.phone } : {}) } : {}),
    }
  })
}

export async function heldViews(held: HeldCreditDoc[]): Promise<HeldCreditView[]> {
  const [names, people] = await Promise.all([
    issuerNamesOf(held.map((h) => ({ organisationId: h.service.organisationId, communityId: h.communityId }))),
    peopleByOpenids(held.flatMap((h) => [h.openid, ...(h.reviewedBy ? [h.reviewedBy] : [])])),
  ])
  return held.map((h) => {
    const person = people.get(h.openid)
    return {
      id: h._id,
      status: h.status,
      statusLabel: heldStatusLabel[h.status],
      personName: person?.name ?? '',
      ...(person ? { personId: person._id } : {}),
      service: serviceView(h.service, h.communityId, names),
      day: h.day,
      recordMinutes: h.recordMinutes,
      heldMinutes: h.heldMinutes,
      cause: h.cause ?? 'cap',
      causeLabel: heldCauseLabel[h.cause ?? 'cap'],
      ...(h.unrecoveredMinutes ? { unrecoveredMinutes: h.unrecoveredMinutes } : {}),
      heldAt: iso(h.heldAt),
      ...(h.reviewedAt ? { reviewedAt: iso(h.reviewedAt) } : {}),
      ...(h.reviewedBy ? { reviewedByName: people.get(h.reviewedBy)?.name ?? '' } : {}),
      ...(h.reason ? { reason: h.reason } : {}),
    }
  })
}

/** `giver`: to whom, as typed; `recipient`: from whom. `known`: their communities, when already read. */
export async function giftViews(gifts: GiftDoc[], side: 'giver' | 'recipient', known?: Map<string, CommunityDoc>): Promise<GiftView[]> {
  const [communities, people] = await Promise.all([
    known ?? communitiesByIds(gifts.map((g) => g.communityId)),
    peopleByOpenids(side === 'recipient' ? gifts.map((g) => g.giverOpenid) : []),
  ])
  return gifts.map((g) => ({
    id: g._id,
    communityId: g.communityId,
    communityName: communities.get(g.communityId)?.name ?? '',
    minutes: g.minutes,
    ...(g.note ? { note: g.note } : {}),
    status: g.status,
    statusLabel: (side === 'giver' ? giftStatusLabel : receivedGiftStatusLabel)[g.status],
    createdAt: iso(g.createdAt),
    expiresAt: iso(g.expiresAt),
    ...(side === 'giver' ? { toName: g.toName, toPhoneMasked: g.toPhoneMasked } : { fromName: people.get(g.giverOpenid)?.name ?? '' }),
  }))
}
