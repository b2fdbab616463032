import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import type { ActionOutput } from '../../../../../shared/contract'
import type { SurveysContract } from '../../../../../shared/contracts/surveys'
import { answerProblem, MAX_TEXT_ANSWER, SCALE, type SurveyAnswer } from '../../../../../shared/domain/survey'
import { api } from '../../../api'
import { BusyButton } from '../../../components/busy-button'
import { Choices, Field, TextAreaField } from '../../../components/form'
import { PageShell } from '../../../components/page-shell'
import { Empty, Loaded } from '../../../components/status'
import { formatDay } from '../../../format'
import { useLoad } from '../../../hooks/use-load'
import { useSubmit } from '../../../hooks/use-submit'

type OpenSurvey = ActionOutput<SurveysContract, 'open'>['surveys'][number]

/** 需求调查 for a resident: the first open survey they have not answered, one question under another (decision 049). */
export default function AnswerSurveyPage() {
  const load = useLoad(() => api.surveys.open({}))
  return (
    <PageShell>
      <Loaded load={load}>
        {({ surveys }) => {
          const waiting = surveys.find((s) => !s.answered)
          if (!waiting) {
            return <Empty title={surveys.length > 0 ? '谢谢您参加调查' : '现在没有需要填写的调查'}>社区两委会根据大家的回答安排服务</Empty>
          }
          return <SurveyForm key={waiting.surveyId} survey={waiting} onDone={load.reload} />
        }}
      </Loaded>
    </PageShell>
  )
}

function SurveyForm({ survey, onDone }: { survey: OpenSurvey; onDone(): void }) {
  const [answers, setAnswers] = useState<SurveyAnswer[]>(() => survey.questions.map(() => ({})))
  // Checked here first, as the function checks them, so that each problem shows beside its question.
  const [problems, setProblems] = useState<(string | null)[]>([])
  const submit = useSubmit()
  const set = (i: number, answer: SurveyAnswer) => setAnswers(answers.map((a, at) => (at === i ? answer : a)))
  const send = () => {
    const found = survey.questions.map((q, i) => answerProblem({ ...q, options: q.options }, answers[i]))
    setProblems(found)
    if (found.some(Boolean)) return
    void submit.run(() => api.surveys.answer({ surveyId: survey.surveyId, answers })).then((done) => done && onDone())
  }
  return (
    <View>
      <View className="card">
        <Text className="card-title">{survey.title}</Text>
        {survey.intro ? <Text className="card-text">{survey.intro}</Text> : null}
        <Text className="card-text">填写截止 {formatDay(survey.closesOn)}</Text>
      </View>
      {survey.questions.map((question, i) => {
        const answer = answers[i]
        const label = `${i + 1}. ${question.title}${question.anonymous ? '' : '（实名，两委能看到是您答的）'}`
        if (question.kind === 'text') {
          return (
            <TextAreaField
              key={i}
              id={`answer-${i}`}
              label={label}
              hint="可以不填"
              maxlength={MAX_TEXT_ANSWER}
              value={answer.text ?? ''}
              onChange={(text) => set(i, { text })}
            />
          )
        }
        const options = question.kind === 'scale' ? SCALE.map((p) => `${p} 分`) : question.options
        const chosen = question.kind === 'scale' ? (answer.scale ? [answer.scale - 1] : []) : (answer.options ?? [])
        const toggle = (option: string) => {
          const index = options.indexOf(option)
          if (question.kind === 'scale') set(i, { scale: index + 1 })
          else if (question.kind === 'single') set(i, { options: [index] })
          else set(i, { options: chosen.includes(index) ? chosen.filter((c) => c !== index) : [...chosen, index] })
        }
        return (
          <View key={i} id={`answer-${i}`}>
            <Field label={label} hint={question.kind === 'multiple' ? '可以选几项' : undefined} error={problems[i] ?? undefined}>
              <Choices wide={question.kind !== 'multiple'} options={options} chosen={chosen.map((c) => options[c])} onToggle={toggle} />
            </Field>
          </View>
        )
      })}
      {submit.errorOf() ? <Text className="field-error">{submit.errorOf()}</Text> : null}
      <BusyButton id="send-answers" primary busy={submit.busy} label="提交" onClick={send} />
    </View>
  )
}
