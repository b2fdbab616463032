/**
 * An urgent need never waits unseen (issue 13): what waits on the committee is ordered by harm,
 * a need's waiting counts from when it was raised, alerts open the committee's own page of the
 * need, accepted needs are followed to their expected finish (the lead reminded once, then the
 * committee's queue), and the committee lists and maps all its community's needs.
 */
import { demoDataSet, demoIdentities as who } from '../../local/seed/demo-data'
import type { NeedDoc, OrganisationDoc } from '../../server/data/documents'
import { allDocuments, insertAll } from '../../server/data/maintenance'
import { runDueWork } from '../../server/scheduler/run'
import { finishWindowMinutes, overdueGraceMinutes, type NeedStatus, type Urgency } from '../../shared/domain/need'
import { EVERYONE_CONSENTED, freshDatabasePerGroup, testClock } from '../support/database'
import { callNeeds, callReports, failure, ok, outbox, place, raiseInput, sentSince } from './calls'

const urban = demoDataSet.communities.find((c) => c.kind === 'urban')!
const day = 24 * 3600_000
const ago = (ms: number) => new Date(testClock.now().getTime() - ms)
const needDoc = async (id: string) => ((await allDocuments('needs')) as NeedDoc[]).find((n) => n._id === id)!
const committeeOpenids = demoDataSet.roles.filter((r) => r.role === 'committee' && r.communityId === urban._id).map((r) => r.openid)

/** A need of 沁园社区 as stored, raised `raisedAt`, with `fields` over it. */
const storedNeed = (id: string, urgency: Urgency, raisedAt: Date, fields: Partial<NeedDoc> = {}): NeedDoc => ({
  _id: id,
  communityId: urban._id,
  requesterOpenid: who.resident,
  requesterName: '测试居民',
  helpKind: '助餐',
  urgency,
  description: '测试。',
  location: { type: 'Point', coordinates: place(0) },
  neighbourhood: '测试小区',
  addressDetail: '1号楼',
  photos: [],
  timeline: [],
  contactPhone: '13900001111',
  status: 'escalated',
  round: 1,
  offeredTo: [],
  volunteers: [],
  createdAt: raisedAt,
  updatedAt: raisedAt,
  ...fields,
})

describe('what waits on the committee, harm first', () => {
  freshDatabasePerGroup(undefined, EVERYONE_CONSENTED)
  const application = {
    ...demoDataSet.organisations.find((o) => o.status === 'pending')!,
    _id: 'org-w-old',
    name: '等了很久的组织',
    inviteCode: 'OLD265',
    createdAt: ago(265 * day),
  }
  // Raised a day ago, reaching the committee only 10 minutes ago: it has waited a day.
  const life = storedNeed('need-w-life', 'life', ago(day), { queue: 'escalated', queuedAt: ago(10 * 60_000) })
  const urgent = storedNeed('need-w-urgent', 'urgent', ago(2 * day), { queue: 'escalated', queuedAt: ago(5 * 60_000) })
  const normal = storedNeed('need-w-normal', 'normal', ago(300 * day), { queue: 'escalated', queuedAt: ago(300 * day) })
  beforeAll(async () => {
    await insertAll('organisations', [application as OrganisationDoc])
    await insertAll('needs', [life, urgent, normal])
  })

  it('a life-safety need comes above an application that has waited 265 days, then 紧急, then the rest by age, newcomers last', async () => {
    const { items } = await ok(callReports(who.committeeUrban, 'waiting', { communityId: urban._id }))
    expect(items.slice(0, 2).map((i) => [i.id, i.urgency])).toEqual([
      ['need-w-life', 'life'],
      ['need-w-urgent', 'urgent'],
    ])
    // Newcomers waiting for 居住核验 come after everything else (decision 024); the rest by age.
    const newcomers = items.filter((i) => i.kind === 'newcomer')
    expect(items.slice(-newcomers.length)).toEqual(newcomers)
    const rest = items.slice(2, -newcomers.length)
    expect(rest.map((i) => i.since)).toEqual(rest.map((i) => i.since).sort())
    expect(rest.map((i) => i.id).indexOf('need-w-normal')).toBeLessThan(rest.map((i) => i.id).indexOf('org-w-old'))
    expect(items.find((i) => i.id === 'org-w-old')!.waitingMinutes).toBeGreaterThanOrEqual(265 * 24 * 60)
  })

  it('a need has waited since it was raised, not since it reached the committee', async () => {
    const { items } = await ok(callReports(who.committeeUrban, 'waiting', { communityId: urban._id }))
    const item = items.find((i) => i.id === 'need-w-life')!
    expect(new Date(item.since)).toEqual(life.createdAt)
    expect(item.waitingMinutes).toBeGreaterThanOrEqual(24 * 60)
    expect(item.waitingMinutes).toBeLessThan(24 * 60 + 5)
    const { needs } = await ok(callNeeds(who.committeeUrban, 'queue', { communityId: urban._id }))
    expect(needs.slice(0, 2).map((n) => n.need.id)).toEqual(['need-w-life', 'need-w-urgent'])
    expect(needs[0].waitingMinutes).toBeGreaterThanOrEqual(24 * 60)
  })

  it('the life-safety need links to the committee’s page for it', async () => {
    const { items } = await ok(callReports(who.committeeUrban, 'waiting', { communityId: urban._id }))
    expect(items[0].page).toBe('/pages/committee/need/index?id=need-w-life&reason=escalated')
  })
})

