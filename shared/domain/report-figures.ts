/**
 * How the report's figures are counted from the facts the functions gather (docs/decisions/012).
 * Pure: the same facts always give the same figures, and the tests count the seeded data the same
 * documented way with report.ts's primitives, without calling these.
 */
import type { ActivityStatus } from './activity'
import { monthlyVisitRate, type RegisterFacts } from './care'
import { outcomeSchema, urgencySchema, type NeedStatus, type Outcome, type Urgency } from './need'
import { organisationCoverage, type OrganisationDecision, type OrganisationStatus } from './organisation'
import { countBy, durationSummary, inPeriod, minutesBetween, periodRange, weeksOf, type DurationSummary, type ReportPeriod } from './report'
import { inShanghai } from './time'
import type { ServiceKind } from './timebank'
import { helpKinds, type HelpKind } from './vocabulary'

type LngLat = readonly [number, number]

/** What a figure needs to know of one need: no names, no phones, no addresses. */
export interface NeedFacts {
  helpKind: HelpKind
  urgency: Urgency
  status: NeedStatus
  createdAt: Date
  /** The current acceptance (a need judged 未解决 loses it and may be accepted again). */
  acceptedAt: Date | null
  doneAt: Date | null
  /** The requester's latest judgement, or 未评价 when it closed without one. */
  outcome: { result: Outcome; at: Date } | null
  location: LngLat
}

/** Every outcome a figure shows, 未评价 last. */
export const reportOutcomes = [...outcomeSchema.options, 'unrated'] as const satisfies readonly Outcome[]

/** Raised: in the period, unless the committee hid it (text it would not publish is no need to count). */
const isRaised = (n: NeedFacts, range: Range) => n.status !== 'hidden' && inPeriod(n.createdAt, range)
const isAccepted = (n: NeedFacts, range: Range) => n.acceptedAt !== null && inPeriod(n.acceptedAt, range)
/** Completed: marked done in the period and not reopened since (a 未解决 sends it back to matching). */
const isCompleted = (n: NeedFacts, range: Range) =>
  (n.status === 'done' || n.status === 'closed') && n.doneAt !== null && inPeriod(n.doneAt, range)

type Range = { start: Date; end: Date }

export interface NeedFigures {
  raised: number
  accepted: number
  completed: number
  byKind: { helpKind: HelpKind; raised: number; accepted: number; completed: number }[]
  byUrgency: { urgency: Urgency; raised: number; accepted: number; completed: number }[]
  /** From raising to the current acceptance, over the needs accepted in the period. */
  toAcceptance: DurationSummary
  /** From raising to done, over the needs completed in the period. */
  toCompletion: DurationSummary
  /** Judgements given in the period, each need by its latest. */
  outcomes: Record<Outcome, number>
}

export function needFigures(needs: readonly NeedFacts[], period: ReportPeriod): NeedFigures {
  const range = periodRange(period)
  const raised = needs.filter((n) => isRaised(n, range))
  const accepted = needs.filter((n) => isAccepted(n, range))
  const completed = needs.filter((n) => isCompleted(n, range))
  const rows = <K extends string>(keys: readonly K[], key: (n: NeedFacts) => K) => {
    const [r, a, c] = [raised, accepted, completed].map((list) => countBy(keys, list.map(key)))
    return keys.map((k) => ({ key: k, raised: r[k], accepted: a[k], completed: c[k] }))
  }
  const judged = needs.filter((n) => n.outcome !== null && inPeriod(n.outcome.at, range))
  return {
    raised: raised.length,
    accepted: accepted.length,
    completed: completed.length,
    // Only the kinds that happened: a community sees its own mix, not a row of zeros for every kind.
    byKind: rows(helpKinds, (n) => n.helpKind)
      .filter((row) => row.raised + row.accepted + row.completed > 0)
      .map(({ key, ...counts }) => ({ helpKind: key, ...counts })),
    byUrgency: rows(urgencySchema.options, (n) => n.urgency).map(({ key, ...counts }) => ({ urgency: key, ...counts })),
    toAcceptance: durationSummary(accepted.map((n) => minutesBetween(n.createdAt, n.acceptedAt!))),
    toCompletion: durationSummary(completed.map((n) => minutesBetween(n.createdAt, n.doneAt!))),
    outcomes: countBy(
      reportOutcomes,
      judged.map((n) => n.outcome!.result),
    ),
  }
}

