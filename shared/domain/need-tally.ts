/**
 * The needs figures as sums over days (docs/decisions/040): every figure of report-figures.ts
 * needFigures, weeklyTrend and needPlaces counts a need by the Shanghai day of one of its moments, so
 * a period's figures are the sum of its days' tallies. A need's marks say what it adds to each day;
 * a tally adds marks up, keeping waiting times as a count per whole minute so that the median and
 * the 90th percentile stay exact (nearest rank over the merged counts is nearest rank over the values).
 * Pure and JSON-shaped: tallies are stored as they are.
 */
import { urgencySchema, type Outcome, type Urgency } from './need'
import { minutesBetween, periodRange, weeksOf, type DurationSummary, type ReportPeriod } from './report'
import { cellKeyOf, placesOfCells, reportOutcomes, type MapCell, type NeedFacts, type NeedFigures, type TrendWeek } from './report-figures'
import { inShanghai } from './time'
import { helpKinds, type HelpKind } from './vocabulary'

/** What one need adds to one day: the moments of it that fall on that day. */
export interface NeedMark {
  day: string
  helpKind: HelpKind
  urgency: Urgency
  /** Raised that day: the map cell it counts in. */
  raised?: string
  /** Accepted that day: whole minutes from raising. */
  accepted?: number
  /** Completed that day: whole minutes from raising. */
  completed?: number
  /** Judged that day. */
  outcome?: Outcome
}

/** The Shanghai day of a moment, `YYYY-MM-DD`. */
export const dayOf = (moment: Date) => inShanghai(moment).format('YYYY-MM-DD')

/** A need's marks, one per day it has a moment on, counted as needFigures counts it. */
export function marksOf(need: NeedFacts): NeedMark[] {
  const marks = new Map<string, NeedMark>()
  const on = (moment: Date) => {
    const day = dayOf(moment)
    const mark = marks.get(day) ?? { day, helpKind: need.helpKind, urgency: need.urgency }
    marks.set(day, mark)
    return mark
  }
  if (need.status !== 'hidden') on(need.createdAt).raised = cellKeyOf(need.location)
  if (need.acceptedAt) on(need.acceptedAt).accepted = minutesBetween(need.createdAt, need.acceptedAt)
  if ((need.status === 'done' || need.status === 'closed') && need.doneAt) {
    on(need.doneAt).completed = minutesBetween(need.createdAt, need.doneAt)
  }
  if (need.outcome) on(need.outcome.at).outcome = need.outcome.result
  return [...marks.values()]
}

type Counts = [raised: number, accepted: number, completed: number]

export interface NeedTally {
  byKind: Partial<Record<HelpKind, Counts>>
  byUrgency: Partial<Record<Urgency, Counts>>
  /** Whole minutes → how many waited that long. */
  toAcceptance: Record<string, number>
  toCompletion: Record<string, number>
  outcomes: Partial<Record<Outcome, number>>
  /** Map cell → needs raised in it. */
  cells: Record<string, number>
  /**
   * Day → [raised, completed], for the weekly trend. A month's or a year's keeps them by the Monday
   * of their week instead (`byWeeks`): the trend needs no finer, and an office's year stays small.
   */
  days: Record<string, [raised: number, completed: number]>
}

export const emptyTally = (): NeedTally => ({
  byKind: {},
  byUrgency: {},
  toAcceptance: {},
  toCompletion: {},
  outcomes: {},
  cells: {},
  days: {},
})

/** Adds `n` at `key`, dropping a count that reaches 0 so that equal tallies are equal objects. */
function bump<K extends string>(counts: Partial<Record<K, number>>, key: K, n: number) {
  const value = (counts[key] ?? 0) + n
  if (value === 0) delete counts[key]
  else counts[key] = value
}

function bumpTuple<K extends string, T extends number[]>(rows: Partial<Record<K, T>>, key: K, add: T) {
  const row = (rows[key] ?? add.map(() => 0)) as T
  add.forEach((n, i) => (row[i] += n))
  if (row.every((n) => n === 0)) delete rows[key]
  else rows[key] = row
}

/** Adds a mark to the tally, or takes it away again with `sign` -1 (a need that changed since it was rolled up). */
export function addMark(tally: NeedTally, mark: NeedMark, sign: 1 | -1 = 1): NeedTally {
  const yes = (present: unknown) => (present === undefined ? 0 : sign)
  const counts: Counts = [yes(mark.raised), yes(mark.accepted), yes(mark.completed)]
  if (counts.some((n) => n !== 0)) {
    bumpTuple(tally.byKind, mark.helpKind, counts)
    bumpTuple(tally.byUrgency, mark.urgency, [...counts])
  }
  if (mark.raised !== undefined) bump(tally.cells, mark.raised, sign)
  if (mark.accepted !== undefined) bump(tally.toAcceptance, String(mark.accepted), sign)
  if (mark.completed !== undefined) bump(tally.toCompletion, String(mark.completed), sign)
  if (mark.outcome !== undefined) bump(tally.outcomes, mark.outcome, sign)
  if (counts[0] !== 0 || counts[2] !== 0) bumpTuple(tally.days, mark.day, [counts[0], counts[2]])
  return tally
}