describe('alerts to the committee open the committee’s page of the need', () => {
  freshDatabasePerGroup(undefined, EVERYONE_CONSENTED)

  it('危及生命安全: every committee member’s alert opens pages/committee/need for it', async () => {
    const before = await outbox()
    const { need } = await ok(
      callNeeds(who.resident, 'raise', raiseInput({ urgency: 'life', helpKind: '紧急救助', description: '老人在家摔倒了，起不来。' })),
    )
    const alerts = (await sentSince(before)).filter((m) => m.template === 'lifeAlert')
    expect(alerts.map((m) => m.toOpenid).sort()).toEqual([...committeeOpenids].sort())
    for (const alert of alerts) expect(alert.payload.page).toBe(`pages/committee/need/index?id=${need.id}`)
  })

  it('危及生命安全: on top of the waiting list from the moment it is raised, until an organisation accepts it', async () => {
    const { need } = await ok(
      callNeeds(who.resident, 'raise', raiseInput({ urgency: 'life', helpKind: '生活照料', description: '老伴喘不上气，叫了 120。' })),
    )
    expect(need.status).toBe('matching')
    const waiting = () => ok(callReports(who.committeeUrban, 'waiting', { communityId: urban._id }))
    const before = await waiting()
    // With any other life-safety need still waiting, all of them come before anything else.
    const lifeItems = before.items.filter((i) => i.kind === 'need_life')
    expect(before.items.slice(0, lifeItems.length)).toEqual(lifeItems)
    expect(lifeItems.find((i) => i.id === need.id)).toMatchObject({ page: `/pages/committee/need/index?id=${need.id}` })
    expect(before.counts.find((c) => c.kind === 'need_life')!.count).toBe(lifeItems.length)
    const { offers } = await ok(callNeeds(who.committeeUrban, 'matchDetails', { needId: need.id }))
    const organisationId = offers[0].organisationId
    const lead = demoDataSet.organisations.find((o) => o._id === organisationId)!.leadOpenid
    const offered = (await ok(callNeeds(lead, 'offers', { organisationId }))).offers.find((o) => o.need.id === need.id)!
    await ok(callNeeds(lead, 'accept', { organisationId, offerId: offered.offerId }))
    expect((await waiting()).items.map((i) => i.id)).not.toContain(need.id)
  })
})

