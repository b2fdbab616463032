/**
 * The smoke test's ground: every page registered in the build's app.json, who may open it, with what
 * query, and how to tell that it opened well.
 *
 * Who may open a page is not listed anew here: each page names the action that decides it (the one
 * it loads on opening, or for a form the one it sends), and that action's row in the permission table
 * (shared/domain/permissions.ts) says which kinds of people pass. Only where the handler also checks a
 * relation to the very thing (a need's requester, a link's relative) is the page narrowed to those
 * who have it.
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { demoIdentities, demoPerson } from '../../../local/seed/demo-data'
import { consentMoments } from '../../../shared/domain/messages'
import { permissionTable, type Audience, type QualifiedAction } from '../../../shared/domain/permissions'
import { inShanghai } from '../../../shared/domain/time'
import { startTestHost, type TestHost } from '../../client/support/local-host'
import { callHostAs } from '../../support/need-service'
import { distRoot, installPlatform, noCallsInFlight, openPage, restartAppAs, until } from './mini-program'
import { takeViolations } from './platform-apis'

/** The kinds of people the smoke test opens pages as, each a demo person (local/seed/demo-data.ts). */
export const people = {
  resident: demoIdentities.resident,
  volunteer: demoIdentities.volunteer,
  organisationLead: demoIdentities.organisationLead,
  committee: demoIdentities.committeeUrban,
  civilAffairs: demoIdentities.civilAffairs,
  /** Someone WeChat knows and the app does not: no person, no community. */
  newcomer: 'o-smoke-newcomer',
} as const
export type Person = keyof typeof people

/** Who passes each audience of the permission table, among `people`. */
const audiences: Record<Audience, readonly Person[]> = {
  anyone: ['resident', 'volunteer', 'organisationLead', 'committee', 'civilAffairs', 'newcomer'],
  signed_in: ['resident', 'volunteer', 'organisationLead', 'committee', 'civilAffairs', 'newcomer'],
  // Civil-affairs staff have no community of their own; the newcomer has joined none.
  resident: ['resident', 'volunteer', 'organisationLead', 'committee'],
  confirmed_resident: ['resident', 'volunteer', 'organisationLead', 'committee'],
  volunteer: ['volunteer'],
  organisation_lead: ['organisationLead'],
  committee: ['committee'],
  civil_affairs: ['civilAffairs'],
  message_push: [],
}

const community = 'c-zd-qinyuan'
/** 齐文静's office, which oversees the community. */
const office = 'office-zhangdian'
/** Led by the lead, 徐敏 volunteers in it; the care entry is paired with it, the activity is its own. */
const organisation = 'org-qy-xiyanghong'
const activity = 'act-qy-xiyanghong-haircut'
const careEntry = 'care-wang-guilan'
const catalogueItem = 'item-qy-haircut'

/**
 * Gives the next local host WeChat template ids for every message a page asks consent for, as a
 * deployment does (LINLI_SUBSCRIBE_TEMPLATES): without them the pages' consent prompts never show.
 */
export function subscribeTemplatesAsDeployed(): void {
  const kinds = Object.values(consentMoments).flat()
  process.env.LINLI_SUBSCRIBE_TEMPLATES = JSON.stringify(Object.fromEntries(kinds.map((kind) => [kind, `tmpl-${kind}`])))
}

/** What the demo seed does not hold and the pages need an id of, made through the functions as the people who would. */
export interface SmokeData {
  needId: string
  linkId: string
  certificateNumber: string
  inviteCode: string
  registeredPersonId: string
  /** An activity of the organisation starting within the hour, when its check-in code is shown. */
  checkInActivityId: string
  /** Civil affairs' one-time invitation to the community's committee. */
  committeeInviteCode: string
  /** A 需求调查 of the community, open from today (decision 049). */
  surveyId: string
  /** A topic the committee opened, in its voting days (decision 050). */
  topicId: string
}