export interface TrendWeek {
  /** The week's first day in the period, e.g. 11月3日. */
  label: string
  from: Date
  raised: number
  completed: number
}

/** Needs raised and completed each Monday week of the period, counted as needFigures counts them. */
export function weeklyTrend(needs: readonly NeedFacts[], period: ReportPeriod): TrendWeek[] {
  return weeksOf(period).map((week) => ({
    label: week.label,
    from: week.start,
    raised: needs.filter((n) => isRaised(n, week)).length,
    completed: needs.filter((n) => isCompleted(n, week)).length,
  }))
}

/**
 * Map cells of about 500 m (0.005° of latitude and longitude): a need shows as a count in a cell,
 * never at the door it came from, for whoever looks at the map.
 */
export const MAP_CELL_DEGREES = 0.005

export interface MapCell {
  centre: [number, number]
  count: number
}

/** The key of the cell a point falls in. */
export function cellKeyOf([lng, lat]: LngLat): string {
  return `${Math.floor(lng / MAP_CELL_DEGREES)}:${Math.floor(lat / MAP_CELL_DEGREES)}`
}

/** Counts per cell as cells at their centres, ordered by position so the answer is stable. */
export function placesOfCells(counts: Record<string, number>): MapCell[] {
  return Object.entries(counts)
    .map(([key, count]): MapCell => {
      const [i, j] = key.split(':').map(Number)
      return { centre: [cellCentre(i), cellCentre(j)], count }
    })
    .sort((a, b) => a.centre[0] - b.centre[0] || a.centre[1] - b.centre[1])
}

/** The cell each point falls in, by its centre. */
export function approximatePlaces(points: readonly LngLat[]): MapCell[] {
  const counts: Record<string, number> = {}
  for (const point of points) counts[cellKeyOf(point)] = (counts[cellKeyOf(point)] ?? 0) + 1
  return placesOfCells(counts)
}

const cellCentre = (index: number) => Number(((index + 0.5) * MAP_CELL_DEGREES).toFixed(6))

/** The places of the needs raised in the period, as map cells. */
export function needPlaces(needs: readonly NeedFacts[], period: ReportPeriod): MapCell[] {
  const range = periodRange(period)
  return approximatePlaces(needs.filter((n) => isRaised(n, range)).map((n) => n.location))
}

// ——— 社区社会组织 against the seeds' target ———

export interface OrganisationFacts {
  status: OrganisationStatus
  approvedAt: Date | null
  /** The latest decision: only the latest is kept, so a suspension is dated by it. */
  decision: { decision: OrganisationDecision; at: Date } | null
}

export interface OrganisationFigures {
  /** Approved when the period ended (approvedWhenEnded). */
  approved: number
  target: number
  met: boolean
  shortfall: number
  /** Approved during the period. */
  newlyApproved: number
}

/** Those approved when the period ended: approved before its end, and not suspended by then as far as their latest decision says. */
export function approvedWhenEnded<O extends OrganisationFacts>(organisations: readonly O[], period: ReportPeriod): O[] {
  const { end } = periodRange(period)
  return organisations.filter(
    (o) =>
      o.approvedAt !== null &&
      o.approvedAt < end &&
      (o.status === 'approved' || (o.status === 'suspended' && o.decision !== null && o.decision.at >= end)),
  )
}