describe('accepted needs are followed to the end', () => {
  freshDatabasePerGroup(undefined, EVERYONE_CONSENTED)
  afterAll(() => testClock.reset())

  /**
   * A month on, the due work has followed every need of the tests before to its end: what the due
   * work does next is for the needs raised after this alone.
   */
  async function settleEarlierFollowUps() {
    testClock.advance(30 * day)
    await runDueWork(testClock.now())
  }

  /** 杨丽's 紧急 need at `eastM`, accepted by the first organisation offered it, with its expected finish and when it is overdue. */
  async function anAcceptedUrgentNeed(eastM: number) {
    await settleEarlierFollowUps()
    const { need } = await ok(callNeeds(who.resident, 'raise', raiseInput({ urgency: 'urgent', location: place(eastM) })))
    const needId = need.id
    const { offers } = await ok(callNeeds(who.committeeUrban, 'matchDetails', { needId }))
    const organisationId = offers[0].organisationId
    const lead = demoDataSet.organisations.find((o) => o._id === organisationId)!.leadOpenid
    const offered = (await ok(callNeeds(lead, 'offers', { organisationId }))).offers.find((o) => o.need.id === needId)!
    const accepted = (await ok(callNeeds(lead, 'accept', { organisationId, offerId: offered.offerId }))).need
    const stored = await needDoc(needId)
    return {
      needId,
      organisationId,
      lead,
      accepted,
      stored,
      finishBy: new Date(stored.followUp!.finishBy),
      overdueAt: new Date(stored.followUp!.overdueAt),
    }
  }

  it('accepting sets the expected finish from the urgency, shown to those with full access', async () => {
    const { accepted, stored, finishBy, overdueAt } = await anAcceptedUrgentNeed(0)
    expect(finishBy.getTime() - new Date(stored.acceptedBy!.at).getTime()).toBe(finishWindowMinutes.urgent * 60_000)
    expect(overdueAt.getTime() - finishBy.getTime()).toBe(overdueGraceMinutes.urgent * 60_000)
    expect(accepted.finishBy).toBe(finishBy.toISOString())
  })

  it('before the expected finish nothing happens', async () => {
    const { finishBy } = await anAcceptedUrgentNeed(60)
    const before = await outbox()
    const done = await runDueWork(new Date(finishBy.getTime() - 60_000))
    expect(done).toMatchObject({ leadsReminded: 0, needsOverdue: 0 })
    expect((await sentSince(before)).filter((m) => m.template === 'finishDue')).toEqual([])
  })

  it('past it the lead is reminded, once, with a link to the task; the committee is not told yet', async () => {
    const { needId, organisationId, lead, finishBy } = await anAcceptedUrgentNeed(120)
    const before = await outbox()
    expect((await runDueWork(new Date(finishBy.getTime() + 60_000))).leadsReminded).toBe(1)
    expect((await runDueWork(new Date(finishBy.getTime() + 2 * 60_000))).leadsReminded).toBe(0)
    const reminders = (await sentSince(before)).filter((m) => m.template === 'finishDue')
    expect(reminders.map((m) => [m.toOpenid, m.payload.page])).toEqual([
      [lead, `pages/needs/task/index?organisationId=${organisationId}&id=${needId}`],
    ])
    const stored = await needDoc(needId)
    expect(stored.queue).toBeUndefined()
    // The reminder keeps the expected finish it was sent for.
    expect(new Date(stored.followUp!.finishBy)).toEqual(finishBy)
    const { items } = await ok(callReports(who.committeeUrban, 'waiting', { communityId: urban._id }))
    expect(items.map((i) => i.id)).not.toContain(needId)
  })

  it('still not done after the grace: it joins the committee’s waiting list, since it was raised, and the committee is told once', async () => {
    const { needId, finishBy, overdueAt } = await anAcceptedUrgentNeed(180)
    await runDueWork(new Date(finishBy.getTime() + 60_000))
    const overdueBefore = (await ok(callReports(who.committeeUrban, 'waiting', { communityId: urban._id }))).counts.find(
      (c) => c.kind === 'need_overdue',
    )!.count
    const before = await outbox()
    expect((await runDueWork(new Date(overdueAt.getTime() + 60_000))).needsOverdue).toBe(1)
    expect((await runDueWork(new Date(overdueAt.getTime() + 2 * 60_000))).needsOverdue).toBe(0)
    const stored = await needDoc(needId)
    const { items, counts } = await ok(callReports(who.committeeUrban, 'waiting', { communityId: urban._id }))
    expect(items.find((i) => i.id === needId)).toMatchObject({
      kind: 'need_overdue',
      kindLabel: '求助接单后逾期未办完',
      urgency: 'urgent',
      since: new Date(stored.createdAt).toISOString(),
      page: `/pages/committee/need/index?id=${needId}&reason=overdue`,
    })
    expect(counts.find((c) => c.kind === 'need_overdue')!.count).toBe(overdueBefore + 1)
    const told = (await sentSince(before)).filter((m) => m.template === 'needOverdue')
    expect(told.map((m) => m.toOpenid).sort()).toEqual([...committeeOpenids].sort())
    for (const message of told) expect(message.payload.page).toBe(`pages/committee/need/index?id=${needId}&reason=overdue`)
    const { needs } = await ok(callNeeds(who.committeeUrban, 'queue', { communityId: urban._id }))
    expect(needs.find((n) => n.need.id === needId)).toMatchObject({ reason: 'overdue', reasonLabel: '逾期未办完' })
  })

  it('marked done at last, it leaves the committee’s list', async () => {
    const { needId, organisationId, lead, overdueAt } = await anAcceptedUrgentNeed(240)
    await runDueWork(new Date(overdueAt.getTime() + 60_000))
    const waiting = async () => (await ok(callReports(who.committeeUrban, 'waiting', { communityId: urban._id }))).items.map((i) => i.id)
    expect(await waiting()).toContain(needId)
    await ok(callNeeds(lead, 'markDone', { organisationId, needId, summary: '已上门陪伴。', service: [] }))
    expect(await waiting()).not.toContain(needId)
    expect((await needDoc(needId)).queue).toBeUndefined()
  })

  it('a need the committee assigns by hand is followed by the requester’s wanted time', async () => {
    const wantedBy = new Date(testClock.now().getTime() + 5 * day)
    const { need } = await ok(callNeeds(who.resident, 'raise', raiseInput({ location: place(-60), wantedBy: wantedBy.toISOString() })))
    const organisation = demoDataSet.organisations.find((o) => o.status === 'approved' && o.communityId === urban._id)!
    await ok(callNeeds(who.committeeUrban, 'assign', { needId: need.id, organisationId: organisation._id }))
    expect(new Date((await needDoc(need.id)).followUp!.finishBy)).toEqual(new Date(wantedBy.toISOString()))
  })
})

