/**
 * 需求调查 (decision 049): only the committee of the community builds, publishes and reads a survey; only its
 * residents (of the 小区 it names) answer, once each however concurrent; anonymous answers reach nobody with
 * a name or openid; the period's figures count surveys and the workbench names a wanted help kind nobody offers.
 */
import ExcelJS from 'exceljs'
import { demoDataSet, demoIdentities as who, demoPerson } from '../../local/seed/demo-data'
import { allDocuments } from '../../server/data/maintenance'
import type { SurveyInput } from '../../shared/contracts/surveys'
import { helpKindsQuestion } from '../../shared/domain/survey'
import { inShanghai } from '../../shared/domain/time'
import { helpKinds, type HelpKind } from '../../shared/domain/vocabulary'
import { freshDatabasePerTest, snapshotDatabase, testClock } from '../support/database'
import { linkedBody } from '../support/photo'
import { callReports, callSurveys as call, failure, ok } from './calls'

const urban = demoDataSet.communities.find((c) => c.kind === 'urban')!
const committee = who.committeeUrban
const yangLi = demoPerson(who.resident)
const wangGuilan = demoPerson(who.elderResident)
/** A resident of the urban community in another 小区 than 杨丽's. */
const elsewhere = demoDataSet.people.find(
  (p) => p.communityId === urban._id && p.neighbourhood !== yangLi.neighbourhood && p.openid.startsWith('demo-') && !p.residence,
)!
const rural = demoDataSet.communities.find((c) => c.kind === 'rural')!
/** Every help kind has an organisation in the urban community; the village lacks some. */
const approvedInVillage = demoDataSet.organisations.filter((o) => o.communityId === rural._id && o.status === 'approved')
const offered = helpKinds.find((k) => approvedInVillage.some((o) => o.helpKinds.includes(k)))!
const missing = helpKinds.find((k) => !approvedInVillage.some((o) => o.helpKinds.includes(k)))!
const villager = demoDataSet.people.find((p) => p.communityId === rural._id && p.openid !== who.ruralResident && !p.residence)!

const day = (days: number) => inShanghai(testClock.now()).add(days, 'day').format('YYYY-MM-DD')
const helpQuestion = helpKindsQuestion()
const optionOf = (kind: HelpKind) => helpQuestion.options!.indexOf(kind)

const surveyInput = (overrides: Partial<SurveyInput> = {}): SurveyInput => ({
  communityId: urban._id,
  title: '居民需求调查',
  intro: '请告诉我们您最需要什么帮助。',
  opensOn: day(0),
  closesOn: day(7),
  questions: [
    helpQuestion,
    { kind: 'single', title: '您常去社区活动室吗', options: ['常去', '偶尔', '不去'] },
    { kind: 'scale', title: '您对社区服务满意吗' },
    { kind: 'text', title: '还有什么想说的' },
    { kind: 'single', title: '愿意当志愿者吗', options: ['愿意', '不愿意'], anonymous: false },
  ],
  ...overrides,
})

/** A published survey of the urban community, open today. */
async function published(overrides: Partial<SurveyInput> = {}, by: string = committee): Promise<string> {
  const { surveyId } = await ok(call(by, 'save', surveyInput(overrides)))
  await ok(call(by, 'publish', { surveyId }))
  return surveyId
}

const answersOf = (kinds: HelpKind[], text: string) => [
  { options: kinds.map(optionOf) },
  { options: [1] },
  { scale: 4 },
  { text },
  { options: [0] },
]