export async function makeSmokeData(hostUrl: string): Promise<SmokeData> {
  const call = (openid: string, fn: string, action: string, data: object) => callHostAs(hostUrl, openid, fn, action, data)
  // The host's clock, which the functions go by, not the test process's.
  const hostNow = new Date(((await (await fetch(`${hostUrl}/local/clock`)).json()) as { now: string }).now).getTime()
  // A need of the resident's, offered to and accepted by the organisation, with 徐敏 on it.
  const resident = demoPerson(people.resident)
  const { need } = await call(people.resident, 'needs', 'raise', {
    helpKind: '上门巡访探视',
    urgency: 'urgent',
    description: '家里老人一个人在家，想请人上门看看。',
    location: resident.location!.coordinates,
    neighbourhood: resident.neighbourhood,
    addressDetail: resident.addressDetail,
    contactPhone: resident.phone,
  })
  const { offers } = await call(people.organisationLead, 'needs', 'offers', { organisationId: organisation })
  const offer = (offers as { offerId: string; need: { id: string } }[]).find((o) => o.need.id === need.id)
  if (!offer) throw new Error(`the need was not offered to ${organisation}`)
  await call(people.organisationLead, 'needs', 'accept', { organisationId: organisation, offerId: offer.offerId })
  await call(people.organisationLead, 'needs', 'assignVolunteers', {
    organisationId: organisation,
    needId: need.id,
    memberIds: ['r-vol-qy-xiyanghong-xu-min'],
  })
  // 王桂兰 asks 杨丽 to be her family in the app.
  const { link } = await call(demoIdentities.elderResident, 'residents', 'inviteFamily', { side: 'elder', relation: 'child' })
  await call(people.resident, 'residents', 'enterFamilyCode', { code: link.code })
  await call(demoIdentities.elderResident, 'residents', 'answerFamily', { linkId: link.linkId, accept: true })
  const today = inShanghai(hostNow)
  // The year gone by, not this calendar year, which on 1 January holds no service yet.
  const period = { from: today.subtract(1, 'year').format('YYYY-MM-DD'), to: today.format('YYYY-MM-DD') }
  // From whoever recorded her service in it: a certificate is one issuer's.
  const { byIssuer } = await call(people.volunteer, 'timebank', 'serviceHours', period)
  const { certificate } = await call(people.volunteer, 'timebank', 'issueCertificate', {
    ...period,
    issuer: { kind: byIssuer[0].issuer.kind, id: byIssuer[0].issuer.id },
  })
  const { code } = await call(people.organisationLead, 'organisations', 'invitation', { organisationId: organisation })
  const { person } = await call(people.committee, 'residents', 'registerPerson', {
    communityId: community,
    name: '李秀兰',
    phone: '13953301848',
    neighbourhood: '沁园小区',
    addressDetail: '6号楼2单元302',
    consent: { method: 'written', witnessName: '周海燕', at: today.format() },
    tellBy: 'sms',
  })
  // Half an hour from the next whole minute: inside the check-in hour whenever the test runs.
  const start = inShanghai(Math.ceil((hostNow + 30 * 60_000) / 60_000) * 60_000)
  const {
    activity: { id: checkInActivityId },
  } = await call(people.organisationLead, 'activities', 'publish', {
    organisationId: organisation,
    title: '楼道大扫除',
    kind: 'volunteering',
    description: '一起打扫沁园小区 3 号楼楼道。',
    address: '沁园小区 3 号楼',
    startAt: start.format(),
    endAt: start.add(1, 'hour').format(),
    signUpDeadline: start.format(),
    participantPlaces: 0,
    volunteerPlaces: 4,
    volunteerMinutes: 60,
  })
  const { code: committeeInviteCode } = await call(people.civilAffairs, 'community', 'inviteCommittee', { communityId: community })
  const { surveyId } = await call(people.committee, 'surveys', 'save', {
    communityId: community,
    title: '居民需求调查',
    opensOn: today.format('YYYY-MM-DD'),
    closesOn: today.add(7, 'day').format('YYYY-MM-DD'),
    questions: [{ kind: 'scale', title: '您对社区服务满意吗' }],
  })
  await call(people.committee, 'surveys', 'publish', { surveyId })
  const { topicId } = await call(people.committee, 'community', 'openTopic', {
    communityId: community,
    title: '小区东门开放时间',
    question: '东门是否延长开放到晚上十点',
    background: '不少居民晚上从东门回家。',
    votingFrom: today.format('YYYY-MM-DD'),
    votingUntil: today.add(3, 'day').format('YYYY-MM-DD'),
  })
  return {
    topicId,
    committeeInviteCode,
    surveyId,
    needId: need.id,
    linkId: link.linkId,
    certificateNumber: certificate.number,
    inviteCode: code,
    registeredPersonId: person.personId,
    checkInActivityId,
  }
}

interface PageRule {
  /** The action whose permission row decides who may open the page. */
  action: QualifiedAction
  /** The page's query, as the app's own links build it (client/src/routes.ts). */
  query?(data: SmokeData): Record<string, string>
  /** Narrower than the action's row: the handler also checks a relation to the thing shown. */
  only?: readonly Person[]
}

