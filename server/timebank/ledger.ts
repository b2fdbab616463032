/**
 * The one way minutes move: inside the caller's transaction, read both accounts, refuse a person's
 * debit beyond their balance, write both balances and add the entry. Every service, gift, grant,
 * redemption and reversal is this plus the few single documents its own rule needs, in ONE
 * transaction, so the invariants (each balance is the sum of its entries; a community's accounts
 * sum to zero; no person below zero) hold however many run at once (docs/decisions/010).
 *
 * Operations inside a transaction run one after another: a CloudBase transaction is a database
 * session, which takes one operation at a time.
 */
import type { EntryKind } from '../../shared/domain/timebank'
import { formatMinutes } from '../../shared/domain/time'
import { AppError, ErrorCode } from '../../shared/errors'
import type { AccountDoc, DailyCreditDoc, EntryDoc } from '../data/documents'
import type { Transaction } from '../data/transaction'
import { POOL_SHARDS, dailyIdOf, personAccountId, poolAccountId, waitingGiftAccountId } from './keys'

/** Either side of a movement. */
export type Party = { kind: 'pool' } | { kind: 'gift'; giftId: string } | { kind: 'person'; openid: string }

export const pool: Party = { kind: 'pool' }
/** A gift waiting for its recipient: the minutes have left the giver and belong to nobody yet. */
export const waitingGift = (giftId: string): Party => ({ kind: 'gift', giftId })
export const person = (openid: string): Party => ({ kind: 'person', openid })

/** Any of the pool's accounts will do: chosen afresh on each attempt, so a retry after a conflict likely lands elsewhere. */
export function accountIdOf(communityId: string, party: Party): string {
  if (party.kind === 'pool') return poolAccountId(communityId, Math.floor(Math.random() * POOL_SHARDS))
  return party.kind === 'gift' ? waitingGiftAccountId(communityId, party.giftId) : personAccountId(communityId, party.openid)
}

type Details = Pick<EntryDoc, 'service' | 'note' | 'redemptionId' | 'itemName' | 'reason' | 'reverses' | 'reversedKind' | 'gift'>

export interface Movement {
  /** The entry's id: its idempotency key. The caller has found no entry under it in this transaction. */
  key: string
  communityId: string
  from: Party
  to: Party
  minutes: number
  kind: EntryKind
  byOpenid: string
  at: Date
  details?: Details
  /** The input that asked for the minutes, named when the payer has too few. */
  field?: string
  /** The payee's account is made by this very movement (a new gift's waiting account): not read first. */
  toIsNew?: true
}

/** `field`: the input that asked for too much, when there is one, so the page can say it there. */
export const insufficient = (balance: number, field?: string) =>
  new AppError(ErrorCode.INSUFFICIENT_BALANCE, balance > 0 ? `时间余额不足：还有 ${formatMinutes(balance)}` : '时间余额不足', field)

/** Moves the minutes and adds the entry; answers the entry and the payer's and payee's balances after it. */
export async function move(tx: Transaction, m: Movement): Promise<{ entry: EntryDoc; fromBalance: number; toBalance: number }> {
  if (!Number.isInteger(m.minutes) || m.minutes < 1) throw new Error(`ledger: ${m.minutes} is not a whole positive number of minutes`)
  const fromId = accountIdOf(m.communityId, m.from)
  const toId = accountIdOf(m.communityId, m.to)
  if (fromId === toId) throw new Error(`ledger: ${m.key} moves minutes from ${fromId} to itself`)
  const from = await tx.get('timebank_accounts', fromId)
  const to = m.toIsNew ? null : await tx.get('timebank_accounts', toId)
  const fromBalance = (from?.balance ?? 0) - m.minutes
  // The pool issues and so goes below zero; a person never does, nor do waiting gifts (they only hold what was given).
  if (m.from.kind === 'person' && fromBalance < 0) throw insufficient(from?.balance ?? 0, m.field)
  await writeAccount(tx, m, fromId, m.from, from, -m.minutes)
  await writeAccount(tx, m, toId, m.to, to, m.minutes)
  const entry: EntryDoc = {
    _id: m.key,
    communityId: m.communityId,
    kind: m.kind,
    from: fromId,
    to: toId,
    ...(m.from.kind === 'person' ? { fromOpenid: m.from.openid } : {}),
    ...(m.to.kind === 'person' ? { toOpenid: m.to.openid } : {}),
    people: [m.from, m.to].flatMap((p) => (p.kind === 'person' ? [p.openid] : [])),
    minutes: m.minutes,
    at: m.at,
    byOpenid: m.byOpenid,
    ...m.details,
  }
  await tx.add('timebank_entries', entry)
  return { entry, fromBalance, toBalance: (to?.balance ?? 0) + m.minutes }
}

async function writeAccount(
  tx: Transaction,
  m: Movement,
  id: string,
  party: Party,
  current: AccountDoc | null,
  delta: number,
): Promise<void> {
  if (current) {
    await tx.update('timebank_accounts', id, { balance: current.balance + delta, entryCount: current.entryCount + 1, updatedAt: m.at })
    return
  }
  const account: AccountDoc = {
    _id: id,
    communityId: m.communityId,
    kind: party.kind,
    ...(party.kind === 'person' ? { openid: party.openid } : {}),
    balance: delta,
    entryCount: 1,
    createdAt: m.at,
    updatedAt: m.at,
  }
  await tx.add('timebank_accounts', account)
}

/** A person's credited minutes on a Shanghai day, read inside the transaction that adds to them. */
export async function dailyCredited(tx: Transaction, openid: string, day: string): Promise<DailyCreditDoc | null> {
  return tx.get('timebank_daily', dailyIdOf(openid, day))
}

export async function addToDaily(
  tx: Transaction,
  current: DailyCreditDoc | null,
  openid: string,
  day: string,
  minutes: number,
): Promise<void> {
  if (current) await tx.update('timebank_daily', current._id, { minutes: current.minutes + minutes })
  else await tx.add('timebank_daily', { _id: dailyIdOf(openid, day), openid, day, minutes } satisfies DailyCreditDoc)
}
