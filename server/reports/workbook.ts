/**
 * 总结报告 data as an xlsx workbook: a sheet of the figures, then the lists behind them. Personal
 * data is limited to what the report needs: no phones and no addresses anywhere; the committee's
 * own export names its volunteers (their hours are what the report commends), civil affairs'
 * exports hold counts only.
 */
import { gradeHeader, gradeRows, type CommunityGrades } from './evaluations'
import ExcelJS from 'exceljs'
import type { Figures } from '../../shared/contracts/reports'
import { communityKindLabel } from '../../shared/domain/community'
import { needStatusLabelFor, outcomeLabel, urgencyLabel } from '../../shared/domain/need'
import { organisationStatusLabel } from '../../shared/domain/organisation'
import { activityKindLabel } from '../../shared/domain/activity'
import { approvedWhenEnded, hoursOf } from '../../shared/domain/report-figures'
import type { ReportPeriod } from '../../shared/domain/report'
import { inShanghai } from '../../shared/domain/time'
import { serviceByOrganisation } from '../../shared/domain/service-tally'
import { recordStatusLabel } from '../../shared/domain/timebank'
import { activityFacts } from './sources/activities'
import { organisationFacts } from './sources/organisations'
import { serviceFacts } from './sources/service'
import { LISTED_NEEDS, LISTED_SERVICE, type CommunityReportData } from './figures'

export type Audience = 'committee' | 'civil_affairs'

export type Cell = string | number
/** One line of the figures sheet: what is counted, and its value. */
type FigureRow = [label: string, value: Cell]

const dash = (minutes: number | null): Cell => minutes ?? '—'
const yesNo = (yes: boolean) => (yes ? '是' : '否')

/**
 * The figures sheet's lines, in the order a 总结报告 reads them. Several communities together say
 * how many of them met their target rather than whether their sum met the summed target.
 */
export function figureRows(figures: Figures, together?: { communities: number; met: number }): FigureRow[] {
  const { needs, organisations, service, activities } = figures
  return [
    ['社区社会组织（期末已备案，个）', organisations.approved],
    ['社区社会组织目标（个）', organisations.target],
    ['社区社会组织是否达标', together ? `${together.met}/${together.communities} 个社区达标` : yesNo(organisations.met)],
    ['本期新备案组织（个）', organisations.newlyApproved],
    ['求助：提出（件）', needs.raised],
    ['求助：接单（件）', needs.accepted],
    ['求助：完成（件）', needs.completed],
    ['接单用时中位数（分钟）', dash(needs.toAcceptance.medianMinutes)],
    ['接单用时第90百分位（分钟）', dash(needs.toAcceptance.p90Minutes)],
    ['完成用时中位数（分钟）', dash(needs.toCompletion.medianMinutes)],
    ['完成用时第90百分位（分钟）', dash(needs.toCompletion.p90Minutes)],
    ...needs.outcomes.map(({ label, count }): FigureRow => [`居民评价：${label}（件）`, count]),
    ['志愿服务时长（分钟）', service.minutes],
    ['志愿服务时长（小时）', hoursOf(service.minutes)],
    ['其中求助服务（分钟）', service.needMinutes],
    ['其中活动服务（分钟）', service.activityMinutes],
    ['参与服务的志愿者（人）', service.volunteers],
    ['志愿服务记录（条）', service.records],
    ['社区活动：举办（场）', activities.held],
    ['社区活动：报名参加（人次）', activities.participants],
    ['社区活动：签到（人次）', activities.checkedIn],
    ['社区活动：志愿者（人次）', activities.volunteers],
    ['需求调查：开展（次）', figures.surveys.run],
    ['需求调查：收到答卷（份）', figures.surveys.answers],
    ['议事协商：开始讨论的议题（个）', figures.deliberation.opened],
    ['议事协商：作出决定的议题（个）', figures.deliberation.decided],
    ...figures.visits.flatMap(({ month, expected, visited, rateLabel }): FigureRow[] => [
      [`${month} 特殊群体应探访（人）`, expected],
      [`${month} 已探访（人）`, visited],
      [`${month} 月探访率（目标 100%）`, rateLabel],
    ]),
  ]
}

