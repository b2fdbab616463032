/**
 * The activities function through the SDK against the stand-in: publishing and 重大活动 approval,
 * browsing, sign-ups with the waitlist and promotion, the race for the last places, cancelling,
 * the rotating check-in code (forged, expired, another activity's, the wrong purpose, guessing),
 * hours confirmed once into service records, rating, reminders and finishing.
 */
import { demoDataSet, demoIdentities as who } from '../../local/seed/demo-data'
import { issueCheckInCode } from '../../server/activities/check-in-code'
import { placeFacts } from '../../server/activities/views'
import { signUpDocId } from '../../server/data/activities'
import { database } from '../../server/data/cloudbase'
import type {
  ActivityDoc,
  InboxDoc,
  ActivitySignUpDoc,
  AuditDoc,
  OrganisationDoc,
  OutboxDoc,
  PersonDoc,
  ServiceRecordDoc,
} from '../../server/data/documents'
import { allDocuments, insertAll } from '../../server/data/maintenance'
import { runDueWork } from '../../server/scheduler/run'
import type { PublishActivityInput } from '../../shared/contracts/activities'
import { ACTIVITY_PAGE, CHECK_OUT_CLOSES_MINUTES, SHORT_CODE_ATTEMPTS, waitlistPosition } from '../../shared/domain/activity'
import { CLOUDBASE_LATENCY_MS, EVERYONE_CONSENTED, freshDatabasePerGroup, testClock } from '../support/database'
import { callActivities as call, callOrganisations, callTimebank, failure, ok } from './calls'

const urban = demoDataSet.communities.find((c) => c.kind === 'urban')!
const organisation = demoDataSet.organisations.find((o) => o._id === 'org-qy-xiyanghong')!
const lead = organisation.leadOpenid
const memberVolunteer = who.volunteer
const residents = demoDataSet.people.filter((p) => p.communityId === urban._id).map((p) => p.openid)

const personName = (openid: string) => demoDataSet.people.find((p) => p.openid === openid)!.name
const minutesFromNow = (minutes: number) => new Date(testClock.now().getTime() + minutes * 60_000)
const iso = (date: Date) => date.toISOString()

/** A small activity of 夕阳红 starting in half an hour: check-in is open at once, sign-ups for 20 minutes. */
const publishInput = (overrides: Partial<PublishActivityInput> = {}): PublishActivityInput => ({
  organisationId: organisation._id,
  title: '楼道清扫',
  kind: 'volunteering',
  description: '一起把沁园小区 3 号楼的楼道打扫干净，清理堆放的杂物。',
  address: '沁园小区 3 号楼下',
  startAt: iso(minutesFromNow(30)),
  endAt: iso(minutesFromNow(150)),
  signUpDeadline: iso(minutesFromNow(20)),
  participantPlaces: 3,
  volunteerPlaces: 2,
  volunteerMinutes: 120,
  ...overrides,
})
const publish = async (overrides: Partial<PublishActivityInput> = {}) => (await ok(call(lead, 'publish', publishInput(overrides)))).activity
/** 60 participants: over the demo community's threshold of 50, so it waits for the committee. */
const aMajorActivity = () => publish({ title: '社区运动会', kind: 'culture_sports', participantPlaces: 60 })

const outbox = async () => (await allDocuments('outbox')) as OutboxDoc[]
/** Subscribe messages about one activity, as (template, to) pairs. */
async function messagesAbout(activityId: string) {
  return (await outbox())
    .filter((m) => m.channel === 'subscribeMessage' && m.payload.page === `${ACTIVITY_PAGE}?id=${activityId}`)
    .map((m) => ({ template: m.template, to: m.toOpenid }))
}
const activityDoc = async (id: string) => ((await allDocuments('activities')) as ActivityDoc[]).find((a) => a._id === id)!
const signUpDocs = async (activityId: string) =>
  ((await allDocuments('activity_sign_ups')) as ActivitySignUpDoc[]).filter((s) => s.activityId === activityId)
const serviceRecords = async (activityId: string) =>
  ((await allDocuments('service_records')) as ServiceRecordDoc[]).filter((r) => r.source.id === activityId)
const audit = async (action: string) => ((await allDocuments('audit_log')) as AuditDoc[]).filter((e) => e.action === action)

/** Moves an activity's times (tests cannot move the functions' clock). */
async function setTimes(activityId: string, times: { startAt: Date; endAt: Date }) {
  await database().collection('activities').doc(activityId).update(times)
}
async function setSignUp(signUpId: string, patch: object) {
  await database().collection('activity_sign_ups').doc(signUpId).update(patch)
}

/** The activity's place lists agree with the sign-up documents, and its counts with both. */
async function expectPlacesMatchSignUps(activityId: string) {
  const doc = await activityDoc(activityId)
  const signUps = await signUpDocs(activityId)
  for (const role of ['participant', 'volunteer'] as const) {
    for (const status of ['confirmed', 'waitlisted'] as const) {
      const listed = doc.places[role][status].map((e) => e.id).sort()
      const stored = signUps
        .filter((s) => s.role === role && s.status === status)
        .map((s) => s._id)
        .sort()
      expect([role, status, listed]).toEqual([role, status, stored])
    }
  }
  const { activity } = await ok(call(who.resident, 'detail', { activityId }))
  expect(activity.participants.taken).toBe(doc.places.participant.confirmed.length)
  expect(activity.participants.waitlisted).toBe(doc.places.participant.waitlisted.length)
}

