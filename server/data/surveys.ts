/** 需求调查: the surveys, survey_answers and survey_respondents collections (decision 049). */
import { createHash, randomBytes } from 'node:crypto'
import { AppError, ErrorCode } from '../../shared/errors'
import { addWanted, surveyPhase, type SurveyAnswer } from '../../shared/domain/survey'
import type { HelpKind } from '../../shared/domain/vocabulary'
import { database, readAll } from './cloudbase'
import type { SurveyAnswerDoc, SurveyDoc, SurveyRespondentDoc } from './documents'
import { increment, inTransaction } from './transaction'

const surveys = () => database().collection('surveys')

/** One id per (survey, resident): a second answer, however concurrent, meets the first. */
export function respondentDocId(surveyId: string, openid: string): string {
  return createHash('sha256').update(`survey-respondent\n${surveyId}\n${openid}`).digest('hex').slice(0, 32)
}

export async function surveyById(id: string): Promise<SurveyDoc | null> {
  const { data } = await surveys().doc(id).get()
  return (data[0] as SurveyDoc | undefined) ?? null
}

export async function addSurvey(survey: Omit<SurveyDoc, '_id'>): Promise<string> {
  const { id } = (await surveys().add(survey)) as { id: string }
  return id
}

/** The draft's own fields, replaced whole; only while it is a draft, else CONFLICT. */
export async function updateDraft(
  id: string,
  fields: Pick<SurveyDoc, 'title' | 'intro' | 'questions' | 'opensOn' | 'closesOn' | 'neighbourhood'>,
): Promise<void> {
  await inTransaction(async (tx) => {
    const survey = await tx.get('surveys', id)
    if (survey?.status !== 'draft') throw new AppError(ErrorCode.CONFLICT, '调查已经发布，不能再修改')
    // A 小区 the new fields leave out is dropped: the survey goes to the whole community.
    const { _id, neighbourhood: _dropped, ...kept } = survey
    await tx.set('surveys', _id, { ...kept, ...fields })
  })
}

/** Moves the survey on from `from`; CONFLICT when someone moved it first. */
export async function changeStatus(id: string, from: SurveyDoc['status'], to: 'published' | 'closed', at: Date): Promise<SurveyDoc> {
  return inTransaction(async (tx) => {
    const survey = await tx.get('surveys', id)
    if (survey?.status !== from) throw new AppError(ErrorCode.CONFLICT, to === 'published' ? '调查已经发布了' : '调查已经结束了')
    const moment = to === 'published' ? { publishedAt: at } : { closedAt: at }
    await tx.update('surveys', id, { status: to, ...moment })
    return { ...survey, status: to, ...moment }
  })
}

/** A community's surveys, newest first: a committee runs a few a year. */
export async function surveysOfCommunity(communityId: string, limit: number): Promise<SurveyDoc[]> {
  const { data } = await surveys().where({ communityId }).orderBy('createdAt', 'desc').limit(limit).get()
  return data as SurveyDoc[]
}

/** Published (or ended) surveys of the communities whose days touch [from, to] (Shanghai days). */
export async function surveysRunIn(communityIds: string[], from: string, to: string): Promise<SurveyDoc[]> {
  if (communityIds.length === 0) return []
  const db = database()
  const _ = db.command
  return readAll<SurveyDoc>(
    surveys().where({
      communityId: _.in(communityIds),
      status: _.in(['published', 'closed']),
      opensOn: _.lte(to),
      closesOn: _.gte(from),
    }),
  )
}

/**
 * Stores one resident's answers, in one transaction: the respondent marker under its derived id (a second
 * answer finds it and is CONFLICT), the anonymous answers under a random id, and the survey's counts.
 */
export async function addAnswer(input: {
  surveyId: string
  openid: string
  now: Date
  anonymous: SurveyAnswer[]
  named?: { name: string; answers: SurveyAnswer[] }
  wanted: HelpKind[]
}): Promise<void> {
  const markerId = respondentDocId(input.surveyId, input.openid)
  await inTransaction(async (tx) => {
    if (await tx.get('survey_respondents', markerId)) throw new AppError(ErrorCode.CONFLICT, '你已经答过这份调查了')
    const survey = await tx.get('surveys', input.surveyId)
    if (!survey || surveyPhase(survey, input.now) !== 'open') throw new AppError(ErrorCode.CONFLICT, '这份调查已经结束了')
    const respondent: SurveyRespondentDoc = { _id: markerId, surveyId: survey._id, communityId: survey.communityId }
    await tx.add('survey_respondents', input.named ? { ...respondent, named: { openid: input.openid, ...input.named } } : respondent)
    await tx.add('survey_answers', {
      _id: randomBytes(16).toString('hex'),
      surveyId: survey._id,
      communityId: survey.communityId,
      answers: input.anonymous,
    })
    await tx.update('surveys', survey._id, { answerCount: increment(1), wanted: addWanted(survey.wanted, input.wanted) })
  })
}

export async function hasAnswered(surveyIds: string[], openid: string): Promise<Set<string>> {
  const db = database()
  const ids = surveyIds.map((id) => respondentDocId(id, openid))
  if (ids.length === 0) return new Set()
  const { data } = await db
    .collection('survey_respondents')
    .where({ _id: db.command.in(ids) })
    .limit(ids.length)
    .get()
  return new Set((data as SurveyRespondentDoc[]).map((r) => r.surveyId))
}

/** Every anonymous answer sheet of the survey, and the named parts: no more than the community's residents. */
export async function answersOf(surveyId: string): Promise<{ anonymous: SurveyAnswerDoc[]; named: SurveyRespondentDoc[] }> {
  const [anonymous, respondents] = await Promise.all([
    readAll<SurveyAnswerDoc>(database().collection('survey_answers').where({ surveyId })),
    readAll<SurveyRespondentDoc>(database().collection('survey_respondents').where({ surveyId })),
  ])
  return { anonymous, named: respondents.filter((r) => r.named) }
}
