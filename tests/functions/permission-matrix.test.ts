/**
 * The whole permission table, walked: every action of every function, called as every kind of
 * caller, against the urban community and one of its approved organisations. The expected answer
 * is worked out here from the demo data's roles, not by the handler's own code.
 */
import { demoDataSet, demoIdentities as who, demoPerson as personOf } from '../../local/seed/demo-data'
import { signUpDocId } from '../../server/data/activities'
import { tallyDocId } from '../../server/data/deliberation'
import { dayAfter } from '../../shared/domain/deliberation'
import { shanghaiDay } from '../../shared/domain/timebank'
import type {
  JoinRequestDoc,
  MoveDoc,
  TopicDoc,
  NeedDoc,
  OfferDoc,
  PersonDoc,
  RedemptionDoc,
  SurveyDoc,
  TakeoverDoc,
} from '../../server/data/documents'
import { insertAll, removeAll } from '../../server/data/maintenance'
import { contracts } from '../../shared/contracts'
import { currentPeriodKey } from '../../shared/domain/evaluation'
import { permissionTable, type PermissionRule } from '../../shared/domain/permissions'
import { callAs, freshDatabasePerTest, testClock } from '../support/database'
import { joinInput, publishInputFor } from './calls'
import { functionMains } from '../../local/host/functions'
import { messagePushContext } from '../../local/host/platform-context'
import type { Envelope } from '../../shared/contract'
import { inShanghai } from '../../shared/domain/time'

const community = demoDataSet.communities.find((c) => c.kind === 'urban')!
const organisation = demoDataSet.organisations.find((o) => o.leadOpenid === who.organisationLead && o.status === 'approved')!
const volunteerRole = demoDataSet.roles.find((r) => r.organisationId === organisation._id && r.role === 'volunteer')!
const otherCommittee = demoDataSet.roles.find(
  (r) => r.role === 'committee' && r.communityId === community._id && r.openid !== who.committeeUrban,
)!
const otherLead = demoDataSet.roles.find(
  (r) => r.role === 'organisation_lead' && r.communityId === community._id && r.organisationId !== organisation._id,
)!.openid
const otherOffice = demoDataSet.roles.find((r) => r.role === 'civil_affairs' && r.officeId !== community.officeId)!.openid

/** The demo's coming activity of the organisation, and one of its volunteers' sign-ups (local/seed/demo-activities.ts). */
const upcoming = 'act-qy-xiyanghong-haircut'
const upcomingVolunteer = signUpDocId(upcoming, 'demo-cao-lihua')

/** A need of the urban community offered to the organisation, for the needs actions to aim at. */
const at = new Date('2026-03-01T08:00:00Z')
const need: NeedDoc = {
  _id: 'need-matrix',
  communityId: community._id,
  requesterOpenid: who.resident,
  requesterName: '杨丽',
  helpKind: '亲情陪伴',
  urgency: 'normal',
  description: '想有人来陪我说说话。',
  location: community.centre,
  neighbourhood: '柳泉花园',
  addressDetail: '12号楼1单元1502',
  photos: [],
  timeline: [],
  contactPhone: '18653312469',
  status: 'matching',
  round: 1,
  offeredTo: [organisation._id],
  volunteers: [],
  createdAt: at,
  updatedAt: at,
}
const offer: OfferDoc = {
  _id: 'offer-matrix',
  needId: need._id,
  organisationId: organisation._id,
  communityId: community._id,
  round: 1,
  status: 'open',
  score: { total: 0.7, parts: { distance: 0.5, fit: 1, load: 1, response: 0.5, rating: 0.5 } },
  distanceM: 200,
  offeredAt: at,
  // Far ahead: the matrix does not depend on the day it runs.
  deadline: new Date('2099-01-01T00:00:00Z'),
}