describe('publishing, and 重大活动 waiting for the committee', () => {
  freshDatabasePerGroup(undefined, EVERYONE_CONSENTED)

  it('an approved organisation publishes: at once, with its place, places and the caller’s (empty) sign-ups', async () => {
    const activity = await publish({ location: [118.049, 36.8101] })
    expect(activity).toMatchObject({
      status: 'published',
      statusLabel: '报名中',
      kindLabel: '志愿服务',
      organisationName: organisation.name,
      communityName: urban.name,
      location: [118.049, 36.8101],
      participants: { total: 3, taken: 0, left: 3, waitlisted: 0 },
      volunteers: { total: 2, taken: 0, left: 2, waitlisted: 0 },
      volunteerMinutes: 120,
      approvalReasons: [],
      mySignUps: [],
      canRate: false,
    })
  })

  it('puts it at the organisation’s service-area centre when no place is given', async () => {
    const activity = await publish()
    expect(activity.location).toEqual(organisation.serviceArea.centre.coordinates)
  })

  it('refuses a bad schedule, too many volunteer minutes and flagged text, naming the field, and stores nothing', async () => {
    const before = (await allDocuments('activities')).length
    expect(await failure(call(lead, 'publish', publishInput({ endAt: iso(minutesFromNow(30)) })))).toEqual({
      code: 'INVALID_INPUT',
      field: 'data.endAt',
    })
    expect(await failure(call(lead, 'publish', publishInput({ signUpDeadline: iso(minutesFromNow(40)) })))).toEqual({
      code: 'INVALID_INPUT',
      field: 'data.signUpDeadline',
    })
    expect(await failure(call(lead, 'publish', publishInput({ signUpDeadline: iso(minutesFromNow(-1)) })))).toEqual({
      code: 'INVALID_INPUT',
      field: 'data.signUpDeadline',
    })
    expect(await failure(call(lead, 'publish', publishInput({ endAt: iso(minutesFromNow(30 + 25 * 60)) })))).toEqual({
      code: 'INVALID_INPUT',
      field: 'data.endAt',
    })
    expect(await failure(call(lead, 'publish', publishInput({ volunteerMinutes: 121 })))).toEqual({
      code: 'INVALID_INPUT',
      field: 'data.volunteerMinutes',
    })
    expect(await failure(call(lead, 'publish', publishInput({ description: '顺便介绍代开发票的门路' })))).toEqual({
      code: 'CONTENT_REJECTED',
      field: 'data.description',
    })
    expect((await allDocuments('activities')).length).toBe(before)
  })

  it('a suspended organisation may not publish', async () => {
    await ok(callOrganisations(who.committeeUrban, 'decide', { organisationId: organisation._id, decision: 'suspend', reason: '核查中' }))
    expect(await failure(call(lead, 'publish', publishInput()))).toEqual({ code: 'CONFLICT' })
    await ok(callOrganisations(who.committeeUrban, 'decide', { organisationId: organisation._id, decision: 'restore' }))
  })

  it('is seen only by its organisation and the committee: to anyone else it does not exist', async () => {
    const majorId = (await aMajorActivity()).id
    for (const openid of [lead, memberVolunteer, who.committeeUrban])
      expect((await ok(call(openid, 'detail', { activityId: majorId }))).activity.id).toBe(majorId)
    for (const openid of [who.resident, who.committeeRural, who.civilAffairs, 'o-not-registered']) {
      expect(await failure(call(openid, 'detail', { activityId: majorId }))).toEqual({ code: 'NOT_FOUND', field: 'data.activityId' })
    }
    expect(await failure(call(who.resident, 'signUp', { activityId: majorId, role: 'participant' }))).toEqual({
      code: 'NOT_FOUND',
      field: 'data.activityId',
    })
    const { activities } = await ok(call(who.resident, 'browse', {}))
    expect(activities.map((a) => a.id)).not.toContain(majorId)
  })

  it('rejecting needs a reason; it is audited, the lead is told, and it stays hidden', async () => {
    const majorId = (await aMajorActivity()).id
    expect(await failure(call(who.committeeUrban, 'decide', { activityId: majorId, decision: 'reject' }))).toEqual({
      code: 'INVALID_INPUT',
      field: 'data.reason',
    })
    const { activity } = await ok(
      call(who.committeeUrban, 'decide', { activityId: majorId, decision: 'reject', reason: '与区运动会时间冲突' }),
    )
    expect(activity).toMatchObject({
      status: 'rejected',
      rejectedReason: '与区运动会时间冲突',
      approvalReasons: [{ type: 'participants' }],
    })
    expect((await audit('activity.reject')).filter((e) => e.activityId === majorId).map((e) => e.reason)).toEqual([
      '《社区运动会》：与区运动会时间冲突',
    ])
    expect(await messagesAbout(majorId)).toContainEqual({ template: 'activityDecided', to: lead })
    expect(await failure(call(who.resident, 'detail', { activityId: majorId }))).toEqual({ code: 'NOT_FOUND', field: 'data.activityId' })
    expect(await failure(call(who.committeeUrban, 'decide', { activityId: majorId, decision: 'approve' }))).toEqual({ code: 'CONFLICT' })
  })

  it('the organisation sees all of its activities, with why any waits', async () => {
    await publish()
    const majorId = (await aMajorActivity()).id
    const rejected = (await aMajorActivity()).id
    await ok(call(who.committeeUrban, 'decide', { activityId: rejected, decision: 'reject', reason: '与区运动会时间冲突' }))
    const { activities } = await ok(call(memberVolunteer, 'organisationActivities', { organisationId: organisation._id }))
    expect(new Set(activities.map((a) => a.status))).toEqual(new Set(['published', 'pending_approval', 'rejected']))
    expect(activities.every((a) => a.organisationId === organisation._id)).toBe(true)
    expect(activities.find((a) => a.id === majorId)!.approvalReasons).toHaveLength(1)
  })
})

// The committee's queue and policy are the community's: each of these starts from the demo's.
describe('a 重大活动 in the committee’s queue', () => {
  freshDatabasePerGroup(undefined, EVERYONE_CONSENTED)

  it('50 participants or more waits for the committee, which is told and sees why in its queue', async () => {
    const activity = await aMajorActivity()
    const majorId = activity.id
    expect(activity).toMatchObject({
      status: 'pending_approval',
      approvalReasons: [{ type: 'participants', label: '参与名额 60 人，达到社区规定的 50 人' }],
    })
    const committee = demoDataSet.roles.filter((r) => r.role === 'committee' && r.communityId === urban._id).map((r) => r.openid)
    expect(
      (await messagesAbout(majorId))
        .filter((m) => m.template === 'activityForApproval')
        .map((m) => m.to)
        .sort(),
    ).toEqual(committee.sort())
    const { activities, policy } = await ok(call(who.committeeUrban, 'approvals', { communityId: urban._id }))
    expect(policy).toEqual({ majorThreshold: 50, majorKinds: [] })
    // The demo's 迎新春游园会 has waited two hours: oldest first.
    expect(activities.map((a) => a.id)).toEqual(['act-qy-linli-new-year-fair', majorId])
    expect(activities[0].waitingMinutes).toBeGreaterThanOrEqual(119)
    expect(activities[1]).toMatchObject({ waitingMinutes: 0, approvalReasons: [{ type: 'participants' }] })
  })
})

describe('the committee approves a 重大活动', () => {
  freshDatabasePerGroup(undefined, EVERYONE_CONSENTED)

  it('approving publishes it to residents, audited', async () => {
    const { activity } = await ok(call(who.committeeUrban, 'decide', { activityId: 'act-qy-linli-new-year-fair', decision: 'approve' }))
    expect(activity).toMatchObject({ status: 'published', approvalReasons: [] })
    expect((await ok(call(who.resident, 'detail', { activityId: activity.id }))).activity.status).toBe('published')
    expect((await audit('activity.approve')).map((e) => e.activityId)).toEqual([activity.id])
    expect((await ok(call(who.committeeUrban, 'approvals', { communityId: urban._id }))).activities).toEqual([])
  })
})

describe('the committee’s own policy for 重大活动', () => {
  freshDatabasePerGroup(undefined, EVERYONE_CONSENTED)

  it('the committee sets its own threshold and kinds (audited); new activities follow them', async () => {
    const policy = await ok(
      call(who.committeeUrban, 'setPolicy', { communityId: urban._id, majorThreshold: 30, majorKinds: ['consultation', 'consultation'] }),
    )
    expect(policy).toEqual({ majorThreshold: 30, majorKinds: ['consultation'] })
    expect((await audit('activity.policy')).map((e) => e.reason)).toEqual(['参与名额 30 人以上，以及议事协商须报批'])
    expect((await publish({ participantPlaces: 30 })).approvalReasons.map((r) => r.label)).toEqual(['参与名额 30 人，达到社区规定的 30 人'])
    expect((await publish({ kind: 'consultation', participantPlaces: 5 })).approvalReasons.map((r) => r.label)).toEqual([
      '社区规定议事协商须报批',
    ])
    expect((await publish({ participantPlaces: 29 })).status).toBe('published')
    expect((await ok(call(who.committeeUrban, 'approvals', { communityId: urban._id }))).policy).toEqual(policy)
  })
})

