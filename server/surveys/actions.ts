/** 需求调查 (decision 049): the committee builds, publishes and reads a survey; residents answer it once. */
import ExcelJS from 'exceljs'
import type { ActionOutput } from '../../shared/contract'
import type { QuestionResult, SurveysContract } from '../../shared/contracts/surveys'
import { AppError, ErrorCode } from '../../shared/errors'
import {
  answerProblem,
  keptAnswer,
  questionKindLabel,
  questionProblem,
  surveyPhase,
  surveyPhaseLabel,
  tallyQuestion,
  wantedKindsOf,
  type SurveyAnswer,
  type SurveyQuestion,
} from '../../shared/domain/survey'
import { inShanghai } from '../../shared/domain/time'
import type { SurveyDoc } from '../data/documents'
import { addAnswer, addSurvey, answersOf, changeStatus, hasAnswered, surveyById, surveysOfCommunity, updateDraft } from '../data/surveys'
import type { ActionContext, ActionImplementations } from '../handler'
import { stored } from '../reports/actions'
import { sheet, type Cell } from '../reports/workbook'
import { authoriseOverCommunity } from '../scopes'
import { refuseFlagged } from '../wechat'

type Action<A extends keyof SurveysContract['actions']> = ActionImplementations<SurveysContract>[A]
type Survey = ActionOutput<SurveysContract, 'publish'>

/** A committee lists its recent surveys: more than it runs in years. */
const LISTED = 50

const today = (now: Date) => inShanghai(now).format('YYYY-MM-DD')

function surveyOut(survey: SurveyDoc, now: Date): Survey {
  const phase = surveyPhase(survey, now)
  return {
    surveyId: survey._id,
    communityId: survey.communityId,
    title: survey.title,
    intro: survey.intro,
    neighbourhood: survey.neighbourhood,
    opensOn: survey.opensOn,
    closesOn: survey.closesOn,
    questions: survey.questions.map((q) => ({ ...q, options: q.options ?? [] })),
    phase,
    phaseLabel: surveyPhaseLabel[phase],
    answers: survey.answerCount,
  }
}

/** The survey, once the caller is found to sit on its community's committee; a survey of no community of theirs is FORBIDDEN. */
async function surveyForCommittee(context: ActionContext<{ surveyId: string }>): Promise<SurveyDoc> {
  const survey = await surveyById(context.input.surveyId)
  if (!survey) throw new AppError(ErrorCode.NOT_FOUND, '没有这份调查')
  await authoriseOverCommunity(context, survey.communityId)
  return survey
}

export const save: Action<'save'> = async (context) => {
  const { input, now } = context
  await authoriseOverCommunity(context, input.communityId)
  input.questions.forEach((question, i) => {
    const problem = questionProblem(question)
    if (problem) throw new AppError(ErrorCode.INVALID_INPUT, problem.message, `data.questions.${i}.${problem.field}`)
  })
  if (input.closesOn < input.opensOn) throw new AppError(ErrorCode.INVALID_INPUT, '结束日期不能早于开始日期', 'data.closesOn')
  if (input.closesOn < today(now)) throw new AppError(ErrorCode.INVALID_INPUT, '结束日期已经过了', 'data.closesOn')
  await refuseFlagged(context.openid, { title: input.title, intro: input.intro, neighbourhood: input.neighbourhood }, 3)
  const fields = {
    title: input.title,
    intro: input.intro,
    questions: input.questions,
    opensOn: input.opensOn,
    closesOn: input.closesOn,
    ...(input.neighbourhood ? { neighbourhood: input.neighbourhood } : {}),
  }
  if (!input.surveyId) {
    const surveyId = await addSurvey({
      ...fields,
      communityId: input.communityId,
      status: 'draft',
      createdAt: now,
      createdBy: context.openid,
      answerCount: 0,
      wanted: [],
    })
    return { surveyId }
  }
  const survey = await surveyById(input.surveyId)
  if (survey?.communityId !== input.communityId) throw new AppError(ErrorCode.NOT_FOUND, '没有这份调查')
  await updateDraft(survey._id, fields)
  return { surveyId: survey._id }
}

export const publish: Action<'publish'> = async (context) => {
  const survey = await surveyForCommittee(context)
  if (survey.closesOn < today(context.now)) throw new AppError(ErrorCode.INVALID_INPUT, '结束日期已经过了，请先修改', 'data.surveyId')
  return surveyOut(await changeStatus(survey._id, 'draft', 'published', context.now), context.now)
}

export const close: Action<'close'> = async (context) => {
  const survey = await surveyForCommittee(context)
  return surveyOut(await changeStatus(survey._id, 'published', 'closed', context.now), context.now)
}

export const list: Action<'list'> = async (context) => {
  const community = await authoriseOverCommunity(context, context.input.communityId)
  const surveys = await surveysOfCommunity(community._id, LISTED)
  return { surveys: surveys.map((s) => surveyOut(s, context.now)) }
}

/** How a named answer reads: the options chosen, the points, or the words. */
function answerWords(question: SurveyQuestion, answer: SurveyAnswer): string {
  if (question.kind === 'scale') return answer.scale === undefined ? '' : `${answer.scale} 分`
  if (question.kind === 'text') return answer.text ?? ''
  return (answer.options ?? []).map((i) => question.options![i]).join('、')
}