/** A redemption of an item the organisation provides, waiting for hand-over, for the hand-over actions to aim at. */
const redemption: RedemptionDoc = {
  _id: 'rd-matrix',
  communityId: community._id,
  openid: who.volunteer,
  itemId: 'item-qy-haircut',
  itemName: '理发一次',
  kind: 'service',
  priceMinutes: 60,
  providerOrganisationId: organisation._id,
  status: 'waiting',
  entryId: 'redeem:rd-matrix',
  requestedAt: at,
}
/** A resident of the community asking to join the organisation, for the lead to answer. */
const joinRequest: JoinRequestDoc = {
  _id: 'join-matrix',
  organisationId: organisation._id,
  openid: who.elderResident,
  communityId: community._id,
  status: 'pending',
  askedAt: at,
}
/** Someone the committee registered (代登记), a WeChat user asking to take the record over, and a move into the community. */
const registered: PersonDoc = {
  _id: 'p-matrix-noapp',
  openid: 'noapp:matrix',
  name: '陈桂芳',
  phone: '13953301847',
  communityId: community._id,
  neighbourhood: '沁园小区',
  addressDetail: '2号楼1单元101',
  location: community.centre,
  preferences: { elderMode: 'on' },
  createdAt: at,
  proxy: {
    consent: { method: 'verbal', witnessName: '周海燕', at, recordedByOpenid: who.committeeUrban, recordedByName: '周海燕' },
    tellBy: 'phone',
    registeredAt: at,
  },
  noApp: true,
}
const takeover: TakeoverDoc = {
  _id: 'to-matrix',
  openid: 'o-matrix-taking-over',
  name: registered.name,
  phone: registered.phone!,
  personId: registered._id,
  communityId: community._id,
  status: 'asked',
  askedAt: at,
}
const rural = demoDataSet.communities.find((c) => c.kind === 'rural')!
const mover = demoDataSet.people.find((p) => p.communityId === rural._id && p.openid !== who.committeeRural)!
const move: MoveDoc = {
  _id: 'mv-matrix',
  personId: mover._id,
  openid: mover.openid,
  name: mover.name,
  fromCommunityId: rural._id,
  toCommunityId: community._id,
  neighbourhood: '沁园小区',
  addressDetail: '5号楼1单元201',
  location: community.centre,
  status: 'asked',
  askedAt: at,
}

/** A survey of the urban community open this week, and a draft (decision 049). */
const today = inShanghai(testClock.now())
const openSurvey: SurveyDoc = {
  _id: 'survey-matrix',
  communityId: community._id,
  title: '居民需求调查',
  intro: '',
  questions: [{ kind: 'scale', title: '您对社区服务满意吗', aboutHelpKinds: false, anonymous: true }],
  opensOn: today.format('YYYY-MM-DD'),
  closesOn: today.add(7, 'day').format('YYYY-MM-DD'),
  status: 'published',
  createdAt: at,
  createdBy: who.committeeUrban,
  publishedAt: at,
  answerCount: 0,
  wanted: [],
}
const draftSurvey: SurveyDoc = { ...openSurvey, _id: 'survey-matrix-draft', status: 'draft', publishedAt: undefined }
/** A topic of the urban community in its voting days, whatever day the matrix runs (decision 050). */
const todayDay = shanghaiDay(testClock.now())
const newTopic = {
  communityId: community._id,
  title: '加装电梯',
  question: '3号楼是否加装电梯',
  background: '住户多为老人。',
  options: ['加装', '不加装'],
}
const topic: TopicDoc = {
  _id: 'topic-matrix',
  ...newTopic,
  votingFrom: dayAfter(todayDay, -1),
  votingUntil: dayAfter(todayDay, 1),
  proposedBy: who.committeeUrban,
  proposedAt: at,
  openedAt: at,
  supporters: 0,
  votes: 0,
  followUps: [],
}

/** The seeded demo ledger: 徐敏's first service credit, and 邓浩's minutes held over the daily cap. */
const creditedEntry = 'service:demo-service-xu-min-1'
const heldCredit = 'held:demo-service-deng-hao-3'

async function seedNeeds() {
  for (const collection of ['needs', 'offers', 'join_requests', 'moves', 'takeovers', 'family_links']) await removeAll(collection)
  await insertAll('needs', [need])
  await insertAll('offers', [offer])
  await insertAll('timebank_redemptions', [redemption])
  await insertAll('join_requests', [joinRequest])
  await insertAll('people', [registered])
  await insertAll('takeovers', [takeover])
  await insertAll('moves', [move])
  await insertAll('surveys', [openSurvey, draftSurvey])
  await insertAll('topics', [topic])
  await insertAll(
    'topic_tallies',
    [0, 1].map((option) => ({ _id: tallyDocId(topic._id, option), topicId: topic._id, option, count: 0 })),
  )
}