describe('surveys', () => {
  const database = freshDatabasePerTest()

  it('refuses a bad survey with the field at fault, and stores nothing', async () => {
    const before = await snapshotDatabase()
    expect(await failure(call(committee, 'save', surveyInput({ opensOn: day(3), closesOn: day(2) })))).toEqual({
      code: 'INVALID_INPUT',
      field: 'data.closesOn',
    })
    expect(await failure(call(committee, 'save', surveyInput({ opensOn: day(-9), closesOn: day(-1) })))).toEqual({
      code: 'INVALID_INPUT',
      field: 'data.closesOn',
    })
    const oneOption = surveyInput({ questions: [{ kind: 'single', title: '选一个', options: ['只有一个'] }] })
    expect(await failure(call(committee, 'save', oneOption))).toEqual({ code: 'INVALID_INPUT', field: 'data.questions.0.options' })
    const notHelpKinds = surveyInput({ questions: [{ ...helpQuestion, options: ['助餐', '打麻将'] }] })
    expect(await failure(call(committee, 'save', notHelpKinds))).toEqual({ code: 'INVALID_INPUT', field: 'data.questions.0.options' })
    const tooMany = surveyInput({ questions: Array.from({ length: 11 }, () => ({ kind: 'scale' as const, title: '打分' })) })
    expect(await failure(call(committee, 'save', tooMany))).toEqual({ code: 'INVALID_INPUT', field: 'data.questions' })
    expect(await failure(call(committee, 'save', surveyInput({ title: '' })))).toEqual({ code: 'INVALID_INPUT', field: 'data.title' })
    expect(await failure(call(committee, 'publish', { surveyId: 'no-such-survey' }))).toEqual({ code: 'NOT_FOUND' })
    expect(await snapshotDatabase()).toEqual(before)
  })

  it('lets only the committee of the community build, publish and read a survey', async () => {
    for (const openid of [who.committeeRural, who.resident, who.civilAffairs, who.organisationLead]) {
      expect(await failure(call(openid, 'save', surveyInput()))).toEqual({ code: 'FORBIDDEN' })
    }
    const { surveyId } = await ok(call(committee, 'save', surveyInput()))
    for (const openid of [who.committeeRural, who.resident, who.civilAffairs]) {
      expect(await failure(call(openid, 'publish', { surveyId }))).toEqual({ code: 'FORBIDDEN' })
      expect(await failure(call(openid, 'results', { surveyId }))).toEqual({ code: 'FORBIDDEN' })
      expect(await failure(call(openid, 'export', { surveyId }))).toEqual({ code: 'FORBIDDEN' })
    }
    // A draft is for nobody yet; edited, it is still one survey.
    expect(await failure(call(who.resident, 'answer', { surveyId, answers: answersOf(['助餐'], '') }))).toEqual({ code: 'CONFLICT' })
    await ok(call(committee, 'save', surveyInput({ surveyId, title: '改过的标题' })))
    const survey = await ok(call(committee, 'publish', { surveyId }))
    expect(survey).toMatchObject({ title: '改过的标题', phase: 'open', answers: 0 })
    expect(await failure(call(committee, 'save', surveyInput({ surveyId })))).toEqual({ code: 'CONFLICT' })
    expect((await ok(call(committee, 'list', { communityId: urban._id }))).surveys.map((s) => s.surveyId)).toEqual([surveyId])
  })

  it('is answered only by residents of its community and 小区, and only while it is open', async () => {
    const surveyId = await published({ neighbourhood: yangLi.neighbourhood })
    const answers = answersOf(['助餐'], '')
    expect(await failure(call(who.ruralResident, 'answer', { surveyId, answers }))).toEqual({ code: 'FORBIDDEN' })
    expect(await failure(call(elsewhere.openid, 'answer', { surveyId, answers }))).toEqual({ code: 'FORBIDDEN' })
    expect(await failure(call(who.newcomer, 'answer', { surveyId, answers }))).toEqual({ code: 'RESIDENCE_UNCONFIRMED' })
    expect((await ok(call(elsewhere.openid, 'open', {}))).surveys).toEqual([])
    expect((await ok(call(who.resident, 'open', {}))).surveys).toMatchObject([{ surveyId, answered: false }])
    expect(await failure(call(who.resident, 'answer', { surveyId, answers: answers.slice(1) }))).toEqual({
      code: 'INVALID_INPUT',
      field: 'data.answers',
    })
    const twoChosen = [answers[0], { options: [0, 1] }, ...answers.slice(2)]
    expect(await failure(call(who.resident, 'answer', { surveyId, answers: twoChosen }))).toEqual({
      code: 'INVALID_INPUT',
      field: 'data.answers.1',
    })
    const flagged = answersOf(['助餐'], '顺便介绍代开发票的门路')
    expect(await failure(call(who.resident, 'answer', { surveyId, answers: flagged }))).toEqual({
      code: 'CONTENT_REJECTED',
      field: 'data.answers.3.text',
    })
    expect(await allDocuments('survey_answers')).toEqual([])
    await ok(call(who.resident, 'answer', { surveyId, answers }))
    expect((await ok(call(who.resident, 'open', {}))).surveys).toMatchObject([{ surveyId, answered: true }])

    const ended = await published()
    await ok(call(committee, 'close', { surveyId: ended }))
    expect(await failure(call(wangGuilan.openid, 'answer', { surveyId: ended, answers }))).toEqual({ code: 'CONFLICT' })
  })

  it('keeps one answer per resident, however many arrive at once', async () => {
    const surveyId = await published()
    const tries = await Promise.all(
      Array.from({ length: 5 }, () => call(who.resident, 'answer', { surveyId, answers: answersOf(['助餐'], '谢谢') })),
    )
    expect(tries.filter((t) => t.ok)).toHaveLength(1)
    expect(tries.filter((t) => !t.ok).map((t) => !t.ok && t.error.code)).toEqual(['CONFLICT', 'CONFLICT', 'CONFLICT', 'CONFLICT'])
    expect(await allDocuments('survey_answers')).toHaveLength(1)
    expect(await allDocuments('survey_respondents')).toHaveLength(1)
    expect((await ok(call(committee, 'results', { surveyId }))).survey.answers).toBe(1)
  })

  it('shows the committee statistics, with names only for the question that asks for them', async () => {
    const surveyId = await published()
    await ok(call(who.resident, 'answer', { surveyId, answers: answersOf(['助餐', '助残'], '希望多些助餐点') }))
    await ok(
      call(wangGuilan.openid, 'answer', {
        surveyId,
        answers: [...answersOf(['助残'], '').slice(0, 2), { scale: 5 }, {}, { options: [1] }],
      }),
    )

    const { survey, questions } = await ok(call(committee, 'results', { surveyId }))
    expect(survey.answers).toBe(2)
    expect(questions[0].options.filter((o) => o.count > 0)).toEqual(
      [
        { label: '助残', count: 2 },
        { label: '助餐', count: 1 },
      ].sort((a, b) => optionOf(a.label as HelpKind) - optionOf(b.label as HelpKind)),
    )
    expect(questions[1].options).toEqual([
      { label: '常去', count: 0 },
      { label: '偶尔', count: 2 },
      { label: '不去', count: 0 },
    ])
    expect(questions[2].scale.map((s) => s.count)).toEqual([0, 0, 0, 1, 1])
    expect(questions[2].mean).toBe(4.5)
    expect(questions[3].texts).toEqual(['希望多些助餐点'])
    expect(questions[4].named!.sort((a, b) => a.name.localeCompare(b.name))).toEqual(
      [
        { name: yangLi.name, answer: '愿意' },
        { name: wangGuilan.name, answer: '不愿意' },
      ].sort((a, b) => a.name.localeCompare(b.name)),
    )
    // Nothing but the named question says who: not the anonymous results, not the stored sheets.
    const anonymousParts = JSON.stringify([survey, ...questions.slice(0, 4)])
    for (const person of [yangLi, wangGuilan]) {
      expect(anonymousParts).not.toContain(person.openid)
      expect(anonymousParts).not.toContain(person.name)
      expect(JSON.stringify(await allDocuments('survey_answers'))).not.toContain(person.openid)
    }
    const respondents = (await allDocuments('survey_respondents')) as { named?: { answers: object[] } }[]
    expect(respondents.map((r) => r.named!.answers.slice(0, 4))).toEqual([
      [{}, {}, {}, {}],
      [{}, {}, {}, {}],
    ])

    const file = await ok(call(committee, 'export', { surveyId }))
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(linkedBody(database().storageDir, file.url, testClock.now()))
    const rowsOf = (name: string) => workbook.getWorksheet(name)!.getSheetValues().flat().map(String).join('|')
    expect(rowsOf('统计')).toContain('偶尔|2')
    expect(rowsOf('文字回答')).toContain('希望多些助餐点')
    for (const person of [yangLi, wangGuilan]) {
      expect(rowsOf('统计') + rowsOf('文字回答')).not.toContain(person.name)
      expect(rowsOf('统计') + rowsOf('文字回答') + rowsOf('实名回答')).not.toContain(person.openid)
    }
    expect(rowsOf('实名回答')).toContain(`${yangLi.name}|愿意`)
  })

  it('counts surveys in the period figures and names a wanted help kind nobody offers on the workbench', async () => {
    const surveyId = await published({ communityId: rural._id }, who.committeeRural)
    await ok(call(who.ruralResident, 'answer', { surveyId, answers: answersOf([missing, offered], '') }))
    await ok(call(villager.openid, 'answer', { surveyId, answers: answersOf([missing], '') }))

    const period = { from: day(0), to: day(0) }
    const { figures } = await ok(callReports(who.committeeRural, 'figures', { communityId: rural._id, period }))
    expect(figures.surveys.run).toBe(1)
    expect(figures.surveys.answers).toBe(2)
    expect(figures.surveys.wanted.map((w) => [w.helpKind, w.count, w.offeredBy.length > 0])).toEqual([
      [missing, 2, false],
      [offered, 1, true],
    ])
    const officer = demoDataSet.roles.find((r) => r.role === 'civil_affairs' && r.officeId === rural.officeId)!.openid
    const office = await ok(callReports(officer, 'officeFigures', { period }))
    const here = office.offices.flatMap((o) => o.communities).find((c) => c.community.communityId === rural._id)
    expect(here?.figures.surveys).toMatchObject({ run: 1, answers: 2 })
    const before = { from: day(-20), to: day(-10) }
    expect((await ok(callReports(who.committeeRural, 'figures', { communityId: rural._id, period: before }))).figures.surveys.run).toBe(0)

    const { items } = await ok(callReports(who.committeeRural, 'waiting', { communityId: rural._id }))
    expect(items.filter((i) => i.kind === 'help_gap').map((i) => i.title)).toEqual([`居民最需要的${missing}，本社区还没有组织提供`])
    expect((await ok(callReports(committee, 'waiting', { communityId: urban._id }))).items.filter((i) => i.kind === 'help_gap')).toEqual([])
  })
})
