/** 评估评议 and 信息公开 (decisions 051, 052). */
import type { EvaluationContract, GradeView, WorkReport } from '../../shared/contracts/evaluation'
import { activityStatusLabel } from '../../shared/domain/activity'
import {
  DEFAULT_REPORT_CADENCE,
  gradeLabel,
  ledgerDirectionLabel,
  periodLabel,
  periodOfKey,
  reportablePeriodKeys,
  reportCadenceLabel,
  shanghaiYear,
  suggestsSuspension,
  verdictLabel,
  verdicts,
  windowOpen,
  yearOfKey,
  type Grade,
} from '../../shared/domain/evaluation'
import { isPublic } from '../../shared/domain/organisation'
import { periodRange } from '../../shared/domain/report'
import { inShanghai } from '../../shared/domain/time'
import { AppError, ErrorCode } from '../../shared/errors'
import { actionLabel, auditEntry } from '../audit'
import { activitiesOfOrganisation, attendedActivityOf, takenDownActivitiesOf } from '../data/activities'
import { addAuditEntry, auditOfOrganisation } from '../data/audit'
import type { EvaluationSettingsDoc, GradeDoc, OrganisationDoc, WorkReportDoc } from '../data/documents'
import {
  addGrade,
  addLedgerEntry,
  addReview,
  chargesOf,
  gradeId,
  gradesOf,
  ledgerPage,
  putReport,
  reportId,
  reportsOf,
  reviewId,
  reviewOf,
  reviewTally,
  reviewTexts,
  saveCharges as storeCharges,
  saveSettings as storeSettings,
  settingsOf,
} from '../data/evaluation'
import { servedBy, unsolvedOf } from '../data/needs'
import { organisationById } from '../data/organisations'
import type { ActionImplementations } from '../handler'
import { pageOf, positionOf } from '../paging'
import { sitsOnCommitteeOf, type Caller } from '../principal'
import { authoriseOverCommunity, authoriseOverOrganisation } from '../scopes'
import { refuseFlagged } from '../wechat'
import { organisationFigures } from './figures'

type Action<A extends keyof EvaluationContract['actions']> = ActionImplementations<EvaluationContract>[A]

/** The public parts of an organisation's record: a profile shows a handful of each. */
const LEDGER_PAGE = 20
const RECENT_ACTIVITIES = 10
const PUBLIC_GRADES = 5
const REVIEW_TEXTS = 50
/** The committee's decisions the profile shows (an application and its rejection are not public). */
const PUBLIC_DECISIONS = new Set(['organisation.approve', 'organisation.suspend', 'organisation.restore', 'organisation.grade'])

const settingsView = (settings: EvaluationSettingsDoc | null, now: Date) => {
  const reportEvery = settings?.reportEvery ?? DEFAULT_REPORT_CADENCE
  const window = settings?.window ?? null
  return { reportEvery, reportEveryLabel: reportCadenceLabel[reportEvery], window, windowOpen: windowOpen(window, now) }
}

const reportView = (doc: WorkReportDoc): WorkReport => {
  const { from, to } = periodOfKey(doc.period)
  return {
    id: doc._id,
    organisationId: doc.organisationId,
    period: doc.period,
    periodLabel: periodLabel(doc.period),
    from,
    to,
    text: doc.text,
    figures: doc.figures,
    submittedAt: new Date(doc.submittedAt).toISOString(),
  }
}

const gradeView = (doc: GradeDoc): GradeView => ({
  year: doc.year,
  grade: doc.grade,
  gradeLabel: gradeLabel[doc.grade],
  comment: doc.comment,
  at: new Date(doc.at).toISOString(),
})

const yearPeriod = (year: number) => ({ from: `${year}-01-01`, to: `${year}-12-31` })

export const settings: Action<'settings'> = async (context) => {
  const community = await authoriseOverCommunity(context, context.input.communityId)
  return settingsView(await settingsOf(community._id), context.now)
}

