/**
 * The first acceptance wins under concurrent calls, and what each role sees of one need.
 * Also: the scheduler function runs for a timer trigger only.
 */
import { randomUUID } from 'node:crypto'
import { main as scheduler } from '../../cloudfunctions/scheduler/main'
import { platformContext } from '../../local/host/platform-context'
import { demoDataSet, demoIdentities as who } from '../../local/seed/demo-data'
import { allDocuments, insertAll } from '../../server/data/maintenance'
import type { AuditDoc, NeedDoc, OfferDoc, OrganisationDoc } from '../../server/data/documents'
import { BUSY_MESSAGE } from '../../server/data/transaction'
import type { RaiseNeedInput } from '../../shared/contracts/needs'
import { CLOUDBASE_LATENCY_MS, startTestDatabase, testClock, type TestDatabase } from '../support/database'
import { callNeeds as call, failure, ok } from './calls'

const urban = demoDataSet.communities.find((c) => c.kind === 'urban')!
/**
 * Seventeen more organisations like 夕阳红, each with its own lead, so that twenty can hold an offer
 * of one need; they give no kind of help, so that matching never offers them anything itself.
 */
const template = demoDataSet.organisations.find((o) => o._id === 'org-qy-xiyanghong')!
const crowd: OrganisationDoc[] = Array.from({ length: 17 }, (_, i) => ({
  ...template,
  _id: `org-test-crowd-${i}`,
  name: `测试服务队${i}`,
  inviteCode: `CRWD${String(i).padStart(2, '0')}`,
  leadOpenid: `test-crowd-lead-${i}`,
  helpKinds: [],
}))
const leadOf = (organisationId: string) => [...demoDataSet.organisations, ...crowd].find((o) => o._id === organisationId)!.leadOpenid
const [lng0, lat0] = urban.centre.coordinates
const place = (northM: number): [number, number] => [lng0, Number((lat0 + northM / 110_574).toFixed(6))]

const raise = (overrides: Partial<RaiseNeedInput>) =>
  ok(
    call(who.resident, 'raise', {
      helpKind: '紧急救助',
      urgency: 'urgent',
      description: '家里水管爆了，水漫到楼道里了。',
      location: place(0),
      neighbourhood: '柳泉花园',
      addressDetail: '12号楼1单元1502',
      contactPhone: '18653312469',
      ...overrides,
    }),
  )
const matchDetails = async (needId: string) => (await ok(call(who.committeeUrban, 'matchDetails', { needId }))).offers
const reveals = async (needId: string) =>
  ((await allDocuments('audit_log')) as AuditDoc[])
    .filter((e) => e.action === 'need.reveal' && e.needId === needId)
    .map((e) => e.actorOpenid)

let database: TestDatabase
beforeAll(async () => {
  database = await startTestDatabase()
})
afterAll(() => database.close())

