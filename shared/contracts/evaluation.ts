import { z } from 'zod'
import { action, defineFunction } from '../contract'
import { daySchema, idSchema, isoDateTimeSchema, textSchema } from '../domain/fields'
import {
  grades,
  ledgerDirections,
  MAX_AMOUNT_FEN,
  MAX_CHARGE_ITEMS,
  MAX_REVIEW_LENGTH,
  organisationFiguresSchema,
  reportCadences,
  reportPeriodKeySchema,
  verdicts,
} from '../domain/evaluation'

const count = z.number().int()
const fen = z.number().int('金额以分为单位，须是整数').min(1, '金额须大于 0').max(MAX_AMOUNT_FEN, '金额过大')
const yearSchema = z.number().int().min(2000).max(2100)

export const evaluationSettingsSchema = z.object({
  reportEvery: z.enum(reportCadences),
  reportEveryLabel: z.string(),
  /** The evaluation window (评议期), both days included; null while the committee has not opened one. */
  window: z.object({ from: z.string(), to: z.string() }).nullable(),
  windowOpen: z.boolean(),
})
export type EvaluationSettings = z.infer<typeof evaluationSettingsSchema>

export const workReportSchema = z.object({
  id: z.string(),
  organisationId: z.string(),
  period: z.string(),
  periodLabel: z.string(),
  from: z.string(),
  to: z.string(),
  text: z.string(),
  /** As counted when it was submitted. */
  figures: organisationFiguresSchema,
  submittedAt: isoDateTimeSchema,
})
export type WorkReport = z.infer<typeof workReportSchema>

export const gradeViewSchema = z.object({
  year: count,
  grade: z.enum(grades),
  gradeLabel: z.string(),
  comment: z.string(),
  at: isoDateTimeSchema,
})
export type GradeView = z.infer<typeof gradeViewSchema>

export const reviewTallySchema = z.object({ satisfied: count, fair: count, unsatisfied: count, total: count })

export const chargesSchema = z.object({
  free: z.boolean(),
  items: z.array(z.object({ item: z.string(), amountFen: count, unit: z.string() })),
})

export const ledgerEntrySchema = z.object({
  id: z.string(),
  day: z.string(),
  direction: z.enum(ledgerDirections),
  directionLabel: z.string(),
  amountFen: count,
  purpose: z.string(),
})
export type LedgerEntry = z.infer<typeof ledgerEntrySchema>

const ledgerPageSchema = z.object({ entries: z.array(ledgerEntrySchema), nextCursor: z.string().optional() })

