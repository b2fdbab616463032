/**
 * The monthly visit rate's visits as sums over days (docs/decisions/054): a visit counts on its
 * Shanghai day, and a month's visited are the register entries with at least one visit in it, so a
 * tally keeps, per month, each entry with its number of visits. Pure and JSON-shaped.
 */
import { dayOf } from './need-tally'
import { monthRange } from './time'

/** What one visit adds to its day. */
export interface VisitMark {
  day: string
  entryId: string
}

export interface VisitTally {
  /** Month → register entry → visits to it that month. */
  months: Record<string, Record<string, number>>
}

export const emptyVisitTally = (): VisitTally => ({ months: {} })

export const visitMarksOf = (visit: { registerId: string; at: Date }): VisitMark[] => [{ day: dayOf(visit.at), entryId: visit.registerId }]

function bumpEntry(tally: VisitTally, month: string, entryId: string, n: number) {
  const entries = tally.months[month] ?? {}
  const visits = (entries[entryId] ?? 0) + n
  if (visits === 0) delete entries[entryId]
  else entries[entryId] = visits
  if (Object.keys(entries).length === 0) delete tally.months[month]
  else tally.months[month] = entries
}

/** Adds a visit's mark, or takes it away again with `sign` -1. */
export function addVisitMark(tally: VisitTally, mark: VisitMark, sign: 1 | -1 = 1): VisitTally {
  bumpEntry(tally, mark.day.slice(0, 7), mark.entryId, sign)
  return tally
}

export function mergeVisitTallies(tallies: Iterable<VisitTally>): VisitTally {
  const sum = emptyVisitTally()
  for (const tally of tallies) {
    for (const [month, entries] of Object.entries(tally.months)) {
      for (const [entryId, n] of Object.entries(entries)) bumpEntry(sum, month, entryId, n)
    }
  }
  return sum
}

/** One visit per entry and month it was visited in: all monthlyVisitRate needs of the visits. */
export function visitsOfTally(tally: VisitTally): { registerId: string; at: Date }[] {
  return Object.entries(tally.months).flatMap(([month, entries]) =>
    Object.keys(entries).map((registerId) => ({ registerId, at: monthRange(month).start })),
  )
}