const callers: Record<string, string | null> = {
  'a plain resident': who.resident,
  'a newcomer the committee has not confirmed': who.newcomer,
  'a volunteer of the organisation': who.volunteer,
  'the organisation’s lead': who.organisationLead,
  'the lead of another organisation': otherLead,
  'a committee member of the community': who.committeeUrban,
  'a committee member of another community': who.committeeRural,
  'a civil-affairs officer over the community': who.civilAffairs,
  'a civil-affairs officer of another office': otherOffice,
  'someone not registered': 'o-not-registered',
  'nobody signed in': null,
}

/** 王桂兰 on the care register, paired with the organisation and its volunteer. */
const careEntry = 'care-wang-guilan'
const now = testClock.now().toISOString()

/** A valid input for every action, aimed at the urban community and its organisation. */
const inputs: Record<string, object> = {
  'account.me': {},
  'account.home': {},
  'account.updatePreferences': { elderMode: 'on' },
  'account.myData': {},
  'account.correct': { addressDetail: '3号楼2单元402' },
  'account.withdrawConsent': { consent: 'location' },
  'account.exportData': {},
  'account.closing': {},
  'account.close': { confirm: true },
  'messages.inbox': {},
  'messages.unreadCount': {},
  'messages.markRead': {},
  'messages.subscribeTemplates': { moment: 'offers' },
  'messages.recordConsent': { templates: ['newOffer'] },
  'messages.consents': {},
  'organisations.apply': {
    name: '沁园社区读报小组',
    kind: '文体活动类',
    helpKinds: ['精神慰藉'],
    serviceArea: { centre: community.centre.coordinates },
    capacity: 2,
    contactPhone: '18653312469',
    charterSummary: '为视力不好的老人读报。',
    description: '每周两次在活动室读报。',
  },
  'organisations.mine': {},
  'organisations.nearby': { centre: community.centre.coordinates },
  'organisations.profile': { organisationId: organisation._id },
  'organisations.applications': { communityId: community._id },
  'organisations.list': { communityId: community._id, status: 'approved' },
  'organisations.decide': { organisationId: organisation._id, decision: 'suspend', reason: '核查中' },
  'organisations.record': { organisationId: organisation._id },
  'organisations.members': { organisationId: organisation._id },
  'organisations.invitation': { organisationId: organisation._id },
  'organisations.renewInvitation': { organisationId: organisation._id },
  'organisations.join': { code: organisation.inviteCode },
  'organisations.joinRequests': { organisationId: organisation._id },
  'organisations.decideJoin': { organisationId: organisation._id, requestId: joinRequest._id, decision: 'decline', reason: '人手已满' },
  'organisations.removeMember': { organisationId: organisation._id, memberId: volunteerRole._id },
  'organisations.handOverLead': { organisationId: organisation._id, memberId: volunteerRole._id },
  'organisations.myProfile': {},
  'organisations.saveProfile': { skills: ['助餐'], tags: [], availability: ['weekday-evening'], rangeM: 3000, paused: null },
  'organisations.candidates': { organisationId: organisation._id },
  'community.coverage': {},
  'community.committeeMembers': { communityId: community._id },
  'community.appointCommittee': { communityId: community._id, personId: demoDataSet.people.find((p) => p.openid === who.resident)!._id },
  'community.revokeCommittee': { communityId: community._id, memberId: otherCommittee._id, reason: '换届' },
  'community.residents': { communityId: community._id, nameContains: '王' },
  'community.auditLog': { communityId: community._id },
  'community.takeDown': { content: { kind: 'activity', activityId: upcoming }, reason: '内容不实' },
  'community.restore': { content: { kind: 'activity', activityId: upcoming } },
  'community.mediaVerdict': { traceId: 'matrix-trace', suggest: 'pass' },
  'community.office': { officeId: community.officeId },
  'community.addCommunity': {
    officeId: community.officeId,
    name: '矩阵社区',
    kind: 'urban',
    street: '公园街道',
    centre: community.centre.coordinates,
    serviceArea: { kind: 'radius', radiusM: 500 },
    committeePhone: '0533-2861000',
  },
  'community.communityTemplate': { officeId: community.officeId },
  // No such upload: whoever is let through finds nothing to import.
  'community.importCommunities': { officeId: community.officeId, fileId: `cloud://local/${'0'.repeat(32)}.xlsx` },
  'community.inviteCommittee': { communityId: community._id },
  // No invitation under this code: whoever is let through finds nothing.
  'community.invitationDetails': { code: 'ABCDEFGH' },
  'community.acceptInvitation': { code: 'ABCDEFGH' },
  'community.topics': { communityId: community._id },
  'community.topic': { topicId: topic._id },
  'community.openTopic': { ...newTopic, votingFrom: todayDay, votingUntil: todayDay },
  'community.proposeTopic': { ...newTopic, votingFrom: dayAfter(todayDay, 1), votingUntil: dayAfter(todayDay, 2) },
  'community.supportTopic': { topicId: topic._id },
  'community.commentOnTopic': { topicId: topic._id, text: '同意加装。' },
  'community.voteOnTopic': { topicId: topic._id, choice: 0 },
  'community.closeTopic': { topicId: topic._id, decision: '加装', minutes: '到会 30 人。' },
  'community.addFollowUp': { topicId: topic._id, text: '已开工。' },
  'needs.checkDuplicates': { helpKind: '亲情陪伴', location: community.centre.coordinates },
  'needs.raise': {
    helpKind: '生活照料',
    urgency: 'normal',
    description: '灯泡坏了，够不着。',
    // No place: each caller raises at their own home, inside their own community's service area.
    neighbourhood: '柳泉花园',
    addressDetail: '12号楼1单元1502',
    contactPhone: '18653312469',
  },
  'needs.mine': {},
  'needs.detail': { needId: need._id },
  'needs.cancel': { needId: need._id },
  'needs.confirm': { needId: need._id, result: 'solved', rating: 5 },
  'needs.offers': { organisationId: organisation._id },
  'needs.accept': { organisationId: organisation._id, offerId: offer._id },
  'needs.decline': { organisationId: organisation._id, offerId: offer._id },
  'needs.tasks': { organisationId: organisation._id },
  'needs.assignVolunteers': { organisationId: organisation._id, needId: need._id, memberIds: [volunteerRole._id] },
  'needs.postProgress': { organisationId: organisation._id, needId: need._id, text: '已电话联系。' },
  'needs.markDone': { organisationId: organisation._id, needId: need._id, summary: '已上门。', service: [] },
  'needs.queue': { communityId: community._id },
  'needs.communityNeeds': { communityId: community._id, status: 'all', urgency: 'life' },
  'needs.moderate': { needId: need._id, decision: 'hide', reason: '重复' },
  'needs.assign': { needId: need._id, organisationId: organisation._id },
  'needs.matchDetails': { needId: need._id },
  'needs.settings': { communityId: community._id, reviewBeforeMatching: true },
  'activities.browse': { near: community.centre.coordinates },
  'activities.detail': { activityId: upcoming },
  'activities.mine': {},
  'activities.signUp': { activityId: upcoming, role: 'volunteer' },
  'activities.cancelSignUp': { activityId: upcoming, role: 'volunteer' },
  'activities.checkIn': { activityId: upcoming, purpose: 'check_in', shortCode: '123456' },
  'activities.rate': { activityId: 'act-qy-lvguanjia-sorting', rating: 5 },
  'activities.publish': publishInputFor(organisation._id),
  'activities.organisationActivities': { organisationId: organisation._id },
  'activities.roster': { organisationId: organisation._id, activityId: upcoming },
  'activities.checkInCode': { organisationId: organisation._id, activityId: upcoming, purpose: 'check_in' },
  'activities.markAttendance': { organisationId: organisation._id, activityId: upcoming, signUpId: upcomingVolunteer, purpose: 'check_in' },
  'activities.confirmHours': {
    organisationId: organisation._id,
    activityId: upcoming,
    hours: [{ signUpId: upcomingVolunteer, minutes: 60 }],
  },
  'activities.cancel': { organisationId: organisation._id, activityId: upcoming, reason: '天气原因' },
  'activities.approvals': { communityId: community._id },
  'activities.decide': { activityId: 'act-qy-linli-new-year-fair', decision: 'approve' },
  'activities.setPolicy': { communityId: community._id, majorThreshold: 30, majorKinds: ['consultation'] },
  'care.register': {
    communityId: community._id,
    name: '陈桂芳',
    neighbourhood: '沁园小区',
    addressDetail: '2号楼1单元101',
    groups: ['独居老人'],
    careNeeds: '独居，需要每月上门看看。',
    emergencyContact: { name: '陈军', relation: '儿子', phone: '13953301846' },
    consent: { giver: 'self', giverName: '陈桂芳', method: 'signed_form', at: now },
  },
  'care.update': { entryId: careEntry, frequency: 'weekly' },
  'care.withdrawConsent': { entryId: careEntry, at: now, note: '本人撤回同意。' },
  'care.registerList': { communityId: community._id },
  'care.entry': { entryId: careEntry },
  'care.pair': { entryId: careEntry, organisationId: organisation._id },
  'care.overview': { communityId: community._id, month: '2026-11' },
  'care.myVisits': {},
  'care.recordVisit': { entryId: careEntry, visitedAt: now, mode: 'phone', wellbeing: 'good', minutes: 30, requestId: 'matrix-visit' },
  'timebank.account': {},
  'timebank.history': {},
  'timebank.give': { toName: '王桂兰', toPhone: '13953318426', minutes: 1, requestId: 'matrix-gift' },
  'timebank.gifts': {},
  // No such gift: whoever is let through finds nothing to accept or cancel.
  'timebank.acceptGift': { giftId: `gf-${'0'.repeat(32)}` },
  'timebank.cancelGift': { giftId: `gf-${'0'.repeat(32)}` },
  'timebank.catalogue': {},
  'timebank.redeem': { itemId: 'item-qy-haircut', requestId: 'matrix-redeem' },
  'timebank.myRedemptions': {},
  'timebank.serviceHours': {},
  'timebank.registerRealName': { name: '王桂兰', idNumber: '11010519491231002X', consent: true },
  'timebank.issueCertificate': { from: '2026-01-01', to: '2026-12-31', issuer: { kind: 'organisation', id: organisation._id } },
  'timebank.certificateCode': { number: '0000-0000-0000-0000' },
  'timebank.verifyCertificate': { number: '0000-0000-0000-0000' },
  'timebank.items': { communityId: community._id },
  'timebank.saveItem': { communityId: community._id, name: '读报一次', kind: 'service', priceMinutes: 30 },
  'timebank.restockItem': { itemId: 'item-qy-rice', delta: 1 },
  'timebank.retireItem': { itemId: 'item-qy-rice' },
  'timebank.handovers': { communityId: community._id },
  'timebank.confirmHandover': { redemptionId: redemption._id },
  'timebank.providerHandovers': { organisationId: organisation._id },
  'timebank.confirmHandoverAsProvider': { organisationId: organisation._id, redemptionId: redemption._id },
  'timebank.heldCredits': { communityId: community._id },
  'timebank.reviewHeldCredit': { heldId: heldCredit, decision: 'credit' },
  'timebank.grant': {
    communityId: community._id,
    personId: demoDataSet.people.find((p) => p.openid === who.elderResident)!._id,
    minutes: 30,
    reason: '关怀',
    requestId: 'matrix-grant',
  },
  'timebank.ledger': { communityId: community._id },
  'timebank.reverse': { entryId: creditedEntry, reason: '核对' },
  'timebank.settings': { communityId: community._id, dailyCapMinutes: 600 },
  'joining.find': { text: '沁园' },
  'joining.community': { communityId: community._id },
  'joining.join': joinInput({ communityId: community._id }),
  'joining.mine': {},
  'joining.newcomers': { communityId: community._id },
  'joining.confirm': { personId: personOf(who.newcomer)._id },
  'joining.decline': { personId: personOf(who.newcomer)._id, reason: '查无此户' },
  'joining.invitation': { communityId: community._id },
  'evaluation.settings': { communityId: community._id },
  'evaluation.saveSettings': { communityId: community._id, reportEvery: 'quarter', window: null },
  'evaluation.reportDraft': { organisationId: organisation._id },
  'evaluation.submitReport': {
    organisationId: organisation._id,
    period: currentPeriodKey('half', testClock.now()),
    text: '上门助老十二次。',
  },
  // No evaluation window is open in the demo: a resident let through hears CONFLICT.
  'evaluation.review': { organisationId: organisation._id, verdict: 'satisfied' },
  'evaluation.sheet': { organisationId: organisation._id, year: 2025 },
  'evaluation.grade': { organisationId: organisation._id, year: 2025, grade: 'good', comment: '服务及时，记录完整。' },
  'evaluation.saveCharges': { organisationId: organisation._id, free: true, items: [] },
  'evaluation.addLedgerEntry': {
    organisationId: organisation._id,
    day: '2025-06-01',
    direction: 'in',
    amountFen: 50000,
    purpose: '街道公益创投资金',
  },
  'evaluation.openness': { organisationId: organisation._id },
  'reports.waiting': { communityId: community._id },
  'reports.figures': { communityId: community._id, period: { from: '2026-10-01', to: '2026-10-31' } },
  'reports.officeFigures': { period: { from: '2026-10-01', to: '2026-10-31' } },
  'reports.export': { communityId: community._id, period: { from: '2026-10-01', to: '2026-10-31' } },
  'reports.exportOffice': { period: { from: '2026-10-01', to: '2026-10-31' } },
  'residents.destinations': {},
  'residents.askMove': {
    toCommunityId: rural._id,
    neighbourhood: '太河村',
    addressDetail: '东街3号',
    location: rural.centre.coordinates,
    requestId: 'matrix-move',
  },
  'residents.myMoves': {},
  'residents.withdrawMove': { moveId: move._id },
  'residents.moveRequests': { communityId: community._id },
  'residents.decideMove': { moveId: move._id, decision: 'decline', reason: '核实中' },
  'residents.registerPerson': {
    communityId: community._id,
    name: '李秀兰',
    phone: '13953301848',
    neighbourhood: '沁园小区',
    addressDetail: '6号楼2单元302',
    consent: { method: 'written', witnessName: '周海燕', at: now },
    tellBy: 'sms',
  },
  'residents.registeredPeople': { communityId: community._id },
  'residents.raiseFor': { personId: registered._id, need: { helpKind: '生活照料', urgency: 'normal', description: '灯泡坏了，够不着。' } },
  'residents.needsOf': { personId: registered._id },
  'residents.askTakeover': { name: registered.name, phone: registered.phone! },
  'residents.myTakeover': {},
  'residents.takeovers': { communityId: community._id },
  'residents.decideTakeover': { takeoverId: takeover._id, decision: 'decline' },
  // No link under this id: whoever is let through finds nothing.
  'residents.family': {},
  'residents.inviteFamily': { side: 'elder', relation: 'child' },
  'residents.enterFamilyCode': { code: '000000' },
  'residents.answerFamily': { linkId: 'fl-matrix', accept: true },
  'residents.unlinkFamily': { linkId: 'fl-matrix' },
  'residents.shareUpdates': { linkId: 'fl-matrix', share: true },
  'residents.elderNeeds': { linkId: 'fl-matrix' },
  'residents.raiseForElder': { linkId: 'fl-matrix', need: { helpKind: '生活照料', urgency: 'normal', description: '灯泡坏了，够不着。' } },
  'surveys.save': {
    communityId: community._id,
    title: '居民需求调查',
    opensOn: openSurvey.opensOn,
    closesOn: openSurvey.closesOn,
    questions: [{ kind: 'scale', title: '您对社区服务满意吗' }],
  },
  'surveys.publish': { surveyId: draftSurvey._id },
  'surveys.close': { surveyId: openSurvey._id },
  'surveys.list': { communityId: community._id },
  'surveys.results': { surveyId: openSurvey._id },
  'surveys.export': { surveyId: openSurvey._id },
  'surveys.open': {},
  'surveys.answer': { surveyId: openSurvey._id, answers: [{ scale: 3 }] },
}