export const saveSettings: Action<'saveSettings'> = async (context) => {
  const { input, now } = context
  const community = await authoriseOverCommunity(context, input.communityId)
  const doc = { _id: community._id, reportEvery: input.reportEvery, window: input.window, updatedAt: now, byOpenid: context.openid }
  await storeSettings(doc)
  return settingsView(doc, now)
}

/** The period asked for, or the current one; only a period that has begun, this year or last. */
async function reportablePeriod(organisation: OrganisationDoc, asked: string | undefined, now: Date) {
  const settings = await settingsOf(organisation.communityId)
  const keys = reportablePeriodKeys(settings?.reportEvery ?? DEFAULT_REPORT_CADENCE, now)
  const period = asked ?? keys[keys.length - 1]
  if (!keys.includes(period)) throw new AppError(ErrorCode.INVALID_INPUT, '只能报告已经开始的报告期（今年或去年）', 'data.period')
  return { period, keys }
}

export const reportDraft: Action<'reportDraft'> = async (context) => {
  const { organisation } = await authoriseOverOrganisation(context, context.input.organisationId)
  const { period, keys } = await reportablePeriod(organisation, context.input.period, context.now)
  const [figures, reports, grades] = await Promise.all([
    organisationFigures(organisation, periodOfKey(period)),
    reportsOf(organisation._id),
    gradesOf(organisation._id, 2),
  ])
  const report = reports.find((r) => r.period === period)
  return {
    period,
    periodLabel: periodLabel(period),
    periods: [...keys].reverse().map((key) => ({ period: key, label: periodLabel(key), submitted: reports.some((r) => r.period === key) })),
    figures,
    report: report ? reportView(report) : null,
    locked: grades.some((g) => g.year === yearOfKey(period)),
  }
}

export const submitReport: Action<'submitReport'> = async (context) => {
  const { input, now } = context
  const { organisation } = await authoriseOverOrganisation(context, input.organisationId)
  const { period } = await reportablePeriod(organisation, input.period, now)
  await refuseFlagged(context.openid, { text: input.text }, 1)
  const doc: WorkReportDoc = {
    _id: reportId(organisation._id, period),
    organisationId: organisation._id,
    communityId: organisation.communityId,
    period,
    year: yearOfKey(period),
    text: input.text,
    // Counted now, as the system has them: the lead does not type figures.
    figures: await organisationFigures(organisation, periodOfKey(period)),
    submittedAt: now,
    byOpenid: context.openid,
  }
  await putReport(doc)
  return { report: reportView(doc) }
}

/** Served (a closed need it accepted) or attended (checked in at its activity): who may give 评议. */
async function wasServed(openid: string, organisationId: string): Promise<boolean> {
  const [served, attended] = await Promise.all([servedBy(openid, organisationId), attendedActivityOf(openid, organisationId)])
  return served || attended
}

const notFound = () => new AppError(ErrorCode.NOT_FOUND, '没有这个组织')

export const review: Action<'review'> = async ({ caller, input, now, openid }) => {
  const organisation = await organisationById(input.organisationId)
  if (!organisation || !isPublic(organisation.status)) throw notFound()
  const settings = await settingsOf(organisation.communityId)
  if (!windowOpen(settings?.window, now)) throw new AppError(ErrorCode.CONFLICT, '现在不是评议期，两委开启评议期后再来')
  if (!(await wasServed(openid, organisation._id))) {
    throw new AppError(ErrorCode.FORBIDDEN, '只有这个组织服务过或参加过它的活动的居民才能评议')
  }
  await refuseFlagged(openid, { text: input.text }, 2)
  const year = shanghaiYear(now)
  const me = await caller()
  const added = await addReview({
    _id: reviewId(organisation._id, year, openid),
    organisationId: organisation._id,
    communityId: me.communityId ?? organisation.communityId,
    year,
    openid,
    verdict: input.verdict,
    ...(input.text ? { text: input.text } : {}),
    at: now,
  })
  if (!added) throw new AppError(ErrorCode.CONFLICT, '今年你已经评议过这个组织了')
  return { year, verdictLabel: verdictLabel[input.verdict] }
}

