import { Button, Text, View } from '@tarojs/components'
import { useState } from 'react'
import { gradeLabel, grades, type Grade } from '../../../../../shared/domain/evaluation'
import { inShanghai } from '../../../../../shared/domain/time'
import { api } from '../../../api'
import { BusyButton } from '../../../components/busy-button'
import { GradeLine, OrganisationFiguresView, ReportCard } from '../../../components/evaluation'
import { Choices, TextAreaField } from '../../../components/form'
import { SectionHeader, Stats } from '../../../components/list'
import { PageShell } from '../../../components/page-shell'
import { Empty, Loaded } from '../../../components/status'
import { useLoad } from '../../../hooks/use-load'
import { useSubmit } from '../../../hooks/use-submit'
import { go, paths, usePageParams } from '../../../routes'

/** 两委：一个组织一年的评估指标并列，和年度评定 (decision 051). */
export default function EvaluationPage() {
  const { id = '' } = usePageParams()
  const thisYear = inShanghai(new Date()).year()
  const [year, setYear] = useState(thisYear)
  const load = useLoad(() => api.evaluation.sheet({ organisationId: id, year }), [year])
  return (
    <PageShell>
      <View className="card">
        <SectionHeader title="评定年度" />
        <Choices
          options={[String(thisYear), String(thisYear - 1)]}
          chosen={[String(year)]}
          labelOf={(y) => `${y} 年`}
          onToggle={(y) => setYear(Number(y))}
        />
      </View>
      <Loaded load={load}>
        {(sheet) => (
          <View>
            {sheet.suggestSuspension ? (
              <View className="card">
                <Text className="card-title">连续两年不合格，建议暂停这个组织</Text>
                <Button id="go-suspend" className="btn btn-danger btn-block" onClick={() => go(paths.record(id))}>
                  去组织记录页决定是否暂停
                </Button>
              </View>
            ) : null}
            <View className="card">
              <SectionHeader title={`${sheet.organisationName}：${sheet.year} 年系统统计`} />
              <OrganisationFiguresView figures={sheet.figures} />
            </View>
            <View className="card">
              <SectionHeader title="居民评议" />
              <Stats
                items={[
                  { label: '满意', value: sheet.reviews.satisfied },
                  { label: '基本满意', value: sheet.reviews.fair },
                  { label: '不满意', value: sheet.reviews.unsatisfied },
                ]}
              />
              {sheet.reviewTexts.map((r, i) => (
                <Text key={i} className="card-text">
                  {r.verdictLabel}：{r.text}
                </Text>
              ))}
            </View>
            <View className="card">
              <SectionHeader title="投诉与撤下" />
              <Stats
                items={[
                  { label: '居民评为未解决', value: sheet.complaints.unsolved },
                  { label: '被撤下的内容', value: sheet.complaints.takenDown },
                ]}
              />
            </View>
            <SectionHeader title="工作报告" />
            {sheet.reports.length === 0 ? (
              <Empty title="这一年还没有提交工作报告" />
            ) : (
              sheet.reports.map((r) => <ReportCard key={r.id} report={r} />)
            )}
            {sheet.previousGrade ? (
              <View className="card">
                <GradeLine grade={sheet.previousGrade} />
              </View>
            ) : null}
            {sheet.grade ? (
              <View className="card">
                <GradeLine grade={sheet.grade} />
              </View>
            ) : (
              <GradeForm organisationId={id} year={sheet.year} onGraded={load.reload} />
            )}
          </View>
        )}
      </Loaded>
    </PageShell>
  )
}

function GradeForm({ organisationId, year, onGraded }: { organisationId: string; year: number; onGraded(): void }) {
  const [grade, setGrade] = useState<Grade | null>(null)
  const [comment, setComment] = useState('')
  const submit = useSubmit({ grade, comment })
  const send = async () => {
    if (!grade) return
    if (await submit.run(() => api.evaluation.grade({ organisationId, year, grade, comment }))) onGraded()
  }
  return (
    <View className="card">
      <SectionHeader title={`${year} 年度评定`} hint="每年评定一次，评定后在组织主页公开" />
      <Choices<Grade> options={grades} chosen={grade ? [grade] : []} labelOf={(g) => gradeLabel[g]} onToggle={setGrade} wide />
      <TextAreaField
        id="grade-comment"
        label="评语"
        value={comment}
        maxlength={300}
        error={submit.errorOf('comment')}
        onChange={setComment}
      />
      {submit.errorOf() ? <Text className="field-error">{submit.errorOf()}</Text> : null}
      {grade ? (
        <BusyButton id="give-grade" primary busy={submit.busy} label={`评定为${gradeLabel[grade]}`} onClick={() => void send()} />
      ) : null}
    </View>
  )
}