export function organisationFigures(
  organisations: readonly OrganisationFacts[],
  target: number,
  period: ReportPeriod,
): OrganisationFigures {
  const range = periodRange(period)
  return {
    ...organisationCoverage(approvedWhenEnded(organisations, period).length, target),
    newlyApproved: organisations.filter((o) => o.approvedAt !== null && inPeriod(o.approvedAt, range)).length,
  }
}

// ——— 志愿服务时长 ———

export interface ServiceFacts {
  openid: string
  /** What counts of the record as service hours, as the time bank settled it (shared/domain/timebank.ts countedMinutes). */
  countedMinutes: number
  servedAt: Date
  sourceKind: ServiceKind
  /** The organisation that recorded it; absent on a visit the committee issues. */
  organisationId?: string
}

export interface ServiceFigures {
  minutes: number
  /** Distinct people with service counted. */
  volunteers: number
  records: number
  needMinutes: number
  activityMinutes: number
}

/**
 * Service given in the period, counted as the volunteers' own hours and certificates count it: what
 * the time bank settled (minutes still held over the daily cap count once credited; declined never).
 */
export function serviceFigures(records: readonly ServiceFacts[], period: ReportPeriod): ServiceFigures {
  const range = periodRange(period)
  const counted = records.filter((r) => r.countedMinutes > 0 && inPeriod(r.servedAt, range))
  const sum = (list: readonly ServiceFacts[]) => list.reduce((total, r) => total + r.countedMinutes, 0)
  return {
    minutes: sum(counted),
    volunteers: new Set(counted.map((r) => r.openid)).size,
    records: counted.length,
    needMinutes: sum(counted.filter((r) => r.sourceKind === 'need')),
    activityMinutes: sum(counted.filter((r) => r.sourceKind === 'activity')),
  }
}

/** 志愿服务时长 is reported in hours to one decimal. */
export const hoursOf = (minutes: number) => Math.round(minutes / 6) / 10

// ——— 社区活动 ———

export interface ActivityFacts {
  status: ActivityStatus
  endAt: Date
  /** Places taken by participants and by volunteers when it ended. */
  participants: number
  volunteers: number
  /** Participants who checked in (the lead may not have taken attendance). */
  checkedIn: number
}

export interface ActivityFigures {
  /** Finished with their end in the period: cancelled, refused or still pending ones were not held. */
  held: number
  participants: number
  checkedIn: number
  volunteers: number
}

export function heldIn<A extends ActivityFacts>(activities: readonly A[], period: ReportPeriod): A[] {
  const range = periodRange(period)
  return activities.filter((a) => a.status === 'finished' && inPeriod(a.endAt, range))
}

export function activityFigures(activities: readonly ActivityFacts[], period: ReportPeriod): ActivityFigures {
  const held = heldIn(activities, period)
  const sum = (key: 'participants' | 'volunteers' | 'checkedIn') => held.reduce((total, a) => total + a[key], 0)
  return { held: held.length, participants: sum('participants'), checkedIn: sum('checkedIn'), volunteers: sum('volunteers') }
}

// ——— 特殊群体月探访率 ———

/** Every calendar month the period touches, `YYYY-MM`, in order. */
export function monthsOf(period: ReportPeriod): string[] {
  const months = []
  for (
    let month = inShanghai(`${period.from}T00:00:00+08:00`).startOf('month');
    month.format('YYYY-MM-DD') <= period.to;
    month = month.add(1, 'month')
  ) {
    months.push(month.format('YYYY-MM'))
  }
  return months
}

/**
 * The monthly visit rate (shared/domain/care.ts) of each month the period touches, whole calendar
 * months: the seeds' target is per month, so a month cut by the period is still counted whole.
 */
export function visitRatesOf(
  period: ReportPeriod,
  register: readonly RegisterFacts[],
  visits: readonly { registerId: string; at: Date }[],
) {
  return monthsOf(period).map((month) => {
    const { expected, visited, rate } = monthlyVisitRate(month, register, visits)
    return { month, expected, visited, rate }
  })
}
