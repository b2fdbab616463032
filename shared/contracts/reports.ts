import { z } from 'zod'
import { action, defineFunction } from '../contract'
import { idSchema, isoDateTimeSchema, lngLatSchema } from '../domain/fields'
import { urgencySchema } from '../domain/need'
import { reportPeriodSchema } from '../domain/report'
import { reportOutcomes } from '../domain/report-figures'
import { waitingKinds } from '../domain/workbench'
import { helpKinds } from '../domain/vocabulary'

const count = z.number().int()

export const waitingItemSchema = z.object({
  kind: z.enum(waitingKinds),
  kindLabel: z.string(),
  id: z.string(),
  title: z.string(),
  detail: z.string().optional(),
  /** A need's: the list puts 危及生命安全 first, then 紧急 (shared/domain/need.ts harmFirst). */
  urgency: urgencySchema.optional(),
  /** Since when it has waited: a need since it was raised, not since it reached the committee. */
  since: isoDateTimeSchema,
  waitingMinutes: count,
  /** The mini-program page to act on it from. */
  page: z.string(),
})
export type WaitingItem = z.infer<typeof waitingItemSchema>

/** A count of needs in a cell of about 500 m, at the cell's centre: never a need's own point. */
export const mapCellSchema = z.object({ centre: lngLatSchema, count })

const durationSchema = z.object({ count, medianMinutes: count.nullable(), p90Minutes: count.nullable() })
const stageCounts = { raised: count, accepted: count, completed: count }

/**
 * A period's figures. Counts, minutes and approximate places only: nothing in them names or
 * locates a resident, so the same figures go to the committee and to civil affairs.
 */
export const figuresSchema = z.object({
  needs: z.object({
    ...stageCounts,
    byKind: z.array(z.object({ helpKind: z.enum(helpKinds), ...stageCounts })),
    byUrgency: z.array(z.object({ urgency: urgencySchema, label: z.string(), ...stageCounts })),
    toAcceptance: durationSchema,
    toCompletion: durationSchema,
    outcomes: z.array(z.object({ outcome: z.enum(reportOutcomes), label: z.string(), count })),
  }),
  organisations: z.object({ approved: count, target: count, met: z.boolean(), shortfall: count, newlyApproved: count }),
  service: z.object({ minutes: count, volunteers: count, records: count, needMinutes: count, activityMinutes: count }),
  activities: z.object({ held: count, participants: count, checkedIn: count, volunteers: count }),
  /** 议事协商 (decision 050): topics that began discussion, and topics the committee decided, in the period. */
  deliberation: z.object({ opened: count, decided: count }),
  /** 特殊群体月探访率 of each calendar month the period touches, against the seeds' 100%. */
  visits: z.array(z.object({ month: z.string(), expected: count, visited: count, rate: z.number().nullable(), rateLabel: z.string() })),
  trend: z.array(z.object({ label: z.string(), from: isoDateTimeSchema, raised: count, completed: count })),
  /**
   * 需求调查 whose days touch the period (decision 049): how many, the answers they received, and the help kinds residents
   * asked for most beside the community's approved organisations that offer each (none: a gap).
   */
  surveys: z.object({
    run: count,
    answers: count,
    wanted: z.array(
      z.object({ helpKind: z.enum(helpKinds), count, offeredBy: z.array(z.object({ organisationId: z.string(), name: z.string() })) }),
    ),
  }),
  map: z.object({
    /** Needs raised in the period, counted per cell of about 500 m. */
    needs: z.array(mapCellSchema),
    organisations: z.array(z.object({ organisationId: z.string(), name: z.string(), centre: lngLatSchema })),
  }),
})
export type Figures = z.infer<typeof figuresSchema>

export const communityRefSchema = z.object({
  communityId: z.string(),
  name: z.string(),
  kind: z.enum(['urban', 'rural']),
  kindLabel: z.string(),
})

export const communityFiguresSchema = z.object({ community: communityRefSchema, figures: figuresSchema })
export type CommunityFigures = z.infer<typeof communityFiguresSchema>

export const officeFiguresSchema = z.object({
  officeId: z.string(),
  name: z.string(),
  communities: z.array(communityFiguresSchema),
  /** The office's communities together; durations over all their needs, not averaged. */
  total: figuresSchema,
  /** Communities with at least their target of organisations, of how many. */
  communitiesMet: count,
  /** 评估评议 (decision 051): each community's organisations by their grade for the year the period ends in. */
  grades: z.array(
    z.object({
      communityId: z.string(),
      year: count,
      counts: z.object({ excellent: count, good: count, pass: count, fail: count }),
      ungraded: count,
      allGraded: z.boolean(),
    }),
  ),
  /** Communities whose approved organisations are all graded for that year. */
  communitiesGraded: count,
})
export type OfficeFigures = z.infer<typeof officeFiguresSchema>

const periodSchema = z.object({ from: z.string(), to: z.string() })

/** A file a function made for the caller: only the link, since nobody but its uploader reads a file by id (decision 035). */
export const exportFileSchema = z.object({
  fileName: z.string(),
  /** The download link, valid until `expiresAt`: the mini-program downloads it, a browser opens it. */
  url: z.string(),
  expiresAt: isoDateTimeSchema,
})
export type ExportFile = z.infer<typeof exportFileSchema>

export const reportsContract = defineFunction('reports', {
  waiting: action(
    '两委：等本社区两委处理的所有事项，危及生命安全的在前，其次紧急，再按等得最久的，附各类数量和去处',
    z.strictObject({ communityId: idSchema }),
    z.object({
      items: z.array(waitingItemSchema),
      counts: z.array(z.object({ kind: z.enum(waitingKinds), label: z.string(), count })),
      /** Everything waiting, which may be more than the items listed. */
      total: count,
    }),
  ),
  figures: action(
    '两委、民政：一个社区一段时间的统计数字（组织达标、求助、响应时间、评价、志愿服务、趋势、地图）',
    z.strictObject({ communityId: idSchema, period: reportPeriodSchema }),
    z.object({ period: periodSchema }).extend(communityFiguresSchema.shape),
  ),
  officeFigures: action(
    '民政：本部门所辖各社区一段时间的统计数字及合计，只有数字，不含居民个人信息',
    z.strictObject({ period: reportPeriodSchema }),
    z.object({ period: periodSchema, offices: z.array(officeFiguresSchema) }),
  ),
  export: action(
    '两委、民政：导出一个社区一段时间的总结报告数据（xlsx），答复下载链接',
    z.strictObject({ communityId: idSchema, period: reportPeriodSchema }),
    exportFileSchema,
  ),
  exportOffice: action(
    '民政：导出本部门所辖各社区一段时间的统计数字（xlsx），答复下载链接',
    z.strictObject({ period: reportPeriodSchema }),
    exportFileSchema,
  ),
})
export type ReportsContract = typeof reportsContract
