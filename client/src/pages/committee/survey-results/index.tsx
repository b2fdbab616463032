import { Text, View } from '@tarojs/components'
import type { QuestionResult, Survey } from '../../../../../shared/contracts/surveys'
import { questionKindLabel } from '../../../../../shared/domain/survey'
import { api } from '../../../api'
import { BusyButton } from '../../../components/busy-button'
import { Bars, ExportButton } from '../../../components/figures'
import { SectionHeader, Stats } from '../../../components/list'
import { PageShell } from '../../../components/page-shell'
import { Loaded } from '../../../components/status'
import { formatDay } from '../../../format'
import { useLoad } from '../../../hooks/use-load'
import { useSubmit } from '../../../hooks/use-submit'
import { usePageParams } from '../../../routes'

/**
 * A survey's results as charts, while it runs and after (decision 049): counts per option, the scale's
 * spread and mean, the words given. The one action is the survey's next step: 发布 a draft, 结束 an open one.
 */
export default function SurveyResultsPage() {
  const { id = '' } = usePageParams()
  const load = useLoad(() => api.surveys.results({ surveyId: id }), [id])
  return (
    <PageShell>
      <Loaded load={load}>
        {({ survey, questions }) => (
          <View>
            <SurveyHeader survey={survey} onChanged={load.reload} />
            {survey.questions.map((question, i) => (
              <View className="card" key={i} id={`result-${i}`}>
                <SectionHeader
                  title={`${i + 1}. ${question.title}`}
                  hint={`${questionKindLabel[question.kind]} · ${question.anonymous ? '匿名' : '实名'} · ${questions[i].answered} 人作答`}
                />
                <QuestionChart kind={question.kind} result={questions[i]} />
              </View>
            ))}
            {survey.phase !== 'draft' ? (
              <ExportButton
                make={() => api.surveys.export({ surveyId: id })}
                title="导出调查结果"
                hint="Excel 表格：各题统计和文字回答，匿名的题不含作答人"
              />
            ) : null}
          </View>
        )}
      </Loaded>
    </PageShell>
  )
}

function SurveyHeader({ survey, onChanged }: { survey: Survey; onChanged(): void }) {
  const submit = useSubmit()
  const next =
    survey.phase === 'draft'
      ? { label: '发布调查', run: () => api.surveys.publish({ surveyId: survey.surveyId }) }
      : survey.phase === 'closed'
        ? null
        : { label: '结束调查', run: () => api.surveys.close({ surveyId: survey.surveyId }) }
  return (
    <View className="card">
      <Text className="card-label" id="survey-phase">
        {survey.phaseLabel}
      </Text>
      <Text className="card-title">{survey.title}</Text>
      <Text className="card-text">
        {formatDay(survey.opensOn)} 至 {formatDay(survey.closesOn)} · {survey.neighbourhood ?? '全社区居民'}
      </Text>
      <Stats items={[{ label: '收到答卷', value: `${survey.answers} 份` }]} />
      {next ? (
        <BusyButton
          id="survey-next"
          primary
          busy={submit.busy}
          label={next.label}
          onClick={() => void submit.run(next.run).then((done) => done && onChanged())}
        />
      ) : null}
      {submit.errorOf() ? <Text className="field-error">{submit.errorOf()}</Text> : null}
    </View>
  )
}

function QuestionChart({ kind, result }: { kind: Survey['questions'][number]['kind']; result: QuestionResult }) {
  return (
    <View>
      {kind === 'single' || kind === 'multiple' ? (
        <Bars rows={result.options.map((o) => ({ label: o.label, value: o.count }))} unit="人" />
      ) : null}
      {kind === 'scale' ? (
        <View>
          <Bars rows={result.scale.map((s) => ({ label: `${s.point} 分`, value: s.count }))} unit="人" />
          <Text className="card-text">平均 {result.mean ?? '—'} 分</Text>
        </View>
      ) : null}
      {result.texts.map((text, i) => (
        <Text className="card-text" key={i}>
          “{text}”
        </Text>
      ))}
      {result.named?.map((n, i) => (
        <Text className="card-text" key={`named-${i}`}>
          {n.name}：{n.answer || '（未填）'}
        </Text>
      ))}
    </View>
  )
}