/**
 * Each question's statistics: an anonymous one's from the sheets that carry no one, a named one's from the
 * respondents' named parts, which alone say who answered.
 */
async function resultsOf(survey: SurveyDoc): Promise<QuestionResult[]> {
  const { anonymous, named } = await answersOf(survey._id)
  return survey.questions.map((question, i) => {
    if (question.anonymous)
      return tallyQuestion(
        question,
        anonymous.map((sheet) => sheet.answers[i] ?? {}),
      )
    const answers = named.map((r) => ({ name: r.named!.name, answer: r.named!.answers[i] ?? {} }))
    return {
      ...tallyQuestion(
        question,
        answers.map((a) => a.answer),
      ),
      // Words with a name are listed with it, not among the anonymous ones.
      texts: [],
      named: answers.map(({ name, answer }) => ({ name, answer: answerWords(question, answer) })),
    }
  })
}

export const results: Action<'results'> = async (context) => {
  const survey = await surveyForCommittee(context)
  return { survey: surveyOut(survey, context.now), questions: await resultsOf(survey), at: context.now.toISOString() }
}

export const exportSurvey: Action<'export'> = async (context) => {
  const survey = await surveyForCommittee(context)
  const questions = await resultsOf(survey)
  const workbook = new ExcelJS.Workbook()
  const rows: Cell[][] = survey.questions.flatMap((question, i) => {
    const tally = questions[i]
    const title = `${i + 1}. ${question.title}（${questionKindLabel[question.kind]}）`
    return [
      [title, '作答人数', tally.answered],
      ...tally.options.map((o): Cell[] => [title, o.label, o.count]),
      ...tally.scale.map((s): Cell[] => [title, `${s.point} 分`, s.count]),
      ...(tally.mean === null ? [] : [[title, '平均分', tally.mean]]),
    ]
  })
  sheet(workbook, '统计', ['问题', '项目', '人数'], rows)
  sheet(
    workbook,
    '文字回答',
    ['问题', '回答'],
    survey.questions.flatMap((question, i) => (question.anonymous ? questions[i].texts.map((text) => [question.title, text]) : [])),
  )
  sheet(
    workbook,
    '实名回答',
    ['问题', '居民', '回答'],
    survey.questions.flatMap((question, i) => (questions[i].named ?? []).map((n) => [question.title, n.name, n.answer])),
  )
  const content = Buffer.from(await workbook.xlsx.writeBuffer())
  return stored(
    `survey-${survey._id}-${context.now.getTime().toString(36)}`,
    `需求调查 ${survey.title} ${today(context.now)}.xlsx`,
    content,
    context.now,
  )
}

/** Whether the survey is for this resident: their community, and their 小区 when it names one. */
const isFor = (survey: SurveyDoc, neighbourhood: string | undefined) => !survey.neighbourhood || survey.neighbourhood === neighbourhood

export const open: Action<'open'> = async (context) => {
  const { person } = await context.caller()
  if (!person?.communityId) return { surveys: [] }
  const surveys = (await surveysOfCommunity(person.communityId, LISTED)).filter(
    (s) => surveyPhase(s, context.now) === 'open' && isFor(s, person.neighbourhood),
  )
  const answered = await hasAnswered(
    surveys.map((s) => s._id),
    context.openid,
  )
  return { surveys: surveys.map((s) => ({ ...surveyOut(s, context.now), answered: answered.has(s._id) })) }
}

export const answer: Action<'answer'> = async (context) => {
  const { input, now } = context
  const survey = await surveyById(input.surveyId)
  if (!survey) throw new AppError(ErrorCode.NOT_FOUND, '没有这份调查')
  await authoriseOverCommunity(context, survey.communityId)
  const { person } = await context.caller()
  if (!isFor(survey, person?.neighbourhood)) throw new AppError(ErrorCode.FORBIDDEN, '这份调查是给其他小区居民的')
  if (surveyPhase(survey, now) !== 'open') throw new AppError(ErrorCode.CONFLICT, '这份调查现在不能作答')
  if (input.answers.length !== survey.questions.length) throw new AppError(ErrorCode.INVALID_INPUT, '请回答每一个问题', 'data.answers')
  survey.questions.forEach((question, i) => {
    const problem = answerProblem(question, input.answers[i])
    if (problem) throw new AppError(ErrorCode.INVALID_INPUT, problem, `data.answers.${i}`)
  })
  const texts = Object.fromEntries(
    survey.questions.map((q, i) => [`answers.${i}.text`, q.kind === 'text' ? input.answers[i].text : undefined]),
  )
  await refuseFlagged(context.openid, texts, 2)
  const kept = survey.questions.map((question, i) => keptAnswer(question, input.answers[i]))
  const anyNamed = survey.questions.some((q) => !q.anonymous)
  await addAnswer({
    surveyId: survey._id,
    openid: context.openid,
    now,
    anonymous: kept.map((a, i) => (survey.questions[i].anonymous ? a : {})),
    named: anyNamed ? { name: person!.name, answers: kept.map((a, i) => (survey.questions[i].anonymous ? {} : a)) } : undefined,
    wanted: wantedKindsOf(survey.questions, kept),
  })
  return { answered: true }
}
