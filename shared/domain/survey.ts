/**
 * 需求调查: a committee's short survey of its residents' needs (decision 049). The questions, the answers
 * a resident gives, and the statistics the committee sees: pure, so the functions and the pages agree.
 */
import { z } from 'zod'
import { textSchema } from './fields'
import { helpKinds, type HelpKind } from './vocabulary'
import { inShanghai } from './time'

export const MAX_QUESTIONS = 10
export const MAX_OPTIONS = helpKinds.length
export const MAX_TEXT_ANSWER = 200
export const SCALE = [1, 2, 3, 4, 5] as const

export const questionKinds = ['single', 'multiple', 'scale', 'text'] as const
export type QuestionKind = (typeof questionKinds)[number]
export const questionKindLabel: Record<QuestionKind, string> = {
  single: '单选',
  multiple: '多选',
  scale: '打分（1–5）',
  text: '简短文字',
}

export const questionSchema = z.strictObject({
  kind: z.enum(questionKinds),
  title: textSchema(60),
  /** Single and multiple choice only. */
  options: z.array(textSchema(20)).max(MAX_OPTIONS).optional(),
  /** The options are help kinds: the period's figures count them beside the organisations that offer them. */
  aboutHelpKinds: z.boolean().default(false),
  /** Nobody, the committee included, sees who gave an anonymous question's answer. */
  anonymous: z.boolean().default(true),
})
export type SurveyQuestionInput = z.input<typeof questionSchema>
export type SurveyQuestion = z.output<typeof questionSchema>

/** The ready-made question: which help kinds a resident needs most. */
export const helpKindsQuestion = (): SurveyQuestionInput => ({
  kind: 'multiple',
  title: '您最需要哪些帮助',
  options: [...helpKinds],
  aboutHelpKinds: true,
  anonymous: true,
})

export const surveyStatuses = ['draft', 'published', 'closed'] as const
export type SurveyStatus = (typeof surveyStatuses)[number]
/** What residents and the committee are shown: a published survey is 未开始, 进行中 or (after its last day) 已结束. */
export const surveyPhases = ['draft', 'scheduled', 'open', 'closed'] as const
export type SurveyPhase = (typeof surveyPhases)[number]
export const surveyPhaseLabel: Record<SurveyPhase, string> = { draft: '草稿', scheduled: '未开始', open: '进行中', closed: '已结束' }

/** Days are Shanghai days; a survey is open from the start of `opensOn` to the end of `closesOn`. */
export function surveyPhase(survey: { status: SurveyStatus; opensOn: string; closesOn: string }, now: Date): SurveyPhase {
  if (survey.status === 'draft') return 'draft'
  const today = inShanghai(now).format('YYYY-MM-DD')
  if (survey.status === 'closed' || today > survey.closesOn) return 'closed'
  return today < survey.opensOn ? 'scheduled' : 'open'
}

/** One question's answer: option indexes, a scale point, or words. */
export const answerSchema = z.strictObject({
  options: z
    .array(
      z
        .number()
        .int()
        .min(0)
        .max(MAX_OPTIONS - 1),
    )
    .max(MAX_OPTIONS)
    .optional(),
  scale: z.number().int().min(1).max(5).optional(),
  text: z.string().trim().max(MAX_TEXT_ANSWER, `不能超过 ${MAX_TEXT_ANSWER} 个字`).optional(),
})
export type SurveyAnswer = z.infer<typeof answerSchema>

/** Why a question's set-up is wrong, with the field at fault under the question; null when it is right. */
export function questionProblem(question: SurveyQuestion): { field: string; message: string } | null {
  const choice = question.kind === 'single' || question.kind === 'multiple'
  const options = question.options ?? []
  if (choice && options.length < 2) return { field: 'options', message: '选择题至少要有两个选项' }
  if (!choice && options.length > 0) return { field: 'options', message: '只有选择题有选项' }
  if (new Set(options).size !== options.length) return { field: 'options', message: '选项不能重复' }
  if (question.aboutHelpKinds && (!choice || options.some((o) => !(helpKinds as readonly string[]).includes(o)))) {
    return { field: 'options', message: '帮扶类别题的选项只能是帮扶类别' }
  }
  return null
}

/**
 * Whether `answer` answers `question`; null when it does. A text question may be left empty; every other
 * question must be answered, with one option for a single choice.
 */