describe('browsing near first, by kind and by day', () => {
  freshDatabasePerGroup(undefined, EVERYONE_CONSENTED)

  it('lists published activities still to come, nearest first, with the places left', async () => {
    const { activities } = await ok(call(who.resident, 'browse', {}))
    expect(activities.map((a) => a.id).sort()).toEqual(['act-qy-wenti-neighbour-feast', 'act-qy-xiyanghong-haircut'])
    const distances = activities.map((a) => a.distanceM!)
    expect(distances).toEqual([...distances].sort((a, b) => a - b))
    expect(activities.find((a) => a.id === 'act-qy-xiyanghong-haircut')!.volunteers).toEqual({ total: 6, taken: 2, left: 4, waitlisted: 0 })
  })

  it('filters by kind, and by Shanghai days', async () => {
    const byKind = await ok(call(who.resident, 'browse', { kind: 'festival' }))
    expect(byKind.activities.map((a) => a.id)).toEqual(['act-qy-wenti-neighbour-feast'])
    const haircut = (await ok(call(who.resident, 'detail', { activityId: 'act-qy-xiyanghong-haircut' }))).activity
    const day = new Date(new Date(haircut.startAt).getTime() + 8 * 3_600_000).toISOString().slice(0, 10)
    const onTheDay = await ok(call(who.resident, 'browse', { fromDate: day, toDate: day }))
    expect(onTheDay.activities.map((a) => a.id)).toEqual(['act-qy-xiyanghong-haircut'])
    const dayAfter = new Date(new Date(`${day}T00:00:00Z`).getTime() + 86_400_000).toISOString().slice(0, 10)
    expect((await ok(call(who.resident, 'browse', { fromDate: dayAfter }))).activities.map((a) => a.id)).toEqual([
      'act-qy-wenti-neighbour-feast',
    ])
    expect(await failure(call(who.resident, 'browse', { fromDate: dayAfter, toDate: day }))).toEqual({
      code: 'INVALID_INPUT',
      field: 'data.toDate',
    })
  })

  it('searches around a given place, and finds nothing in the next county', async () => {
    const far = demoDataSet.communities.find((c) => c.kind === 'rural')!.centre.coordinates
    expect((await ok(call(who.resident, 'browse', { near: far }))).activities).toEqual([])
  })
})

const [a, b, c] = [who.resident, who.elderResident, 'demo-sun-xiuying']
/** An activity of one place: a has it, b and c wait in that order. */
async function aFullActivity() {
  const activityId = (await publish({ participantPlaces: 1, volunteerPlaces: 0, volunteerMinutes: 0 })).id
  for (const openid of [a, b, c]) await ok(call(openid, 'signUp', { activityId, role: 'participant' }))
  return activityId
}
/** As above, then a left and signed up again: b has the place, c waits first and a second. */
async function aRequeuedActivity() {
  const activityId = await aFullActivity()
  await ok(call(a, 'cancelSignUp', { activityId, role: 'participant' }))
  await ok(call(a, 'signUp', { activityId, role: 'participant' }))
  return activityId
}

describe('signing up: places, waitlist and promotion', () => {
  freshDatabasePerGroup(undefined, EVERYONE_CONSENTED)
  it('takes places while they last, then waitlists in order; a retry does not sign up twice', async () => {
    const activityId = (await publish({ participantPlaces: 1, volunteerPlaces: 0, volunteerMinutes: 0 })).id
    const first = await ok(call(a, 'signUp', { activityId, role: 'participant' }))
    expect(first.activity.mySignUps).toEqual([expect.objectContaining({ role: 'participant', status: 'confirmed', statusLabel: '已报名' })])
    expect(first.activity.participants).toEqual({ total: 1, taken: 1, left: 0, waitlisted: 0 })
    const second = await ok(call(b, 'signUp', { activityId, role: 'participant' }))
    expect(second.activity.mySignUps[0]).toMatchObject({ status: 'waitlisted', statusLabel: '候补中', waitlistPosition: 1 })
    expect((await ok(call(c, 'signUp', { activityId, role: 'participant' }))).activity.mySignUps[0].waitlistPosition).toBe(2)
    const again = await ok(call(a, 'signUp', { activityId, role: 'participant' }))
    expect(again.activity.mySignUps[0].status).toBe('confirmed')
    expect(await signUpDocs(activityId)).toHaveLength(3)
    await expectPlacesMatchSignUps(activityId)
  })

  it('one role per person, and no sign-ups for a role without places', async () => {
    const activityId = await aFullActivity()
    expect(await failure(call(a, 'signUp', { activityId, role: 'volunteer' }))).toEqual({ code: 'CONFLICT' })
    expect(await failure(call('demo-song-guiying', 'signUp', { activityId, role: 'volunteer' }))).toEqual({ code: 'CONFLICT' })
  })

  it('a cancellation promotes the first on the waitlist, who is told', async () => {
    const activityId = await aFullActivity()
    const { activity } = await ok(call(a, 'cancelSignUp', { activityId, role: 'participant' }))
    expect(activity.mySignUps).toEqual([])
    expect((await ok(call(b, 'detail', { activityId }))).activity.mySignUps[0]).toMatchObject({ status: 'confirmed' })
    expect((await ok(call(c, 'detail', { activityId }))).activity.mySignUps[0]).toMatchObject({ status: 'waitlisted', waitlistPosition: 1 })
    expect((await messagesAbout(activityId)).filter((m) => m.template === 'activityPromoted')).toEqual([
      { template: 'activityPromoted', to: b },
    ])
    await expectPlacesMatchSignUps(activityId)
  })

  it('a repeated cancellation changes nothing; cancelling what one never signed up for is NOT_FOUND', async () => {
    const activityId = await aFullActivity()
    await ok(call(a, 'cancelSignUp', { activityId, role: 'participant' }))
    await ok(call(a, 'cancelSignUp', { activityId, role: 'participant' }))
    expect((await messagesAbout(activityId)).filter((m) => m.template === 'activityPromoted')).toHaveLength(1)
    expect(await failure(call(b, 'cancelSignUp', { activityId, role: 'volunteer' }))).toEqual({ code: 'NOT_FOUND', field: 'data.role' })
    expect(await failure(call('demo-song-guiying', 'cancelSignUp', { activityId, role: 'participant' }))).toEqual({
      code: 'NOT_FOUND',
      field: 'data.role',
    })
  })

  it('signing up again after cancelling goes to the back of the queue', async () => {
    const activityId = await aFullActivity()
    await ok(call(a, 'cancelSignUp', { activityId, role: 'participant' }))
    const { activity } = await ok(call(a, 'signUp', { activityId, role: 'participant' }))
    expect(activity.mySignUps[0]).toMatchObject({ status: 'waitlisted', waitlistPosition: 2 })
    expect(await signUpDocs(activityId)).toHaveLength(3)
    await expectPlacesMatchSignUps(activityId)
  })

  it('a waitlisted person leaving promotes nobody', async () => {
    const activityId = await aRequeuedActivity()
    await ok(call(c, 'cancelSignUp', { activityId, role: 'participant' }))
    expect((await ok(call(a, 'detail', { activityId }))).activity.mySignUps[0]).toMatchObject({ status: 'waitlisted', waitlistPosition: 1 })
    expect((await messagesAbout(activityId)).filter((m) => m.template === 'activityPromoted')).toHaveLength(1)
  })

  it('takes no sign-ups after the deadline', async () => {
    const activityId = await aFullActivity()
    await database()
      .collection('activities')
      .doc(activityId)
      .update({ signUpDeadline: minutesFromNow(-1) })
    expect(await failure(call('demo-song-guiying', 'signUp', { activityId, role: 'participant' }))).toEqual({ code: 'CONFLICT' })
  })
})

describe('我的活动', () => {
  // Its own database: the tests above sign the same people up.
  freshDatabasePerGroup(undefined, EVERYONE_CONSENTED)

  it('我的活动 lists live sign-ups, still to come first', async () => {
    const activityId = await aRequeuedActivity()
    await ok(call(c, 'cancelSignUp', { activityId, role: 'participant' }))
    const { activities } = await ok(call(a, 'mine', {}))
    // Her place on the waitlist here, then the demo's 垃圾分类进楼院, finished last week.
    expect(activities.map((x) => [x.id, x.mySignUps[0].status, x.mySignUps[0].waitlistPosition])).toEqual([
      [activityId, 'waitlisted', 1],
      ['act-qy-lvguanjia-sorting', 'confirmed', undefined],
    ])
    expect((await ok(call(b, 'mine', {}))).activities.map((x) => [x.id, x.mySignUps[0].status])).toEqual([
      [activityId, 'confirmed'],
      ['act-qy-wenti-neighbour-feast', 'confirmed'],
    ])
    expect((await ok(call(c, 'mine', {}))).activities).toEqual([])
  })
})

