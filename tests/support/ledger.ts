/** The time bank's invariants, checked from the documents themselves (docs/decisions/010). */
import type { AccountDoc, EntryDoc } from '../../server/data/documents'
import { allDocuments } from '../../server/data/maintenance'

/**
 * Every account's balance is the sum of its entries and its entry count their number; no person is
 * below zero; a community's accounts sum to zero; every entry is whole positive minutes between two
 * accounts of its own community.
 */
export async function expectLedgerInvariants() {
  const [all, moves] = (await Promise.all([allDocuments('timebank_accounts'), allDocuments('timebank_entries')])) as [
    AccountDoc[],
    EntryDoc[],
  ]
  const byId = new Map(all.map((a) => [a._id, a]))
  for (const e of moves) {
    expect(Number.isInteger(e.minutes) && e.minutes >= 1).toBe(true)
    expect([byId.get(e.from)?.communityId, byId.get(e.to)?.communityId]).toEqual([e.communityId, e.communityId])
  }
  for (const a of all) {
    const touching = moves.filter((e) => e.from === a._id || e.to === a._id)
    const sum = touching.reduce((s, e) => s + (e.to === a._id ? e.minutes : -e.minutes), 0)
    expect({ account: a._id, balance: a.balance, entryCount: a.entryCount }).toEqual({
      account: a._id,
      balance: sum,
      entryCount: touching.length,
    })
    if (a.kind === 'person') expect(a.balance).toBeGreaterThanOrEqual(0)
  }
  const sums = new Map<string, number>()
  for (const a of all) sums.set(a.communityId, (sums.get(a.communityId) ?? 0) + a.balance)
  for (const [communityId, sum] of sums) expect({ communityId, sum }).toEqual({ communityId, sum: 0 })
  return { accounts: all, entries: moves }
}
