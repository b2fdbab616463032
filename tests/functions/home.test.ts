/**
 * account.home through the SDK against the stand-in: each role's part of 首页 made from waiting
 * things created through the functions, their order (harm first), the relation checks (only what
 * the caller's own grants hold), a person with several roles, and the badge.
 */
import { demoDataSet, demoIdentities as who } from '../../local/seed/demo-data'
import type { Home } from '../../shared/contracts/account'
import { visitWanted } from '../../shared/domain/care'
import { NEED_PAGE, taskPath, type Urgency } from '../../shared/domain/need'
import { presetPeriod } from '../../shared/domain/report'
import { inShanghai } from '../../shared/domain/time'
import { freshDatabasePerTest, testClock } from '../support/database'
import {
  callAccount,
  callActivities,
  callCare,
  callNeeds,
  callReports,
  callTimebank,
  ok,
  place,
  publishInputFor,
  raiseInput,
} from './calls'

const XIYANGHONG = 'org-qy-xiyanghong'
const organisationOf = (id: string) => demoDataSet.organisations.find((o) => o._id === id)!
const memberId = (openid: string, organisationId: string) =>
  demoDataSet.roles.find((r) => r.openid === openid && r.organisationId === organisationId)!._id
const urbanVolunteersOf = (organisationId: string) =>
  demoDataSet.roles.filter((r) => r.role === 'volunteer' && r.organisationId === organisationId).map((r) => r.openid)

const home = (openid: string) => ok(callAccount(openid, 'home', {}))
const kindsOf = (h: Home, kind: string) => h.items.filter((i) => i.kind === kind)

/** `openid` raises a need at `eastM` metres east of the centre; the clock moves a minute on, so each is younger than the last. */
async function raise(openid: string, eastM: number, urgency: Urgency = 'normal') {
  const { need } = await ok(callNeeds(openid, 'raise', raiseInput({ location: place(eastM), urgency })))
  testClock.advance(60_000)
  return need.id
}

/** The committee hands the need to 夕阳红 (no shortlist to depend on); its lead assigns `volunteers`. */
async function assignedToXiyanghong(needId: string, volunteers: string[] = []) {
  await ok(callNeeds(who.committeeUrban, 'assign', { needId, organisationId: XIYANGHONG }))
  if (volunteers.length > 0) {
    const memberIds = volunteers.map((v) => memberId(v, XIYANGHONG))
    await ok(callNeeds(who.organisationLead, 'assignVolunteers', { organisationId: XIYANGHONG, needId, memberIds }))
  }
}

async function doneByXiyanghong(needId: string) {
  await assignedToXiyanghong(needId)
  await ok(
    callNeeds(who.organisationLead, 'markDone', { organisationId: XIYANGHONG, needId, summary: '上门陪老人聊了一下午。', service: [] }),
  )
}