describe('the committee’s list of all its community’s needs', () => {
  freshDatabasePerGroup(undefined, EVERYONE_CONSENTED)
  const stored = (id: string, urgency: Urgency, daysAgo: number, status: NeedStatus, fields: Partial<NeedDoc> = {}) =>
    storedNeed(id, urgency, ago(daysAgo * day), { status, ...fields })
  const needs = [
    stored('need-l-normal-old', 'normal', 40, 'matching'),
    stored('need-l-advice', 'advice', 20, 'accepted', { neighbourhood: '柳泉花园' }),
    stored('need-l-urgent', 'urgent', 3, 'escalated', { helpKind: '就医陪诊' }),
    stored('need-l-life', 'life', 1, 'matching', { location: { type: 'Point', coordinates: place(900) } }),
    stored('need-l-closed-life', 'life', 50, 'closed'),
    stored('need-l-cancelled', 'normal', 2, 'cancelled', { neighbourhood: '柳泉花园' }),
  ]
  beforeAll(() => insertAll('needs', needs))
  const ours = (list: { id: string }[]) => list.map((n) => n.id).filter((id) => id.startsWith('need-l-'))

  it('by default the open ones, 危及生命安全 first, then 紧急, then the rest oldest first, with a map of them', async () => {
    const answer = await ok(callNeeds(who.committeeUrban, 'communityNeeds', { communityId: urban._id }))
    expect(ours(answer.needs)).toEqual(['need-l-life', 'need-l-urgent', 'need-l-normal-old', 'need-l-advice'])
    expect(answer.needs.every((n) => n.access === 'limited' && n.contactPhone === undefined)).toBe(true)
    expect(answer.total).toBe(answer.needs.length)
    expect(answer.neighbourhoods).toEqual(expect.arrayContaining(['测试小区', '柳泉花园']))
    // Every open need on the map, in cells: the one 900 m east in a cell of its own.
    expect(answer.map.reduce((sum, c) => sum + c.count, 0)).toBe(answer.total)
    expect(answer.map.some((c) => c.count === 1 && Math.abs(c.centre[0] - place(900)[0]) < 0.005)).toBe(true)
  })

  it('filters by status, kind, urgency and 小区', async () => {
    const list = async (filter: Record<string, string>) =>
      ours((await ok(callNeeds(who.committeeUrban, 'communityNeeds', { communityId: urban._id, ...filter }))).needs)
    expect(await list({ status: 'all' })).toEqual([
      'need-l-closed-life',
      'need-l-life',
      'need-l-urgent',
      'need-l-normal-old',
      'need-l-advice',
      'need-l-cancelled',
    ])
    expect(await list({ status: 'cancelled' })).toEqual(['need-l-cancelled'])
    expect(await list({ helpKind: '就医陪诊' })).toEqual(['need-l-urgent'])
    expect(await list({ status: 'all', urgency: 'life' })).toEqual(['need-l-closed-life', 'need-l-life'])
    expect(await list({ status: 'all', neighbourhood: '柳泉花园' })).toEqual(['need-l-advice', 'need-l-cancelled'])
  })

  it('another community’s committee is refused, and so is a resident', async () => {
    expect(await failure(callNeeds(who.committeeRural, 'communityNeeds', { communityId: urban._id }))).toEqual({ code: 'FORBIDDEN' })
    expect(await failure(callNeeds(who.resident, 'communityNeeds', { communityId: urban._id }))).toEqual({ code: 'FORBIDDEN' })
  })

  it('a status that is no status is INVALID_INPUT at the field', async () => {
    expect(
      await failure(callNeeds(who.committeeUrban, 'communityNeeds', { communityId: urban._id, status: 'lost' as 'all' })),
    ).toMatchObject({ code: 'INVALID_INPUT', field: 'data.status' })
  })
})
