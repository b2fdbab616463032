/** 评估评议 and 信息公开 (decisions 051, 052): settings, work reports, 评议, grades, charges and the money ledger. */
import { AppError, ErrorCode } from '../../shared/errors'
import { database } from './cloudbase'
import type { ChargesDoc, EvaluationSettingsDoc, GradeDoc, LedgerDoc, ReviewDoc, WorkReportDoc } from './documents'
import { afterPosition, type PagePosition } from './paging'
import { inTransaction } from './transaction'
import { isDuplicateWrite } from './write-errors'

const collection = (name: string) => database().collection(name)
const one = async <T>(name: string, id: string): Promise<T | null> => {
  const { data } = await collection(name).doc(id).get()
  return (data[0] as T | undefined) ?? null
}

export const settingsOf = (communityId: string) => one<EvaluationSettingsDoc>('evaluation_settings', communityId)

export async function saveSettings(settings: EvaluationSettingsDoc): Promise<void> {
  const { _id, ...fields } = settings
  await inTransaction((tx) => tx.set('evaluation_settings', _id, fields))
}

export const reportId = (organisationId: string, period: string) => `${organisationId}_${period}`
export const gradeId = (organisationId: string, year: number) => `${organisationId}_${year}`
export const reviewId = (organisationId: string, year: number, openid: string) => `${organisationId}_${year}_${openid}`

/** An organisation's reports, latest period first; two years of quarters at most. */
export async function reportsOf(organisationId: string, year?: number): Promise<WorkReportDoc[]> {
  const { data } = await collection('work_reports')
    .where({ organisationId, ...(year === undefined ? {} : { year }) })
    .orderBy('period', 'desc')
    .limit(8)
    .get()
  return data as WorkReportDoc[]
}

/**
 * Writes the report for its period unless the committee graded that year: read and written in one
 * transaction, so a grade given meanwhile is never followed by a changed report.
 */
export async function putReport(report: WorkReportDoc): Promise<void> {
  const { _id, ...fields } = report
  await inTransaction(async (tx) => {
    if (await tx.get('organisation_grades', gradeId(report.organisationId, report.year))) {
      throw new AppError(ErrorCode.CONFLICT, '两委已评定这一年，工作报告不能再改', 'data.period')
    }
    await tx.set('work_reports', _id, fields)
  })
}

/** One 评议 per resident, organisation and year: its derived id makes a second (or a racing twin) a duplicate. */
export async function addReview(review: ReviewDoc): Promise<boolean> {
  try {
    await collection('organisation_reviews').add(review)
    return true
  } catch (error) {
    if (isDuplicateWrite(error)) return false
    throw error
  }
}

export const reviewOf = (organisationId: string, year: number, openid: string) =>
  one<ReviewDoc>('organisation_reviews', reviewId(organisationId, year, openid))

/** A year's tally by verdict, in one aggregation. */
export async function reviewTally(organisationId: string, year: number): Promise<Record<string, number>> {
  const $ = database().command.aggregate
  const { data } = await collection('organisation_reviews')
    .aggregate()
    .match({ organisationId, year })
    .group({ _id: '$verdict', n: $.sum(1) })
    .limit(10)
    .end()
  return Object.fromEntries((data as { _id: string; n: number }[]).map((row) => [row._id, row.n]))
}

/** The latest texts of a year's 评议, newest first. */
export async function reviewTexts(organisationId: string, year: number, limit: number): Promise<ReviewDoc[]> {
  const _ = database().command
  const { data } = await collection('organisation_reviews')
    .where({ organisationId, year, text: _.exists(true) })
    .orderBy('at', 'desc')
    .limit(limit)
    .get()
  return data as ReviewDoc[]
}

/** The grade, added once: false when the year was graded already. */
export async function addGrade(grade: GradeDoc): Promise<boolean> {
  try {
    await collection('organisation_grades').add(grade)
    return true
  } catch (error) {
    if (isDuplicateWrite(error)) return false
    throw error
  }
}

/** An organisation's grades, latest year first; a profile shows a handful. */
export async function gradesOf(organisationId: string, limit = 10): Promise<GradeDoc[]> {
  const { data } = await collection('organisation_grades').where({ organisationId }).orderBy('year', 'desc').limit(limit).get()
  return data as GradeDoc[]
}

/** The grades of the communities' organisations for a year: for civil affairs' figures. */
export async function gradesOfCommunities(communityIds: string[], year: number): Promise<GradeDoc[]> {
  if (communityIds.length === 0) return []
  const { data } = await collection('organisation_grades')
    .where({ communityId: database().command.in(communityIds), year })
    .limit(1000)
    .get()
  return data as GradeDoc[]
}

export const chargesOf = (organisationId: string) => one<ChargesDoc>('organisation_charges', organisationId)

export async function saveCharges(charges: ChargesDoc): Promise<void> {
  const { _id, ...fields } = charges
  await inTransaction((tx) => tx.set('organisation_charges', _id, fields))
}

export async function addLedgerEntry(entry: Omit<LedgerDoc, '_id'>): Promise<string> {
  const { id } = (await collection('organisation_ledger').add(entry)) as { id: string }
  return id
}

/** A page of the ledger, newest written first, plus one to tell whether more follow. */
export async function ledgerPage(organisationId: string, after: PagePosition | undefined, limit: number): Promise<LedgerDoc[]> {
  const { data } = await collection('organisation_ledger')
    .where(afterPosition({ organisationId }, after))
    .orderBy('at', 'desc')
    .orderBy('_id', 'desc')
    .limit(limit + 1)
    .get()
  return data as LedgerDoc[]
}