describe('the race for the last places', () => {
  freshDatabasePerGroup(undefined, { latencyMs: CLOUDBASE_LATENCY_MS, ...EVERYONE_CONSENTED })
  const racers: PersonDoc[] = Array.from({ length: 50 }, (_, i) => ({
    _id: `p-racer-${i}`,
    openid: `test-racer-${i}`,
    name: `抢位${i}`,
    communityId: urban._id,
    preferences: { elderMode: 'auto' },
    createdAt: new Date(),
  }))
  beforeAll(() => insertAll('people', racers))
  const signUpAs = (openid: string, activityId: string) => ok(call(openid, 'signUp', { activityId, role: 'participant' }))

  it('50 sign-ups at once at CloudBase’s latency for the last 5 places: exactly 5 get one, 45 wait in distinct places, nobody is told to try later', async () => {
    const activityId = (await publish({ participantPlaces: 8, volunteerPlaces: 0, volunteerMinutes: 0 })).id
    for (const openid of residents.slice(0, 3)) await ok(call(openid, 'signUp', { activityId, role: 'participant' }))
    // ok() fails the test on any refusal, a CONFLICT for giving up among them.
    const answers = await Promise.all(racers.map((r) => ok(call(r.openid, 'signUp', { activityId, role: 'participant' }))))
    const mine = answers.map((x) => x.activity.mySignUps[0])
    expect(mine.filter((s) => s.status === 'confirmed')).toHaveLength(5)
    const positions = mine.filter((s) => s.status === 'waitlisted').map((s) => s.waitlistPosition!)
    expect(positions).toHaveLength(45)
    // Positions answered as each committed; the final ones are 1..45 with none shared.
    const { activity } = await ok(call(who.resident, 'detail', { activityId }))
    expect(activity.participants).toEqual({ total: 8, taken: 8, left: 0, waitlisted: 45 })
    const finalPositions = await Promise.all(
      racers.map(async (r) => (await ok(call(r.openid, 'detail', { activityId }))).activity.mySignUps[0].waitlistPosition),
    )
    expect(finalPositions.filter((p) => p !== undefined).sort((x, y) => x! - y!)).toEqual(Array.from({ length: 45 }, (_, i) => i + 1))
    expect(await signUpDocs(activityId)).toHaveLength(53)
    await expectPlacesMatchSignUps(activityId)
  })

  it('half the crowd signs up while 4 with a place cancel: the first 4 waiting are promoted and told, nobody is listed twice, the counts add up', async () => {
    const activityId = (await publish({ participantPlaces: 8, volunteerPlaces: 0, volunteerMinutes: 0 })).id
    const [early, late] = [racers.slice(0, 25), racers.slice(25)]
    await Promise.all(early.map((r) => signUpAs(r.openid, activityId)))
    const before = (await activityDoc(activityId)).places.participant
    const leaving = before.confirmed.slice(0, 4).map((e) => e.openid)
    const waitingInOrder = (places: typeof before) =>
      [...places.waitlisted].sort((x, y) => waitlistPosition(placeFacts(places), x.id)! - waitlistPosition(placeFacts(places), y.id)!)
    const firstWaiting = waitingInOrder(before).map((e) => e.openid)
    expect(firstWaiting).toHaveLength(17)

    await Promise.all([
      ...late.map((r) => signUpAs(r.openid, activityId)),
      ...leaving.map((openid) => ok(call(openid, 'cancelSignUp', { activityId, role: 'participant' }))),
    ])
    const after = (await activityDoc(activityId)).places.participant
    const listed = [...after.confirmed, ...after.waitlisted].map((e) => e.openid)
    expect(new Set(listed).size).toBe(listed.length)
    expect(after.confirmed).toHaveLength(8)
    expect(after.waitlisted).toHaveLength(17 - 4 + 25)
    expect(listed.filter((o) => leaving.includes(o))).toEqual([])
    const promoted = after.confirmed.map((e) => e.openid).filter((o) => !before.confirmed.some((e) => e.openid === o))
    expect(promoted.sort()).toEqual(firstWaiting.slice(0, 4).sort())
    // The early ones still waiting keep their order, ahead of everyone who came later.
    const waitingAfter = waitingInOrder(after).map((e) => e.openid)
    expect(waitingAfter.slice(0, 13)).toEqual(firstWaiting.slice(4))
    expect(waitingAfter.slice(13).sort()).toEqual(late.map((r) => r.openid).sort())
    // Told in the 消息 centre: the racers never accepted WeChat's subscribe messages.
    const told = ((await allDocuments('inbox')) as InboxDoc[])
      .filter((m) => m.kind === 'activityPromoted' && m.page === `${ACTIVITY_PAGE}?id=${activityId}`)
      .map((m) => m.openid)
    expect(told.sort()).toEqual(firstWaiting.slice(0, 4).sort())
    const signUps = await signUpDocs(activityId)
    expect(
      signUps
        .filter((s) => s.status === 'cancelled')
        .map((s) => s.openid)
        .sort(),
    ).toEqual([...leaving].sort())
    expect(signUps).toHaveLength(50)
    await expectPlacesMatchSignUps(activityId)
  })

  it('the same person tapping twice at once gets one entry and one sign-up, for a place or on the waitlist', async () => {
    const activityId = (await publish({ participantPlaces: 1, volunteerPlaces: 0, volunteerMinutes: 0 })).id
    for (const [openid, status] of [
      [racers[0].openid, 'confirmed'],
      [racers[1].openid, 'waitlisted'],
    ] as const) {
      const answers = await Promise.all([signUpAs(openid, activityId), signUpAs(openid, activityId)])
      expect(answers.map((a) => a.activity.mySignUps[0].status)).toEqual([status, status])
    }
    expect((await activityDoc(activityId)).places.participant).toEqual({
      confirmed: [expect.objectContaining({ openid: racers[0].openid })],
      waitlisted: [expect.objectContaining({ openid: racers[1].openid })],
    })
    expect(await signUpDocs(activityId)).toHaveLength(2)
    await expectPlacesMatchSignUps(activityId)
  })
})

