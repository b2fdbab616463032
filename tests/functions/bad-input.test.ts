/**
 * Bad input on every action of organisations, community, needs, activities, care, timebank, reports, evaluation and surveys: an extra field, a wrong type, and a
 * MongoDB operator where a string belongs. Each is INVALID_INPUT naming the field in Chinese, and writes nothing.
 */
import { demoDataSet, demoIdentities as who } from '../../local/seed/demo-data'
import { functionMains } from '../../local/host/functions'
import { activitiesContract } from '../../shared/contracts/activities'
import { careContract } from '../../shared/contracts/care'
import { communityContract } from '../../shared/contracts/community'
import { needsContract } from '../../shared/contracts/needs'
import { organisationsContract } from '../../shared/contracts/organisations'
import { timebankContract } from '../../shared/contracts/timebank'
import { reportsContract } from '../../shared/contracts/reports'
import { evaluationContract } from '../../shared/contracts/evaluation'
import { surveysContract } from '../../shared/contracts/surveys'
import { callAs, startTestDatabase, type TestDatabase } from '../support/database'
import { publishInputFor } from './calls'

const community = demoDataSet.communities.find((c) => c.kind === 'urban')!._id
const officeId = demoDataSet.communities.find((c) => c.kind === 'urban')!.officeId
const organisationId = demoDataSet.organisations.find((o) => o.leadOpenid === who.organisationLead)!._id
const period = { from: '2026-10-01', to: '2026-10-31' }
const newTopic = {
  communityId: community,
  title: '加装电梯',
  question: '3号楼是否加装电梯',
  background: '住户多为老人。',
  options: ['加装', '不加装'],
  votingFrom: '2099-01-01',
  votingUntil: '2099-01-07',
}
const memberId = demoDataSet.roles.find((r) => r.organisationId === organisationId && r.role === 'volunteer')!._id