/** Actions that may change something when allowed; any other leaves no trace, like a refused call. */
const writes = new Set([
  // Every look counts against the caller (decision 047).
  'timebank.verifyCertificate',
  'account.updatePreferences',
  'account.correct',
  'account.withdrawConsent',
  'account.close',
  'messages.markRead',
  'messages.recordConsent',
  'organisations.apply',
  'organisations.decide',
  'organisations.renewInvitation',
  'organisations.join',
  'organisations.decideJoin',
  'organisations.removeMember',
  'organisations.handOverLead',
  'organisations.saveProfile',
  'community.appointCommittee',
  'community.revokeCommittee',
  'community.takeDown',
  'community.addCommunity',
  'community.inviteCommittee',
  // A wrong code counts against the caller.
  'community.invitationDetails',
  'community.acceptInvitation',
  'community.openTopic',
  'community.proposeTopic',
  'community.supportTopic',
  'community.commentOnTopic',
  'community.voteOnTopic',
  'community.closeTopic',
  'community.addFollowUp',
  'needs.raise',
  // A full view shown to anyone but the requester is an audited reveal; so are lists with phones.
  'needs.detail',
  'organisations.members',
  'activities.roster',
  'timebank.handovers',
  'timebank.providerHandovers',
  'needs.tasks',
  'needs.cancel',
  'needs.confirm',
  'needs.accept',
  'needs.decline',
  'needs.assignVolunteers',
  'needs.postProgress',
  'needs.markDone',
  'needs.moderate',
  'needs.assign',
  'needs.settings',
  'activities.signUp',
  'activities.cancelSignUp',
  'activities.checkIn',
  'activities.rate',
  'activities.publish',
  'activities.markAttendance',
  'activities.confirmHours',
  'activities.cancel',
  'activities.decide',
  'activities.setPolicy',
  // Every read of the care register is audited.
  'care.register',
  'care.update',
  'care.withdrawConsent',
  'care.registerList',
  'care.entry',
  'care.pair',
  'care.overview',
  'care.myVisits',
  'care.recordVisit',
  'timebank.give',
  'joining.join',
  'joining.confirm',
  'joining.decline',
  'timebank.acceptGift',
  'timebank.cancelGift',
  'timebank.redeem',
  'timebank.registerRealName',
  'timebank.issueCertificate',
  'timebank.saveItem',
  'timebank.restockItem',
  'timebank.retireItem',
  'timebank.confirmHandover',
  'timebank.confirmHandoverAsProvider',
  'timebank.reviewHeldCredit',
  'timebank.grant',
  'timebank.reverse',
  'timebank.settings',
  'residents.askMove',
  'residents.decideMove',
  'residents.registerPerson',
  'residents.raiseFor',
  // The committee's read of someone's needs is an audited reveal.
  'residents.needsOf',
  'residents.askTakeover',
  'residents.decideTakeover',
  'residents.inviteFamily',
  // A wrong code counts against the caller.
  'residents.enterFamilyCode',
  'evaluation.saveSettings',
  'evaluation.submitReport',
  'evaluation.review',
  'evaluation.grade',
  'evaluation.saveCharges',
  'evaluation.addLedgerEntry',
  'surveys.save',
  'surveys.publish',
  'surveys.close',
  'surveys.answer',
])

