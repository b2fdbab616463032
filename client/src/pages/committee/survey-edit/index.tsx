import { Button, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import type { Survey, SurveyInput } from '../../../../../shared/contracts/surveys'
import {
  helpKindsQuestion,
  MAX_QUESTIONS,
  questionKindLabel,
  type QuestionKind,
  type SurveyQuestionInput,
} from '../../../../../shared/domain/survey'
import { inShanghai } from '../../../../../shared/domain/time'
import { api } from '../../../api'
import { BusyButton } from '../../../components/busy-button'
import { Choices, Field, TextAreaField, TextField } from '../../../components/form'
import { SectionHeader } from '../../../components/list'
import { PageShell } from '../../../components/page-shell'
import { Loaded } from '../../../components/status'
import { useLoad } from '../../../hooks/use-load'
import { useSubmit } from '../../../hooks/use-submit'
import { paths, usePageParams } from '../../../routes'

/** 需求调查 being built: a new draft, or a draft changed before it is published (decision 049). */
export default function SurveyEditPage() {
  const { communityId = '', id } = usePageParams()
  const load = useLoad(
    async () => (id ? (await api.surveys.list({ communityId })).surveys.find((s) => s.surveyId === id) : undefined),
    [id],
  )
  return (
    <PageShell>
      <Loaded load={load}>{(survey) => <SurveyForm communityId={communityId} survey={survey} />}</Loaded>
    </PageShell>
  )
}

const day = (days: number) => inShanghai(new Date()).add(days, 'day').format('YYYY-MM-DD')

interface Draft {
  title: string
  intro: string
  neighbourhood: string
  opensOn: string
  closesOn: string
  /** Choice options as the committee types them, one a line. */
  questions: (SurveyQuestionInput & { optionLines: string })[]
}

const withLines = (q: SurveyQuestionInput) => ({ ...q, optionLines: (q.options ?? []).join('\n') })

function draftOf(survey: Survey | undefined): Draft {
  if (!survey) {
    return { title: '', intro: '', neighbourhood: '', opensOn: day(0), closesOn: day(14), questions: [withLines(helpKindsQuestion())] }
  }
  return { ...survey, neighbourhood: survey.neighbourhood ?? '', questions: survey.questions.map(withLines) }
}

const isChoice = (kind: QuestionKind) => kind === 'single' || kind === 'multiple'

function SurveyForm({ communityId, survey }: { communityId: string; survey: Survey | undefined }) {
  const [draft, setDraft] = useState<Draft>(() => draftOf(survey))
  const submit = useSubmit(draft as unknown as Record<string, unknown>)
  const change = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((d) => ({ ...d, [key]: value }))
  const changeQuestion = (i: number, patch: Partial<Draft['questions'][number]>) =>
    change(
      'questions',
      draft.questions.map((q, at) => (at === i ? { ...q, ...patch } : q)),
    )
  const add = (kind: QuestionKind) =>
    change('questions', [...draft.questions, { kind, title: '', options: [], optionLines: '', aboutHelpKinds: false, anonymous: true }])

  const save = () =>
    void submit.run(async () => {
      const input: SurveyInput = {
        communityId,
        surveyId: survey?.surveyId,
        title: draft.title,
        intro: draft.intro,
        neighbourhood: draft.neighbourhood.trim() || undefined,
        opensOn: draft.opensOn,
        closesOn: draft.closesOn,
        questions: draft.questions.map(({ optionLines, ...q }) => ({
          ...q,
          options: isChoice(q.kind)
            ? optionLines
                .split('\n')
                .map((o) => o.trim())
                .filter(Boolean)
            : undefined,
        })),
      }
      const { surveyId } = await api.surveys.save(input)
      await Taro.redirectTo({ url: paths.surveyResults(surveyId) })
    })

  return (
    <View>
      <TextField
        id="survey-title"
        label="调查名称"
        maxlength={40}
        value={draft.title}
        error={submit.errorOf('title')}
        onChange={(v) => change('title', v)}
      />
      <TextAreaField
        id="survey-intro"
        label="写给居民的说明"
        maxlength={300}
        value={draft.intro}
        error={submit.errorOf('intro')}
        onChange={(v) => change('intro', v)}
      />
      <TextField
        id="survey-neighbourhood"
        label="只发给一个小区（可不填）"
        hint="不填：发给全社区居民"
        maxlength={30}
        value={draft.neighbourhood}
        error={submit.errorOf('neighbourhood')}
        onChange={(v) => change('neighbourhood', v)}
      />
      <TextField
        id="survey-opens"
        label="开始日期"
        hint="例如 2026-12-01"
        maxlength={10}
        value={draft.opensOn}
        error={submit.errorOf('opensOn')}
        onChange={(v) => change('opensOn', v)}
      />
      <TextField
        id="survey-closes"
        label="结束日期"
        maxlength={10}
        value={draft.closesOn}
        error={submit.errorOf('closesOn')}
        onChange={(v) => change('closesOn', v)}
      />

      <SectionHeader title={`问题（最多 ${MAX_QUESTIONS} 个）`} />
      {draft.questions.map((question, i) => (
        <View className="card" key={i} id={`question-${i}`}>
          <Text className="card-label">
            第 {i + 1} 题 · {questionKindLabel[question.kind]}
          </Text>
          <TextField
            id={`question-${i}-title`}
            label="问题"
            maxlength={60}
            value={question.title}
            onChange={(v) => changeQuestion(i, { title: v })}
          />
          {isChoice(question.kind) && !question.aboutHelpKinds ? (
            <TextAreaField
              id={`question-${i}-options`}
              label="选项，每行一个"
              maxlength={400}
              value={question.optionLines}
              onChange={(v) => changeQuestion(i, { optionLines: v })}
            />
          ) : null}
          {question.aboutHelpKinds ? <Text className="card-text">选项是全部帮扶类别，统计时和本社区的组织对照</Text> : null}
          <Field label="作答人">
            <Choices
              wide
              options={['anonymous', 'named'] as const}
              chosen={[question.anonymous === false ? 'named' : 'anonymous']}
              labelOf={(o) => (o === 'anonymous' ? '匿名，谁也看不到是谁答的' : '实名，两委能看到谁答了什么')}
              onToggle={(o) => changeQuestion(i, { anonymous: o === 'anonymous' })}
            />
          </Field>
          <Button
            className="btn btn-plain btn-block"
            onClick={() =>
              change(
                'questions',
                draft.questions.filter((_, at) => at !== i),
              )
            }
          >
            删掉这一题
          </Button>
        </View>
      ))}
      {submit.errorOf('questions') ? <Text className="field-error">{submit.errorOf('questions')}</Text> : null}
      {draft.questions.length < MAX_QUESTIONS ? (
        <Field label="添加一题">
          <Choices
            options={['single', 'multiple', 'scale', 'text'] as const}
            chosen={[]}
            labelOf={(kind) => questionKindLabel[kind]}
            onToggle={add}
          />
        </Field>
      ) : null}
      {submit.errorOf() ? <Text className="field-error">{submit.errorOf()}</Text> : null}
      <BusyButton id="save-survey" primary busy={submit.busy} label="保存，去发布" onClick={save} />
    </View>
  )
}
