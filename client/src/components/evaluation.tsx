/** 评估评议 and 信息公开 (decisions 051, 052): an organisation's counted figures, its reports and grades, as every page shows them. */
import { Text, View } from '@tarojs/components'
import type { GradeView, WorkReport } from '../../../shared/contracts/evaluation'
import type { OrganisationFigures } from '../../../shared/domain/evaluation'
import { formatDate, formatDuration, formatHours } from '../format'
import { Stats } from './list'

/** What the system counted: the lead never types these. */
export function OrganisationFiguresView({ figures }: { figures: OrganisationFigures }) {
  return (
    <View>
      <Stats
        items={[
          { label: '完成求助', value: figures.needsCompleted },
          { label: '举办活动', value: figures.activitiesHeld },
          { label: '参加活动（签到）', value: figures.checkedIn },
          { label: '志愿服务', value: formatHours(figures.volunteerMinutes) },
        ]}
      />
      <Text className="card-text">接单用时（中位数）：{formatDuration(figures.medianResponseMinutes)}</Text>
      <Text className="card-text">
        居民评价：已解决 {figures.outcomes.solved} · 部分解决 {figures.outcomes.partly} · 未解决 {figures.outcomes.unsolved}
      </Text>
    </View>
  )
}

export function ReportCard({ report }: { report: WorkReport }) {
  return (
    <View className="card">
      <Text className="card-title">{report.periodLabel}工作报告</Text>
      <Text className="card-text">{report.text}</Text>
      <OrganisationFiguresView figures={report.figures} />
      <Text className="card-label">{formatDate(report.submittedAt)} 提交</Text>
    </View>
  )
}

export function GradeLine({ grade }: { grade: GradeView }) {
  return (
    <View className="fact-row">
      <Text className="card-title">
        {grade.year} 年度评定：{grade.gradeLabel}
      </Text>
      <Text className="card-text">{grade.comment}</Text>
    </View>
  )
}