export function sheet(workbook: ExcelJS.Workbook, name: string, header: string[], rows: Cell[][]): void {
  const worksheet = workbook.addWorksheet(name)
  worksheet.addRow(header).font = { bold: true }
  worksheet.addRows(rows)
  worksheet.columns.forEach((column, i) => {
    column.width = i === 0 ? 30 : 16
  })
}

const day = (date: Date | string | undefined) => (date ? inShanghai(date).format('YYYY-MM-DD HH:mm') : '')

function breakdownSheets(workbook: ExcelJS.Workbook, figures: Figures): void {
  sheet(
    workbook,
    '求助分类',
    ['类型 / 紧急程度', '提出', '接单', '完成'],
    [
      ...figures.needs.byKind.map((row) => [row.helpKind, row.raised, row.accepted, row.completed]),
      ...figures.needs.byUrgency.map((row) => [row.label, row.raised, row.accepted, row.completed]),
    ],
  )
  sheet(
    workbook,
    '每周趋势',
    ['周（起始日）', '提出', '完成'],
    figures.trend.map((week) => [week.label, week.raised, week.completed]),
  )
  sheet(
    workbook,
    '月探访率',
    ['月份', '应探访（人）', '已探访（人）', '探访率', '目标'],
    figures.visits.map((m) => [m.month, m.expected, m.visited, m.rateLabel, '100%']),
  )
}

/** The activities held (finished in the period): public facts and head counts, nobody's name. */
function activitiesSheet(workbook: ExcelJS.Workbook, parts: readonly CommunityReportData[]): void {
  const rows = parts.flatMap(({ community, organisations, activities }) => {
    const names = new Map(organisations.map((o) => [o._id, o.name]))
    return activities.map((held) => {
      const { activity } = held
      const { participants, checkedIn, volunteers } = activityFacts(held)
      return [
        community.name,
        activity.title,
        names.get(activity.organisationId) ?? '',
        activityKindLabel[activity.kind],
        day(activity.startAt),
        day(activity.endAt),
        participants,
        checkedIn,
        volunteers,
      ]
    })
  })
  sheet(workbook, '社区活动', ['社区', '活动', '组织', '类型', '开始', '结束', '报名参加', '签到', '志愿者'], rows)
}

function organisationsSheet(workbook: ExcelJS.Workbook, parts: readonly CommunityReportData[], period: ReportPeriod): void {
  const rows = parts.flatMap(({ community, organisations }) => {
    const counted = new Set(
      approvedWhenEnded(
        organisations.map((o) => ({ ...organisationFacts(o), id: o._id })),
        period,
      ).map((o) => o.id),
    )
    return organisations.map((o) => [
      community.name,
      o.name,
      o.kind,
      organisationStatusLabel[o.status],
      day(o.approvedAt),
      yesNo(counted.has(o._id)),
    ])
  })
  sheet(workbook, '社区组织', ['社区', '组织名称', '类别', '现在状态', '备案时间', '计入期末数量'], rows)
}

/** Service minutes per organisation: the civil-affairs view, with no person in it. */
function serviceByOrganisationRows(parts: readonly CommunityReportData[]): Cell[][] {
  return parts.flatMap(({ community, organisations, service }) => {
    const names = new Map(organisations.map((o) => [o._id, o.name]))
    return serviceByOrganisation(service).map((row) => [community.name, names.get(row.organisationId) ?? '', row.minutes, row.volunteers])
  })
}

export interface CommunityWorkbook {
  data: CommunityReportData
  figures: Figures
  period: ReportPeriod
  audience: Audience
  /** Volunteers' names by openid; the committee's export only. */
  volunteerNames: Map<string, string>
}