/** WeChat's message push: no person, told apart by the platform context alone. */
const PUSH = 'WeChat’s message push'

/** What the table says for this caller: 'allowed' or the code of the refusal. */
function expectation(qualified: string, rule: PermissionRule, openid: string | null, push = false): string {
  const forPush = (rule.who as readonly string[]).includes('message_push')
  if (push || forPush) return push && forPush ? 'allowed' : forPush ? 'FORBIDDEN' : 'UNAUTHENTICATED'
  if (openid === null) return 'UNAUTHENTICATED'
  const person = demoDataSet.people.find((p) => p.openid === openid)
  const roles = demoDataSet.roles.filter((r) => r.openid === openid)
  const isResident = !!person?.communityId
  const confirmed = isResident && (person!.residence?.status ?? 'confirmed') === 'confirmed'
  // Only residents of the community the organisation serves may ask to join (decision 019), checked inside.
  if (qualified === 'organisations.join' && isResident && person!.communityId !== community._id) return 'FORBIDDEN'
  const holds = (audience: string): boolean => {
    if (audience === 'anyone' || audience === 'signed_in') return true
    if (audience === 'resident') return isResident && (rule.over === 'self' || person!.communityId === community._id)
    if (audience === 'confirmed_resident') return confirmed && (rule.over === 'self' || person!.communityId === community._id)
    if (audience === 'confirmed_resident')
      return confirmed && (rule.over === 'self' || (rule.over === 'community' && person!.communityId === community._id))
    return roles.some((r) => {
      if (r.role !== audience) return false
      if (rule.over === 'self') return true
      if (r.role === 'civil_affairs') return r.officeId === community.officeId
      if (rule.over === 'office') return false
      if (rule.over === 'organisation' && r.organisationId) return r.organisationId === organisation._id
      return r.communityId === community._id
    })
  }
  if (rule.who.some(holds)) return 'allowed'
  const who = rule.who as readonly string[]
  const forResidents = who.includes('resident') || who.includes('confirmed_resident')
  if (rule.over === 'self' && forResidents && !isResident) return 'NOT_REGISTERED'
  // Waiting for 居住核验 (decision 024): refused with its own code, which the UI explains.
  return who.includes('confirmed_resident') && isResident && !confirmed ? 'RESIDENCE_UNCONFIRMED' : 'FORBIDDEN'
}