const inCommunity = () => ({ communityId: community })

/** Every page of app.json, by route. A page added to the app and not here fails the test. */
const rules: Record<string, PageRule> = {
  'pages/home/index': { action: 'account.home' },
  'pages/activities/index': { action: 'activities.browse' },
  'pages/time-bank/index': { action: 'timebank.account' },
  'pages/messages/index': { action: 'messages.inbox' },
  'pages/me/index': { action: 'account.me' },

  'pages/organisations/nearby/index': { action: 'organisations.nearby' },
  'pages/organisations/profile/index': { action: 'organisations.profile', query: () => ({ id: organisation }) },
  'pages/organisations/apply/index': { action: 'organisations.apply' },
  'pages/organisations/mine/index': { action: 'organisations.mine' },
  'pages/organisations/team/index': { action: 'organisations.invitation', query: () => ({ id: organisation }) },
  'pages/organisations/join/index': { action: 'organisations.join', query: (d) => ({ code: d.inviteCode }) },
  'pages/organisations/volunteer/index': { action: 'organisations.myProfile' },
  // 评估评议 and 信息公开 (decisions 051, 052).
  'pages/organisations/report/index': { action: 'evaluation.reportDraft', query: () => ({ id: organisation }) },
  'pages/organisations/money/index': { action: 'evaluation.addLedgerEntry', query: () => ({ id: organisation }) },
  'pages/organisations/charges/index': { action: 'evaluation.saveCharges', query: () => ({ id: organisation }) },
  'pages/organisations/review/index': { action: 'evaluation.review', query: () => ({ id: organisation }) },

  // The workbench asks for the waiting list of the person's own communities; civil affairs sees coverage.
  'pages/committee/workbench/index': { action: 'community.coverage' },
  'pages/committee/applications/index': { action: 'organisations.applications', query: inCommunity },
  'pages/committee/organisations/index': { action: 'organisations.list', query: inCommunity },
  'pages/committee/record/index': { action: 'organisations.record', query: () => ({ id: organisation }) },
  'pages/committee/evaluation/index': { action: 'evaluation.sheet', query: () => ({ id: organisation }) },
  'pages/committee/evaluation-settings/index': { action: 'evaluation.settings', query: inCommunity },
  'pages/committee/audit/index': { action: 'community.auditLog', query: inCommunity },
  'pages/committee/members/index': { action: 'community.committeeMembers', query: inCommunity },
  'pages/committee/needs/index': { action: 'needs.queue', query: inCommunity },
  'pages/committee/need/index': { action: 'needs.matchDetails', query: (d) => ({ id: d.needId }) },
  'pages/committee/community-needs/index': { action: 'needs.communityNeeds', query: inCommunity },
  'pages/committee/figures/index': { action: 'reports.figures', query: inCommunity },
  'pages/committee/office/index': { action: 'reports.officeFigures' },
  'pages/committee/care/index': { action: 'care.registerList', query: inCommunity },
  'pages/committee/care-add/index': { action: 'care.register', query: inCommunity },
  'pages/committee/care-person/index': { action: 'care.entry', query: () => ({ id: careEntry }) },
  'pages/committee/care-edit/index': { action: 'care.update', query: () => ({ id: careEntry }) },
  'pages/committee/care-pair/index': { action: 'care.pair', query: () => ({ id: careEntry, communityId: community }) },
  'pages/committee/care-overview/index': { action: 'care.overview', query: inCommunity },
  'pages/committee/time-bank/index': { action: 'timebank.ledger', query: inCommunity },
  'pages/committee/catalogue/index': { action: 'timebank.items', query: inCommunity },
  'pages/committee/item/index': { action: 'timebank.saveItem', query: () => ({ communityId: community, id: catalogueItem }) },
  'pages/committee/handovers/index': { action: 'timebank.handovers', query: inCommunity },
  'pages/committee/held/index': { action: 'timebank.heldCredits', query: inCommunity },
  'pages/committee/ledger/index': { action: 'timebank.ledger', query: inCommunity },
  'pages/committee/grant/index': { action: 'timebank.grant', query: inCommunity },
  'pages/committee/activities/index': { action: 'activities.approvals', query: inCommunity },
  'pages/committee/residents/index': { action: 'residents.moveRequests', query: inCommunity },
  'pages/committee/register-person/index': { action: 'residents.registerPerson', query: inCommunity },
  'pages/committee/act-for/index': { action: 'residents.needsOf', query: (d) => ({ personId: d.registeredPersonId }) },
  'pages/committee/newcomers/index': { action: 'joining.newcomers', query: inCommunity },
  'pages/committee/add-community/index': { action: 'community.addCommunity', query: () => ({ officeId: office }) },
  'pages/committee/import-communities/index': { action: 'community.importCommunities', query: () => ({ officeId: office }) },
  'pages/committee/invite-committee/index': { action: 'community.inviteCommittee', query: inCommunity },
  'pages/committee/surveys/index': { action: 'surveys.list', query: inCommunity },
  'pages/committee/survey-edit/index': { action: 'surveys.save', query: inCommunity },
  'pages/committee/survey-results/index': { action: 'surveys.results', query: (d) => ({ id: d.surveyId }) },
  // The open survey, for a resident of the community to answer.
  'pages/surveys/answer/index': { action: 'surveys.answer' },

  'pages/joining/find/index': { action: 'joining.find' },
  'pages/joining/community/index': { action: 'joining.community', query: () => ({ communityId: community }) },
  // The privacy policy: text only, for anyone before they agree to it.
  'pages/joining/privacy/index': { action: 'account.me' },
  'pages/joining/invitation/index': { action: 'community.invitationDetails', query: (d) => ({ code: d.committeeInviteCode }) },

  'pages/time-bank/more/history/index': { action: 'timebank.history' },
  'pages/time-bank/more/give/index': { action: 'timebank.give' },
  'pages/time-bank/more/redeem/index': { action: 'timebank.catalogue' },
  'pages/time-bank/more/certificate/index': { action: 'timebank.serviceHours' },
  'pages/time-bank/more/verify/index': { action: 'timebank.verifyCertificate', query: (d) => ({ number: d.certificateNumber }) },

  // 我的信息 is about one's own person record: someone with none has nothing there (account.myData says so).
  'pages/me/more/data/index': { action: 'account.myData', only: withRecord() },
  'pages/me/more/edit/index': { action: 'account.correct', only: withRecord() },
  'pages/me/more/consents/index': { action: 'account.withdrawConsent', only: withRecord() },
  'pages/me/more/export/index': { action: 'account.exportData', only: withRecord() },
  'pages/me/more/close/index': { action: 'account.closing', only: withRecord() },
  // 帮助 and 意见反馈: text and WeChat's own feedback page, for anyone; 意见反馈 reads 我的 for the community's phone.
  'pages/me/more/help/index': { action: 'account.me' },
  'pages/me/more/feedback/index': { action: 'account.me' },

  'pages/needs/raise/index': { action: 'needs.raise' },
  'pages/needs/mine/index': { action: 'needs.mine' },
  // Its requester, the organisation serving it, and the committee of its community.
  'pages/needs/detail/index': {
    action: 'needs.detail',
    query: (d) => ({ id: d.needId }),
    only: ['resident', 'volunteer', 'organisationLead', 'committee'],
  },
  'pages/needs/offers/index': { action: 'needs.tasks' },
  'pages/needs/task/index': { action: 'needs.tasks', query: (d) => ({ id: d.needId, organisationId: organisation }) },

  'pages/residents/move/index': { action: 'residents.myMoves' },
  'pages/residents/family/index': { action: 'residents.family' },
  // The link is between 王桂兰 and the resident.
  'pages/residents/elder/index': { action: 'residents.elderNeeds', query: (d) => ({ linkId: d.linkId }), only: ['resident'] },
  'pages/residents/takeover/index': { action: 'residents.myTakeover' },

  // 议事协商: the community's residents and its committee; a resident proposes, the committee closes.
  'pages/topics/index/index': { action: 'community.topics', query: inCommunity },
  'pages/topics/detail/index': { action: 'community.topic', query: (d) => ({ id: d.topicId }) },
  'pages/topics/new/index': { action: 'community.proposeTopic', query: () => ({ communityId: community, mode: 'propose' }) },
  'pages/topics/close/index': { action: 'community.closeTopic', query: (d) => ({ id: d.topicId }) },

  'pages/care/visits/index': { action: 'care.myVisits' },
  'pages/care/visit/index': { action: 'care.recordVisit', query: () => ({ id: careEntry }) },

  'pages/activity/detail/index': { action: 'activities.detail', query: () => ({ id: activity }) },
  'pages/activity/mine/index': { action: 'activities.mine' },
  'pages/activity/manage/index': { action: 'activities.organisationActivities', query: () => ({ organisationId: organisation }) },
  'pages/activity/publish/index': { action: 'activities.publish', query: () => ({ organisationId: organisation }) },
  'pages/activity/roster/index': { action: 'activities.roster', query: () => ({ organisationId: organisation, id: activity }) },
  'pages/activity/check-in-code/index': {
    action: 'activities.checkInCode',
    query: (d) => ({ organisationId: organisation, id: d.checkInActivityId }),
  },
}