/** The sum of tallies, into a new one. */
export function mergeTallies(tallies: Iterable<NeedTally>): NeedTally {
  const sum = emptyTally()
  for (const tally of tallies) {
    for (const [k, row] of Object.entries(tally.byKind)) bumpTuple(sum.byKind, k as HelpKind, [...row])
    for (const [k, row] of Object.entries(tally.byUrgency)) bumpTuple(sum.byUrgency, k as Urgency, [...row])
    for (const [k, row] of Object.entries(tally.days)) bumpTuple(sum.days, k, [...row])
    for (const key of ['toAcceptance', 'toCompletion', 'outcomes', 'cells'] as const) {
      for (const [k, n] of Object.entries(tally[key])) bump(sum[key] as Record<string, number>, k, n)
    }
  }
  return sum
}

/** Nearest rank over counted values, as durationSummary gives it over the values themselves. */
export function histogramSummary(histogram: Record<string, number>): DurationSummary {
  const values = Object.entries(histogram)
    .map(([minutes, count]) => [Number(minutes), count] as const)
    .sort((a, b) => a[0] - b[0])
  const count = values.reduce((sum, [, n]) => sum + n, 0)
  const rank = (q: number) => {
    if (count === 0) return null
    let seen = 0
    const wanted = Math.max(1, Math.ceil(q * count))
    return values.find(([, n]) => (seen += n) >= wanted)![0]
  }
  return { count, medianMinutes: rank(0.5), p90Minutes: rank(0.9) }
}

const counted = <K extends string>(keys: readonly K[], rows: Partial<Record<K, Counts>>) =>
  keys.map((key) => {
    const [raised, accepted, completed] = rows[key] ?? [0, 0, 0]
    return { key, raised, accepted, completed }
  })

/** needFigures of a tally of the period's days. */
export function tallyFigures(tally: NeedTally): NeedFigures {
  const byUrgency = counted(urgencySchema.options, tally.byUrgency)
  const total = (i: 'raised' | 'accepted' | 'completed') => byUrgency.reduce((sum, row) => sum + row[i], 0)
  return {
    raised: total('raised'),
    accepted: total('accepted'),
    completed: total('completed'),
    byKind: counted(helpKinds, tally.byKind)
      .filter((row) => row.raised + row.accepted + row.completed > 0)
      .map(({ key, ...counts }) => ({ helpKind: key, ...counts })),
    byUrgency: byUrgency.map(({ key, ...counts }) => ({ urgency: key, ...counts })),
    toAcceptance: histogramSummary(tally.toAcceptance),
    toCompletion: histogramSummary(tally.toCompletion),
    outcomes: Object.fromEntries(reportOutcomes.map((o) => [o, tally.outcomes[o] ?? 0])) as Record<Outcome, number>,
  }
}

/** The Monday of a day's week, `YYYY-MM-DD`. */
function mondayOf(day: string): string {
  const date = inShanghai(`${day}T00:00:00+08:00`)
  return date.subtract((date.day() + 6) % 7, 'day').format('YYYY-MM-DD')
}

/** The tally with its trend rows by the Monday of their week: what a month or a year keeps of its parts' sum. */
export function byWeeks(tally: NeedTally): NeedTally {
  const days: NeedTally['days'] = {}
  for (const [day, row] of Object.entries(tally.days)) bumpTuple(days, mondayOf(day), [...row])
  return { ...tally, days }
}

/**
 * weeklyTrend of a tally of the period's days. A row keyed by a Monday before the period began
 * (a month's or a year's, `byWeeks`) holds only days of the period: they are its first week's.
 */
export function tallyTrend(tally: NeedTally, period: ReportPeriod): TrendWeek[] {
  const weeks = weeksOf(period).map((week) => ({
    label: week.label,
    from: week.start,
    firstDay: dayOf(week.start),
    raised: 0,
    completed: 0,
  }))
  // Days as `YYYY-MM-DD` sort as they follow: a day is in the last week starting on or before it.
  const latestFirst = [...weeks].reverse()
  for (const [day, [raised, completed]] of Object.entries(tally.days)) {
    const week = latestFirst.find((w) => w.firstDay <= day) ?? weeks[0]
    if (!week) continue
    week.raised += raised
    week.completed += completed
  }
  return weeks.map(({ label, from, raised, completed }) => ({ label, from, raised, completed }))
}

/** needPlaces of a tally of the period's days. */
export const tallyPlaces = (tally: NeedTally): MapCell[] => placesOfCells(tally.cells)

/** The days of a period, `YYYY-MM-DD`, in order. */
export function daysOf(period: ReportPeriod): string[] {
  const { end } = periodRange(period)
  const days = []
  for (let day = inShanghai(`${period.from}T00:00:00+08:00`); day.valueOf() < end.getTime(); day = day.add(1, 'day')) {
    days.push(day.format('YYYY-MM-DD'))
  }
  return days
}
