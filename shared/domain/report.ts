/**
 * The figures the seeds' reports ask for (总结报告): a period of whole days in Asia/Shanghai, weeks for
 * the trend, and the median and 90th percentile of waiting times. Pure: the functions gather the
 * facts, these say how they are counted, and a test can count the same way independently.
 */
import { z } from 'zod'
import { daySchema } from './fields'
import { inShanghai } from './time'

/** The longest period one report covers: a year, as the annual 总结报告 does. */
export const MAX_REPORT_DAYS = 366

/** Whole days in Shanghai, both ends included: 2026-11-01 to 2026-11-30 is November. */
export const reportPeriodSchema = z
  .strictObject({ from: daySchema, to: daySchema })
  .refine((p) => p.from <= p.to, { message: '结束日期不能早于开始日期', path: ['to'] })
  .refine((p) => inShanghai(`${p.to}T00:00:00+08:00`).diff(inShanghai(`${p.from}T00:00:00+08:00`), 'day') < MAX_REPORT_DAYS, {
    message: `一次最多统计 ${MAX_REPORT_DAYS} 天`,
    path: ['to'],
  })
export type ReportPeriod = z.infer<typeof reportPeriodSchema>

const startOfDay = (day: string) => inShanghai(`${day}T00:00:00+08:00`)

/** The period as instants, [start, end): a moment counts when start <= moment < end. */
export function periodRange(period: ReportPeriod): { start: Date; end: Date } {
  return { start: startOfDay(period.from).toDate(), end: startOfDay(period.to).add(1, 'day').toDate() }
}

export function inPeriod(moment: Date, range: { start: Date; end: Date }): boolean {
  return moment >= range.start && moment < range.end
}

/**
 * The weeks of the trend, Monday to Sunday as Chinese calendars count them; the first and last are
 * cut to the period, so every day of the period is in exactly one week.
 */
export function weeksOf(period: ReportPeriod): { label: string; start: Date; end: Date }[] {
  const { end } = periodRange(period)
  const weeks = []
  let cursor = startOfDay(period.from)
  while (cursor.valueOf() < end.getTime()) {
    // day(): 0 is Sunday; days until the next Monday.
    const nextMonday = cursor.startOf('day').add((8 - cursor.day()) % 7 || 7, 'day')
    const weekEnd = nextMonday.valueOf() < end.getTime() ? nextMonday : inShanghai(end)
    weeks.push({ label: cursor.format('M月D日'), start: cursor.toDate(), end: weekEnd.toDate() })
    cursor = weekEnd
  }
  return weeks
}

/**
 * The q-quantile by nearest rank: the smallest observed value with at least q of the values at or
 * below it. Always a value that happened (no interpolated minutes nobody waited), and easy to check
 * by hand; null when there are no values.
 */
export function nearestRank(values: readonly number[], q: number): number | null {
  if (values.length === 0) return null
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)]
}

export interface DurationSummary {
  count: number
  medianMinutes: number | null
  p90Minutes: number | null
}

export function durationSummary(minutes: readonly number[]): DurationSummary {
  return { count: minutes.length, medianMinutes: nearestRank(minutes, 0.5), p90Minutes: nearestRank(minutes, 0.9) }
}

/** Whole minutes between two moments, for waiting times. */
export function minutesBetween(from: Date, to: Date): number {
  return Math.round((to.getTime() - from.getTime()) / 60_000)
}

/** How many of each key, with every listed key present (0 when none), in the listed order. */
export function countBy<K extends string>(keys: readonly K[], items: readonly K[]): Record<K, number> {
  const counts = Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>
  for (const item of items) counts[item] += 1
  return counts
}

/** The periods a report is most often for; each ends today at the latest (nothing after today to count). */
export const periodPresets = ['thisMonth', 'lastMonth', 'thisQuarter', 'thisYear'] as const
export type PeriodPreset = (typeof periodPresets)[number]
export const periodPresetLabel: Record<PeriodPreset, string> = {
  thisMonth: '本月',
  lastMonth: '上月',
  thisQuarter: '本季度',
  thisYear: '今年',
}

export function presetPeriod(preset: PeriodPreset, now: Date): ReportPeriod {
  const today = inShanghai(now).startOf('day')
  const day = (d: typeof today) => d.format('YYYY-MM-DD')
  switch (preset) {
    case 'thisMonth':
      return { from: day(today.startOf('month')), to: day(today) }
    case 'lastMonth': {
      const last = today.startOf('month').subtract(1, 'month')
      return { from: day(last), to: day(last.endOf('month')) }
    }
    case 'thisQuarter':
      return { from: day(today.startOf('month').subtract(today.month() % 3, 'month')), to: day(today) }
    case 'thisYear':
      return { from: day(today.startOf('year')), to: day(today) }
  }
}
