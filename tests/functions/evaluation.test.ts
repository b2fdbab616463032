/**
 * 评估评议 and 信息公开 through the SDK against the stand-in (decisions 051, 052): work reports with the
 * system's figures, residents' 评议 (only the served, once, under a crowd), the committee's yearly grade
 * and its suggestion, and what an organisation's public page shows, to whom.
 */
import { demoDataSet, demoIdentities as who } from '../../local/seed/demo-data'
import { signUpDocId } from '../../server/data/activities'
import { allDocuments } from '../../server/data/maintenance'
import { runDueWork } from '../../server/scheduler/run'
import { currentPeriodKey, periodOfKey, shanghaiYear } from '../../shared/domain/evaluation'
import { inShanghai } from '../../shared/domain/time'
import { freshDatabasePerTest, snapshotDatabase as everything, testClock } from '../support/database'
import {
  callActivities,
  callEvaluation as call,
  callNeeds,
  callOrganisations,
  callReports,
  failure,
  ok,
  place,
  publishInputFor,
  raiseInput,
} from './calls'

const XIYANGHONG = 'org-qy-xiyanghong'
const urban = demoDataSet.communities.find((c) => c.kind === 'urban')!
const otherLead = demoDataSet.roles.find(
  (r) => r.role === 'organisation_lead' && r.communityId === urban._id && r.organisationId !== XIYANGHONG,
)!.openid
const volunteerMember = demoDataSet.roles.find((r) => r.organisationId === XIYANGHONG && r.openid === who.volunteer)!._id

/** The database but the outbox: the local stand-in of WeChat keeps each content check it was asked for, which is not our data. */
const snapshotDatabase = async () => Object.fromEntries(Object.entries(await everything()).filter(([name]) => name !== 'outbox'))

const today = () => inShanghai(testClock.now()).format('YYYY-MM-DD')
const thisYear = () => shanghaiYear(testClock.now())
const openWindow = () =>
  ok(call(who.committeeUrban, 'saveSettings', { communityId: urban._id, reportEvery: 'half', window: { from: today(), to: today() } }))

/** `openid` raises a need; the committee hands it to 夕阳红, which does it with `minutes` of the volunteer's time; `openid` judges it. */
async function servedByXiyanghong(openid: string, minutes: number, result: 'solved' | 'unsolved' = 'solved') {
  const { need } = await ok(callNeeds(openid, 'raise', raiseInput({ location: place(0) })))
  await ok(callNeeds(who.committeeUrban, 'assign', { needId: need.id, organisationId: XIYANGHONG }))
  await ok(
    callNeeds(who.organisationLead, 'assignVolunteers', { organisationId: XIYANGHONG, needId: need.id, memberIds: [volunteerMember] }),
  )
  // The service took its minutes: no more can be recorded than have passed since the acceptance.
  testClock.advance(minutes * 60_000)
  await ok(
    callNeeds(who.organisationLead, 'markDone', {
      organisationId: XIYANGHONG,
      needId: need.id,
      summary: '上门陪老人聊了一下午。',
      service: [{ memberId: volunteerMember, minutes }],
    }),
  )
  // The time bank credits the service within the minute, before the requester answers.
  await runDueWork(testClock.now())
  await ok(callNeeds(openid, 'confirm', { needId: need.id, result, rating: result === 'solved' ? 5 : 1 }))
  return need.id
}

