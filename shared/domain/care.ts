/**
 * 关爱对象与定期探访: who is due a visit when, and the monthly visit rate against the seeds' 100%
 * (seed 004: 特殊困难老年人月探访率达100%). Pure: callers pass `now`; days and months are Asia/Shanghai's.
 */
import { z } from 'zod'
import { inShanghai, monthRange } from './time'
import { specialNeedGroups, type SpecialNeedGroup } from './vocabulary'

export const careGroupSchema = z.enum(specialNeedGroups)

/** Monthly by default; weekly where the committee sets it (for example 独居高龄). */
export const visitFrequencySchema = z.enum(['monthly', 'weekly'])
export type VisitFrequency = z.infer<typeof visitFrequencySchema>
export const visitFrequencyLabel: Record<VisitFrequency, string> = { monthly: '每月探访', weekly: '每周探访' }

/** PIPL 单独同意: who consented and how, recorded apart from any other agreement. */
export const consentMethodSchema = z.enum(['signed_form', 'recorded_verbal', 'in_app'])
export type ConsentMethod = z.infer<typeof consentMethodSchema>
export const consentMethodLabel: Record<ConsentMethod, string> = {
  signed_form: '书面签字',
  recorded_verbal: '口头同意（已录音）',
  in_app: '本人在小程序中确认',
}
/** A guardian consents for a child or a person without capacity; family only when the person cannot. */
export const consentGiverSchema = z.enum(['self', 'guardian', 'family'])
export type ConsentGiver = z.infer<typeof consentGiverSchema>
export const consentGiverLabel: Record<ConsentGiver, string> = { self: '本人', guardian: '监护人', family: '近亲属' }

export const visitModeSchema = z.enum(['in_person', 'phone'])
export type VisitMode = z.infer<typeof visitModeSchema>
export const visitModeLabel: Record<VisitMode, string> = { in_person: '上门探访', phone: '电话探访' }

export const wellbeingSchema = z.enum(['good', 'fair', 'poor', 'urgent'])
export type Wellbeing = z.infer<typeof wellbeingSchema>
export const wellbeingLabel: Record<Wellbeing, string> = { good: '良好', fair: '一般', poor: '较差', urgent: '需要马上帮助' }

/** A newly registered person is first visited within this many days, whatever their frequency. */
export const FIRST_VISIT_DAYS = 7
/** Days past the due date before an unvisited person is escalated to the committee. */
export const ESCALATION_GRACE_DAYS: Record<VisitFrequency, number> = { monthly: 7, weekly: 2 }
/**
 * "Due this week": due within this many days from now. Shorter than the interval for weekly
 * visits, or a person visited a moment ago would already stand as due again.
 */
export const DUE_SOON_DAYS: Record<VisitFrequency, number> = { monthly: 7, weekly: 2 }

/**
 * When the next visit is due: FIRST_VISIT_DAYS after registration for the first, then one interval
 * after the last (a calendar month, or 7 days). A month on always lands in the next calendar month
 * (31 January + 1 month is 28 February), so keeping the schedule gives every month its visit.
 */
export function nextVisitDue(person: { frequency: VisitFrequency; registeredAt: Date; lastVisitAt: Date | null }): Date {
  if (person.lastVisitAt === null) return inShanghai(person.registeredAt).add(FIRST_VISIT_DAYS, 'day').toDate()
  const last = inShanghai(person.lastVisitAt)
  return (person.frequency === 'weekly' ? last.add(7, 'day') : last.add(1, 'month')).toDate()
}

/** Pages the schedule's subscribe messages open: the volunteer's list, and the committee's page of one person. */
export const CARE_VISITS_PAGE = 'pages/care/visits/index'
export const CARE_PERSON_PAGE = 'pages/committee/care-person/index'

