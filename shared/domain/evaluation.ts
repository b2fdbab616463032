/**
 * 评估评议 and 信息公开 (docs/decisions/051, 052): organisations report each period, residents they served
 * give one 评议 a year, the committee grades each organisation once a year; charges and money are public.
 */
import { z } from 'zod'
import type { ReportPeriod } from './report'
import { inShanghai } from './time'

/** How often the committee asks its organisations for a work report: a community setting. */
export const reportCadences = ['quarter', 'half'] as const
export type ReportCadence = (typeof reportCadences)[number]
export const reportCadenceLabel: Record<ReportCadence, string> = { quarter: '每季度', half: '每半年' }
export const DEFAULT_REPORT_CADENCE: ReportCadence = 'half'

/** `2026-Q4` or `2026-H2`: a reporting period as its key. */
export const reportPeriodKeySchema = z.string().regex(/^\d{4}-(Q[1-4]|H[12])$/, '报告期格式不正确')

const monthsPer: Record<'Q' | 'H', number> = { Q: 3, H: 6 }

/** The days a period key covers, both ends included. */
export function periodOfKey(key: string): ReportPeriod {
  const year = Number(key.slice(0, 4))
  const unit = key[5] as 'Q' | 'H'
  const start = inShanghai(`${year}-01-01T00:00:00+08:00`).add((Number(key[6]) - 1) * monthsPer[unit], 'month')
  return { from: start.format('YYYY-MM-DD'), to: start.add(monthsPer[unit], 'month').subtract(1, 'day').format('YYYY-MM-DD') }
}

export const yearOfKey = (key: string) => Number(key.slice(0, 4))

export function periodLabel(key: string): string {
  const number = key[6]
  return key[5] === 'Q' ? `${key.slice(0, 4)}年第${number}季度` : `${key.slice(0, 4)}年${number === '1' ? '上' : '下'}半年`
}

/** The period of `cadence` that `now` falls in. */
export function currentPeriodKey(cadence: ReportCadence, now: Date): string {
  const day = inShanghai(now)
  const month = day.month()
  return cadence === 'quarter' ? `${day.year()}-Q${Math.floor(month / 3) + 1}` : `${day.year()}-H${month < 6 ? 1 : 2}`
}

/** The periods a lead may report on now: the current one and those before it this year and last (so a late report still lands). */
export function reportablePeriodKeys(cadence: ReportCadence, now: Date): string[] {
  const year = inShanghai(now).year()
  const current = currentPeriodKey(cadence, now)
  const per = cadence === 'quarter' ? ['Q1', 'Q2', 'Q3', 'Q4'] : ['H1', 'H2']
  return [year - 1, year].flatMap((y) => per.map((p) => `${y}-${p}`)).filter((key) => key <= current)
}

export const shanghaiYear = (now: Date) => inShanghai(now).year()

const figureCount = z.number().int()

/** What the system counted for an organisation in a period, counted as the reports count (server/evaluation/figures.ts). */
export const organisationFiguresSchema = z.object({
  needsCompleted: figureCount,
  /** From raising to acceptance, the median over the needs it accepted in the period. */
  medianResponseMinutes: figureCount.nullable(),
  activitiesHeld: figureCount,
  participants: figureCount,
  checkedIn: figureCount,
  volunteerMinutes: figureCount,
  volunteers: figureCount,
  outcomes: z.object({ solved: figureCount, partly: figureCount, unsolved: figureCount }),
})
export type OrganisationFigures = z.infer<typeof organisationFiguresSchema>

/** A resident's 评议 of an organisation. */
export const verdicts = ['satisfied', 'fair', 'unsatisfied'] as const
export type Verdict = (typeof verdicts)[number]
export const verdictLabel: Record<Verdict, string> = { satisfied: '满意', fair: '基本满意', unsatisfied: '不满意' }
export const MAX_REVIEW_LENGTH = 100

/** The committee's yearly grade. */
export const grades = ['excellent', 'good', 'pass', 'fail'] as const
export type Grade = (typeof grades)[number]
export const gradeLabel: Record<Grade, string> = { excellent: '优秀', good: '良好', pass: '合格', fail: '不合格' }

/** 不合格 two years running: the committee's page suggests suspending it (decision 051). */
export function suggestsSuspension(gradesByYear: ReadonlyMap<number, Grade>, year: number): boolean {
  return gradesByYear.get(year) === 'fail' && gradesByYear.get(year - 1) === 'fail'
}

/** Whether `day` (YYYY-MM-DD, Shanghai) is inside the committee's evaluation window. */
export function windowOpen(window: { from: string; to: string } | null | undefined, now: Date): boolean {
  if (!window) return false
  const day = inShanghai(now).format('YYYY-MM-DD')
  return window.from <= day && day <= window.to
}

/** 收费标准: amounts in fen, as integers, like every sum of money here. */
export const MAX_CHARGE_ITEMS = 20
export const MAX_AMOUNT_FEN = 100_000_000
export const ledgerDirections = ['in', 'out'] as const
export type LedgerDirection = (typeof ledgerDirections)[number]
export const ledgerDirectionLabel: Record<LedgerDirection, string> = { in: '收入', out: '支出' }

/** ¥12.50 from 1250 fen. */
export const yuanLabel = (fen: number) => `¥${(fen / 100).toFixed(2)}`