describe('评估评议 and 信息公开', () => {
  freshDatabasePerTest()
  // Mid-morning: the hours of service the tests move through stay in the day, the period and the year.
  beforeEach(() => testClock.set(inShanghai(testClock.now()).startOf('day').add(10, 'hour').toDate()))
  afterEach(() => testClock.reset())

  it('the committee sets the reporting period and opens the window; another community’s committee can do neither', async () => {
    const settings = await ok(call(who.committeeUrban, 'settings', { communityId: urban._id }))
    expect(settings).toMatchObject({ reportEvery: 'half', window: null, windowOpen: false })
    expect(await openWindow()).toMatchObject({ reportEvery: 'half', windowOpen: true })
    const before = await snapshotDatabase()
    expect(
      await failure(call(who.committeeRural, 'saveSettings', { communityId: urban._id, reportEvery: 'quarter', window: null })),
    ).toEqual({
      code: 'FORBIDDEN',
    })
    expect(
      await failure(
        call(who.committeeUrban, 'saveSettings', {
          communityId: urban._id,
          reportEvery: 'half',
          window: { from: '2026-12-31', to: '2026-12-01' },
        }),
      ),
    ).toEqual({ code: 'INVALID_INPUT', field: 'data.window.to' })
    expect(await snapshotDatabase()).toEqual(before)
  })

  it('the report carries the figures the system counts, as the community report counts them; only its lead submits, until graded', async () => {
    const period = currentPeriodKey('half', testClock.now())
    const before = await ok(call(who.organisationLead, 'reportDraft', { organisationId: XIYANGHONG }))
    expect(before.period).toBe(period)
    await servedByXiyanghong(who.resident, 45)
    await servedByXiyanghong(who.elderResident, 30, 'unsolved')

    const draft = await ok(call(who.organisationLead, 'reportDraft', { organisationId: XIYANGHONG }))
    // The community's report, for the same days, counts the same needs: the demo has no other organisation's needs.
    const { figures } = await ok(callReports(who.committeeUrban, 'figures', { communityId: urban._id, period: periodOfKey(period) }))
    expect(draft.figures.needsCompleted).toBe(figures.needs.completed)
    expect(draft.figures.needsCompleted).toBe(before.figures.needsCompleted + 1)
    expect(draft.figures.medianResponseMinutes).toBe(figures.needs.toAcceptance.medianMinutes)
    // The 未解决 is still counted against the organisation whose work it judged.
    expect(draft.figures.outcomes).toEqual({
      solved: before.figures.outcomes.solved + 1,
      partly: before.figures.outcomes.partly,
      unsolved: before.figures.outcomes.unsolved + 1,
    })
    // The disputed 30 minutes are held for the committee: only the 45 count.
    expect(draft.figures.volunteerMinutes).toBe(before.figures.volunteerMinutes + 45)

    const untouched = await snapshotDatabase()
    expect(await failure(call(otherLead, 'submitReport', { organisationId: XIYANGHONG, period, text: '冒名提交。' }))).toEqual({
      code: 'FORBIDDEN',
    })
    expect(
      await failure(call(who.organisationLead, 'submitReport', { organisationId: XIYANGHONG, period, text: '顺便介绍代开发票的门路' })),
    ).toEqual({ code: 'CONTENT_REJECTED', field: 'data.text' })
    expect(
      await failure(
        call(who.organisationLead, 'submitReport', { organisationId: XIYANGHONG, period: `${thisYear() + 1}-H1`, text: '未来。' }),
      ),
    ).toEqual({ code: 'INVALID_INPUT', field: 'data.period' })
    expect(await snapshotDatabase()).toEqual(untouched)

    const { report } = await ok(call(who.organisationLead, 'submitReport', { organisationId: XIYANGHONG, period, text: '上门助老两次。' }))
    expect(report.figures).toEqual(draft.figures)
    // Resubmitted: still one report for the period, with the new words.
    await ok(call(who.organisationLead, 'submitReport', { organisationId: XIYANGHONG, period, text: '上门助老两次，一次未解决，已回访。' }))
    const reports = await allDocuments('work_reports')
    expect(reports).toEqual([expect.objectContaining({ period, text: '上门助老两次，一次未解决，已回访。' })])

    await ok(call(who.committeeUrban, 'grade', { organisationId: XIYANGHONG, year: thisYear(), grade: 'good', comment: '响应及时。' }))
    expect(await failure(call(who.organisationLead, 'submitReport', { organisationId: XIYANGHONG, period, text: '再改一次。' }))).toEqual({
      code: 'CONFLICT',
      field: 'data.period',
    })
    expect((await ok(call(who.organisationLead, 'reportDraft', { organisationId: XIYANGHONG, period }))).locked).toBe(true)
  })

  it('评议: only in the window, only from someone it served, once a year even when sent at once', async () => {
    await servedByXiyanghong(who.resident, 30)
    expect(await failure(call(who.resident, 'review', { organisationId: XIYANGHONG, verdict: 'satisfied' }))).toEqual({ code: 'CONFLICT' })
    await openWindow()

    const before = await snapshotDatabase()
    expect(await failure(call(who.elderResident, 'review', { organisationId: XIYANGHONG, verdict: 'unsatisfied' }))).toEqual({
      code: 'FORBIDDEN',
    })
    expect((await ok(call(who.elderResident, 'openness', { organisationId: XIYANGHONG }))).canReview).toBe(false)
    expect(
      await failure(call(who.resident, 'review', { organisationId: XIYANGHONG, verdict: 'fair', text: '顺便介绍代开发票的门路' })),
    ).toEqual({
      code: 'CONTENT_REJECTED',
      field: 'data.text',
    })
    expect(await snapshotDatabase()).toEqual(before)

    expect((await ok(call(who.resident, 'openness', { organisationId: XIYANGHONG }))).canReview).toBe(true)
    const answers = await Promise.all(
      Array.from({ length: 6 }, () => call(who.resident, 'review', { organisationId: XIYANGHONG, verdict: 'satisfied', text: '很耐心' })),
    )
    expect(answers.filter((a) => a.ok)).toHaveLength(1)
    expect(answers.filter((a) => !a.ok).map((a) => (a.ok ? null : a.error.code))).toEqual(Array(5).fill('CONFLICT'))
    expect(await allDocuments('organisation_reviews')).toHaveLength(1)
    expect(await ok(call(who.resident, 'openness', { organisationId: XIYANGHONG }))).toMatchObject({ canReview: false, reviewed: true })

    const sheet = await ok(call(who.committeeUrban, 'sheet', { organisationId: XIYANGHONG, year: thisYear() }))
    expect(sheet.reviews).toEqual({ satisfied: 1, fair: 0, unsatisfied: 0, total: 1 })
    // The texts without names.
    expect(sheet.reviewTexts).toEqual([{ verdictLabel: '满意', text: '很耐心', at: expect.any(String) }])
  })

  it('评议 from a resident who checked in at its activity, not from one who only signed up', async () => {
    const { activity } = await ok(callActivities(who.organisationLead, 'publish', publishInputFor(XIYANGHONG)))
    for (const openid of [who.resident, who.elderResident])
      await ok(callActivities(openid, 'signUp', { activityId: activity.id, role: 'participant' }))
    // At the activity: the lead checks in the one who came.
    testClock.set(new Date(activity.startAt))
    await ok(
      callActivities(who.organisationLead, 'markAttendance', {
        organisationId: XIYANGHONG,
        activityId: activity.id,
        signUpId: signUpDocId(activity.id, who.resident),
        purpose: 'check_in',
      }),
    )
    await openWindow()
    await ok(call(who.resident, 'review', { organisationId: XIYANGHONG, verdict: 'fair' }))
    expect(await failure(call(who.elderResident, 'review', { organisationId: XIYANGHONG, verdict: 'fair' }))).toEqual({ code: 'FORBIDDEN' })
  })

  it('the committee grades once a year; the grade shows on the public page; 不合格 twice suggests suspension', async () => {
    await servedByXiyanghong(who.resident, 30, 'unsolved')
    const year = thisYear()
    const before = await snapshotDatabase()
    expect(
      await failure(call(who.committeeRural, 'grade', { organisationId: XIYANGHONG, year, grade: 'fail', comment: '越权。' })),
    ).toEqual({
      code: 'FORBIDDEN',
    })
    expect(await failure(call(who.committeeRural, 'sheet', { organisationId: XIYANGHONG, year }))).toEqual({ code: 'FORBIDDEN' })
    expect(
      await failure(call(who.organisationLead, 'grade', { organisationId: XIYANGHONG, year, grade: 'excellent', comment: '自评。' })),
    ).toEqual({
      code: 'FORBIDDEN',
    })
    expect(
      await failure(call(who.committeeUrban, 'grade', { organisationId: XIYANGHONG, year: year + 1, grade: 'pass', comment: '提前。' })),
    ).toEqual({
      code: 'INVALID_INPUT',
      field: 'data.year',
    })
    expect(await snapshotDatabase()).toEqual(before)

    const last = await ok(
      call(who.committeeUrban, 'grade', { organisationId: XIYANGHONG, year: year - 1, grade: 'fail', comment: '服务记录不全。' }),
    )
    expect(last.suggestSuspension).toBe(false)
    const sheet = await ok(call(who.committeeUrban, 'sheet', { organisationId: XIYANGHONG, year }))
    expect(sheet).toMatchObject({ grade: null, previousGrade: { year: year - 1, grade: 'fail' }, suggestSuspension: false })
    expect(sheet.complaints.unsolved).toBe(1)

    const now = await ok(
      call(who.committeeUrban, 'grade', { organisationId: XIYANGHONG, year, grade: 'fail', comment: '未解决的求助没有回访。' }),
    )
    expect(now).toMatchObject({ grade: { year, grade: 'fail', gradeLabel: '不合格' }, suggestSuspension: true })
    expect((await ok(call(who.committeeUrban, 'sheet', { organisationId: XIYANGHONG, year }))).suggestSuspension).toBe(true)
    expect(
      await failure(call(who.committeeUrban, 'grade', { organisationId: XIYANGHONG, year, grade: 'good', comment: '改主意。' })),
    ).toEqual({
      code: 'CONFLICT',
      field: 'data.year',
    })

    // Anyone signed in sees the grades and the decision on the public page.
    const page = await ok(call(who.ruralResident, 'openness', { organisationId: XIYANGHONG }))
    expect(page.grades.map((g) => [g.year, g.gradeLabel])).toEqual([
      [year, '不合格'],
      [year - 1, '不合格'],
    ])
    expect(page.decisions[0]).toMatchObject({ actionLabel: '年度评定', reason: `${year}年 不合格：未解决的求助没有回访。` })
  })

  it('charges and money: amounts in whole fen, kept by the lead; money shown to the residents it serves only', async () => {
    const before = await snapshotDatabase()
    expect(
      await failure(
        call(who.organisationLead, 'addLedgerEntry', {
          organisationId: XIYANGHONG,
          day: today(),
          direction: 'in',
          amountFen: 12.5,
          purpose: '捐款',
        }),
      ),
    ).toEqual({ code: 'INVALID_INPUT', field: 'data.amountFen' })
    expect(
      await failure(
        call(who.organisationLead, 'saveCharges', {
          organisationId: XIYANGHONG,
          free: true,
          items: [{ item: '理发', amountFen: 500, unit: '次' }],
        }),
      ),
    ).toEqual({ code: 'INVALID_INPUT', field: 'data.items' })
    expect(
      await failure(
        call(otherLead, 'addLedgerEntry', { organisationId: XIYANGHONG, day: today(), direction: 'out', amountFen: 100, purpose: '挪用' }),
      ),
    ).toEqual({ code: 'FORBIDDEN' })
    const tomorrow = inShanghai(testClock.now()).add(1, 'day').format('YYYY-MM-DD')
    expect(
      await failure(
        call(who.organisationLead, 'addLedgerEntry', {
          organisationId: XIYANGHONG,
          day: tomorrow,
          direction: 'in',
          amountFen: 100,
          purpose: '预收',
        }),
      ),
    ).toEqual({ code: 'INVALID_INPUT', field: 'data.day' })
    expect(await snapshotDatabase()).toEqual(before)

    await ok(
      call(who.organisationLead, 'saveCharges', {
        organisationId: XIYANGHONG,
        free: false,
        items: [{ item: '理发', amountFen: 500, unit: '次' }],
      }),
    )
    await ok(
      call(who.organisationLead, 'addLedgerEntry', {
        organisationId: XIYANGHONG,
        day: today(),
        direction: 'in',
        amountFen: 50000,
        purpose: '街道公益创投资金',
      }),
    )
    testClock.advance(1000)
    await ok(
      call(who.organisationLead, 'addLedgerEntry', {
        organisationId: XIYANGHONG,
        day: today(),
        direction: 'out',
        amountFen: 12050,
        purpose: '买米面油',
      }),
    )

    const resident = await ok(call(who.resident, 'openness', { organisationId: XIYANGHONG }))
    expect(resident.charges).toEqual({ free: false, items: [{ item: '理发', amountFen: 500, unit: '次' }] })
    expect(resident.ledger?.entries.map((e) => [e.directionLabel, e.amountFen, e.purpose])).toEqual([
      ['支出', 12050, '买米面油'],
      ['收入', 50000, '街道公益创投资金'],
    ])
    for (const e of resident.ledger!.entries) expect(Number.isInteger(e.amountFen)).toBe(true)
    // 太河村's resident sees the charges, not the money.
    const outsider = await ok(call(who.ruralResident, 'openness', { organisationId: XIYANGHONG }))
    expect(outsider.charges).not.toBeNull()
    expect(outsider.ledger).toBeNull()
  })

  it('the ledger pages newest first without losing or repeating an entry', async () => {
    for (let i = 1; i <= 23; i++) {
      await ok(
        call(who.organisationLead, 'addLedgerEntry', {
          organisationId: XIYANGHONG,
          day: today(),
          direction: 'in',
          amountFen: i,
          purpose: `第${i}笔`,
        }),
      )
    }
    const first = await ok(call(who.resident, 'openness', { organisationId: XIYANGHONG }))
    expect(first.ledger?.entries).toHaveLength(20)
    const second = await ok(call(who.resident, 'openness', { organisationId: XIYANGHONG, ledgerCursor: first.ledger!.nextCursor }))
    expect(second.ledger?.nextCursor).toBeUndefined()
    const amounts = [...first.ledger!.entries, ...second.ledger!.entries].map((e) => e.amountFen)
    expect([...amounts].sort((a, b) => a - b)).toEqual(Array.from({ length: 23 }, (_, i) => i + 1))
  })

  it('civil affairs sees each community’s organisations by grade, and how many communities graded them all', async () => {
    const year = thisYear()
    await ok(call(who.committeeUrban, 'grade', { organisationId: XIYANGHONG, year, grade: 'excellent', comment: '服务及时。' }))
    const { offices } = await ok(callReports(who.civilAffairs, 'officeFigures', { period: { from: `${year}-01-01`, to: today() } }))
    const office = offices.find((o) => o.officeId === urban.officeId)!
    const approved = demoDataSet.organisations.filter((o) => o.communityId === urban._id && o.status === 'approved').length
    expect(office.grades.find((g) => g.communityId === urban._id)).toEqual({
      communityId: urban._id,
      year,
      counts: { excellent: 1, good: 0, pass: 0, fail: 0 },
      ungraded: approved - 1,
      allGraded: approved === 1,
    })
    expect(office.communitiesGraded).toBe(office.grades.filter((g) => g.allGraded).length)
    await ok(callReports(who.civilAffairs, 'exportOffice', { period: { from: `${year}-01-01`, to: today() } }))
  })

  it('a pending organisation’s page is its applicant’s and its committee’s only', async () => {
    const pending = demoDataSet.organisations.find((o) => o.status === 'pending')!
    expect(await failure(call(who.resident, 'openness', { organisationId: pending._id }))).toEqual({ code: 'NOT_FOUND' })
    await ok(call(who.committeeUrban, 'openness', { organisationId: pending._id }))
    await ok(callOrganisations(who.committeeUrban, 'profile', { organisationId: pending._id }))
  })
})