describe('a sign-up whose call died after claiming its place, before writing the sign-up', () => {
  freshDatabasePerGroup(undefined, EVERYONE_CONSENTED)
  const [a, b, c, d] = [who.resident, who.elderResident, 'demo-sun-xiuying', 'demo-song-guiying']
  const signUpAs = (openid: string, activityId: string) => ok(call(openid, 'signUp', { activityId, role: 'participant' }))
  const cancelAs = (openid: string, activityId: string) => ok(call(openid, 'cancelSignUp', { activityId, role: 'participant' }))
  const signUpOf = async (activityId: string, openid: string) =>
    (await signUpDocs(activityId)).find((s) => s._id === signUpDocId(activityId, openid))

  /** All such a call leaves: the person's entry in the lists. */
  async function claimOnly(activityId: string, openid: string, list: 'confirmed' | 'waitlisted') {
    const entry = { id: signUpDocId(activityId, openid), openid, at: new Date() }
    await database()
      .collection('activities')
      .doc(activityId)
      .update({ [`places.participant.${list}`]: database().command.push(entry) })
    return entry
  }

  it('a retry writes the sign-up as the lists say, or restores a cancelled one', async () => {
    const activityId = (await publish({ participantPlaces: 1, volunteerPlaces: 0, volunteerMinutes: 0 })).id
    const entry = await claimOnly(activityId, a, 'confirmed')
    expect((await ok(call(a, 'detail', { activityId }))).activity.mySignUps).toEqual([])
    expect((await signUpAs(a, activityId)).activity.mySignUps[0]).toMatchObject({ status: 'confirmed' })
    expect(await signUpOf(activityId, a)).toMatchObject({ status: 'confirmed', signedUpAt: entry.at })

    await signUpAs(b, activityId)
    await cancelAs(b, activityId)
    await claimOnly(activityId, b, 'waitlisted')
    expect((await signUpAs(b, activityId)).activity.mySignUps[0]).toMatchObject({ status: 'waitlisted', waitlistPosition: 1 })
    expect(await signUpOf(activityId, b)).not.toHaveProperty('cancelledAt')
    expect((await activityDoc(activityId)).places.participant.waitlisted).toHaveLength(1)
    await expectPlacesMatchSignUps(activityId)
  })

  it('a cancellation promoting such a person writes their sign-up; such a person can cancel', async () => {
    const activityId = (await publish({ participantPlaces: 1, volunteerPlaces: 0, volunteerMinutes: 0 })).id
    await signUpAs(a, activityId)
    await claimOnly(activityId, c, 'waitlisted')
    await cancelAs(a, activityId)
    expect(await signUpOf(activityId, c)).toMatchObject({ status: 'confirmed', promotedAt: expect.any(Date) })
    expect((await messagesAbout(activityId)).filter((m) => m.template === 'activityPromoted')).toEqual([
      { template: 'activityPromoted', to: c },
    ])

    // Signed up and cancelled before: the old sign-up says cancelled while the lists hold the new claim.
    await signUpAs(d, activityId)
    await cancelAs(d, activityId)
    await claimOnly(activityId, d, 'waitlisted')
    await cancelAs(d, activityId)
    expect((await activityDoc(activityId)).places.participant.waitlisted).toEqual([])
    expect(await signUpOf(activityId, d)).toMatchObject({ status: 'cancelled' })
    await expectPlacesMatchSignUps(activityId)
  })
})

describe('the lead calls an activity off', () => {
  freshDatabasePerGroup(undefined, EVERYONE_CONSENTED)

  it('with a reason, audited; everyone with a place or on the waitlist is told; no more sign-ups', async () => {
    const activityId = (await publish({ participantPlaces: 1, volunteerPlaces: 0, volunteerMinutes: 0 })).id
    await ok(call(who.resident, 'signUp', { activityId, role: 'participant' }))
    await ok(call(who.elderResident, 'signUp', { activityId, role: 'participant' }))
    expect(await failure(call(lead, 'cancel', { organisationId: organisation._id, activityId, reason: ' ' }))).toEqual({
      code: 'INVALID_INPUT',
      field: 'data.reason',
    })
    const { activity } = await ok(call(lead, 'cancel', { organisationId: organisation._id, activityId, reason: '明天有大风降温' }))
    expect(activity).toMatchObject({ status: 'cancelled', cancelledReason: '明天有大风降温' })
    const told = (await messagesAbout(activityId)).filter((m) => m.template === 'activityCancelled').map((m) => m.to)
    expect(told.sort()).toEqual([who.resident, who.elderResident].sort())
    expect((await audit('activity.cancel')).map((e) => e.activityId)).toEqual([activityId])
    expect(await failure(call('demo-sun-xiuying', 'signUp', { activityId, role: 'participant' }))).toEqual({ code: 'CONFLICT' })
    expect(await failure(call(lead, 'cancel', { organisationId: organisation._id, activityId, reason: '再取消一次' }))).toEqual({
      code: 'CONFLICT',
    })
  })

  it('another organisation’s lead cannot reach it: its activity answers NOT_FOUND under their own organisation', async () => {
    const activityId = (await publish()).id
    const other = demoDataSet.organisations.find((o) => o._id === 'org-qy-zhucan')!
    expect(await failure(call(other.leadOpenid, 'cancel', { organisationId: other._id, activityId, reason: '试试' }))).toEqual({
      code: 'NOT_FOUND',
      field: 'data.activityId',
    })
  })
})

