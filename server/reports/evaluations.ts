/** 评估评议 for civil affairs (decision 051): each community's organisations by their grade for the year the period ends in. */
import { grades, gradeLabel, type Grade } from '../../shared/domain/evaluation'
import { inShanghai } from '../../shared/domain/time'
import type { ReportPeriod } from '../../shared/domain/report'
import { gradesOfCommunities } from '../data/evaluation'
import type { CommunityReportData } from './figures'

export interface CommunityGrades {
  communityId: string
  year: number
  counts: Record<Grade, number>
  /** Approved organisations without a grade for the year. */
  ungraded: number
  /** Every approved organisation graded: the seeds' 评估评议 done for the year. */
  allGraded: boolean
}

export async function communityGrades(parts: readonly CommunityReportData[], period: ReportPeriod): Promise<CommunityGrades[]> {
  const year = inShanghai(`${period.to}T00:00:00+08:00`).year()
  const given = await gradesOfCommunities(
    parts.map((p) => p.community._id),
    year,
  )
  const gradeOf = new Map(given.map((g) => [g.organisationId, g.grade]))
  return parts.map(({ community, organisations }) => {
    const approved = organisations.filter((o) => o.status === 'approved')
    const counts = Object.fromEntries(grades.map((g) => [g, 0])) as Record<Grade, number>
    for (const o of organisations) {
      const grade = gradeOf.get(o._id)
      if (grade) counts[grade] += 1
    }
    const ungraded = approved.filter((o) => !gradeOf.has(o._id)).length
    return { communityId: community._id, year, counts, ungraded, allGraded: ungraded === 0 }
  })
}

/** The export's rows: one per community. */
export const gradeRows = (rows: readonly CommunityGrades[], names: ReadonlyMap<string, string>) =>
  rows.map((r) => [
    names.get(r.communityId) ?? r.communityId,
    r.year,
    ...grades.map((g) => r.counts[g]),
    r.ungraded,
    r.allGraded ? '是' : '否',
  ])

export const gradeHeader = ['社区', '年度', ...grades.map((g) => gradeLabel[g]), '未评定', '全部评定']