function withRecord(): Person[] {
  return audiences.signed_in.filter((p) => p !== 'newcomer')
}

/** The pages registered in the build's app.json: the main package's, then each subpackage's. */
export function registeredPages(): string[] {
  const config = JSON.parse(readFileSync(path.join(distRoot, 'app.json'), 'utf8')) as {
    pages: string[]
    subPackages?: { root: string; pages: string[] }[]
  }
  return [...config.pages, ...(config.subPackages ?? []).flatMap((p) => p.pages.map((page) => `${p.root}/${page}`))]
}

/** Who may open `route`; throws for a page the table does not know or nobody here may open, so no page goes unopened. */
export function whoMayOpen(route: string): readonly Person[] {
  const rule = rules[route]
  if (!rule) throw new Error(`${route} is in app.json but not in the smoke test's table (tests/weapp/support/every-page.ts)`)
  const allowed = permissionTable[rule.action].who.flatMap((audience: Audience) => audiences[audience])
  const who = audiences.signed_in.filter((p) => allowed.includes(p) && (!rule.only || rule.only.includes(p)))
  if (who.length === 0) throw new Error(`nobody the smoke test plays may open ${route}: it would go unopened`)
  return who
}

/** The pages `person` may open, in app.json's order. */
export function pagesFor(person: Person): string[] {
  return registeredPages().filter((route) => whoMayOpen(route).includes(person))
}