describe('checking in and out with the rotating code', () => {
  freshDatabasePerGroup(undefined, EVERYONE_CONSENTED)
  const [participant, volunteer, waiting, guesser, noPhone] = [
    who.resident,
    'demo-cao-lihua',
    'demo-sun-xiuying',
    who.elderResident,
    'demo-song-guiying',
  ]
  const codeFor = async (purpose: 'check_in' | 'check_out', activityId: string) => {
    const answer = await ok(call(lead, 'checkInCode', { organisationId: organisation._id, activityId, purpose }))
    if (answer.state !== 'open') throw new Error(`the ${purpose} code is ${answer.state}`)
    return answer
  }
  const secret = () => process.env.LINLI_CHECKIN_SECRET!
  /** An activity starting soon: three participants and a volunteer have places, another volunteer waits. */
  async function anActivityToCheckInto() {
    const activityId = (await publish({ participantPlaces: 3, volunteerPlaces: 1 })).id
    await ok(call(participant, 'signUp', { activityId, role: 'participant' }))
    await ok(call(guesser, 'signUp', { activityId, role: 'participant' }))
    await ok(call(noPhone, 'signUp', { activityId, role: 'participant' }))
    await ok(call(volunteer, 'signUp', { activityId, role: 'volunteer' }))
    await ok(call(waiting, 'signUp', { activityId, role: 'volunteer' }))
    return activityId
  }

  it('the lead’s code changes every minute; scanning it checks in once, and a second scan answers the first record', async () => {
    const activityId = await anActivityToCheckInto()
    const code = await codeFor('check_in', activityId)
    expect(code.shortCode).toMatch(/^\d{6}$/)
    expect(new Date(code.expiresAt).getTime() - new Date(code.rotatesAt).getTime()).toBe(60_000)
    const first = await ok(call(participant, 'checkIn', { activityId, purpose: 'check_in', qrPayload: code.qrPayload }))
    expect(first.signUp).toMatchObject({ status: 'confirmed', checkedInAt: expect.any(String) })
    const again = await ok(call(participant, 'checkIn', { activityId, purpose: 'check_in', qrPayload: code.qrPayload }))
    expect(again.signUp.checkedInAt).toBe(first.signUp.checkedInAt)
  })

  it('refuses a forged QR, an expired one, another activity’s, and the check-out code used to check in, each saying why', async () => {
    const activityId = await anActivityToCheckInto()
    const otherId = (await publish({ title: '另一场' })).id
    const code = await codeFor('check_in', activityId)
    const parts = code.qrPayload.split('.')
    const forged = [...parts.slice(0, 4), parts[4].replace(/^./, (ch) => (ch === 'A' ? 'B' : 'A'))].join('.')
    const expired = issueCheckInCode({ activityId, purpose: 'check_in', secret: secret(), now: minutesFromNow(-5) }).qrPayload
    const attempts: [string, RegExp][] = [
      [forged, /不是有效的签到码/],
      ['LLCI1.whatever', /不是有效的签到码/],
      [issueCheckInCode({ activityId, purpose: 'check_in', secret: 'x'.repeat(40), now: testClock.now() }).qrPayload, /不是有效的签到码/],
      [expired, /已过期/],
      [(await codeFor('check_in', otherId)).qrPayload, /另一个活动/],
      [(await codeFor('check_out', activityId)).qrPayload, /这是签退码/],
    ]
    for (const [qrPayload, message] of attempts) {
      const answer = await call(volunteer, 'checkIn', { activityId, purpose: 'check_in', qrPayload })
      expect(answer).toMatchObject({
        ok: false,
        error: { code: 'INVALID_INPUT', field: 'data.qrPayload', message: expect.stringMatching(message) },
      })
    }
    expect((await signUpDocs(activityId)).find((s) => s.openid === volunteer)!.checkedInAt).toBeUndefined()
  })

  it('checks out only after checking in, with the check-out code', async () => {
    const activityId = await anActivityToCheckInto()
    const out = await codeFor('check_out', activityId)
    expect(await failure(call(volunteer, 'checkIn', { activityId, purpose: 'check_out', qrPayload: out.qrPayload }))).toEqual({
      code: 'CONFLICT',
    })
    await ok(call(volunteer, 'checkIn', { activityId, purpose: 'check_in', shortCode: (await codeFor('check_in', activityId)).shortCode }))
    const { signUp } = await ok(call(volunteer, 'checkIn', { activityId, purpose: 'check_out', qrPayload: out.qrPayload }))
    expect(signUp).toMatchObject({ checkedInAt: expect.any(String), checkedOutAt: expect.any(String) })
  })

  it('only a confirmed sign-up checks in: the waitlisted and strangers are refused', async () => {
    const activityId = await anActivityToCheckInto()
    const { qrPayload } = await codeFor('check_in', activityId)
    expect(await failure(call(waiting, 'checkIn', { activityId, purpose: 'check_in', qrPayload }))).toEqual({ code: 'CONFLICT' })
    expect(await failure(call('demo-li-dezhong', 'checkIn', { activityId, purpose: 'check_in', qrPayload }))).toEqual({
      code: 'NOT_FOUND',
      field: 'data.activityId',
    })
  })

  it(`limits typed codes to ${SHORT_CODE_ATTEMPTS} wrong ones, counting guesses made at the same moment`, async () => {
    const activityId = await anActivityToCheckInto()
    const { shortCode } = await codeFor('check_in', activityId)
    const wrong = String((Number(shortCode) + 1) % 1_000_000).padStart(6, '0')
    const answers = await Promise.all(
      Array.from({ length: 8 }, () => call(guesser, 'checkIn', { activityId, purpose: 'check_in', shortCode: wrong })),
    )
    const codes = answers.map((x) => (x.ok ? 'ok' : `${x.error.code} ${x.error.field}`)).sort()
    expect(codes).toEqual([...Array(5).fill('INVALID_INPUT data.shortCode'), ...Array(3).fill('RATE_LIMITED data.shortCode')])
    // Even the right code waits now; the QR still works.
    expect(await failure(call(guesser, 'checkIn', { activityId, purpose: 'check_in', shortCode }))).toEqual({
      code: 'RATE_LIMITED',
      field: 'data.shortCode',
    })
    const { qrPayload } = await codeFor('check_in', activityId)
    expect((await ok(call(guesser, 'checkIn', { activityId, purpose: 'check_in', qrPayload }))).signUp.checkedInAt).toEqual(
      expect.any(String),
    )
  })

  it('the lead ticks someone without a phone, once; not the waitlisted, not another activity’s sign-up', async () => {
    const activityId = await anActivityToCheckInto()
    const otherId = (await publish({ title: '另一场' })).id
    const ref = { organisationId: organisation._id, activityId }
    const noPhoneId = signUpDocId(activityId, noPhone)
    expect(await failure(call(lead, 'markAttendance', { ...ref, signUpId: noPhoneId, purpose: 'check_out' }))).toEqual({ code: 'CONFLICT' })
    const { entry } = await ok(call(lead, 'markAttendance', { ...ref, signUpId: noPhoneId, purpose: 'check_in' }))
    expect(entry).toMatchObject({ name: '宋桂英', checkInBy: 'lead', checkedInAt: expect.any(String) })
    const again = await ok(call(lead, 'markAttendance', { ...ref, signUpId: noPhoneId, purpose: 'check_in' }))
    expect(again.entry.checkedInAt).toBe(entry.checkedInAt)
    expect(
      await failure(call(lead, 'markAttendance', { ...ref, signUpId: signUpDocId(activityId, waiting), purpose: 'check_in' })),
    ).toEqual({ code: 'CONFLICT' })
    expect(
      await failure(call(lead, 'markAttendance', { ...ref, signUpId: signUpDocId(otherId, participant), purpose: 'check_in' })),
    ).toEqual({
      code: 'NOT_FOUND',
      field: 'data.signUpId',
    })
  })

  it('no code before check-in opens, an hour before the start', async () => {
    const startAt = minutesFromNow(24 * 60)
    const later = (await publish({ startAt: iso(startAt), endAt: iso(minutesFromNow(26 * 60)), signUpDeadline: iso(minutesFromNow(60)) }))
      .id
    // Not yet is an answer, not a failure: the lead's page says when the codes open.
    expect(await ok(codeForFailure(later))).toEqual({ state: 'notYet', opensAt: iso(new Date(startAt.getTime() - 60 * 60_000)) })
    await ok(call(participant, 'signUp', { activityId: later, role: 'participant' }))
    const early = issueCheckInCode({ activityId: later, purpose: 'check_in', secret: secret(), now: testClock.now() }).qrPayload
    expect(await failure(call(participant, 'checkIn', { activityId: later, purpose: 'check_in', qrPayload: early }))).toEqual({
      code: 'CONFLICT',
    })
  })
  it('after the end the lead is told the codes are closed: check-in at the end, check-out an hour later', async () => {
    const activityId = (await publish()).id
    const answer = (purpose: 'check_in' | 'check_out') =>
      ok(call(lead, 'checkInCode', { organisationId: organisation._id, activityId, purpose }))
    const moved = (150 + 1) * 60_000
    testClock.advance(moved)
    try {
      expect(await answer('check_in')).toEqual({ state: 'closed' })
      expect(await answer('check_out')).toMatchObject({ state: 'open' })
      testClock.advance(CHECK_OUT_CLOSES_MINUTES * 60_000)
      expect(await answer('check_out')).toEqual({ state: 'closed' })
    } finally {
      testClock.advance(-moved - CHECK_OUT_CLOSES_MINUTES * 60_000)
    }
  })
  const codeForFailure = (id: string) =>
    call(lead, 'checkInCode', { organisationId: organisation._id, activityId: id, purpose: 'check_in' })

  it('a function without its secret refuses to sign rather than signing weakly', async () => {
    const activityId = await anActivityToCheckInto()
    const saved = process.env.LINLI_CHECKIN_SECRET
    delete process.env.LINLI_CHECKIN_SECRET
    try {
      expect(await failure(codeForFailure(activityId))).toEqual({ code: 'INTERNAL' })
    } finally {
      process.env.LINLI_CHECKIN_SECRET = saved
    }
  })

  it('the roster lists places then the waitlist, with attendance and how it was taken', async () => {
    const activityId = await anActivityToCheckInto()
    const { qrPayload } = await codeFor('check_in', activityId)
    for (const openid of [participant, guesser, volunteer])
      await ok(call(openid, 'checkIn', { activityId, purpose: 'check_in', qrPayload }))
    await ok(
      call(lead, 'markAttendance', {
        organisationId: organisation._id,
        activityId,
        signUpId: signUpDocId(activityId, noPhone),
        purpose: 'check_in',
      }),
    )
    const { entries, activity } = await ok(call(lead, 'roster', { organisationId: organisation._id, activityId }))
    expect(activity.id).toBe(activityId)
    expect(entries.map((e) => [e.name, e.status, e.checkInBy ?? null])).toEqual([
      ['杨丽', 'confirmed', 'code'],
      ['王桂兰', 'confirmed', 'code'],
      ['宋桂英', 'confirmed', 'lead'],
      ['曹丽华', 'confirmed', 'code'],
      ['孙秀英', 'waitlisted', null],
    ])
    expect(entries[4]).toMatchObject({ waitlistPosition: 1, phone: expect.any(String) })
  })
})

