/**
 * The scheduled work (server/scheduler) through the functions and the stand-in: one record that
 * makes its step throw is logged and tried again later, each wait twice the one before, and shown
 * to its committee after repeated failures; the rest of each run's work goes on.
 */
import { demoDataSet, demoIdentities as who } from '../../local/seed/demo-data'
import { database } from '../../server/data/cloudbase'
import type { DueWorkFailureDoc, NeedDoc, OfferDoc } from '../../server/data/documents'
import { allDocuments, insertAll } from '../../server/data/maintenance'
import { runDueWork } from '../../server/scheduler/run'
import { AUTO_CLOSE_DAYS } from '../../shared/domain/need'
import { freshDatabasePerTest, testClock } from '../support/database'
import { callNeeds, callReports, ok } from './calls'

const urban = demoDataSet.communities.find((c) => c.kind === 'urban')!
const rural = demoDataSet.communities.find((c) => c.kind === 'rural')!
const leadOf = (organisationId: string) => demoDataSet.organisations.find((o) => o._id === organisationId)!.leadOpenid
const [lng0, lat0] = urban.centre.coordinates
const place = (eastM: number): [number, number] => [Number((lng0 + eastM / (111_320 * Math.cos((lat0 * Math.PI) / 180))).toFixed(6)), lat0]

const started = testClock.now().getTime()
/** Every run is at a moment of its own, after a need raised now has waited AUTO_CLOSE_DAYS. */
const t1 = new Date(started + (AUTO_CLOSE_DAYS * 24 * 60 + 1) * 60_000)
const minutesAfterT1 = (minutes: number) => new Date(t1.getTime() + minutes * 60_000)

/**
 * An open offer whose need's record is damaged (its place lost): expiring it throws, every time. (An
 * offer whose need is missing altogether lapses quietly: decision 042.)
 */
const broken: OfferDoc = {
  _id: 'offer-of-a-damaged-need',
  needId: 'need-damaged',
  organisationId: 'org-qy-linli',
  communityId: urban._id,
  round: 1,
  status: 'open',
  score: { total: 0.5, parts: { distance: 0.5, fit: 0.5, load: 0.5, response: 0.5, rating: 0.5 } },
  distanceM: 100,
  offeredAt: new Date(started - 2 * 3600_000),
  deadline: new Date(started - 3600_000),
}

const damagedNeed = {
  _id: broken.needId,
  communityId: urban._id,
  helpKind: '就医陪诊',
  urgency: 'normal',
  status: 'matching',
  round: 1,
  offeredTo: [broken.organisationId],
  volunteers: [],
  // No updatedAt either: the figures' rollups, which take needs in by it, never meet it.
  createdAt: broken.offeredAt,
}
async function insertBroken() {
  await insertAll('needs', [damagedNeed])
  await insertAll('offers', [broken])
}

const failures = async () => (await allDocuments('due_work_failures')) as DueWorkFailureDoc[]
const needDoc = async (id: string) => ((await allDocuments('needs')) as NeedDoc[]).find((n) => n._id === id)!
/** A need's offers by round: the collection has no order of its own. */
const offersOf = async (needId: string) =>
  ((await allDocuments('offers')) as OfferDoc[])
    .filter((o) => o.needId === needId)
    .sort((a, b) => a.round - b.round)
    .map((o) => [o.round, o.status])
const waitingOf = async (openid: string, communityId: string) => ok(callReports(openid, 'waiting', { communityId }))

/** The broken record, failed `times` times so far: each run at the moment its retry came due (2, 4, 8… minutes apart). */
async function brokenAndFailed(times: number) {
  await insertBroken()
  for (let attempt = 1; attempt <= times; attempt++) expect((await runDueWork(minutesAfterT1(2 ** attempt - 2))).failed).toBe(1)
}