export function queryFor(route: string, data: SmokeData): Record<string, string> {
  return rules[route].query?.(data) ?? {}
}

/** What the app says when a page's data did not load (client/src/components/status.tsx LoadError). */
const LOAD_ERROR = '没有加载出来'
/** What it says while it loads (the same file's Loading). */
const LOADING = '正在加载'

/**
 * Opens `route` and waits for it to settle: no function call on its way, nothing still loading, and
 * the same text on a few polls running. Answers what is wrong with it: nothing, when it opened well.
 */
export async function openAndInspect(route: string, query: Record<string, string>): Promise<string[]> {
  const page = openPage(route, query)
  const text = () => (page.dom?.textContent ?? '').trim()
  let last = ''
  let steady = 0
  try {
    await until(() => {
      const now = text()
      steady = noCallsInFlight() && now !== '' && !now.includes(LOADING) && now === last ? steady + 1 : 0
      last = now
      return steady >= 3
    }, 15000)
  } catch {
    if (text() === '') return ['renders no text (blank)']
    return [`did not settle: ${noCallsInFlight() ? 'no call on its way' : 'a call still on its way'}, showing "${text().slice(0, 200)}"`]
  } finally {
    page.detach()
  }
  const problems: string[] = []
  if (last.includes(LOAD_ERROR)) problems.push(`shows its load error: "${last.slice(0, 200)}"`)
  problems.push(...takeViolations().map((v) => `called ${v.api} against WeChat's rules: ${v.problem}`))
  return problems
}

/**
 * The smoke test for `persons`: one local host for the file, the data made once, and for each person
 * the app started afresh as them and each page they may open opened in turn. A page fails on anything
 * `openAndInspect` finds, and on any console error or warning (React's, Taro's "API not supported")
 * while it was open; an unhandled rejection fails the running test by itself (jest-circus's own handler).
 */
export function smokeTestEveryPageAs(persons: readonly Person[]): void {
  let host: TestHost
  let data: SmokeData
  const reported: string[] = []

  beforeAll(async () => {
    subscribeTemplatesAsDeployed()
    host = await startTestHost()
    installPlatform({ hostUrl: host.url, openid: people.newcomer })
    data = await makeSmokeData(host.url)
    for (const level of ['error', 'warn'] as const)
      jest
        .spyOn(console, level)
        .mockImplementation((...args: unknown[]) => void reported.push(`console.${level}: ${args.map(String).join(' ')}`))
  }, 60_000)

  afterAll(async () => {
    jest.restoreAllMocks()
    await host?.close()
  })

  describe.each(persons)('as %s', (person) => {
    beforeAll(() => restartAppAs(people[person]))

    test.each(pagesFor(person))('%s opens', async (route) => {
      reported.length = 0
      const problems = await openAndInspect(route, queryFor(route, data))
      expect([...problems, ...reported]).toEqual([])
    })
  })
}