/** This year's and last year's grades, for the suggestion. */
async function gradesByYear(organisationId: string): Promise<Map<number, GradeDoc>> {
  return new Map((await gradesOf(organisationId)).map((g) => [g.year, g]))
}
const suggestion = (grades: Map<number, GradeDoc>, year: number) =>
  suggestsSuspension(new Map<number, Grade>([...grades].map(([y, g]) => [y, g.grade])), year)

export const sheet: Action<'sheet'> = async (context) => {
  const { year } = context.input
  const { organisation } = await authoriseOverOrganisation(context, context.input.organisationId)
  const range = periodRange(yearPeriod(year))
  const [figures, reports, tally, texts, unsolved, activitiesTakenDown, grades] = await Promise.all([
    organisationFigures(organisation, yearPeriod(year)),
    reportsOf(organisation._id, year),
    reviewTally(organisation._id, year),
    reviewTexts(organisation._id, year, REVIEW_TEXTS),
    unsolvedOf(organisation._id, range),
    takenDownActivitiesOf(organisation._id),
    gradesByYear(organisation._id),
  ])
  const reviews = Object.fromEntries(verdicts.map((v) => [v, tally[v] ?? 0])) as Record<(typeof verdicts)[number], number>
  const grade = grades.get(year)
  const previous = grades.get(year - 1)
  return {
    year,
    organisationName: organisation.name,
    organisationStatus: organisation.status,
    figures,
    reports: reports.map(reportView),
    reviews: { ...reviews, total: reviews.satisfied + reviews.fair + reviews.unsatisfied },
    reviewTexts: texts.map((r) => ({ verdictLabel: verdictLabel[r.verdict], text: r.text ?? '', at: new Date(r.at).toISOString() })),
    complaints: { unsolved, takenDown: activitiesTakenDown + (organisation.takenDown ? 1 : 0) },
    grade: grade ? gradeView(grade) : null,
    previousGrade: previous ? gradeView(previous) : null,
    suggestSuspension: suggestion(grades, year),
  }
}

export const grade: Action<'grade'> = async (context) => {
  const { input, now } = context
  const { organisation, community } = await authoriseOverOrganisation(context, input.organisationId)
  if (input.year > shanghaiYear(now)) throw new AppError(ErrorCode.INVALID_INPUT, '不能评定还没到的年份', 'data.year')
  if (!isPublic(organisation.status)) throw new AppError(ErrorCode.CONFLICT, '只评定已备案的组织')
  const committee = await context.caller()
  await refuseFlagged(committee.openid, { comment: input.comment }, 1)
  const doc: GradeDoc = {
    _id: gradeId(organisation._id, input.year),
    organisationId: organisation._id,
    communityId: community._id,
    year: input.year,
    grade: input.grade,
    comment: input.comment,
    at: now,
    byOpenid: committee.openid,
  }
  if (!(await addGrade(doc))) throw new AppError(ErrorCode.CONFLICT, `${input.year} 年已经评定过这个组织了`, 'data.year')
  const reason = `${input.year}年 ${gradeLabel[input.grade]}：${input.comment}`
  await addAuditEntry(
    auditEntry(committee, 'organisation.grade', { communityId: community._id, organisationId: organisation._id, reason }, now),
  )
  return { grade: gradeView(doc), suggestSuspension: suggestion(await gradesByYear(organisation._id), input.year) }
}

export const saveCharges: Action<'saveCharges'> = async (context) => {
  const { input, now } = context
  const { organisation } = await authoriseOverOrganisation(context, input.organisationId)
  const texts = Object.fromEntries(
    input.items.flatMap((c, i) => [[`items.${i}.item`, c.item] as const, [`items.${i}.unit`, c.unit] as const]),
  )
  await refuseFlagged(context.openid, texts, 1)
  const charges = { free: input.free, items: input.items }
  await storeCharges({ _id: organisation._id, ...charges, updatedAt: now })
  return charges
}