describe('scheduled work that one bad record cannot stop', () => {
  // Each test from the demo data as seeded: a run does whatever is due, whichever test left it.
  freshDatabasePerTest()
  let logged: jest.SpyInstance
  beforeEach(() => {
    logged = jest.spyOn(console, 'error').mockImplementation(() => undefined)
  })
  afterEach(() => logged.mockRestore())

  it('a record that makes its step throw is logged; the other records and steps of the run still go through', async () => {
    await insertBroken()
    // 上门巡访探视 as 咨询: offered to one organisation at a time, so its lapse passes it on.
    const lapsing = (
      await ok(
        callNeeds(who.resident, 'raise', {
          helpKind: '上门巡访探视',
          urgency: 'advice',
          description: '想请人上门看看我家老人。',
          location: place(0),
          neighbourhood: '柳泉花园',
          addressDetail: '3号楼2单元301',
          contactPhone: '18653312469',
        }),
      )
    ).need.id
    const raised = await ok(
      callNeeds(who.resident, 'raise', {
        helpKind: '就医陪诊',
        urgency: 'normal',
        description: '想请人陪我去医院复查。',
        location: place(120),
        neighbourhood: '柳泉花园',
        addressDetail: '3号楼2单元301',
        contactPhone: '18653312469',
      }),
    )
    const done = raised.need.id
    const { offers } = await ok(callNeeds(who.committeeUrban, 'matchDetails', { needId: done }))
    const { organisationId, offerId } = offers[0]
    await ok(callNeeds(leadOf(organisationId), 'accept', { organisationId, offerId }))
    await ok(callNeeds(leadOf(organisationId), 'markDone', { organisationId, needId: done, summary: '陪同去医院复查了。', service: [] }))

    const run = await runDueWork(t1)
    expect(run.failed).toBe(1)
    expect(run.offersExpired).toBe(1)
    expect(await offersOf(lapsing)).toEqual([
      [1, 'expired'],
      [2, 'open'],
    ])
    expect(run.needsClosed).toBe(1)
    expect((await needDoc(done)).status).toBe('closed')
    expect(logged).toHaveBeenCalledWith(expect.stringContaining(`offersExpired: record ${broken._id} failed`), expect.anything())
    expect(await failures()).toEqual([
      expect.objectContaining({
        _id: `offersExpired:${broken._id}`,
        communityId: urban._id,
        attempts: 1,
        firstFailedAt: t1,
        nextTryAt: minutesAfterT1(2),
      }),
    ])
  })

  it('is tried again only when its wait is over, each wait twice the one before', async () => {
    await brokenAndFailed(1)
    expect((await runDueWork(minutesAfterT1(1))).failed).toBe(0)
    expect((await failures())[0].attempts).toBe(1)
    expect((await runDueWork(minutesAfterT1(2))).failed).toBe(1)
    expect(await failures()).toEqual([expect.objectContaining({ attempts: 2, nextTryAt: minutesAfterT1(2 + 4) })])
    expect((await runDueWork(minutesAfterT1(5))).failed).toBe(0)
  })

  it('after three failures its committee sees it in the waiting list, and no other committee does', async () => {
    await brokenAndFailed(2)
    const before = await waitingOf(who.committeeUrban, urban._id)
    expect(before.items.filter((i) => i.kind === 'due_work')).toEqual([])
    expect((await runDueWork(minutesAfterT1(6))).failed).toBe(1)
    const after = await waitingOf(who.committeeUrban, urban._id)
    expect(after.items.filter((i) => i.kind === 'due_work')).toEqual([
      expect.objectContaining({
        id: `offersExpired:${broken._id}`,
        kindLabel: '系统处理多次失败',
        title: '求助超时转派',
        detail: '已失败 3 次，系统会继续重试',
        since: t1.toISOString(),
        page: `/pages/committee/need/index?id=${broken.needId}`,
      }),
    ])
    expect(after.counts.find((c) => c.kind === 'due_work')!.count).toBe(1)
    expect((await waitingOf(who.committeeRural, rural._id)).items.filter((i) => i.kind === 'due_work')).toEqual([])
  })

  it('once the record is gone, its retry finds nothing to do and it leaves the list', async () => {
    await brokenAndFailed(3)
    expect((await waitingOf(who.committeeUrban, urban._id)).items.filter((i) => i.kind === 'due_work')).toHaveLength(1)
    await database().collection('offers').doc(broken._id).remove()
    expect((await runDueWork(minutesAfterT1(6 + 8))).failed).toBe(0)
    expect(await failures()).toEqual([])
    expect((await waitingOf(who.committeeUrban, urban._id)).items.filter((i) => i.kind === 'due_work')).toEqual([])
  })
})