/** For each action: a valid input, and the string field to spoil (none for actions that take nothing). */
const table: Record<string, Record<string, { valid: Record<string, unknown>; field?: string }>> = {
  organisations: {
    apply: {
      valid: {
        name: '读报小组',
        kind: '文体活动类',
        helpKinds: ['精神慰藉'],
        serviceArea: { centre: [118.05, 36.81] },
        capacity: 2,
        contactPhone: '18653312469',
        charterSummary: '读报。',
        description: '读报。',
      },
      field: 'name',
    },
    mine: { valid: {} },
    nearby: { valid: { helpKind: '助餐' }, field: 'helpKind' },
    profile: { valid: { organisationId }, field: 'organisationId' },
    applications: { valid: { communityId: community }, field: 'communityId' },
    list: { valid: { communityId: community, status: 'suspended' }, field: 'status' },
    decide: { valid: { organisationId, decision: 'suspend', reason: '核查' }, field: 'organisationId' },
    record: { valid: { organisationId }, field: 'organisationId' },
    members: { valid: { organisationId }, field: 'organisationId' },
    invitation: { valid: { organisationId }, field: 'organisationId' },
    renewInvitation: { valid: { organisationId }, field: 'organisationId' },
    join: { valid: { code: 'ABCDEF' }, field: 'code' },
    joinRequests: { valid: { organisationId }, field: 'organisationId' },
    decideJoin: { valid: { organisationId, requestId: 'join-request', decision: 'decline', reason: '人手已满' }, field: 'reason' },
    removeMember: { valid: { organisationId, memberId }, field: 'memberId' },
    handOverLead: { valid: { organisationId, memberId }, field: 'memberId' },
    myProfile: { valid: {} },
    saveProfile: {
      valid: { skills: ['助餐'], tags: ['会做饭'], availability: ['weekend-morning'], rangeM: 1000, paused: { reason: '出差' } },
      field: 'paused.reason',
    },
    candidates: { valid: { organisationId }, field: 'organisationId' },
  },
  community: {
    coverage: { valid: {} },
    committeeMembers: { valid: { communityId: community }, field: 'communityId' },
    appointCommittee: { valid: { communityId: community, personId: 'p-yang-li' }, field: 'personId' },
    revokeCommittee: { valid: { communityId: community, memberId: 'r-committee-wu-jun', reason: '换届' }, field: 'memberId' },
    residents: { valid: { communityId: community, nameContains: '王' }, field: 'nameContains' },
    auditLog: { valid: { communityId: community }, field: 'cursor' },
    takeDown: { valid: { content: { kind: 'need', needId: 'need-1' }, reason: '不实' }, field: 'content.needId' },
    restore: { valid: { content: { kind: 'organisation', organisationId } }, field: 'content.organisationId' },
    mediaVerdict: { valid: { traceId: 'trace-1', suggest: 'pass' }, field: 'traceId' },
    office: { valid: { officeId }, field: 'officeId' },
    addCommunity: {
      valid: {
        officeId,
        name: '新社区',
        kind: 'urban',
        street: '公园街道',
        centre: [118.05, 36.81],
        serviceArea: { kind: 'radius', radiusM: 500 },
        committeePhone: '0533-2861000',
      },
      field: 'street',
    },
    communityTemplate: { valid: { officeId }, field: 'officeId' },
    importCommunities: { valid: { officeId, fileId: 'cloud://local/x.xlsx' }, field: 'fileId' },
    inviteCommittee: { valid: { communityId: community }, field: 'communityId' },
    invitationDetails: { valid: { code: 'ABCDEFGH' }, field: 'code' },
    acceptInvitation: { valid: { code: 'ABCDEFGH', name: '韩立群', phone: '13953300001' }, field: 'name' },
    topics: { valid: { communityId: community }, field: 'communityId' },
    topic: { valid: { topicId: 'topic-1' }, field: 'topicId' },
    openTopic: { valid: newTopic, field: 'title' },
    proposeTopic: { valid: newTopic, field: 'votingFrom' },
    supportTopic: { valid: { topicId: 'topic-1' }, field: 'topicId' },
    commentOnTopic: { valid: { topicId: 'topic-1', text: '同意加装。' }, field: 'text' },
    voteOnTopic: { valid: { topicId: 'topic-1', choice: 0 }, field: 'topicId' },
    closeTopic: { valid: { topicId: 'topic-1', decision: '加装', minutes: '到会 30 人。' }, field: 'minutes' },
    addFollowUp: { valid: { topicId: 'topic-1', text: '已开工。' }, field: 'text' },
  },
  needs: {
    checkDuplicates: { valid: { helpKind: '助餐', location: [118.05, 36.81] }, field: 'helpKind' },
    raise: {
      valid: {
        helpKind: '助餐',
        urgency: 'normal',
        description: '腿脚不便，想请人送午饭。',
        location: [118.05, 36.81],
        neighbourhood: '沁园小区',
        addressDetail: '3号楼2单元401',
        contactPhone: '13953318426',
      },
      field: 'description',
    },
    mine: { valid: {} },
    detail: { valid: { needId: 'need-1' }, field: 'needId' },
    cancel: { valid: { needId: 'need-1' }, field: 'reason' },
    confirm: { valid: { needId: 'need-1', result: 'solved', rating: 5 }, field: 'comment' },
    offers: { valid: { organisationId }, field: 'organisationId' },
    accept: { valid: { organisationId, offerId: 'offer-1' }, field: 'offerId' },
    decline: { valid: { organisationId, offerId: 'offer-1' }, field: 'reason' },
    tasks: { valid: { organisationId }, field: 'organisationId' },
    assignVolunteers: { valid: { organisationId, needId: 'need-1', memberIds: [memberId] }, field: 'needId' },
    postProgress: { valid: { organisationId, needId: 'need-1', text: '已联系。' }, field: 'text' },
    markDone: { valid: { organisationId, needId: 'need-1', summary: '已完成。', service: [{ memberId, minutes: 60 }] }, field: 'summary' },
    queue: { valid: { communityId: community }, field: 'communityId' },
    communityNeeds: {
      valid: { communityId: community, status: 'open', helpKind: '助餐', urgency: 'life', neighbourhood: '沁园小区' },
      field: 'neighbourhood',
    },
    moderate: { valid: { needId: 'need-1', decision: 'hide', reason: '重复' }, field: 'reason' },
    assign: { valid: { needId: 'need-1', organisationId }, field: 'organisationId' },
    matchDetails: { valid: { needId: 'need-1' }, field: 'needId' },
    settings: { valid: { communityId: community, reviewBeforeMatching: true }, field: 'communityId' },
  },
  activities: {
    publish: { valid: publishInputFor(organisationId), field: 'title' },
    browse: { valid: { kind: 'festival', fromDate: '2099-01-01', toDate: '2099-01-31' }, field: 'fromDate' },
    detail: { valid: { activityId: 'act-1' }, field: 'activityId' },
    signUp: { valid: { activityId: 'act-1', role: 'participant' }, field: 'role' },
    cancelSignUp: { valid: { activityId: 'act-1', role: 'volunteer' }, field: 'activityId' },
    mine: { valid: {} },
    checkIn: { valid: { activityId: 'act-1', purpose: 'check_in', shortCode: '123456' }, field: 'shortCode' },
    rate: { valid: { activityId: 'act-1', rating: 5, comment: '很好。' }, field: 'comment' },
    organisationActivities: { valid: { organisationId }, field: 'organisationId' },
    roster: { valid: { organisationId, activityId: 'act-1' }, field: 'activityId' },
    checkInCode: { valid: { organisationId, activityId: 'act-1', purpose: 'check_out' }, field: 'purpose' },
    markAttendance: { valid: { organisationId, activityId: 'act-1', signUpId: 'signup-1', purpose: 'check_in' }, field: 'signUpId' },
    confirmHours: { valid: { organisationId, activityId: 'act-1', hours: [{ signUpId: 'signup-1', minutes: 60 }] }, field: 'activityId' },
    cancel: { valid: { organisationId, activityId: 'act-1', reason: '天气原因' }, field: 'reason' },
    approvals: { valid: { communityId: community }, field: 'communityId' },
    decide: { valid: { activityId: 'act-1', decision: 'reject', reason: '时间冲突' }, field: 'reason' },
    setPolicy: { valid: { communityId: community, majorThreshold: 50, majorKinds: ['consultation'] }, field: 'communityId' },
  },
  care: {
    register: {
      valid: {
        communityId: community,
        residentId: 'p-yang-li',
        name: '杨丽',
        neighbourhood: '柳泉花园',
        addressDetail: '12号楼1单元1502',
        groups: ['残疾人'],
        careNeeds: '坐轮椅，出门要人帮忙。',
        emergencyContact: { name: '杨军', relation: '哥哥', phone: '13953301846' },
        consent: { giver: 'self', giverName: '杨丽', method: 'signed_form', at: '2026-11-01T10:00:00+08:00' },
      },
      field: 'name',
    },
    update: { valid: { entryId: 'care-wang-guilan', frequency: 'weekly' }, field: 'entryId' },
    withdrawConsent: { valid: { entryId: 'care-wang-guilan', at: '2026-11-01T10:00:00+08:00', note: '本人撤回。' }, field: 'note' },
    registerList: { valid: { communityId: community, group: '独居老人' }, field: 'group' },
    entry: { valid: { entryId: 'care-wang-guilan' }, field: 'entryId' },
    pair: { valid: { entryId: 'care-wang-guilan', organisationId, volunteerMemberIds: [memberId] }, field: 'organisationId' },
    overview: { valid: { communityId: community, month: '2026-11' }, field: 'month' },
    myVisits: { valid: {} },
    recordVisit: {
      valid: {
        entryId: 'care-wang-guilan',
        visitedAt: '2026-11-01T10:00:00+08:00',
        mode: 'phone',
        wellbeing: 'good',
        minutes: 30,
        requestId: 'bad-input-1',
      },
      field: 'notes',
    },
  },
  timebank: {
    account: { valid: {} },
    history: { valid: { limit: 10 }, field: 'cursor' },
    give: { valid: { toName: '王桂兰', toPhone: '13953318426', minutes: 30, requestId: 'bad-input-1' }, field: 'toName' },
    gifts: { valid: {} },
    acceptGift: { valid: { giftId: `gf-${'0'.repeat(32)}` }, field: 'giftId' },
    cancelGift: { valid: { giftId: `gf-${'0'.repeat(32)}` }, field: 'giftId' },
    catalogue: { valid: {} },
    redeem: { valid: { itemId: 'item-qy-rice', requestId: 'bad-input-1' }, field: 'itemId' },
    myRedemptions: { valid: {} },
    serviceHours: { valid: { from: '2026-01-01' }, field: 'from' },
    registerRealName: { valid: { name: '徐敏', idNumber: '11010519491231002X', consent: true }, field: 'name' },
    issueCertificate: {
      valid: { from: '2026-01-01', to: '2026-12-31', issuer: { kind: 'organisation', id: organisationId } },
      field: 'to',
    },
    certificateCode: { valid: { number: 'ABCD-EFGH-JKMN-PQRS' }, field: 'number' },
    verifyCertificate: { valid: { number: 'ABCD-EFGH-JKMN-PQRS' }, field: 'number' },
    items: { valid: { communityId: community }, field: 'communityId' },
    saveItem: { valid: { communityId: community, name: '读报一次', kind: 'service', priceMinutes: 30 }, field: 'name' },
    restockItem: { valid: { itemId: 'item-qy-rice', delta: 5 }, field: 'itemId' },
    retireItem: { valid: { itemId: 'item-qy-rice' }, field: 'reason' },
    handovers: { valid: { communityId: community }, field: 'communityId' },
    confirmHandover: { valid: { redemptionId: 'rd-1' }, field: 'redemptionId' },
    providerHandovers: { valid: { organisationId }, field: 'organisationId' },
    confirmHandoverAsProvider: { valid: { organisationId, redemptionId: 'rd-1' }, field: 'redemptionId' },
    heldCredits: { valid: { communityId: community }, field: 'communityId' },
    reviewHeldCredit: { valid: { heldId: 'held:x', decision: 'decline', reason: '核实有误' }, field: 'heldId' },
    grant: {
      valid: { communityId: community, personId: 'p-wang-guilan', minutes: 30, reason: '关怀', requestId: 'bad-input-1' },
      field: 'reason',
    },
    ledger: { valid: { communityId: community }, field: 'personId' },
    reverse: { valid: { entryId: 'service:x', reason: '核对' }, field: 'entryId' },
    settings: { valid: { communityId: community, dailyCapMinutes: 600 }, field: 'communityId' },
  },
  reports: {
    waiting: { valid: { communityId: community }, field: 'communityId' },
    figures: { valid: { communityId: community, period }, field: 'communityId' },
    officeFigures: { valid: { period }, field: 'period.from' },
    export: { valid: { communityId: community, period }, field: 'period.to' },
    exportOffice: { valid: { period }, field: 'period.to' },
  },
  evaluation: {
    settings: { valid: { communityId: community }, field: 'communityId' },
    saveSettings: {
      valid: { communityId: community, reportEvery: 'half', window: { from: '2026-12-01', to: '2026-12-31' } },
      field: 'window.to',
    },
    reportDraft: { valid: { organisationId, period: '2025-H2' }, field: 'period' },
    submitReport: { valid: { organisationId, period: '2025-H2', text: '上门助老。' }, field: 'text' },
    review: { valid: { organisationId, verdict: 'fair', text: '还行' }, field: 'verdict' },
    sheet: { valid: { organisationId, year: 2025 }, field: 'organisationId' },
    grade: { valid: { organisationId, year: 2025, grade: 'pass', comment: '合格。' }, field: 'grade' },
    saveCharges: { valid: { organisationId, free: false, items: [{ item: '理发', amountFen: 500, unit: '次' }] }, field: 'organisationId' },
    addLedgerEntry: { valid: { organisationId, day: '2025-06-01', direction: 'out', amountFen: 1200, purpose: '买米' }, field: 'purpose' },
    openness: { valid: { organisationId }, field: 'organisationId' },
  },
  surveys: {
    save: {
      valid: {
        communityId: community,
        title: '居民需求调查',
        opensOn: '2099-01-01',
        closesOn: '2099-01-08',
        questions: [{ kind: 'single', title: '常去活动室吗', options: ['常去', '不去'] }],
      },
      field: 'title',
    },
    publish: { valid: { surveyId: 'survey-1' }, field: 'surveyId' },
    close: { valid: { surveyId: 'survey-1' }, field: 'surveyId' },
    list: { valid: { communityId: community }, field: 'communityId' },
    results: { valid: { surveyId: 'survey-1' }, field: 'surveyId' },
    export: { valid: { surveyId: 'survey-1' }, field: 'surveyId' },
    open: { valid: {} },
    answer: { valid: { surveyId: 'survey-1', answers: [{ text: '多些助餐点' }] }, field: 'surveyId' },
  },
}