export const evaluationContract = defineFunction('evaluation', {
  settings: action('两委：本社区的报告周期和评议期', z.strictObject({ communityId: idSchema }), evaluationSettingsSchema),
  saveSettings: action(
    '两委：设定报告周期（每季度或每半年），开启或关闭评议期',
    z
      .strictObject({
        communityId: idSchema,
        reportEvery: z.enum(reportCadences),
        window: z.strictObject({ from: daySchema, to: daySchema }).nullable(),
      })
      .refine((s) => s.window === null || s.window.from <= s.window.to, { message: '结束日期不能早于开始日期', path: ['window', 'to'] }),
    evaluationSettingsSchema,
  ),
  reportDraft: action(
    '负责人：一个报告期的工作报告，系统已填好的数字，以及可报告的各期',
    z.strictObject({ organisationId: idSchema, period: reportPeriodKeySchema.optional() }),
    z.object({
      period: z.string(),
      periodLabel: z.string(),
      periods: z.array(z.object({ period: z.string(), label: z.string(), submitted: z.boolean() })),
      figures: organisationFiguresSchema,
      report: workReportSchema.nullable(),
      /** The committee graded that year: the report can no longer change. */
      locked: z.boolean(),
    }),
  ),
  submitReport: action(
    '负责人：提交（或在两委评定前重新提交）一个报告期的工作报告',
    z.strictObject({ organisationId: idSchema, period: reportPeriodKeySchema, text: textSchema(1000) }),
    z.object({ report: workReportSchema }),
  ),
  review: action(
    '居民：评议期内，对服务过自己的组织评议一次（满意 / 基本满意 / 不满意）',
    z.strictObject({
      organisationId: idSchema,
      verdict: z.enum(verdicts),
      text: textSchema(MAX_REVIEW_LENGTH).optional(),
    }),
    z.object({ year: count, verdictLabel: z.string() }),
  ),
  sheet: action(
    '两委、民政：一个组织一年的评估指标并列：数字、工作报告、居民评议、投诉与撤下，以及评定',
    z.strictObject({ organisationId: idSchema, year: yearSchema }),
    z.object({
      year: count,
      organisationName: z.string(),
      organisationStatus: z.string(),
      figures: organisationFiguresSchema,
      reports: z.array(workReportSchema),
      reviews: reviewTallySchema,
      /** The latest texts, at most 50, without names. */
      reviewTexts: z.array(z.object({ verdictLabel: z.string(), text: z.string(), at: isoDateTimeSchema })),
      complaints: z.object({
        /** Needs it carried that the requester judged 未解决 in the year. */
        unsolved: count,
        /** Its profile or its activities taken down by the committee. */
        takenDown: count,
      }),
      grade: gradeViewSchema.nullable(),
      previousGrade: gradeViewSchema.nullable(),
      /** 不合格 this year and last: the committee may suspend it through the organisation's page. */
      suggestSuspension: z.boolean(),
    }),
  ),
  grade: action(
    '两委：一年一次评定一个组织（优秀 / 良好 / 合格 / 不合格），写明评语',
    z.strictObject({ organisationId: idSchema, year: yearSchema, grade: z.enum(grades), comment: textSchema(300) }),
    z.object({ grade: gradeViewSchema, suggestSuspension: z.boolean() }),
  ),
  saveCharges: action(
    '负责人：公开收费标准（免费，或各项目的金额，以分计）',
    z
      .strictObject({
        organisationId: idSchema,
        free: z.boolean(),
        items: z
          .array(z.strictObject({ item: textSchema(40), amountFen: fen, unit: textSchema(10) }))
          .max(MAX_CHARGE_ITEMS, `最多 ${MAX_CHARGE_ITEMS} 项`),
      })
      .refine((c) => c.free === (c.items.length === 0), { message: '免费时不列收费项目，收费时至少列一项', path: ['items'] }),
    chargesSchema,
  ),
  addLedgerEntry: action(
    '负责人：记一笔收入或支出（日期、金额以分计、用途），对所服务社区的居民公开',
    z.strictObject({
      organisationId: idSchema,
      day: daySchema,
      direction: z.enum(ledgerDirections),
      amountFen: fen,
      purpose: textSchema(100),
    }),
    z.object({ entry: ledgerEntrySchema }),
  ),
  openness: action(
    '组织的信息公开：近期活动、收费标准、收支（所服务社区的居民可见）、工作报告、两委评定，以及我能否评议',
    z.strictObject({ organisationId: idSchema, ledgerCursor: z.string().max(200).optional() }),
    z.object({
      activities: z.array(z.object({ id: z.string(), title: z.string(), startAt: isoDateTimeSchema, statusLabel: z.string() })),
      charges: chargesSchema.nullable(),
      /** Null for someone outside the communities it serves. */
      ledger: ledgerPageSchema.nullable(),
      reports: z.array(workReportSchema),
      grades: z.array(gradeViewSchema),
      /** The organisation's committee decisions (approval, suspension…) with reasons. */
      decisions: z.array(z.object({ at: isoDateTimeSchema, actionLabel: z.string(), reason: z.string().optional() })),
      canReview: z.boolean(),
      reviewed: z.boolean(),
    }),
  ),
})
export type EvaluationContract = typeof evaluationContract