export async function communityWorkbook({ data, figures, period, audience, volunteerNames }: CommunityWorkbook): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook()
  const { community } = data
  sheet(
    workbook,
    '统计数字',
    ['项目', community.name],
    [['统计期间', `${period.from} 至 ${period.to}`], ['社区类型', communityKindLabel[community.kind]], ...figureRows(figures)],
  )
  breakdownSheets(workbook, figures)
  organisationsSheet(workbook, [data], period)
  activitiesSheet(workbook, [data])
  sheet(
    workbook,
    '居民需求',
    ['帮扶类别', '选择的居民（人）', '提供的组织'],
    figures.surveys.wanted.map((w) => [w.helpKind, w.count, w.offeredBy.map((o) => o.name).join('、') || '本社区还没有组织提供']),
  )
  if (audience === 'committee') {
    sheet(
      workbook,
      '求助清单',
      ['编号', '提出时间', '类型', '紧急程度', '小区', '现在状态', '接单组织', '接单时间', '完成时间', '居民评价'],
      data.listed.map((n) => [
        n._id,
        day(n.createdAt),
        n.helpKind,
        urgencyLabel[n.urgency],
        n.neighbourhood,
        needStatusLabelFor(n.status, 'others'),
        n.acceptedBy?.name ?? '',
        day(n.acceptedBy?.at),
        day(n.doneAt),
        n.outcome ? outcomeLabel[n.outcome.result] : '',
      ]),
    )
    // Cut short: say so, and how to see the rest.
    if (data.listed.length >= LISTED_NEEDS) {
      workbook.getWorksheet('求助清单')!.addRow([`只列出本期最近有进展的 ${LISTED_NEEDS} 件；缩短统计期间可看到其余的`])
    }
    const organisationNames = new Map(data.organisations.map((o) => [o._id, o.name]))
    sheet(
      workbook,
      '志愿服务',
      ['服务时间', '志愿者', '组织', '事项', '确认分钟', '计入时长（分钟）', '时间银行'],
      data.serviceListed.map((r) => [
        day(r.servedAt),
        volunteerNames.get(r.openid) ?? '',
        r.organisationId ? (organisationNames.get(r.organisationId) ?? '') : '社区两委',
        r.source.title,
        r.minutes,
        serviceFacts(r).countedMinutes,
        recordStatusLabel[r.credit.status],
      ]),
    )
    if (data.serviceListed.length >= LISTED_SERVICE) {
      workbook.getWorksheet('志愿服务')!.addRow([`只列出本期最近的 ${LISTED_SERVICE} 条服务记录；缩短统计期间可看到其余的`])
    }
  } else {
    sheet(workbook, '志愿服务', ['社区', '组织', '分钟', '志愿者（人）'], serviceByOrganisationRows([data]))
  }
  return Buffer.from(await workbook.xlsx.writeBuffer())
}

/** An office's communities side by side, with their total: counts only. */
export async function officeWorkbook(input: {
  communities: { data: CommunityReportData; figures: Figures }[]
  total: Figures
  communitiesMet: number
  grades: readonly CommunityGrades[]
  period: ReportPeriod
}): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook()
  const together = { communities: input.communities.length, met: input.communitiesMet }
  const columns = [...input.communities.map((c) => figureRows(c.figures)), figureRows(input.total, together)]
  sheet(
    workbook,
    '统计数字',
    ['项目', ...input.communities.map((c) => c.data.community.name), '合计'],
    [
      ['统计期间', ...columns.map(() => `${input.period.from} 至 ${input.period.to}`)],
      ...columns[0].map(([label], row) => [label, ...columns.map((column) => column[row][1])]),
    ],
  )
  breakdownSheets(workbook, input.total)
  organisationsSheet(
    workbook,
    input.communities.map((c) => c.data),
    input.period,
  )
  activitiesSheet(
    workbook,
    input.communities.map((c) => c.data),
  )
  sheet(workbook, '志愿服务', ['社区', '组织', '分钟', '志愿者（人）'], serviceByOrganisationRows(input.communities.map((c) => c.data)))
  const names = new Map(input.communities.map((c) => [c.data.community._id, c.data.community.name]))
  sheet(workbook, '评估评议', gradeHeader, gradeRows(input.grades, names))
  return Buffer.from(await workbook.xlsx.writeBuffer())
}