it('has a row for every action of each function', () => {
  expect(Object.keys(table.organisations).sort()).toEqual(Object.keys(organisationsContract.actions).sort())
  expect(Object.keys(table.community).sort()).toEqual(Object.keys(communityContract.actions).sort())
  expect(Object.keys(table.needs).sort()).toEqual(Object.keys(needsContract.actions).sort())
  expect(Object.keys(table.activities).sort()).toEqual(Object.keys(activitiesContract.actions).sort())
  expect(Object.keys(table.care).sort()).toEqual(Object.keys(careContract.actions).sort())
  expect(Object.keys(table.timebank).sort()).toEqual(Object.keys(timebankContract.actions).sort())
  expect(Object.keys(table.reports).sort()).toEqual(Object.keys(reportsContract.actions).sort())
  expect(Object.keys(table.evaluation).sort()).toEqual(Object.keys(evaluationContract.actions).sort())
  expect(Object.keys(table.surveys).sort()).toEqual(Object.keys(surveysContract.actions).sort())
})

/** `valid` with the field at a dotted path (`period.to`) replaced. */
function withField(valid: Record<string, unknown>, path: string, value: unknown): Record<string, unknown> {
  const [head, ...rest] = path.split('.')
  return { ...valid, [head]: rest.length === 0 ? value : withField(valid[head] as Record<string, unknown>, rest.join('.'), value) }
}