describe('首页 (account.home)', () => {
  freshDatabasePerTest()
  afterEach(() => testClock.reset())

  it('a resident: a done need waits for their answer, with their next activity, what is on nearby and their time', async () => {
    const needId = await raise(who.resident, 0)
    await doneByXiyanghong(needId)
    const { activity } = await ok(callActivities(who.organisationLead, 'publish', publishInputFor(XIYANGHONG)))
    await ok(callActivities(who.resident, 'signUp', { activityId: activity.id, role: 'participant' }))

    const mine = await home(who.resident)
    expect(mine.items).toEqual([
      expect.objectContaining({ kind: 'confirm', kindLabel: '等您确认', id: needId, count: 1, page: `/${NEED_PAGE}?id=${needId}` }),
    ])
    expect(mine.badge).toBe(1)
    expect(mine.resident?.nextActivity).toMatchObject({ id: activity.id, title: '读报会', waitlisted: false })
    const { total } = await ok(callTimebank(who.resident, 'account', {}))
    expect(mine.resident?.balanceMinutes).toBe(total)
    // What 活动 lists in the same seven days, the soonest first.
    const week = inShanghai(testClock.now()).add(6, 'day').format('YYYY-MM-DD')
    const { activities } = await ok(callActivities(who.resident, 'browse', { toDate: week }))
    const inWeek = activities.filter((a) => new Date(a.startAt).getTime() < testClock.now().getTime() + 7 * 24 * 3_600_000)
    expect(mine.resident?.nearby.count).toBe(inWeek.length)
    expect(mine.resident?.nearby.first.map((a) => a.id)).toEqual(
      [...inWeek]
        .sort((a, b) => a.startAt.localeCompare(b.startAt))
        .slice(0, 3)
        .map((a) => a.id),
    )
    expect(mine.lead).toBeNull()
    expect(mine.committee).toEqual([])
    expect(mine.offices).toEqual([])

    // Answered, it waits no more.
    await ok(callNeeds(who.resident, 'confirm', { needId, result: 'solved', rating: 5 }))
    expect((await home(who.resident)).items).toEqual([])
  })

  it('a lead: offers harm first (危及生命安全, 紧急, then the older normal), each with its deadline; another organisation’s lead sees none', async () => {
    const normal = await raise(who.resident, 0)
    const urgent = await raise(who.resident, 300, 'urgent')
    const life = await raise(who.resident, 150, 'life')
    const offeredTo = async (needId: string) =>
      (await ok(callNeeds(who.committeeUrban, 'matchDetails', { needId }))).offers.map((o) => o.organisationId)
    const [a, b, c] = await Promise.all([normal, urgent, life].map(offeredTo))
    const everywhere = a.filter((id) => b.includes(id) && c.includes(id))
    expect(everywhere.length).toBeGreaterThan(0)
    const lead = organisationOf(everywhere[0]).leadOpenid

    const theirs = await home(lead)
    const offers = kindsOf(theirs, 'offer')
    const { offers: listed } = await ok(callNeeds(lead, 'offers', { organisationId: everywhere[0] }))
    const offerOf = (needId: string) => listed.find((o) => o.need.id === needId)!
    expect(offers.map((o) => o.id)).toEqual([life, urgent, normal].map((id) => offerOf(id).offerId))
    expect(offers.map((o) => o.urgency)).toEqual(['life', 'urgent', 'normal'])
    expect(offers.map((o) => o.deadline)).toEqual([life, urgent, normal].map((id) => offerOf(id).deadline))
    expect(offers[0]).toMatchObject({ kindLabel: '派单待答复', title: '亲情陪伴（柳泉花园）', page: '/pages/needs/offers/index' })
    expect(theirs.lead).toEqual({ tasksInProgress: 0, today: [] })

    const notOffered = demoDataSet.organisations.find(
      (o) => o.communityId === 'c-zd-qinyuan' && ![...a, ...b, ...c].includes(o._id) && o.leadOpenid !== lead,
    )!
    expect(kindsOf(await home(notOffered.leadOpenid), 'offer')).toEqual([])
  })

  it('a lead: tasks in progress and today’s activities of their organisations, with the check-in code’s organisation', async () => {
    // Tomorrow 08:00 in Shanghai, whatever the hour now: an activity at 10:00 starts on that day.
    const tomorrow = inShanghai(testClock.now()).add(1, 'day').startOf('day')
    testClock.set(tomorrow.add(8, 'hour').toDate())
    const at = (hour: number) => tomorrow.add(hour, 'hour').format()
    const { activity } = await ok(
      callActivities(who.organisationLead, 'publish', {
        ...publishInputFor(XIYANGHONG),
        startAt: at(10),
        endAt: at(11),
        signUpDeadline: at(9),
      }),
    )
    await assignedToXiyanghong(await raise(who.resident, 0))

    const lead = await home(who.organisationLead)
    expect(lead.lead).toEqual({
      tasksInProgress: 1,
      today: [expect.objectContaining({ id: activity.id, organisationId: XIYANGHONG, organisationName: organisationOf(XIYANGHONG).name })],
    })
    // Another organisation's lead in the same community sees neither.
    const other = demoDataSet.organisations.find(
      (o) => o.communityId === 'c-zd-qinyuan' && o._id !== XIYANGHONG && o.status === 'approved',
    )!
    expect((await home(other.leadOpenid)).lead).toEqual({ tasksInProgress: 0, today: [] })
  })

  it('a volunteer: 我的任务 lists only what their lead assigned to them, most harmful first', async () => {
    const [assigned, notAssigned] = urbanVolunteersOf(XIYANGHONG)
    const normal = await raise(who.resident, 0)
    const urgent = await raise(who.resident, 300, 'urgent')
    await assignedToXiyanghong(normal, [assigned])
    await assignedToXiyanghong(urgent, [assigned])

    const tasks = kindsOf(await home(assigned), 'task')
    expect(tasks.map((t) => t.id)).toEqual([urgent, normal])
    expect(tasks[0]).toMatchObject({ kindLabel: '我的任务', urgency: 'urgent', page: taskPath(XIYANGHONG, urgent) })
    expect(tasks[0].deadline).toEqual(expect.any(String))
    expect(kindsOf(await home(notAssigned), 'task')).toEqual([])
    // The lead leads; assigned to nobody, they have no task of their own.
    expect(kindsOf(await home(who.organisationLead), 'task')).toEqual([])
  })

  it('visits due: as many as 我的探访 says want a visit now, in one item without names', async () => {
    for (const openid of [who.volunteer, who.organisationLead]) {
      const { people } = await ok(callCare(openid, 'myVisits', {}))
      const due = people.filter((p) => visitWanted(p.standing))
      expect(due.length).toBeGreaterThan(0)
      const [visits] = kindsOf(await home(openid), 'visits')
      expect(visits).toMatchObject({ count: due.length, title: `${due.length} 位关爱对象该探访了`, page: '/pages/care/visits/index' })
      for (const person of people) expect(JSON.stringify(visits)).not.toContain(person.name)
    }
    expect(kindsOf(await home(who.resident), 'visits')).toEqual([])
  })

  it('the committee: its waiting list’s size and most urgent item; another community’s committee sees nothing of it', async () => {
    const life = await raise(who.resident, 0, 'life')
    const committee = await home(who.committeeUrban)
    const waiting = await ok(callReports(who.committeeUrban, 'waiting', { communityId: 'c-zd-qinyuan' }))
    expect(committee.committee).toEqual([
      { communityId: 'c-zd-qinyuan', communityName: '沁园社区', total: waiting.total, first: waiting.items[0] },
    ])
    expect(waiting.items[0]).toMatchObject({ kind: 'need_life', id: life })
    expect(committee.items[0]).toMatchObject({ kind: 'waiting', urgency: 'life', count: waiting.total, page: waiting.items[0].page })
    expect(committee.badge).toBe(waiting.total)

    const rural = await home(who.committeeRural)
    expect(rural.committee.map((c) => c.communityId)).toEqual(['c-zc-taihe'])
    expect(JSON.stringify(rural)).not.toContain(life)
    expect(JSON.stringify(rural)).not.toContain('c-zd-qinyuan')
  })

  it('civil affairs: this month’s headline figures of their office, as the office figures give them', async () => {
    // Mid-month: the need raised a minute earlier is in this month's figures whatever the day the test runs.
    testClock.set(inShanghai(testClock.now()).date(15).hour(10).toDate())
    await raise(who.resident, 0)
    const { offices } = await home(who.civilAffairs)
    const figures = await ok(callReports(who.civilAffairs, 'officeFigures', { period: presetPeriod('thisMonth', testClock.now()) }))
    expect(offices).toEqual(
      figures.offices.map((o) => ({
        officeId: o.officeId,
        name: o.name,
        period: figures.period,
        communities: o.communities.length,
        communitiesMet: o.communitiesMet,
        needsRaised: o.total.needs.raised,
        needsCompleted: o.total.needs.completed,
        serviceMinutes: o.total.service.minutes,
      })),
    )
    expect(offices[0].needsRaised).toBeGreaterThan(0)
    // No community of its own, no committee, no organisation: nothing else.
    const theirs = await home(who.civilAffairs)
    expect([theirs.items, theirs.resident, theirs.lead, theirs.committee]).toEqual([[], null, null, []])
    // Nobody else reads an office's figures.
    expect((await home(who.committeeUrban)).offices).toEqual([])
  })

  it('several roles: one list, most urgent first, and the badge counts everything in it', async () => {
    // 徐敏 volunteers with 夕阳红 and lives in 沁园社区: her own need is done, and she is assigned an urgent one.
    const own = await raise(who.volunteer, 0)
    await doneByXiyanghong(own)
    const urgent = await raise(who.resident, 300, 'urgent')
    await assignedToXiyanghong(urgent, [who.volunteer])

    const hers = await home(who.volunteer)
    expect(hers.items.map((i) => i.kind)).toEqual(['task', 'visits', 'confirm'])
    expect(hers.items.map((i) => i.id)).toEqual([urgent, 'visits', own])
    expect(hers.badge).toBe(hers.items.reduce((sum, i) => sum + i.count, 0))
    expect(hers.badge).toBe(2 + kindsOf(hers, 'visits')[0].count)
    expect(hers.resident).not.toBeNull()
  })

  it('someone who has not joined a community: an empty 首页, no error', async () => {
    const theirs = await home('o-nobody-here')
    expect(theirs).toEqual({ items: [], badge: 0, resident: null, lead: null, committee: [], offices: [] })
  })
})
