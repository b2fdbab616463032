/**
 * The date-sensitive flows through the functions at every moment of the table
 * (tests/support/moments.ts): the demo data seeded at the moment, the clock set to it, and the
 * clock moved on where a flow waits. Expectations are counted with plain arithmetic on Shanghai's
 * wall clock (UTC+8 all year), not with the code under test.
 */
import { demoDataSet, demoIdentities as who } from '../../local/seed/demo-data'
import type { ActivityDoc, NeedDoc, OutboxDoc, ServiceRecordDoc } from '../../server/data/documents'
import { allDocuments } from '../../server/data/maintenance'
import { runDueWork } from '../../server/scheduler/run'
import type { RaiseNeedInput } from '../../shared/contracts/needs'
import { ACTIVITY_PAGE } from '../../shared/domain/activity'
import { AUTO_CLOSE_DAYS, offerWindowMinutes } from '../../shared/domain/need'
import { presetPeriod } from '../../shared/domain/report'
import { EVERYONE_CONSENTED, startTestDatabase, testClock, type TestDatabase } from '../support/database'
import { calendarMoments } from '../support/moments'
import { callActivities, callCare, callNeeds, callReports, callTimebank, failure, ok, place, raiseInput, visitInput } from './calls'

const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR

/** The Shanghai wall clock of a moment, as UTC fields of a shifted Date. */
const wall = (at: Date) => new Date(at.getTime() + 8 * HOUR)
const ymd = (at: Date) => wall(at).toISOString().slice(0, 10)
const ym = (at: Date) => wall(at).toISOString().slice(0, 7)
const monthBefore = (at: Date) => {
  const w = wall(at)
  return new Date(Date.UTC(w.getUTCFullYear(), w.getUTCMonth() - 1, 1)).toISOString().slice(0, 7)
}

const urban = demoDataSet.communities.find((c) => c.kind === 'urban')!
const xiyanghong = demoDataSet.organisations.find((o) => o._id === 'org-qy-xiyanghong')!
const leadOf = (organisationId: string) => demoDataSet.organisations.find((o) => o._id === organisationId)!.leadOpenid
/** A volunteer of 夕阳红 with no service seeded on any day of the table. */
const caoLihua = demoDataSet.roles.find((r) => r.openid === 'demo-cao-lihua' && r.organisationId === xiyanghong._id)!

const needDoc = async (id: string) => ((await allDocuments('needs')) as NeedDoc[]).find((n) => n._id === id)!
const recordDoc = async (id: string) => ((await allDocuments('service_records')) as ServiceRecordDoc[]).find((r) => r._id === id)!
const activityDoc = async (id: string) => ((await allDocuments('activities')) as ActivityDoc[]).find((a) => a._id === id)!
const matchDetails = async (needId: string) => (await ok(callNeeds(who.committeeUrban, 'matchDetails', { needId }))).offers

/** Moves the clock to `at` and runs the scheduled work there, as the local host does. */
async function dueWorkAt(at: Date) {
  testClock.set(at)
  return runDueWork(testClock.now())
}