const cases = Object.entries(table).flatMap(([functionName, actions]) =>
  Object.entries(actions).flatMap(([action, { valid, field }]) => {
    const spoilt = (value: unknown) => (field ? { data: withField(valid, field, value), at: `data.${field}` } : { data: value, at: 'data' })
    return [
      { name: 'an extra field', data: { ...valid, openid: who.civilAffairs }, at: 'data.openid' },
      { name: 'a wrong type', ...spoilt(field ? 12345 : 'everything') },
      { name: 'an operator object', ...(field ? spoilt({ $ne: null }) : { data: { $where: 'true' }, at: 'data.$where' }) },
    ].map((c) => ({ ...c, qualified: `${functionName}.${action}`, functionName: functionName as keyof typeof functionMains, action }))
  }),
)

let database: TestDatabase
beforeAll(async () => {
  database = await startTestDatabase()
})
afterAll(() => database.close())

// `$qualified`, not `$functionName.$action`: jest reads the latter as a path into the function's name and drops the action.
it.each(cases)('$qualified: $name → INVALID_INPUT at $at', async ({ functionName, action, data, at }) => {
  // Callers who would be allowed: the organisation's lead for the lead's actions, else the committee.
  const caller = [
    'invitation',
    'renewInvitation',
    'joinRequests',
    'decideJoin',
    'removeMember',
    'handOverLead',
    'apply',
    'join',
    'myVisits',
    'recordVisit',
    'reportDraft',
    'submitReport',
    'saveCharges',
    'addLedgerEntry',
  ].includes(action)
    ? who.organisationLead
    : who.committeeUrban
  const before = database.standin.committedVersion()
  const answer = await callAs(functionMains[functionName], functionName, caller, { action, data })
  expect(answer).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: at } })
  // What the person reads is Chinese, never zod's English.
  expect((answer as { error: { message: string } }).error.message).toMatch(/[\u4e00-\u9fff]/)
  // Nothing committed, to any collection: not even a write that would leave a document as it was.
  expect(database.standin.committedVersion()).toBe(before)
})