export function answerProblem(question: SurveyQuestion, answer: SurveyAnswer | undefined): string | null {
  const count = question.options?.length ?? 0
  switch (question.kind) {
    case 'single':
    case 'multiple': {
      const chosen = answer?.options ?? []
      if (chosen.length === 0) return '请选择'
      if (chosen.some((i) => i >= count) || new Set(chosen).size !== chosen.length) return '选项不正确'
      return question.kind === 'single' && chosen.length > 1 ? '只能选一项' : null
    }
    case 'scale':
      return answer?.scale === undefined ? '请打分' : null
    case 'text':
      return null
  }
}

/** What a question's answer is kept as: only the part its kind uses. */
export function keptAnswer(question: SurveyQuestion, answer: SurveyAnswer | undefined): SurveyAnswer {
  switch (question.kind) {
    case 'single':
    case 'multiple':
      return { options: [...(answer?.options ?? [])].sort((a, b) => a - b) }
    case 'scale':
      return { scale: answer?.scale }
    case 'text':
      return answer?.text ? { text: answer.text } : {}
  }
}

/** A question's statistics: counts per option, the scale's distribution and mean, the words given. */
export interface QuestionTally {
  answered: number
  options: { label: string; count: number }[]
  scale: { point: number; count: number }[]
  mean: number | null
  texts: string[]
}

export function tallyQuestion(question: SurveyQuestion, answers: readonly SurveyAnswer[]): QuestionTally {
  const options = (question.options ?? []).map((label, i) => ({ label, count: answers.filter((a) => a.options?.includes(i)).length }))
  const points = answers.flatMap((a) => (a.scale === undefined ? [] : [a.scale]))
  return {
    answered: answers.filter((a) => (a.options?.length ?? 0) > 0 || a.scale !== undefined || !!a.text).length,
    options,
    scale: question.kind === 'scale' ? SCALE.map((point) => ({ point, count: points.filter((p) => p === point).length })) : [],
    mean: points.length === 0 ? null : Math.round((points.reduce((s, p) => s + p, 0) / points.length) * 10) / 10,
    texts: answers.flatMap((a) => (a.text ? [a.text] : [])),
  }
}

/** The help kinds chosen in a survey's help-kind questions, one count per resident per kind. */
export function wantedKindsOf(questions: readonly SurveyQuestion[], answers: readonly SurveyAnswer[]): HelpKind[] {
  const kinds = questions.flatMap((question, i) =>
    question.aboutHelpKinds ? (answers[i]?.options ?? []).map((o) => question.options![o] as HelpKind) : [],
  )
  return [...new Set(kinds)]
}

/** Help kinds with how many residents asked for each, most asked-for first. */
export type WantedKinds = { helpKind: HelpKind; count: number }[]

export function addWanted(tally: WantedKinds, kinds: readonly HelpKind[]): WantedKinds {
  const counts = new Map(tally.map((w) => [w.helpKind, w.count]))
  for (const kind of kinds) counts.set(kind, (counts.get(kind) ?? 0) + 1)
  return sortedWanted([...counts].map(([helpKind, count]) => ({ helpKind, count })))
}

export function mergeWanted(tallies: readonly WantedKinds[]): WantedKinds {
  const counts = new Map<HelpKind, number>()
  for (const { helpKind, count } of tallies.flat()) counts.set(helpKind, (counts.get(helpKind) ?? 0) + count)
  return sortedWanted([...counts].map(([helpKind, count]) => ({ helpKind, count })))
}

const sortedWanted = (tally: WantedKinds) =>
  tally.filter((w) => w.count > 0).sort((a, b) => b.count - a.count || helpKinds.indexOf(a.helpKind) - helpKinds.indexOf(b.helpKind))

/** The committee's pages and the resident's. */
export const SURVEYS_PAGE = 'pages/committee/surveys/index'
export const SURVEY_RESULTS_PAGE = 'pages/committee/survey-results/index'
export const SURVEY_ANSWER_PAGE = 'pages/surveys/answer/index'
export const surveysPath = (communityId: string) => `/${SURVEYS_PAGE}?communityId=${communityId}`
export const surveyResultsPath = (surveyId: string) => `/${SURVEY_RESULTS_PAGE}?id=${surveyId}`