export type VisitStanding = 'upcoming' | 'due_soon' | 'overdue' | 'escalated'
export const visitStandingLabel: Record<VisitStanding, string> = {
  upcoming: '未到探访时间',
  due_soon: '本周应探访',
  overdue: '已逾期',
  escalated: '逾期未探访，已报两委',
}

/** A person the volunteer should see to now: due this week, overdue or escalated. */
export const visitWanted = (standing: VisitStanding) => standing !== 'upcoming'

/**
 * The moments a due date's standing changes: due this week after `dueSoonFrom`, escalated after
 * `escalatedAfter`. Stored with the due date, they are what the scheduled reminders wait for.
 */
export function standingChanges(due: Date, frequency: VisitFrequency): { dueSoonFrom: Date; escalatedAfter: Date } {
  return {
    dueSoonFrom: inShanghai(due).subtract(DUE_SOON_DAYS[frequency], 'day').toDate(),
    escalatedAfter: inShanghai(due).add(ESCALATION_GRACE_DAYS[frequency], 'day').toDate(),
  }
}

/** Where a person stands against their schedule at `now`. */
export function visitStanding(due: Date, frequency: VisitFrequency, now: Date): VisitStanding {
  const { dueSoonFrom, escalatedAfter } = standingChanges(due, frequency)
  if (now > escalatedAfter) return 'escalated'
  if (now > due) return 'overdue'
  if (now > dueSoonFrom) return 'due_soon'
  return 'upcoming'
}

// ——— The monthly visit rate ———

/** A month in Shanghai as `YYYY-MM`. */
export const monthSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式应为 YYYY-MM')

export interface RegisterFacts {
  id: string
  groups: readonly SpecialNeedGroup[]
  registeredAt: Date
  /** When consent was withdrawn (the person left the active register), if it was. */
  withdrawnAt: Date | null
}

export interface VisitRate {
  /** People expected to be visited in the month. */
  expected: number
  visited: number
  /** visited / expected, 0–1; null when nobody was expected (no rate to speak of). */
  rate: number | null
  /** Expected people not visited, for the list behind the figure. */
  notVisited: string[]
}

/**
 * The month's visit rate. Expected are those on the active register for the whole month: registered
 * before it began and not withdrawn before it ended (someone registered mid-month is due a first
 * visit within a week instead, and someone who withdrew is not to be visited). Visited are those of
 * them with at least one visit, in person or by phone, inside the month.
 */
export function monthlyVisitRate(
  month: string,
  register: readonly RegisterFacts[],
  visits: readonly { registerId: string; at: Date }[],
): VisitRate {
  const { start, end } = monthRange(month)
  const expected = register.filter((p) => p.registeredAt < start && (p.withdrawnAt === null || p.withdrawnAt >= end))
  const visitedIds = new Set(visits.filter((v) => v.at >= start && v.at < end).map((v) => v.registerId))
  const notVisited = expected.filter((p) => !visitedIds.has(p.id)).map((p) => p.id)
  const visited = expected.length - notVisited.length
  return { expected: expected.length, visited, rate: expected.length === 0 ? null : visited / expected.length, notVisited }
}

/** The same rate for each group with anyone expected: a person in two groups counts in both. */
export function monthlyVisitRateByGroup(
  month: string,
  register: readonly RegisterFacts[],
  visits: readonly { registerId: string; at: Date }[],
): Partial<Record<SpecialNeedGroup, VisitRate>> {
  const byGroup: Partial<Record<SpecialNeedGroup, VisitRate>> = {}
  for (const group of specialNeedGroups) {
    const members = register.filter((p) => p.groups.includes(group))
    if (members.length === 0) continue
    const rate = monthlyVisitRate(month, members, visits)
    if (rate.expected > 0) byGroup[group] = rate
  }
  return byGroup
}

/** "96%": a whole percentage, rounded down so that 99.6% never shows as the target met. */
export function percentLabel(rate: number | null): string {
  return rate === null ? '—' : `${Math.floor(rate * 100)}%`
}