describe('the first acceptance wins', () => {
  it('20 leads accepting one need at once at CloudBase’s latency: exactly one wins, the others are told it is taken', async () => {
    await insertAll('organisations', crowd)
    await insertAll(
      'people',
      crowd.map((o, i) => ({
        _id: `p-crowd-lead-${i}`,
        openid: o.leadOpenid,
        name: `负责人${i}`,
        communityId: urban._id,
        preferences: { elderMode: 'auto' },
        createdAt: testClock.now(),
      })),
    )
    await insertAll(
      'roles',
      crowd.map((o) => ({
        _id: `r-lead-${o._id}`,
        openid: o.leadOpenid,
        role: 'organisation_lead',
        organisationId: o._id,
        communityId: urban._id,
        grantedBy: 'test',
        grantedAt: testClock.now(),
      })),
    )
    const { need } = await raise({ location: place(0) })
    const matched = await matchDetails(need.id)
    expect(matched).toHaveLength(3)
    const model = ((await allDocuments('offers')) as OfferDoc[]).find((o) => o.needId === need.id)!
    await insertAll(
      'offers',
      crowd.map((o) => ({ ...model, _id: `offer-crowd-${o._id}`, needId: need.id, organisationId: o._id })),
    )
    const offers = await matchDetails(need.id)
    expect(offers).toHaveLength(20)
    database.standin.setLatency(CLOUDBASE_LATENCY_MS)
    const answers = await Promise.all(
      offers.map((o) => call(leadOf(o.organisationId), 'accept', { organisationId: o.organisationId, offerId: o.offerId })),
    )
    database.standin.setLatency(0)
    const winners = answers.filter((a) => a.ok)
    expect(winners).toHaveLength(1)
    for (const a of answers.filter((a) => !a.ok)) {
      expect(a).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
      expect(a.ok || a.error.message).not.toBe(BUSY_MESSAGE)
    }
    const winner = winners[0].ok ? winners[0].data.need.acceptedBy!.organisationId : ''
    const stored = ((await allDocuments('needs')) as NeedDoc[]).find((n) => n._id === need.id)!
    expect(stored).toMatchObject({ status: 'accepted', acceptedBy: { organisationId: winner } })
    const after = await matchDetails(need.id)
    expect(after.filter((o) => o.status === 'accepted').map((o) => o.organisationId)).toEqual([winner])
    expect(after.filter((o) => o.status !== 'accepted').every((o) => o.status === 'taken')).toBe(true)
    const events = stored.timeline.filter((e) => offers.some((o) => leadOf(o.organisationId) === e.actorOpenid))
    expect(events).toHaveLength(1)
  })

  it('two leads declining at the same moment pass the need on once', async () => {
    // 上门巡访探视: two organisations give it, both offered at once for 一般.
    const { need } = await raise({ helpKind: '上门巡访探视', urgency: 'normal', location: place(100) })
    const offers = await matchDetails(need.id)
    expect(offers).toHaveLength(2)
    await Promise.all(
      offers.map((o) => ok(call(leadOf(o.organisationId), 'decline', { organisationId: o.organisationId, offerId: o.offerId }))),
    )
    const stored = ((await allDocuments('needs')) as NeedDoc[]).find((n) => n._id === need.id)!
    expect(stored.timeline.filter((e) => e.text.includes('转社区两委'))).toHaveLength(1)
    expect(stored.status).toBe('escalated')
  })
})