export const addLedger: Action<'addLedgerEntry'> = async (context) => {
  const { input, now } = context
  const { organisation } = await authoriseOverOrganisation(context, input.organisationId)
  if (input.day > inShanghai(now).format('YYYY-MM-DD')) throw new AppError(ErrorCode.INVALID_INPUT, '不能记还没到的日子', 'data.day')
  await refuseFlagged(context.openid, { purpose: input.purpose }, 1)
  const entry = {
    organisationId: organisation._id,
    day: input.day,
    direction: input.direction,
    amountFen: input.amountFen,
    purpose: input.purpose,
    at: now,
    byOpenid: context.openid,
  }
  const id = await addLedgerEntry(entry)
  return { entry: { id, ...ledgerView(entry) } }
}

const ledgerView = (e: { day: string; direction: 'in' | 'out'; amountFen: number; purpose: string }) => ({
  day: e.day,
  direction: e.direction,
  directionLabel: ledgerDirectionLabel[e.direction],
  amountFen: e.amountFen,
  purpose: e.purpose,
})

/** Money is for the residents it serves (and its lead and committee) to see, not for anyone who opens the profile. */
const readsLedger = (o: OrganisationDoc, me: Caller) =>
  o.leadOpenid === me.openid ||
  sitsOnCommitteeOf(me, o.communityId) ||
  (me.communityId !== null && o.servesCommunityIds.includes(me.communityId))

export const openness: Action<'openness'> = async ({ caller, input, now, openid }) => {
  const organisation = await organisationById(input.organisationId)
  if (!organisation) throw notFound()
  const me = await caller()
  // As its profile: a pending or rejected one is its applicant's and its committee's only.
  if (!isPublic(organisation.status) && organisation.leadOpenid !== openid && !sitsOnCommitteeOf(me, organisation.communityId)) {
    throw notFound()
  }
  const year = shanghaiYear(now)
  const showsLedger = readsLedger(organisation, me)
  const [activities, charges, ledger, reports, grades, audit, settings, reviewed] = await Promise.all([
    activitiesOfOrganisation(organisation._id, RECENT_ACTIVITIES * 2),
    chargesOf(organisation._id),
    showsLedger ? ledgerPage(organisation._id, positionOf(input.ledgerCursor), LEDGER_PAGE) : null,
    reportsOf(organisation._id),
    gradesOf(organisation._id, PUBLIC_GRADES),
    auditOfOrganisation(organisation._id),
    settingsOf(organisation.communityId),
    me.isResident ? reviewOf(organisation._id, year, openid) : null,
  ])
  const mayReview =
    me.isResident && reviewed === null && isPublic(organisation.status) && windowOpen(settings?.window, now)
      ? await wasServed(openid, organisation._id)
      : false
  const page = ledger && pageOf(ledger, LEDGER_PAGE)
  return {
    activities: activities
      .filter((a) => (a.status === 'published' || a.status === 'finished') && !a.takenDown)
      .slice(0, RECENT_ACTIVITIES)
      .map((a) => ({ id: a._id, title: a.title, startAt: new Date(a.startAt).toISOString(), statusLabel: activityStatusLabel[a.status] })),
    charges: charges && { free: charges.free, items: charges.items },
    ledger: page && {
      entries: page.entries.map((e) => ({ id: e._id, ...ledgerView(e) })),
      ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
    },
    reports: reports.map(reportView),
    grades: grades.map(gradeView),
    decisions: audit
      .filter((entry) => PUBLIC_DECISIONS.has(entry.action))
      .reverse()
      .map((entry) => ({
        at: new Date(entry.at).toISOString(),
        actionLabel: actionLabel(entry.action),
        ...(entry.reason ? { reason: entry.reason } : {}),
      })),
    canReview: mayReview,
    reviewed: reviewed !== null,
  }
}