const cases = Object.values(contracts).flatMap((contract) =>
  Object.keys(contract.actions).flatMap((action) =>
    [...Object.entries(callers), [PUSH, null] as const].map(([callerName, openid]) => {
      const qualified = `${contract.name}.${action}`
      const rule = (permissionTable as Record<string, PermissionRule>)[qualified]
      const push = callerName === PUSH
      return {
        qualified,
        functionName: contract.name as keyof typeof functionMains,
        action,
        callerName,
        openid,
        push,
        expected: expectation(qualified, rule, openid, push),
      }
    }),
  ),
)

// Every case starts from the demo data with the documents above, whatever the cases before it wrote.
const database = freshDatabasePerTest({ prepare: seedNeeds })

it('has a valid input for every action in the table', () => {
  expect(Object.keys(inputs).sort()).toEqual(Object.keys(permissionTable).sort())
})

it('covers both sides: every action is allowed to someone and denied to someone', () => {
  for (const qualified of Object.keys(permissionTable)) {
    const outcomes = cases.filter((c) => c.qualified === qualified).map((c) => c.expected)
    expect([qualified, outcomes.includes('allowed')]).toEqual([qualified, true])
    expect([qualified, outcomes.some((o) => o !== 'allowed')]).toEqual([qualified, true])
  }
})

it.each(cases)('$qualified as $callerName: $expected', async ({ qualified, functionName, action, openid, push, expected }) => {
  const event = { action, data: inputs[qualified] }
  const main = functionMains[functionName]
  const before = database().standin.committedVersion()
  const answer = push
    ? ((await main(event, messagePushContext(functionName))) as Envelope<unknown>)
    : await callAs(main, functionName, openid, event)
  const code = answer.ok ? 'allowed' : answer.error.code
  // Any committed write moves the version on, to whatever collection: more than comparing the documents would see.
  const wrote = database().standin.committedVersion() !== before
  if (expected === 'allowed') {
    // Let through, it may still find the state changed (a second join, a suspended organisation, no time to give).
    expect(['allowed', 'CONFLICT', 'NOT_FOUND', 'INSUFFICIENT_BALANCE', 'OUT_OF_STOCK']).toContain(code)
    if (!writes.has(qualified)) expect({ qualified, wrote }).toEqual({ qualified, wrote: false })
  } else {
    expect(code).toBe(expected)
    // A refused call leaves no trace.
    expect(wrote).toBe(false)
  }
})