describe('what each role sees of one need', () => {
  /** 杨丽's 亲情陪伴 need `northM` metres north of the centre, and the organisations it was offered to. */
  async function aNeedOffered(northM: number) {
    const { need } = await raise({ helpKind: '亲情陪伴', urgency: 'normal', location: place(northM) })
    return { needId: need.id, offered: (await matchDetails(need.id)).map((o) => o.organisationId) }
  }
  /** The same, accepted by the first organisation offered it. */
  async function aNeedAccepted(northM: number) {
    const { needId, offered } = await aNeedOffered(northM)
    const accepting = offered[0]
    const offerId = (await matchDetails(needId)).find((o) => o.organisationId === accepting)!.offerId
    await ok(call(leadOf(accepting), 'accept', { organisationId: accepting, offerId }))
    return { needId, offered, accepting }
  }
  const sees = (openid: string, needId: string) => call(openid, 'detail', { needId })
  const sensitive = ['requesterName', 'addressDetail', 'contactPhone', 'location', 'photos', 'timeline', 'volunteers']

  it('the requester: everything, with the timeline, and no audit entry', async () => {
    const { needId } = await aNeedOffered(160)
    const { need } = await ok(sees(who.resident, needId))
    expect(need).toMatchObject({ access: 'full', requesterName: '杨丽', contactPhone: '18653312469', addressDetail: '12号楼1单元1502' })
    expect(need.timeline!.length).toBeGreaterThan(0)
    expect(await reveals(needId)).toEqual([])
  })

  it('an offered lead before acceptance: the limited view, no name, address, phone or place', async () => {
    const { needId, offered } = await aNeedOffered(220)
    const { need } = await ok(sees(leadOf(offered[0]), needId))
    expect(need).toMatchObject({
      access: 'limited',
      helpKind: '亲情陪伴',
      urgency: 'normal',
      neighbourhood: '柳泉花园',
      status: 'matching',
    })
    expect(need.distanceM).toEqual(expect.any(Number))
    for (const field of sensitive) expect(need).not.toHaveProperty(field)
    expect(await reveals(needId)).toEqual([])
  })

  it('the lead of an organisation not offered it: NOT_FOUND', async () => {
    const { needId, offered } = await aNeedOffered(280)
    const other = demoDataSet.organisations.find((o) => o.status === 'approved' && o.communityId === urban._id && !offered.includes(o._id))!
    expect(await failure(sees(other.leadOpenid, needId))).toEqual({ code: 'NOT_FOUND' })
  })

  it('the accepting lead after acceptance, and a volunteer once assigned to it: everything, audited', async () => {
    const { needId, accepting } = await aNeedAccepted(-100)
    const { need } = await ok(sees(leadOf(accepting), needId))
    expect(need).toMatchObject({ access: 'full', contactPhone: '18653312469', location: expect.any(Array) })
    const volunteer = demoDataSet.roles.find((r) => r.organisationId === accepting && r.role === 'volunteer')!
    // A member not assigned to it sees nothing of it (decision 019).
    expect(await failure(sees(volunteer.openid, needId))).toEqual({ code: 'NOT_FOUND' })
    await ok(call(leadOf(accepting), 'assignVolunteers', { organisationId: accepting, needId, memberIds: [volunteer._id] }))
    expect((await ok(sees(volunteer.openid, needId))).need.access).toBe('full')
    expect((await reveals(needId)).sort()).toEqual([leadOf(accepting), leadOf(accepting), leadOf(accepting), volunteer.openid].sort())
  })

  it('the other offered lead after acceptance: NOT_FOUND', async () => {
    const { needId, offered } = await aNeedAccepted(-160)
    expect(await failure(sees(leadOf(offered[1]), needId))).toEqual({ code: 'NOT_FOUND' })
  })

  it('the committee of its community: everything, audited', async () => {
    const { needId } = await aNeedAccepted(-220)
    const { need } = await ok(sees(who.committeeUrban, needId))
    expect(need).toMatchObject({ access: 'full', contactPhone: '18653312469' })
    expect((await reveals(needId)).filter((openid) => openid === who.committeeUrban)).toEqual([who.committeeUrban])
  })

  it('the committee of another community, a civil-affairs officer and a random resident: NOT_FOUND', async () => {
    const { needId } = await aNeedAccepted(-280)
    for (const openid of [who.committeeRural, who.civilAffairs, who.elderResident, who.ruralResident]) {
      expect(await failure(sees(openid, needId))).toEqual({ code: 'NOT_FOUND' })
    }
    expect(await failure(call(who.committeeRural, 'matchDetails', { needId }))).toEqual({ code: 'FORBIDDEN' })
  })
})

describe('the scheduler function', () => {
  const timerEvent = { Type: 'Timer', TriggerName: 'every-minute', Time: testClock.now().toISOString() }
  const timerContext = { request_id: randomUUID(), function_name: 'scheduler', environment: JSON.stringify({ TRIGGER_SRC: 'timer' }) }

  it('runs the due work for its timer trigger', async () => {
    expect(await scheduler(timerEvent, timerContext)).toEqual({
      ok: true,
      data: {
        offersExpired: 0,
        needsClosed: 0,
        serviceRecordsCredited: 0,
        leadsReminded: 0,
        needsOverdue: 0,
        activityReminders: 0,
        activitiesFinished: 0,
        visitReminders: 0,
        careEscalations: 0,
        giftsReturned: 0,
        figuresRolled: 1,
        failed: 0,
      },
    })
  })

  it('refuses a call from the mini-program, or anything that is not a timer', async () => {
    const refused = { ok: false, error: { code: 'FORBIDDEN', message: expect.any(String) } }
    expect(await scheduler(timerEvent, platformContext('scheduler', who.resident))).toEqual(refused)
    expect(await scheduler({ action: 'run' }, timerContext)).toEqual(refused)
    expect(await scheduler(timerEvent, {})).toEqual(refused)
  })
})