describe.each(calendarMoments)('at $name', ({ at }) => {
  let database: TestDatabase
  beforeAll(async () => {
    testClock.set(at)
    database = await startTestDatabase(EVERYONE_CONSENTED)
  }, 30_000)
  afterAll(async () => {
    testClock.reset()
    await database.close()
  })
  beforeEach(() => testClock.set(at))

  /** Needs of one moment stand 60 m apart, so none is another's duplicate. */
  let places = 0
  const raise = async (overrides: Partial<RaiseNeedInput>) =>
    (await ok(callNeeds(who.resident, 'raise', raiseInput({ location: place(60 * ++places), ...overrides })))).need

  /**
   * A 上门巡访探视 need accepted by 夕阳红 a little over `minutes` ago (nobody serves longer than since acceptance)
   * and marked done now, with `minutes` of 曹丽华's service.
   */
  async function servedNow(minutes: number) {
    const doneAt = testClock.now()
    // A minute more: the clock runs on while the need is raised and accepted.
    testClock.set(new Date(doneAt.getTime() - (minutes + 1) * 60_000))
    const need = await raise({ helpKind: '上门巡访探视', urgency: 'urgent' })
    const offer = (await matchDetails(need.id)).find((o) => o.organisationId === xiyanghong._id)!
    await ok(callNeeds(xiyanghong.leadOpenid, 'accept', { organisationId: xiyanghong._id, offerId: offer.offerId }))
    await ok(
      callNeeds(xiyanghong.leadOpenid, 'assignVolunteers', { organisationId: xiyanghong._id, needId: need.id, memberIds: [caoLihua._id] }),
    )
    testClock.set(doneAt)
    await ok(
      callNeeds(xiyanghong.leadOpenid, 'markDone', {
        organisationId: xiyanghong._id,
        needId: need.id,
        summary: '上门陪老人聊天。',
        service: [{ memberId: caoLihua._id, minutes }],
      }),
    )
    // The time bank credits it in its due work, within the minute.
    await runDueWork(testClock.now())
    return need.id
  }

  it('a visit now: 我的探访 shows it and the next due date, not due again, and it counts in this month’s rate only', async () => {
    const month = ym(at)
    const overview = (m: string) => ok(callCare(who.committeeUrban, 'overview', { communityId: urban._id, month: m }))
    const figures = async () =>
      (await ok(callReports(who.committeeUrban, 'figures', { communityId: urban._id, period: presetPeriod('thisMonth', testClock.now()) })))
        .figures
    const [thisBefore, lastBefore, figuresBefore] = [await overview(month), await overview(monthBefore(at)), await figures()]

    // 孙秀英 (monthly) was last visited last month; 赵淑珍 (weekly) two days ago.
    for (const entryId of ['care-sun-xiuying', 'care-zhao-shuzhen'])
      await ok(
        callCare(who.volunteer, 'recordVisit', visitInput({ entryId, visitedAt: at.toISOString(), mode: 'in_person', wellbeing: 'good' })),
      )
    const { people } = await ok(callCare(who.volunteer, 'myVisits', {}))
    const sun = people.find((p) => p.entryId === 'care-sun-xiuying')!
    const zhao = people.find((p) => p.entryId === 'care-zhao-shuzhen')!
    expect(new Date(zhao.nextDueAt!).getTime() - at.getTime()).toBe(7 * DAY)
    // A month on: the next calendar month, the same day or that month's last, the same time.
    const from = wall(at)
    const nextMonthDays = new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth() + 2, 0)).getUTCDate()
    const due = new Date(
      Date.UTC(
        from.getUTCFullYear(),
        from.getUTCMonth() + 1,
        Math.min(from.getUTCDate(), nextMonthDays),
        from.getUTCHours(),
        from.getUTCMinutes(),
        from.getUTCSeconds(),
        from.getUTCMilliseconds(),
      ) -
        8 * HOUR,
    )
    expect(new Date(sun.nextDueAt!)).toEqual(due)
    for (const person of [sun, zhao]) {
      expect(new Date(person.lastVisitAt!)).toEqual(at)
      expect([person.standing, person.standingLabel]).toEqual(['upcoming', '未到探访时间'])
    }

    // 孙秀英 is new to this month's visited; 赵淑珍 may have been visited in it already.
    const thisAfter = await overview(month)
    expect(thisAfter.overall.expected).toBe(thisBefore.overall.expected)
    expect(thisAfter.overall.visited - thisBefore.overall.visited).toBeGreaterThanOrEqual(1)
    expect(thisAfter.dueSoon.map((r) => r.entryId)).not.toContain('care-zhao-shuzhen')
    expect((await overview(monthBefore(at))).overall).toEqual(lastBefore.overall)
    const visitsOf = (f: Awaited<ReturnType<typeof figures>>) => f.visits.find((v) => v.month === month)!
    expect(visitsOf(await figures()).visited - visitsOf(figuresBefore).visited).toBe(thisAfter.overall.visited - thisBefore.overall.visited)
  })

  it('本月 is the first of this month to today and holds a need raised now; 上月 does not', async () => {
    expect(presetPeriod('thisMonth', testClock.now())).toEqual({ from: `${ym(at)}-01`, to: ymd(at) })
    const raisedIn = async (preset: 'thisMonth' | 'lastMonth') =>
      (await ok(callReports(who.committeeUrban, 'figures', { communityId: urban._id, period: presetPeriod(preset, testClock.now()) })))
        .figures.needs.raised
    const [thisMonth, lastMonth] = [await raisedIn('thisMonth'), await raisedIn('lastMonth')]
    await raise({ helpKind: '就医陪诊' })
    expect(await raisedIn('thisMonth')).toBe(thisMonth + 1)
    expect(await raisedIn('lastMonth')).toBe(lastMonth)
  })

  it('an activity a day later: sign-ups until the deadline, the day and hour reminders once each, finished after the end', async () => {
    const startAt = new Date(at.getTime() + DAY + HOUR)
    const { activity } = await ok(
      callActivities(xiyanghong.leadOpenid, 'publish', {
        organisationId: xiyanghong._id,
        title: '楼道清扫',
        kind: 'volunteering',
        description: '一起把沁园小区 3 号楼的楼道打扫干净。',
        address: '沁园小区 3 号楼下',
        startAt: startAt.toISOString(),
        endAt: new Date(startAt.getTime() + HOUR).toISOString(),
        signUpDeadline: new Date(at.getTime() + 2 * HOUR).toISOString(),
        participantPlaces: 5,
        volunteerPlaces: 0,
        volunteerMinutes: 0,
      }),
    )
    await ok(callActivities(who.resident, 'signUp', { activityId: activity.id, role: 'participant' }))
    const reminders = async () =>
      ((await allDocuments('outbox')) as OutboxDoc[]).filter(
        (m) => m.template === 'activityReminder' && m.payload.page === `${ACTIVITY_PAGE}?id=${activity.id}`,
      )

    await dueWorkAt(at)
    expect(await reminders()).toEqual([])
    await dueWorkAt(new Date(startAt.getTime() - DAY + MINUTE))
    await dueWorkAt(new Date(startAt.getTime() - DAY + 2 * MINUTE))
    expect((await reminders()).map((m) => m.toOpenid)).toEqual([who.resident])
    expect((await activityDoc(activity.id)).reminded).toBe('day')

    testClock.set(new Date(at.getTime() + 2 * HOUR + MINUTE))
    expect(await failure(callActivities(who.elderResident, 'signUp', { activityId: activity.id, role: 'participant' }))).toEqual({
      code: 'CONFLICT',
    })

    await dueWorkAt(new Date(startAt.getTime() - HOUR + MINUTE))
    await dueWorkAt(new Date(startAt.getTime() - 10 * MINUTE))
    expect(await reminders()).toHaveLength(2)
    expect((await activityDoc(activity.id)).reminded).toBe('hour')

    await dueWorkAt(new Date(startAt.getTime() + HOUR - MINUTE))
    expect((await activityDoc(activity.id)).status).toBe('published')
    await dueWorkAt(new Date(startAt.getTime() + HOUR + MINUTE))
    expect((await activityDoc(activity.id)).status).toBe('finished')
  })

  it('service now and two minutes later counts against one Shanghai day’s cap, or two across midnight', async () => {
    await ok(callTimebank(who.committeeUrban, 'settings', { communityId: urban._id, dailyCapMinutes: 60 }))
    const first = await servedNow(60)
    expect((await recordDoc(`need-${first}-0`)).credit.status).toBe('credited')
    const later = new Date(at.getTime() + 2 * MINUTE)
    testClock.set(later)
    const second = await servedNow(60)
    expect((await recordDoc(`need-${second}-0`)).credit.status).toBe(ymd(later) === ymd(at) ? 'held' : 'credited')
  })

  it(`a need done now and not answered closes as 未评价 after ${AUTO_CLOSE_DAYS} days, not before`, async () => {
    const need = await raise({ helpKind: '就医陪诊' })
    const [offer] = await matchDetails(need.id)
    const lead = leadOf(offer.organisationId)
    await ok(callNeeds(lead, 'accept', { organisationId: offer.organisationId, offerId: offer.offerId }))
    await ok(
      callNeeds(lead, 'markDone', { organisationId: offer.organisationId, needId: need.id, summary: '陪同去医院看了病。', service: [] }),
    )
    await dueWorkAt(new Date(at.getTime() + AUTO_CLOSE_DAYS * DAY - MINUTE))
    expect((await needDoc(need.id)).status).toBe('done')
    await dueWorkAt(new Date(at.getTime() + AUTO_CLOSE_DAYS * DAY + MINUTE))
    expect(await needDoc(need.id)).toMatchObject({ status: 'closed', outcome: { result: 'unrated' } })
  })

  it('an offer lapses after its window and the need passes on; the late accept is refused', async () => {
    // 上门巡访探视 as 咨询: two organisations give it, offered one at a time.
    const need = await raise({ helpKind: '上门巡访探视', urgency: 'advice' })
    const [offer] = await matchDetails(need.id)
    const deadline = new Date(offer.deadline)
    expect(deadline.getTime() - new Date(offer.offeredAt).getTime()).toBe(offerWindowMinutes.advice * MINUTE)
    await dueWorkAt(new Date(deadline.getTime() - MINUTE))
    expect((await matchDetails(need.id)).map((o) => o.status)).toEqual(['open'])
    await dueWorkAt(new Date(deadline.getTime() + MINUTE))
    expect((await matchDetails(need.id)).map((o) => [o.round, o.status])).toEqual([
      [1, 'expired'],
      [2, 'open'],
    ])
    expect(
      await failure(callNeeds(leadOf(offer.organisationId), 'accept', { organisationId: offer.organisationId, offerId: offer.offerId })),
    ).toEqual({ code: 'CONFLICT' })
  })
})