const [participant, absent, v1, v2, v3] = [who.resident, who.elderResident, 'demo-cao-lihua', 'demo-gao-peng', memberVolunteer]
const idsIn = (activityId: string) => ({
  v1: signUpDocId(activityId, v1),
  v2: signUpDocId(activityId, v2),
  v3: signUpDocId(activityId, v3),
  p: signUpDocId(activityId, participant),
})
const confirmIn = (activityId: string, hours: { signUpId: string; minutes: number }[]) =>
  call(lead, 'confirmHours', { organisationId: organisation._id, activityId, hours })
/** An activity about to start: two participants and three volunteers; the first participant and two volunteers checked in. */
async function anAttendedActivity() {
  const activityId = (await publish({ participantPlaces: 2, volunteerPlaces: 3 })).id
  for (const openid of [participant, absent]) await ok(call(openid, 'signUp', { activityId, role: 'participant' }))
  for (const openid of [v1, v2, v3]) await ok(call(openid, 'signUp', { activityId, role: 'volunteer' }))
  const code = await ok(call(lead, 'checkInCode', { organisationId: organisation._id, activityId, purpose: 'check_in' }))
  if (code.state !== 'open') throw new Error(`the check-in code is ${code.state}`)
  for (const openid of [participant, v1, v2])
    await ok(call(openid, 'checkIn', { activityId, purpose: 'check_in', qrPayload: code.qrPayload }))
  return activityId
}
/** As above, then over: two hours, ended ten minutes ago; v1 came five minutes late, v2 half an hour early and stayed half an hour on. */
async function anEndedActivity() {
  const activityId = await anAttendedActivity()
  const startAt = minutesFromNow(-130)
  const endAt = minutesFromNow(-10)
  await setTimes(activityId, { startAt, endAt })
  await setSignUp(idsIn(activityId).v1, { checkedInAt: new Date(startAt.getTime() + 5 * 60_000), checkedOutAt: endAt })
  await setSignUp(idsIn(activityId).v2, {
    checkedInAt: new Date(startAt.getTime() - 30 * 60_000),
    checkedOutAt: new Date(endAt.getTime() + 30 * 60_000),
  })
  return activityId
}
const confirmedHours = (activityId: string) => [
  { signUpId: idsIn(activityId).v1, minutes: 115 },
  { signUpId: idsIn(activityId).v2, minutes: 120 },
  { signUpId: idsIn(activityId).v3, minutes: 0 },
]

describe('after the end: hours confirmed once, ratings, finishing', () => {
  freshDatabasePerGroup(undefined, EVERYONE_CONSENTED)
  it('refuses hours and ratings before the end', async () => {
    const activityId = await anAttendedActivity()
    expect(await failure(confirmIn(activityId, [{ signUpId: idsIn(activityId).v1, minutes: 60 }]))).toEqual({ code: 'CONFLICT' })
    expect(await failure(call(participant, 'rate', { activityId, rating: 5 }))).toEqual({ code: 'CONFLICT' })
  })

  it('the roster proposes each volunteer’s minutes from check-in to check-out, capped at the length', async () => {
    const activityId = await anEndedActivity()
    const { entries } = await ok(call(lead, 'roster', { organisationId: organisation._id, activityId }))
    const measured = Object.fromEntries(entries.map((e) => [e.signUpId, e.measuredMinutes]))
    expect(measured[idsIn(activityId).v1]).toBe(115)
    expect(measured[idsIn(activityId).v2]).toBe(120)
    expect(measured[idsIn(activityId).v3]).toBeUndefined()
    expect(measured[idsIn(activityId).p]).toBeUndefined()
  })

  it('refuses minutes over the length, a participant, a stranger, a volunteer never there, and the same person twice', async () => {
    const activityId = await anEndedActivity()
    expect(await failure(confirmIn(activityId, [{ signUpId: idsIn(activityId).v1, minutes: 121 }]))).toEqual({
      code: 'INVALID_INPUT',
      field: 'data.hours.0.minutes',
    })
    expect(await failure(confirmIn(activityId, [{ signUpId: idsIn(activityId).p, minutes: 60 }]))).toEqual({
      code: 'INVALID_INPUT',
      field: 'data.hours.0.signUpId',
    })
    expect(await failure(confirmIn(activityId, [{ signUpId: 'nobody', minutes: 60 }]))).toEqual({
      code: 'NOT_FOUND',
      field: 'data.hours.0.signUpId',
    })
    expect(await failure(confirmIn(activityId, [{ signUpId: idsIn(activityId).v3, minutes: 60 }]))).toEqual({
      code: 'INVALID_INPUT',
      field: 'data.hours.0.minutes',
    })
    expect(
      await failure(
        confirmIn(activityId, [
          { signUpId: idsIn(activityId).v1, minutes: 60 },
          { signUpId: idsIn(activityId).v1, minutes: 60 },
        ]),
      ),
    ).toEqual({ code: 'INVALID_INPUT', field: 'data.hours' })
    expect(await serviceRecords(activityId)).toEqual([])
  })

  it('writes one service record per volunteer with minutes and credits it once, whatever the repeats and races', async () => {
    const activityId = await anEndedActivity()
    const balance = async (openid: string) => (await ok(callTimebank(openid, 'account', {}))).total
    const before = { v1: await balance(v1), v2: await balance(v2), v3: await balance(v3) }
    const hours = confirmedHours(activityId)
    const answers = await Promise.all(Array.from({ length: 5 }, () => confirmIn(activityId, hours)))
    expect(answers.every((x) => x.ok)).toBe(true)
    await ok(confirmIn(activityId, hours))
    // The time bank's due work credits them, each once, whatever the repeats.
    await Promise.all([runDueWork(testClock.now()), runDueWork(testClock.now())])
    const records = await serviceRecords(activityId)
    expect(records.map((r) => [r._id, r.openid, r.minutes]).sort()).toEqual(
      [
        [`activity-${activityId}-${idsIn(activityId).v1}`, v1, 115],
        [`activity-${activityId}-${idsIn(activityId).v2}`, v2, 120],
      ].sort(),
    )
    for (const r of records) {
      expect(r).toMatchObject({
        communityId: urban._id,
        organisationId: organisation._id,
        source: { kind: 'activity', id: activityId, title: '楼道清扫' },
        confirmedByOpenid: lead,
        credit: { status: 'credited' },
      })
    }
    expect({ v1: await balance(v1), v2: await balance(v2), v3: await balance(v3) }).toEqual({
      v1: before.v1 + 115,
      v2: before.v2 + 120,
      v3: before.v3,
    })
    const { entries } = await ok(call(lead, 'roster', { organisationId: organisation._id, activityId }))
    expect(Object.fromEntries(entries.map((e) => [e.signUpId, e.confirmedMinutes]))).toMatchObject({
      [idsIn(activityId).v1]: 115,
      [idsIn(activityId).v2]: 120,
      [idsIn(activityId).v3]: 0,
    })
    expect((await ok(call(v1, 'detail', { activityId }))).activity.mySignUps[0].confirmedMinutes).toBe(115)
  })

  it('confirmed is final: other minutes are a conflict, and the lead cannot re-tick attendance', async () => {
    const activityId = await anEndedActivity()
    await ok(confirmIn(activityId, confirmedHours(activityId)))
    expect(await failure(confirmIn(activityId, [{ signUpId: idsIn(activityId).v1, minutes: 100 }]))).toEqual({
      code: 'CONFLICT',
      field: 'data.hours.0.minutes',
    })
    expect(
      await failure(
        call(lead, 'markAttendance', { organisationId: organisation._id, activityId, signUpId: idsIn(activityId).v3, purpose: 'check_in' }),
      ),
    ).toEqual({ code: 'CONFLICT' })
    expect(await serviceRecords(activityId)).toHaveLength(2)
  })

  it('those who took part rate once, comments checked; others may not', async () => {
    const activityId = await anEndedActivity()
    const ratingOf = async () =>
      ((await allDocuments('organisations')) as OrganisationDoc[]).find((o) => o._id === organisation._id)!.rating
    const before = (await ratingOf()) ?? { sum: 0, count: 0 }
    expect((await ok(call(participant, 'detail', { activityId }))).activity.canRate).toBe(true)
    expect((await ok(call(absent, 'detail', { activityId }))).activity.canRate).toBe(false)
    expect(await failure(call(absent, 'rate', { activityId, rating: 1 }))).toEqual({ code: 'CONFLICT' })
    expect(await failure(call(participant, 'rate', { activityId, rating: 4, comment: '有人在搞赌博' }))).toEqual({
      code: 'CONTENT_REJECTED',
      field: 'data.comment',
    })
    const { activity } = await ok(call(participant, 'rate', { activityId, rating: 4, comment: '楼道干净多了。' }))
    expect(activity).toMatchObject({ canRate: false, rating: { average: 4, count: 1 } })
    expect(await failure(call(participant, 'rate', { activityId, rating: 5 }))).toEqual({ code: 'CONFLICT' })
    await ok(call(v1, 'rate', { activityId, rating: 5 }))
    expect(await ratingOf()).toEqual({ sum: before.sum + 9, count: before.count + 2 })
  })
})

describe('after the end: finishing', () => {
  // Its own database: the due work finishes every activity that has ended, and the tests above end theirs.
  freshDatabasePerGroup(undefined, EVERYONE_CONSENTED)

  it('the due work finishes it, counts it for the organisation, and then shows the comments', async () => {
    const activityId = await anEndedActivity()
    await ok(call(participant, 'rate', { activityId, rating: 4, comment: '楼道干净多了。' }))
    const held = async () =>
      ((await allDocuments('organisations')) as OrganisationDoc[]).find((o) => o._id === organisation._id)!.activitiesHeld ?? 0
    const before = await held()
    expect((await ok(call(participant, 'detail', { activityId }))).activity.comments).toEqual([])
    const done = await runDueWork(testClock.now())
    expect(done.activitiesFinished).toBe(1)
    expect((await runDueWork(testClock.now())).activitiesFinished).toBe(0)
    expect(await held()).toBe(before + 1)
    const { activity } = await ok(call(who.civilAffairs, 'detail', { activityId }))
    expect(activity).toMatchObject({ status: 'finished', comments: [{ name: '杨*', rating: 4, comment: '楼道干净多了。' }] })
    const profile = await ok(callOrganisations(who.resident, 'profile', { organisationId: organisation._id }))
    expect(profile.organisation.activitiesHeld).toBe(before + 1)
  })
})

describe('reminders before the start', () => {
  freshDatabasePerGroup(undefined, EVERYONE_CONSENTED)

  it('a day before and an hour before, once each, to those with a place only', async () => {
    const startsIn = 30 * 60
    const activityId = (
      await publish({
        participantPlaces: 1,
        volunteerPlaces: 0,
        volunteerMinutes: 0,
        startAt: iso(minutesFromNow(startsIn)),
        endAt: iso(minutesFromNow(startsIn + 60)),
        signUpDeadline: iso(minutesFromNow(60)),
      })
    ).id
    await ok(call(who.resident, 'signUp', { activityId, role: 'participant' }))
    await ok(call(who.elderResident, 'signUp', { activityId, role: 'participant' }))
    const reminders = async () => (await messagesAbout(activityId)).filter((m) => m.template === 'activityReminder')
    await runDueWork(minutesFromNow(startsIn - 25 * 60))
    expect(await reminders()).toEqual([])
    await runDueWork(minutesFromNow(startsIn - 23 * 60))
    await runDueWork(minutesFromNow(startsIn - 22 * 60))
    expect(await reminders()).toEqual([{ template: 'activityReminder', to: who.resident }])
    await Promise.all([runDueWork(minutesFromNow(startsIn - 30)), runDueWork(minutesFromNow(startsIn - 30))])
    await runDueWork(minutesFromNow(startsIn - 10))
    expect(await reminders()).toHaveLength(2)
    expect((await activityDoc(activityId)).reminded).toBe('hour')
  })
})

describe('为老服务: the elderly ask for the service, apart from the volunteers (decision 037)', () => {
  freshDatabasePerGroup(undefined, EVERYONE_CONSENTED)

  it('the lead marks it when publishing; residents sign up as 服务对象 within their own places, volunteers within theirs', async () => {
    const haircut = await publish({ title: '上门理发', servesElders: true, participantPlaces: 1, volunteerPlaces: 1 })
    expect(haircut.servesElders).toBe(true)
    expect((await activityDoc(haircut.id)).servesElders).toBe(true)

    const asked = (await ok(call(who.elderResident, 'signUp', { activityId: haircut.id, role: 'participant' }))).activity
    expect(asked.mySignUps).toMatchObject([{ role: 'participant', roleLabel: '服务对象', status: 'confirmed' }])
    const helping = (await ok(call(memberVolunteer, 'signUp', { activityId: haircut.id, role: 'volunteer' }))).activity
    expect(helping.mySignUps).toMatchObject([{ role: 'volunteer', roleLabel: '志愿者', status: 'confirmed' }])
    // The one place for those served is taken: the next waits, however many volunteer places there are.
    const waiting = (await ok(call(who.resident, 'signUp', { activityId: haircut.id, role: 'participant' }))).activity
    expect(waiting.mySignUps).toMatchObject([{ roleLabel: '服务对象', status: 'waitlisted', waitlistPosition: 1 }])
    expect(waiting.participants).toEqual({ total: 1, taken: 1, left: 0, waitlisted: 1 })
    expect(waiting.volunteers).toEqual({ total: 1, taken: 1, left: 0, waitlisted: 0 })

    // The roster tells them apart, and the lead ticks in an elder without a phone like anyone else.
    const { entries } = await ok(call(lead, 'roster', { organisationId: organisation._id, activityId: haircut.id }))
    expect(entries.map((e) => [e.name, e.roleLabel, e.status])).toEqual([
      [personName(who.elderResident), '服务对象', 'confirmed'],
      [personName(memberVolunteer), '志愿者', 'confirmed'],
      [personName(who.resident), '服务对象', 'waitlisted'],
    ])
    const elder = entries.find((e) => e.name === personName(who.elderResident))!
    const { entry } = await ok(
      call(lead, 'markAttendance', {
        organisationId: organisation._id,
        activityId: haircut.id,
        signUpId: elder.signUpId,
        purpose: 'check_in',
      }),
    )
    expect(entry).toMatchObject({ roleLabel: '服务对象', checkInBy: 'lead' })
    expect(entry.checkedInAt).toBeDefined()
  })

  it('an activity not marked keeps 参与者; marked without places for those served it is refused at the field, and nothing is written', async () => {
    const reading = await publish({ title: '读报会', participantPlaces: 2 })
    expect(reading.servesElders).toBe(false)
    const joined = (await ok(call(who.elderResident, 'signUp', { activityId: reading.id, role: 'participant' }))).activity
    expect(joined.mySignUps).toMatchObject([{ roleLabel: '参与者' }])

    const before = (await allDocuments('activities')).length
    expect(await failure(call(lead, 'publish', publishInput({ servesElders: true, participantPlaces: 0, volunteerPlaces: 3 })))).toEqual({
      code: 'INVALID_INPUT',
      field: 'data.participantPlaces',
    })
    expect((await allDocuments('activities')).length).toBe(before)
  })
})
