/**
 * The time bank through the SDK against the stand-in: the seeded ledger, earning through a need,
 * replays (one after another and at once), the daily cap and its review, gifts, the catalogue and
 * redemptions with their hand-over, grants, the ledger and reversals, service hours and
 * certificates, and the invariants under a crowd of concurrent credits, gifts and redemptions.
 */
import { demoDataSet, demoIdentities as who, demoPerson as personOf } from '../../local/seed/demo-data'
import { timebankItems, timebankServiceRecords } from '../../local/seed/timebank-demo'
import type {
  AccountDoc,
  AuditDoc,
  EntryDoc,
  GiftDoc,
  HeldCreditDoc,
  ItemDoc,
  RedemptionDoc,
  ServiceRecordDoc,
} from '../../server/data/documents'
import manifest from '../../database/collections.json'
import { allDocuments, insertAll } from '../../server/data/maintenance'
import type { Envelope } from '../../shared/contract'
import { runDueWork } from '../../server/scheduler/run'
import { creditServiceRecords, pendingServiceRecord } from '../../server/timebank/credit'
import { DEFAULT_DAILY_CAP_MINUTES } from '../../shared/domain/timebank'
import { CLOUDBASE_LATENCY_MS, freshDatabasePerGroup, midMorningForGroup, testClock } from '../support/database'
import { expectLedgerInvariants } from '../support/ledger'
import { callAccount, callNeeds, callTimebank as call, failure, ok, outbox, sentSince } from './calls'

const urban = 'c-zd-qinyuan'
const rural = 'c-zc-taihe'
const xuMin = personOf(who.volunteer)
const dengHao = personOf('demo-deng-hao')
const wangGuilan = personOf(who.elderResident)
const yangLi = personOf(who.resident)

let requests = 0
/** A fresh request id, as a page makes one per form. */
const requestId = () => `req-${Date.now().toString(36)}-${++requests}`

const documents = async <T>(collection: string) => (await allDocuments(collection)) as T[]
const accounts = () => documents<AccountDoc>('timebank_accounts')
const entries = () => documents<EntryDoc>('timebank_entries')
const balanceOf = async (openid: string, communityId = urban) =>
  (await accounts()).find((a) => a._id === `acct:${communityId}:${openid}`)?.balance ?? 0
const item = async (id: string) => (await documents<ItemDoc>('timebank_items')).find((i) => i._id === id)!
const recordOf = async (id: string) => (await documents<ServiceRecordDoc>('service_records')).find((r) => r._id === id)!

/** Service as a lead confirms it: a pending record, then crediting, as needs and activities do. */
let records = 0
function serviceRecord(openid: string, minutes: number, servedAt: string, overrides: Partial<ServiceRecordDoc> = {}): ServiceRecordDoc {
  const served = new Date(`${servedAt}+08:00`)
  return pendingServiceRecord({
    _id: `test-service-${++records}`,
    openid,
    communityId: urban,
    organisationId: 'org-qy-xiyanghong',
    source: { kind: 'activity', id: `test-activity-${records}`, title: `测试活动 ${records}` },
    minutes,
    servedAt: served,
    confirmedByOpenid: who.organisationLead,
    confirmedAt: served,
    ...overrides,
  })
}
async function earn(openid: string, minutes: number, servedAt: string, overrides: Partial<ServiceRecordDoc> = {}) {
  const record = serviceRecord(openid, minutes, servedAt, overrides)
  await insertAll('service_records', [record])
  const [status] = await creditServiceRecords([record._id], testClock.now())
  return { record, status }
}

/** A need 杨丽 raised, given by the committee to 夕阳红 and accepted now; `assigned` are sent to it. */
async function acceptedNeed(assigned: string[]) {
  const organisationId = 'org-qy-xiyanghong'
  const { need } = await ok(
    callNeeds(yangLi.openid, 'raise', {
      helpKind: '亲情陪伴',
      urgency: 'normal',
      description: '想有人来陪我说说话。',
      neighbourhood: '柳泉花园',
      addressDetail: '12号楼1单元1502',
      contactPhone: '18653312469',
    }),
  )
  await ok(callNeeds(who.committeeUrban, 'assign', { needId: need.id, organisationId }))
  await ok(callNeeds(who.organisationLead, 'assignVolunteers', { organisationId, needId: need.id, memberIds: assigned }))
  return need.id
}

describe('the seeded ledger', () => {
  freshDatabasePerGroup()

  it('credits the demo volunteers through the crediting itself: balances, one entry per record, the pool minus everything', async () => {
    const { entries: moves } = await expectLedgerInvariants()
    expect(await balanceOf(xuMin.openid)).toBe(120 + 90 + 240)
    // 600 + 240 on one day: 120 over the 12-hour cap wait for the committee.
    expect(await balanceOf(dengHao.openid)).toBe(90 + 600 + 120)
    expect(await balanceOf('demo-pu-xiaojuan', rural)).toBe(90)
    const serviceEntries = moves
      .filter((e) => e.kind === 'service')
      .map((e) => e._id)
      .sort()
    expect(serviceEntries).toEqual(timebankServiceRecords.map((r) => `service:${r._id}`).sort())
    const credited = timebankServiceRecords.reduce((s, r) => s + r.minutes, 0) - 120
    const pools = (await accounts()).filter((a) => a.kind === 'pool')
    expect(pools.reduce((s, a) => s + a.balance, 0)).toBe(-credited)
  })

  it('shows a resident their accounts, total and recent entries; the home account even before any entry', async () => {
    const mine = await ok(call(xuMin.openid, 'account', {}))
    expect(mine.accounts).toEqual([{ communityId: urban, communityName: '沁园社区', balance: 450, monthEarned: expect.any(Number) }])
    expect(mine.total).toBe(450)
    expect(mine.recent.map((e) => [e.kind, e.minutes, e.title])).toEqual([
      ['service', 240, '志愿服务：重阳节敬老饺子宴'],
      ['service', 90, '志愿服务：长者食堂送餐'],
      ['service', 120, '志愿服务：亲情陪伴（沁园小区）'],
    ])
    expect(mine.recent[0].service).toMatchObject({ kind: 'activity', kindLabel: '活动', organisationName: '沁园社区夕阳红助老服务队' })
    const newcomer = await ok(call(yangLi.openid, 'account', {}))
    expect(newcomer).toEqual({
      accounts: [{ communityId: urban, communityName: '沁园社区', balance: 0, monthEarned: 0 }],
      total: 0,
      monthEarned: 0,
      recent: [],
    })
  })
})

describe('this month’s earnings', () => {
  // Its own ledger: the seeded one above is compared with the seed entry for entry.
  freshDatabasePerGroup()

  it('counts this month’s earnings from the service credited this month', async () => {
    // Credited now: this month's, whenever the service was.
    await earn(yangLi.openid, 45, '2026-09-20T10:00:00')
    expect((await ok(call(yangLi.openid, 'account', {}))).monthEarned).toBe(45)
  })
})

describe('earning through a need: credited once, whatever is replayed', () => {
  freshDatabasePerGroup()
  // Later groups compare entries with moments some server code still reads from the wall clock.
  afterAll(() => testClock.reset())
  const organisationId = 'org-qy-xiyanghong'
  const lead = who.organisationLead
  const volunteerRole = demoDataSet.roles.find((r) => r.organisationId === organisationId && r.openid === xuMin.openid)!

  it('markDone writes a service record per volunteer, which the time bank credits in the same minute', async () => {
    const needId = await acceptedNeed([volunteerRole._id])
    testClock.advance(90 * 60_000)
    const before = await balanceOf(xuMin.openid)
    await ok(
      callNeeds(lead, 'markDone', {
        organisationId,
        needId: needId,
        summary: '陪老人聊天。',
        service: [{ memberId: volunteerRole._id, minutes: 75 }],
      }),
    )
    expect((await recordOf(`need-${needId}-0`)).credit.status).toBe('pending')
    expect(await balanceOf(xuMin.openid)).toBe(before)
    expect((await runDueWork(testClock.now())).serviceRecordsCredited).toBe(1)
    expect(await balanceOf(xuMin.openid)).toBe(before + 75)
    const record = await recordOf(`need-${needId}-0`)
    expect(record).toMatchObject({
      openid: xuMin.openid,
      minutes: 75,
      source: { kind: 'need', id: needId, title: '亲情陪伴（柳泉花园）' },
      credit: { status: 'credited', entryId: `service:need-${needId}-0` },
    })
    const { entries: history } = await ok(call(xuMin.openid, 'history', {}))
    expect(history[0]).toMatchObject({ kind: 'service', minutes: 75, title: '志愿服务：亲情陪伴（柳泉花园）' })
    expect(history[0].reversal).toBeUndefined()
    // The need's own view still lists the service, from the records.
    const { need: seen } = await ok(callNeeds(who.resident, 'detail', { needId: needId }))
    expect(seen.service).toEqual([{ name: '徐敏', minutes: 75 }])
  })

  it('crediting the same records again, one after another or twenty at once, pays nothing more', async () => {
    const { record } = await earn(xuMin.openid, 30, '2026-09-01T10:00:00')
    const after = await balanceOf(xuMin.openid)
    expect(await creditServiceRecords([record._id], testClock.now())).toEqual(['credited'])
    await Promise.all(Array.from({ length: 20 }, () => creditServiceRecords([record._id], testClock.now())))
    expect(await balanceOf(xuMin.openid)).toBe(after)
    expect((await entries()).filter((e) => e.service?.recordId === record._id)).toHaveLength(1)
    await expectLedgerInvariants()
  })

  it('twenty concurrent first credits of one fresh record pay it once', async () => {
    const record = serviceRecord(xuMin.openid, 50, '2026-09-02T10:00:00')
    await insertAll('service_records', [record])
    const before = await balanceOf(xuMin.openid)
    const outcomes = (await Promise.all(Array.from({ length: 20 }, () => creditServiceRecords([record._id], testClock.now())))).flat()
    expect(outcomes.every((o) => o === 'credited')).toBe(true)
    expect(await balanceOf(xuMin.openid)).toBe(before + 50)
    await expectLedgerInvariants()
  })

  it('the due work credits what was confirmed by its minute, not a record confirmed after it, and each once', async () => {
    const record = serviceRecord(xuMin.openid, 40, '2026-09-03T10:00:00', { confirmedAt: testClock.now() })
    const later = serviceRecord(xuMin.openid, 20, '2026-09-03T11:00:00', { confirmedAt: new Date(testClock.now().getTime() + 30_000) })
    await insertAll('service_records', [record, later])
    const before = await balanceOf(xuMin.openid)
    expect((await runDueWork(testClock.now())).serviceRecordsCredited).toBe(1)
    expect((await recordOf(record._id)).credit).toMatchObject({ status: 'credited', entryId: `service:${record._id}` })
    expect((await recordOf(later._id)).credit.status).toBe('pending')
    testClock.advance(60_000)
    expect((await runDueWork(testClock.now())).serviceRecordsCredited).toBe(1)
    expect((await runDueWork(testClock.now())).serviceRecordsCredited).toBe(0)
    expect(await balanceOf(xuMin.openid)).toBe(before + 60)
  })
})

describe('service on a need: only the assigned, no longer than since acceptance, held when the requester disputes it', () => {
  freshDatabasePerGroup()
  // Later groups compare entries with moments some server code still reads from the wall clock.
  afterAll(() => testClock.reset())
  const organisationId = 'org-qy-xiyanghong'
  const lead = who.organisationLead
  const roleOf = (openid: string) => demoDataSet.roles.find((r) => r.organisationId === organisationId && r.openid === openid)!._id
  const leadRole = roleOf(lead)
  const xuMinRole = roleOf(xuMin.openid)
  const gaoPengRole = roleOf('demo-gao-peng')

  const markDone = (needId: string, service: { memberId: string; minutes: number }[]) =>
    callNeeds(lead, 'markDone', { organisationId, needId, summary: '陪老人聊天。', service })
  const needStatus = async (needId: string) => (await ok(callNeeds(yangLi.openid, 'detail', { needId }))).need.status

  it('a lead cannot pay himself or a member who was not assigned, and nothing is written', async () => {
    const needId = await acceptedNeed([xuMinRole])
    testClock.advance(12 * 60 * 60_000)
    const before = await entries()
    expect(await failure(markDone(needId, [{ memberId: leadRole, minutes: 720 }]))).toEqual({
      code: 'FORBIDDEN',
      field: 'data.service.0.memberId',
    })
    expect(
      await failure(
        markDone(needId, [
          { memberId: xuMinRole, minutes: 60 },
          { memberId: gaoPengRole, minutes: 720 },
        ]),
      ),
    ).toEqual({
      code: 'FORBIDDEN',
      field: 'data.service.1.memberId',
    })
    expect(await entries()).toEqual(before)
    expect(await needStatus(needId)).toBe('accepted')
  })

  it('nobody served longer than the need has been accepted; the lead himself, once assigned, may be paid', async () => {
    const needId = await acceptedNeed([xuMinRole, leadRole])
    testClock.advance(90 * 60_000)
    expect(
      await failure(
        markDone(needId, [
          { memberId: xuMinRole, minutes: 60 },
          { memberId: leadRole, minutes: 91 },
        ]),
      ),
    ).toEqual({
      code: 'INVALID_INPUT',
      field: 'data.service.1.minutes',
    })
    expect(await needStatus(needId)).toBe('accepted')
    const [xuBefore, leadBefore] = [await balanceOf(xuMin.openid), await balanceOf(lead)]
    await ok(
      markDone(needId, [
        { memberId: xuMinRole, minutes: 90 },
        { memberId: leadRole, minutes: 90 },
      ]),
    )
    await runDueWork(testClock.now())
    expect([await balanceOf(xuMin.openid), await balanceOf(lead)]).toEqual([xuBefore + 90, leadBefore + 90])
  })

  it('未解决 takes credited minutes back by a reversal and holds them for the committee, who may credit them', async () => {
    const needId = await acceptedNeed([xuMinRole])
    testClock.advance(120 * 60_000)
    const before = await balanceOf(xuMin.openid)
    await ok(markDone(needId, [{ memberId: xuMinRole, minutes: 100 }]))
    await runDueWork(testClock.now())
    const recordId = `need-${needId}-0`
    expect(await balanceOf(xuMin.openid)).toBe(before + 100)
    await ok(callNeeds(yangLi.openid, 'confirm', { needId, result: 'unsolved', rating: 1 }))
    expect(await balanceOf(xuMin.openid)).toBe(before)
    const { entries: moves } = await expectLedgerInvariants()
    expect(moves.find((e) => e._id === `reverse:service:${recordId}`)).toMatchObject({
      kind: 'reversal',
      minutes: 100,
      fromOpenid: xuMin.openid,
      reverses: `service:${recordId}`,
    })
    expect((await recordOf(recordId)).credit).toMatchObject({ status: 'held', heldMinutes: 100 })
    const { held } = await ok(call(who.committeeUrban, 'heldCredits', { communityId: urban }))
    const waiting = held.find((h) => h.id === `held:${recordId}`)!
    expect(waiting).toMatchObject({
      personName: '徐敏',
      heldMinutes: 100,
      recordMinutes: 100,
      cause: 'disputed',
      causeLabel: '求助人答复未解决',
      status: 'waiting',
    })
    // While it waits it counts neither as spendable time nor as service hours.
    const hours = await ok(call(xuMin.openid, 'serviceHours', {}))
    expect(hours.records.find((r) => r.id === recordId)).toMatchObject({ recordedMinutes: 100, countedMinutes: 0 })
    await ok(call(who.committeeUrban, 'reviewHeldCredit', { heldId: waiting.id, decision: 'credit' }))
    expect(await balanceOf(xuMin.openid)).toBe(before + 100)
    expect((await recordOf(recordId)).credit).toMatchObject({ status: 'credited' })
    expect((await entries()).find((e) => e._id === `review:disputed:${recordId}`)).toMatchObject({ kind: 'review', minutes: 100 })
    await expectLedgerInvariants()
  })

  it('disputed before the time bank credited them, the committee may decline them: they never count, and the ledger sums to zero', async () => {
    const needId = await acceptedNeed([xuMinRole])
    testClock.advance(60 * 60_000)
    const before = await balanceOf(xuMin.openid)
    await ok(markDone(needId, [{ memberId: xuMinRole, minutes: 45 }]))
    const recordId = `need-${needId}-0`
    // Answered before the due work's minute: the record is held whole, and the due work leaves it so.
    await ok(callNeeds(yangLi.openid, 'confirm', { needId, result: 'unsolved', rating: 2 }))
    expect((await runDueWork(testClock.now())).serviceRecordsCredited).toBe(0)
    await ok(
      call(who.committeeUrban, 'reviewHeldCredit', { heldId: `held:${recordId}`, decision: 'decline', reason: '求助人说没有人来过' }),
    )
    expect(await balanceOf(xuMin.openid)).toBe(before)
    expect((await recordOf(recordId)).credit).toMatchObject({ status: 'declined', declinedMinutes: 45 })
    const hours = await ok(call(xuMin.openid, 'serviceHours', {}))
    expect(hours.records.find((r) => r.id === recordId)).toMatchObject({ countedMinutes: 0 })
    await expectLedgerInvariants()
  })
})

describe('the daily cap and the committee’s review', () => {
  freshDatabasePerGroup()
  midMorningForGroup()
  const caoLihua = personOf('demo-cao-lihua')
  /** Service for `p` on `day` up to `held` short of the cap, then `minutes` that evening: `held` of them wait for the committee. */
  async function heldOver(p: { openid: string }, day: string, minutes: number, held = minutes) {
    expect((await earn(p.openid, DEFAULT_DAILY_CAP_MINUTES - (minutes - held), `${day}T08:00:00`)).status).toBe('credited')
    const { record, status } = await earn(p.openid, minutes, `${day}T21:00:00`)
    expect(status).toBe('held')
    return record
  }

  it('credits up to the cap on a Shanghai day and holds the rest; another day starts afresh', async () => {
    const before = await balanceOf(yangLi.openid)
    // 23:30 and 00:30 Shanghai time are two days, whatever zone this test runs in.
    expect((await earn(yangLi.openid, 600, '2026-08-01T08:00:00')).status).toBe('credited')
    const { record, status } = await earn(yangLi.openid, 180, '2026-08-01T23:30:00')
    expect(status).toBe('held')
    expect((await recordOf(record._id)).credit).toMatchObject({ status: 'held', heldMinutes: 60, entryId: `service:${record._id}` })
    expect((await earn(yangLi.openid, 300, '2026-08-02T00:30:00')).status).toBe('credited')
    expect(await balanceOf(yangLi.openid)).toBe(before + 600 + 120 + 300)
    const { held, dailyCapMinutes } = await ok(call(who.committeeUrban, 'heldCredits', { communityId: urban }))
    expect(dailyCapMinutes).toBe(DEFAULT_DAILY_CAP_MINUTES)
    expect(held.find((h) => h.id === `held:${record._id}`)).toMatchObject({
      personName: '杨丽',
      day: '2026-08-01',
      recordMinutes: 180,
      heldMinutes: 60,
      status: 'waiting',
    })
  })

  it('a record wholly over the cap is held whole, with no entry', async () => {
    const record = await heldOver(yangLi, '2026-08-03', 90)
    expect((await recordOf(record._id)).credit).toEqual({ status: 'held', at: expect.anything(), heldMinutes: 90 })
    expect((await entries()).some((e) => e._id === `service:${record._id}`)).toBe(false)
  })

  it('the committee credits a held amount in full, once; the other decision then is too late', async () => {
    const record = await heldOver(wangGuilan, '2026-08-06', 180, 60)
    const { held } = await ok(call(who.committeeUrban, 'heldCredits', { communityId: urban }))
    const waiting = held.find((h) => h.id === `held:${record._id}`)!
    expect(waiting).toMatchObject({ personName: '王桂兰', heldMinutes: 60 })
    const before = await balanceOf(wangGuilan.openid)
    const { held: reviewed } = await ok(call(who.committeeUrban, 'reviewHeldCredit', { heldId: waiting.id, decision: 'credit' }))
    expect(reviewed).toMatchObject({ status: 'credited', reviewedByName: '周海燕' })
    expect(await ok(call(who.committeeUrban, 'reviewHeldCredit', { heldId: waiting.id, decision: 'credit' }))).toEqual({ held: reviewed })
    expect(
      await failure(call(who.committeeUrban, 'reviewHeldCredit', { heldId: waiting.id, decision: 'decline', reason: '核实有误' })),
    ).toEqual({ code: 'CONFLICT' })
    expect(await balanceOf(wangGuilan.openid)).toBe(before + 60)
    expect((await recordOf(record._id)).credit).toMatchObject({ status: 'credited', entryId: `service:${record._id}` })
    const { entries: history } = await ok(call(wangGuilan.openid, 'history', {}))
    expect(history[0]).toMatchObject({ kind: 'review', kindLabel: '审核后入账', minutes: 60 })
    const audit = (await documents<AuditDoc>('audit_log')).filter((a) => a.action === 'timebank.held.credit')
    expect(audit.map((a) => [a.actorOpenid, a.targetName])).toEqual([[who.committeeUrban, '王桂兰']])
    await expectLedgerInvariants()
  })

  it('declining needs a reason, pays nothing, and the declined minutes never count as service hours', async () => {
    const record = await heldOver(caoLihua, '2026-08-08', 90)
    const waiting = (await ok(call(who.committeeUrban, 'heldCredits', { communityId: urban }))).held.find(
      (h) => h.id === `held:${record._id}`,
    )!
    expect(waiting).toMatchObject({ personName: caoLihua.name, heldMinutes: 90 })
    expect(await failure(call(who.committeeUrban, 'reviewHeldCredit', { heldId: waiting.id, decision: 'decline' }))).toEqual({
      code: 'INVALID_INPUT',
      field: 'data.reason',
    })
    const before = await balanceOf(caoLihua.openid)
    const { held } = await ok(
      call(who.committeeUrban, 'reviewHeldCredit', { heldId: waiting.id, decision: 'decline', reason: '同一天不可能服务这么久' }),
    )
    expect(held).toMatchObject({ status: 'declined', reason: '同一天不可能服务这么久' })
    expect(await balanceOf(caoLihua.openid)).toBe(before)
    const hours = await ok(call(caoLihua.openid, 'serviceHours', { from: '2026-08-08', to: '2026-08-08' }))
    expect(hours.totalMinutes).toBe(DEFAULT_DAILY_CAP_MINUTES)
    expect(hours.waitingMinutes).toBe(0)
    expect(
      (await ok(call(who.committeeUrban, 'heldCredits', { communityId: urban }))).held.some((h) => h.personName === caoLihua.name),
    ).toBe(false)
  })
})

describe('the community’s own daily cap', () => {
  // Its own database: the cap it sets would change every other test's credits.
  freshDatabasePerGroup()
  midMorningForGroup()

  it('the community may change the cap: later credits follow it', async () => {
    expect(await ok(call(who.committeeUrban, 'settings', { communityId: urban, dailyCapMinutes: 60 }))).toEqual({ dailyCapMinutes: 60 })
    const { record, status } = await earn(yangLi.openid, 100, '2026-08-05T10:00:00')
    expect(status).toBe('held')
    expect((await recordOf(record._id)).credit).toMatchObject({ heldMinutes: 40 })
    expect((await ok(call(who.committeeUrban, 'heldCredits', { communityId: urban }))).dailyCapMinutes).toBe(60)
    expect(await failure(call(who.committeeUrban, 'settings', { communityId: urban, dailyCapMinutes: 30 }))).toEqual({
      code: 'INVALID_INPUT',
      field: 'data.dailyCapMinutes',
    })
  })
})

describe('gifts: held until the recipient accepts, the same answer whoever the name and phone are', () => {
  freshDatabasePerGroup()
  midMorningForGroup()
  const caoLihua = personOf('demo-cao-lihua')
  const pu = personOf('demo-pu-xiaojuan')
  const gaoPeng = personOf('demo-gao-peng')
  // Recipients of one test each, so that what waits for them is that test's alone.
  const sunXiuying = personOf('demo-sun-xiuying')
  const zhaoShuzhen = personOf('demo-zhao-shuzhen')
  const giveAs = (
    from: { openid: string },
    to: { name: string; phone?: string },
    minutes: number,
    extra: { note?: string; requestId?: string } = {},
  ) =>
    call(from.openid, 'give', {
      toName: to.name,
      toPhone: to.phone!,
      minutes,
      requestId: extra.requestId ?? requestId(),
      ...(extra.note ? { note: extra.note } : {}),
    })
  const gift = (minutes: number, to: { name: string; phone?: string } = wangGuilan, extra: { note?: string; requestId?: string } = {}) =>
    giveAs(xuMin, to, minutes, extra)
  /** Time from the pool, so that a giver has something to give without using up anyone's gifts for the day. */
  const fund = (p: { _id: string; openid: string }, minutes: number) =>
    ok(call(who.committeeUrban, 'grant', { communityId: urban, personId: p._id, minutes, reason: '测试用时间', requestId: requestId() }))
  const giftsOf = (openid: string) => ok(call(openid, 'gifts', {}))
  /** What waits for recipients in a community: the accounts of its waiting gifts. */
  const waitingAccount = async (communityId = urban) =>
    (await accounts()).filter((a) => a._id.startsWith(`waiting:${communityId}:`)).reduce((sum, a) => sum + a.balance, 0)

  it('takes the minutes from the giver at once and gives them to the recipient when she accepts; both histories say who', async () => {
    const [before, waitingBefore] = [await balanceOf(xuMin.openid), await waitingAccount()]
    const { entry, gift: given, balance } = await ok(gift(60, sunXiuying, { note: '孙阿姨，给您存点时间。' }))
    expect(balance).toBe(before - 60)
    expect(entry).toMatchObject({
      kind: 'gift',
      minutes: -60,
      counterpartyName: '孙秀英',
      title: '转赠给孙秀英',
      note: '孙阿姨，给您存点时间。',
    })
    expect(given).toMatchObject({
      minutes: 60,
      status: 'waiting',
      statusLabel: '待对方接收',
      toName: '孙秀英',
      toPhoneMasked: expect.stringMatching(/^1\d\d\*{4}\d{4}$/),
    })
    expect(new Date(given.expiresAt).getTime() - new Date(given.createdAt).getTime()).toBe(7 * 24 * 3600_000)
    expect([await balanceOf(sunXiuying.openid), await waitingAccount()]).toEqual([0, waitingBefore + 60])
    await expectLedgerInvariants()

    const { incoming } = await giftsOf(sunXiuying.openid)
    expect(incoming).toEqual([
      expect.objectContaining({
        id: given.id,
        fromName: '徐敏',
        minutes: 60,
        note: '孙阿姨，给您存点时间。',
        statusLabel: '待接收',
        communityName: '沁园社区',
      }),
    ])
    expect(incoming[0]).not.toHaveProperty('toName')
    const accepted = await ok(call(sunXiuying.openid, 'acceptGift', { giftId: given.id }))
    expect(accepted).toMatchObject({ gift: { status: 'accepted' }, balance: 60 })
    // Again is a replay: the same answer, nothing moves twice.
    expect(await ok(call(sunXiuying.openid, 'acceptGift', { giftId: given.id }))).toEqual(accepted)
    expect([await balanceOf(sunXiuying.openid), await waitingAccount()]).toEqual([60, waitingBefore])
    const { entries: hers } = await ok(call(sunXiuying.openid, 'history', {}))
    expect(hers[0]).toMatchObject({ kind: 'giftAccept', minutes: 60, counterpartyName: '徐敏', title: '徐敏转赠' })
    expect((await giftsOf(xuMin.openid)).outgoing[0]).toMatchObject({ id: given.id, statusLabel: '对方已接收' })
    expect((await giftsOf(sunXiuying.openid)).incoming).toEqual([])
    await expectLedgerInvariants()
  })

  it('answers a wrong name or phone exactly as a right one; the wrong ones reach nobody', async () => {
    const deng = dengHao
    const shape = (answer: { entry: object; gift: object; balance: number }) =>
      JSON.parse(JSON.stringify(answer), (key, value) =>
        ['id', 'at', 'createdAt', 'expiresAt'].includes(key) ? typeof value : value,
      ) as unknown
    const before = await balanceOf(deng.openid)
    const right = await ok(giveAs(deng, wangGuilan, 10))
    const wrongName = await ok(giveAs(deng, { name: '王桂芳', phone: wangGuilan.phone }, 10))
    const wrongPhone = await ok(giveAs(deng, { name: wangGuilan.name, phone: '13900000000' }, 10))
    // The same but for what the giver typed, which is said back as typed.
    expect(shape(wrongName)).toEqual(
      shape({
        ...right,
        balance: right.balance - 10,
        entry: { ...right.entry, title: '转赠给王桂芳', counterpartyName: '王桂芳' },
        gift: { ...right.gift, toName: '王桂芳' },
      }),
    )
    expect(shape(wrongPhone)).toEqual(
      shape({ ...right, balance: right.balance - 20, gift: { ...right.gift, toPhoneMasked: '139****0000' } }),
    )
    expect(await balanceOf(deng.openid)).toBe(before - 30)
    const outgoing = (await giftsOf(deng.openid)).outgoing
    expect(outgoing.map((g) => g.statusLabel)).toEqual(['待对方接收', '待对方接收', '待对方接收'])
    expect((await giftsOf(wangGuilan.openid)).incoming.map((g) => g.id)).toEqual([right.gift.id])
    // Nobody else can accept one: a gift meant for no one, or for someone else, is NOT_FOUND to the caller.
    expect(await failure(call(wangGuilan.openid, 'acceptGift', { giftId: wrongName.gift.id }))).toEqual({
      code: 'NOT_FOUND',
      field: 'data.giftId',
    })
    expect(await failure(call(yangLi.openid, 'acceptGift', { giftId: right.gift.id }))).toEqual({ code: 'NOT_FOUND', field: 'data.giftId' })
    expect(await failure(call(wangGuilan.openid, 'cancelGift', { giftId: right.gift.id }))).toEqual({
      code: 'NOT_FOUND',
      field: 'data.giftId',
    })
    await expectLedgerInvariants()
  })

  it('the giver cancels before acceptance and has the minutes back; she can then not accept it', async () => {
    const hers = await balanceOf(yangLi.openid)
    const { gift: given, balance } = await ok(gift(20, yangLi))
    const cancelled = await ok(call(xuMin.openid, 'cancelGift', { giftId: given.id }))
    expect(cancelled).toMatchObject({ gift: { status: 'cancelled', statusLabel: '已取消，已退回' }, balance: balance + 20 })
    expect(await ok(call(xuMin.openid, 'cancelGift', { giftId: given.id }))).toEqual(cancelled)
    expect(await failure(call(yangLi.openid, 'acceptGift', { giftId: given.id }))).toEqual({ code: 'CONFLICT' })
    expect(await balanceOf(yangLi.openid)).toBe(hers)
    const { entries: mine } = await ok(call(xuMin.openid, 'history', {}))
    expect(mine[0]).toMatchObject({ kind: 'giftReturn', minutes: 20, title: '转赠退回：送给杨丽的' })
    await expectLedgerInvariants()
  })

  it('ten accepts at once credit once; an accept racing the giver’s cancel: exactly one of them wins', async () => {
    const hers = await balanceOf(yangLi.openid)
    const { gift: first } = await ok(gift(15, yangLi))
    const accepts = await Promise.all(Array.from({ length: 10 }, () => call(yangLi.openid, 'acceptGift', { giftId: first.id })))
    expect(accepts.every((a) => a.ok)).toBe(true)
    expect(await balanceOf(yangLi.openid)).toBe(hers + 15)
    expect((await entries()).filter((e) => e._id === `gift-accept:${first.id}`)).toHaveLength(1)
    const before = await balanceOf(xuMin.openid)
    const { gift: second } = await ok(gift(25, yangLi))
    const [accept, cancel] = await Promise.all([
      call(yangLi.openid, 'acceptGift', { giftId: second.id }),
      call(xuMin.openid, 'cancelGift', { giftId: second.id }),
    ])
    expect([accept.ok, cancel.ok].filter(Boolean)).toHaveLength(1)
    const settled = (await entries()).filter((e) => e.gift?.id === second.id && e.kind !== 'gift')
    expect(settled).toHaveLength(1)
    expect([await balanceOf(yangLi.openid), await balanceOf(xuMin.openid)]).toEqual(
      accept.ok ? [hers + 40, before - 25] : [hers + 15, before],
    )
    await expectLedgerInvariants()
  })

  it('nobody accepts within 7 days: the due work gives the minutes back once, whether or not anyone matched; then it cannot be accepted', async () => {
    await fund(caoLihua, 100)
    const before = await balanceOf(caoLihua.openid)
    const { gift: meant } = await ok(giveAs(caoLihua, wangGuilan, 30))
    const { gift: nobody } = await ok(giveAs(caoLihua, { name: '王桂芳', phone: '13900000000' }, 40))
    expect(await balanceOf(caoLihua.openid)).toBe(before - 70)
    const expiry = new Date(meant.expiresAt).getTime()
    expect((await runDueWork(new Date(expiry - 60_000))).giftsReturned).toBe(0)
    // Every gift still waiting is older than these two: all of them go back.
    const waiting = (await documents<GiftDoc>('timebank_gifts')).filter((g) => g.status === 'waiting')
    expect(waiting.map((g) => g._id)).toEqual(expect.arrayContaining([meant.id, nobody.id]))
    const done = await runDueWork(new Date(Math.max(expiry, new Date(nobody.expiresAt).getTime()) + 60_000))
    expect(done.giftsReturned).toBe(waiting.length)
    expect(await waitingAccount()).toBe(0)
    expect((await runDueWork(new Date(expiry + 120_000))).giftsReturned).toBe(0)
    expect(await balanceOf(caoLihua.openid)).toBe(before)
    expect((await giftsOf(caoLihua.openid)).outgoing.map((g) => g.statusLabel)).toEqual(['对方未接收，已退回', '对方未接收，已退回'])
    const hers = await balanceOf(wangGuilan.openid)
    expect(await failure(call(wangGuilan.openid, 'acceptGift', { giftId: meant.id }))).toEqual({ code: 'CONFLICT' })
    expect(await balanceOf(wangGuilan.openid)).toBe(hers)
    await expectLedgerInvariants()
  })

  it('limits gifts per giver per day: the sixth is RATE_LIMITED and moves nothing; replays do not count', async () => {
    await fund(yangLi, 100)
    // Four gifts, one of them sent three times, to a right pair and to wrong ones alike: five a day.
    for (const phone of ['13900000001', '13900000002', '13900000003']) await ok(giveAs(yangLi, { name: '王桂芳', phone }, 1))
    for (let i = 0; i < 3; i++) await ok(giveAs(yangLi, zhaoShuzhen, 1, { requestId: 'replayed-gift-1' }))
    await ok(giveAs(yangLi, zhaoShuzhen, 1))
    const before = await balanceOf(yangLi.openid)
    expect(await failure(giveAs(yangLi, zhaoShuzhen, 1))).toEqual({ code: 'RATE_LIMITED' })
    expect(await failure(giveAs(yangLi, { name: '王桂芳', phone: '13900000004' }, 1))).toEqual({ code: 'RATE_LIMITED' })
    expect(await balanceOf(yangLi.openid)).toBe(before)
    expect((await giftsOf(yangLi.openid)).outgoing).toHaveLength(5)
    await expectLedgerInvariants()
  })

  it('refuses a gift to oneself, beyond the balance, or with a flagged note, and changes nothing', async () => {
    const before = await balanceOf(xuMin.openid)
    expect(await failure(gift(10, xuMin))).toEqual({ code: 'INVALID_INPUT', field: 'data.toPhone' })
    expect(await failure(gift(before + 1))).toEqual({ code: 'INSUFFICIENT_BALANCE', field: 'data.minutes' })
    expect(await failure(gift(10, wangGuilan, { note: '帮我代开发票' }))).toEqual({ code: 'CONTENT_REJECTED', field: 'data.note' })
    expect(await failure(gift(1.5))).toEqual({ code: 'INVALID_INPUT', field: 'data.minutes' })
    expect(await balanceOf(xuMin.openid)).toBe(before)
  })

  it('checks a note with WeChat only once the balance allows the gift', async () => {
    const before = await balanceOf(xuMin.openid)
    const sent = await outbox()
    expect(await failure(gift(before + 1, wangGuilan, { note: '谢谢您的照顾' }))).toEqual({
      code: 'INSUFFICIENT_BALANCE',
      field: 'data.minutes',
    })
    expect(await sentSince(sent)).toEqual([])
    await ok(gift(1, wangGuilan, { note: '谢谢您的照顾' }))
    expect((await sentSince(sent)).map((m) => m.channel)).toEqual(['contentSecurity'])
  })

  it('a replayed gift, again or ten at once, answers the first and moves the minutes once', async () => {
    const id = requestId()
    const before = await balanceOf(gaoPeng.openid)
    const first = await ok(giveAs(gaoPeng, yangLi, 25, { requestId: id }))
    const again = await Promise.all(Array.from({ length: 10 }, () => ok(giveAs(gaoPeng, yangLi, 25, { requestId: id }))))
    for (const answer of again) expect([answer.entry.id, answer.gift.id]).toEqual([first.entry.id, first.gift.id])
    expect(await balanceOf(gaoPeng.openid)).toBe(before - 25)
    const fresh = requestId()
    const racing = await Promise.all(Array.from({ length: 10 }, () => ok(giveAs(gaoPeng, yangLi, 5, { requestId: fresh }))))
    expect(new Set(racing.map((a) => a.gift.id)).size).toBe(1)
    expect(await balanceOf(gaoPeng.openid)).toBe(before - 30)
    await expectLedgerInvariants()
  })

  it('a recipient in another community accepts into her account there: the minutes stay in the giver’s community', async () => {
    const [waitingBefore, hersBefore] = [await waitingAccount(rural), await balanceOf(wangGuilan.openid, rural)]
    const { gift: given } = await ok(giveAs(pu, wangGuilan, 30))
    expect(await waitingAccount(rural)).toBe(waitingBefore + 30)
    expect((await giftsOf(wangGuilan.openid)).incoming.find((g) => g.id === given.id)).toMatchObject({
      fromName: pu.name,
      communityName: '太河村',
    })
    await ok(call(wangGuilan.openid, 'acceptGift', { giftId: given.id }))
    expect(await balanceOf(wangGuilan.openid, rural)).toBe(hersBefore + 30)
    const { accounts: hers } = await ok(call(wangGuilan.openid, 'account', {}))
    expect(hers.map((a) => [a.communityName, a.balance])).toEqual([
      ['沁园社区', await balanceOf(wangGuilan.openid)],
      ['太河村', hersBefore + 30],
    ])
    await expectLedgerInvariants()
  })
})

describe('the catalogue, redemptions and their hand-over', () => {
  freshDatabasePerGroup()
  const redeem = (openid: string, itemId: string, id = requestId()) => call(openid, 'redeem', { itemId, requestId: id })

  it('shows the community’s items with price and stock, and the caller’s balance', async () => {
    const { items, balance, communityName } = await ok(call(xuMin.openid, 'catalogue', {}))
    expect(communityName).toBe('沁园社区')
    expect(balance).toBe(await balanceOf(xuMin.openid))
    // Stock as it stands: other tests here redeem from it.
    const stocks = await Promise.all(timebankItems.map(async (i) => (await item(i._id)).stock))
    expect(items.map((i) => [i.name, i.kindLabel, i.priceMinutes, i.stock])).toEqual(
      timebankItems.map((i, n) => [i.name, i.kind === 'service' ? '服务' : '爱心超市物品', i.priceMinutes, stocks[n]]),
    )
    expect(items.find((i) => i.id === 'item-qy-repair')!.provider).toEqual({
      organisationId: 'org-qy-weixiu',
      name: '沁园社区便民维修服务队',
    })
    // A village resident sees their own village's catalogue, empty in the demo.
    expect((await ok(call(who.ruralResident, 'catalogue', {}))).items).toEqual([])
  })

  it('a redemption pays the price back to the pool and takes one from stock; a replay answers it again', async () => {
    const id = requestId()
    const [before, stock] = [await balanceOf(xuMin.openid), (await item('item-qy-rice')).stock]
    const { redemption, balance } = await ok(redeem(xuMin.openid, 'item-qy-rice', id))
    expect(redemption).toMatchObject({
      itemName: '大米 5kg',
      priceMinutes: 120,
      status: 'waiting',
      statusLabel: '等待领取',
      entryId: `redeem:${redemption.id}`,
    })
    expect(redemption).not.toHaveProperty('phone')
    expect(balance).toBe(before - 120)
    expect((await item('item-qy-rice')).stock).toBe(stock - 1)
    expect((await ok(redeem(xuMin.openid, 'item-qy-rice', id))).redemption.id).toBe(redemption.id)
    expect((await item('item-qy-rice')).stock).toBe(stock - 1)
    expect((await ok(call(xuMin.openid, 'myRedemptions', {}))).redemptions.map((r) => r.id)).toEqual([redemption.id])
    const { entries: history } = await ok(call(xuMin.openid, 'history', {}))
    expect(history[0]).toMatchObject({ kind: 'redeem', minutes: -120, itemName: '大米 5kg', title: '兑换：大米 5kg' })
    await expectLedgerInvariants()
  })

  it('refuses beyond the balance, another community’s items and retired ones, changing nothing', async () => {
    // 吴军 earns nothing and is granted nothing in this group.
    const wuJun = personOf('demo-wu-jun')
    const rice = await item('item-qy-rice')
    expect(await balanceOf(wuJun.openid)).toBeLessThan(rice.priceMinutes)
    expect(await failure(redeem(wuJun.openid, 'item-qy-rice'))).toEqual({ code: 'INSUFFICIENT_BALANCE' })
    expect((await item('item-qy-rice')).stock).toBe(rice.stock)
    expect(await failure(redeem(who.ruralResident, 'item-qy-rice'))).toEqual({ code: 'NOT_FOUND', field: 'data.itemId' })
  })

  it('the committee adds, edits, restocks by a delta and retires items; each decision audited', async () => {
    const committee = who.committeeUrban
    const { item: added } = await ok(
      call(committee, 'saveItem', {
        communityId: urban,
        name: '助浴一次',
        kind: 'service',
        priceMinutes: 90,
        providerOrganisationId: 'org-qy-xiyanghong',
      }),
    )
    expect(added).toMatchObject({
      name: '助浴一次',
      stock: 0,
      status: 'active',
      description: '',
      provider: { name: '沁园社区夕阳红助老服务队' },
    })
    expect((await ok(call(committee, 'restockItem', { itemId: added.id, delta: 5, reason: '新增名额' }))).item.stock).toBe(5)
    expect(await failure(call(committee, 'restockItem', { itemId: added.id, delta: -6 }))).toEqual({
      code: 'OUT_OF_STOCK',
      field: 'data.delta',
    })
    expect((await ok(call(committee, 'restockItem', { itemId: added.id, delta: -2 }))).item.stock).toBe(3)
    const { item: edited } = await ok(
      call(committee, 'saveItem', {
        communityId: urban,
        itemId: added.id,
        name: '助浴一次',
        kind: 'service',
        priceMinutes: 100,
        description: '上门助浴。',
      }),
    )
    expect(edited).toMatchObject({ priceMinutes: 100, stock: 3, description: '上门助浴。' })
    expect(edited).not.toHaveProperty('provider')
    expect(
      await failure(
        call(committee, 'saveItem', {
          communityId: urban,
          name: '读报',
          kind: 'service',
          priceMinutes: 30,
          providerOrganisationId: 'org-th-qiaosao',
        }),
      ),
    ).toEqual({
      code: 'NOT_FOUND',
      field: 'data.providerOrganisationId',
    })
    expect(await failure(call(committee, 'saveItem', { communityId: urban, name: '代开发票', kind: 'goods', priceMinutes: 30 }))).toEqual({
      code: 'CONTENT_REJECTED',
      field: 'data.name',
    })
    // Another community's committee cannot touch it.
    expect(await failure(call(who.committeeRural, 'restockItem', { itemId: added.id, delta: 1 }))).toEqual({ code: 'FORBIDDEN' })
    const { item: retired } = await ok(call(committee, 'retireItem', { itemId: added.id, reason: '暂停服务' }))
    expect(retired.status).toBe('retired')
    expect(await failure(redeem(xuMin.openid, added.id))).toEqual({ code: 'CONFLICT' })
    expect((await ok(call(xuMin.openid, 'catalogue', {}))).items.some((i) => i.id === added.id)).toBe(false)
    expect((await ok(call(committee, 'items', { communityId: urban }))).items.find((i) => i.id === added.id)?.statusLabel).toBe('已下架')
    const audit = (await documents<AuditDoc>('audit_log')).filter((a) => a.action.startsWith('timebank.item'))
    expect(audit.map((a) => a.action).sort()).toEqual([
      'timebank.item.restock',
      'timebank.item.restock',
      'timebank.item.retire',
      'timebank.item.save',
      'timebank.item.save',
    ])
  })

  it('the committee sees what waits for hand-over with who and their phone, and confirms it once', async () => {
    const { redemption: redeemed } = await ok(redeem(dengHao.openid, 'item-qy-rice'))
    const { redemptions } = await ok(call(who.committeeUrban, 'handovers', { communityId: urban }))
    const rice = redemptions.find((r) => r.id === redeemed.id)!
    expect(rice).toMatchObject({ itemName: '大米 5kg', personName: '邓浩', phone: dengHao.phone })
    const { redemption } = await ok(call(who.committeeUrban, 'confirmHandover', { redemptionId: rice.id }))
    expect(redemption).toMatchObject({ status: 'handedOver', handedOverByName: '周海燕' })
    expect((await ok(call(who.committeeUrban, 'confirmHandover', { redemptionId: rice.id }))).redemption.handedOverAt).toBe(
      redemption.handedOverAt,
    )
    expect((await ok(call(who.committeeUrban, 'handovers', { communityId: urban }))).redemptions.some((r) => r.id === rice.id)).toBe(false)
    expect(await failure(call(who.committeeRural, 'confirmHandover', { redemptionId: rice.id }))).toEqual({ code: 'FORBIDDEN' })
  })

  it('the providing organisation’s lead sees and confirms only what it provides', async () => {
    const { redemption } = await ok(redeem(dengHao.openid, 'item-qy-repair'))
    const repairLead = 'demo-hu-gang'
    const { redemptions } = await ok(call(repairLead, 'providerHandovers', { organisationId: 'org-qy-weixiu' }))
    expect(redemptions.map((r) => [r.id, r.personName])).toEqual([[redemption.id, '邓浩']])
    const rice = (await ok(redeem(dengHao.openid, 'item-qy-rice'))).redemption
    expect(
      await failure(call(repairLead, 'confirmHandoverAsProvider', { organisationId: 'org-qy-weixiu', redemptionId: rice.id })),
    ).toEqual({
      code: 'NOT_FOUND',
      field: 'data.redemptionId',
    })
    expect(
      await failure(
        call(who.organisationLead, 'confirmHandoverAsProvider', { organisationId: 'org-qy-weixiu', redemptionId: redemption.id }),
      ),
    ).toEqual({ code: 'FORBIDDEN' })
    const done = await ok(call(repairLead, 'confirmHandoverAsProvider', { organisationId: 'org-qy-weixiu', redemptionId: redemption.id }))
    expect(done.redemption).toMatchObject({ status: 'handedOver', handedOverByName: '胡刚' })
    const audit = (await documents<AuditDoc>('audit_log')).filter((a) => a.action === 'timebank.handover' && a.actorOpenid === repairLead)
    expect(audit.map((a) => [a.organisationId, a.targetName, a.reason])).toEqual([['org-qy-weixiu', '邓浩', '上门维修']])
  })

  it('stock never below zero: ten people at once for the last two bottles of oil, two get one', async () => {
    // Enough time for everyone: the committee grants it from the pool.
    const crowd = demoDataSet.people.filter((p) => p.communityId === urban).slice(0, 10)
    for (const p of crowd) {
      await ok(
        call(who.committeeUrban, 'grant', {
          communityId: urban,
          personId: p._id,
          minutes: 200,
          reason: '测试兑换',
          requestId: requestId(),
        }),
      )
    }
    const answers = await Promise.all(crowd.map((p) => redeem(p.openid, 'item-qy-oil')))
    const won = answers.filter((a) => a.ok)
    expect(won).toHaveLength(2)
    for (const a of answers) if (!a.ok) expect(['OUT_OF_STOCK', 'CONFLICT', 'INSUFFICIENT_BALANCE']).toContain(a.error.code)
    expect(answers.filter((a) => !a.ok && a.error.code === 'OUT_OF_STOCK').length).toBeGreaterThan(0)
    expect((await item('item-qy-oil')).stock).toBe(0)
    const oil = (await documents<RedemptionDoc>('timebank_redemptions')).filter((r) => r.itemId === 'item-qy-oil')
    expect(oil).toHaveLength(2)
    await expectLedgerInvariants()
  })
})

describe('grants, the ledger and reversals', () => {
  freshDatabasePerGroup()
  const committee = who.committeeUrban

  it('grants from the pool to a resident chosen by person id, audited; a replay grants once', async () => {
    const id = requestId()
    const input = { communityId: urban, personId: wangGuilan._id, minutes: 120, reason: '独居高龄，社区关怀', requestId: id }
    const before = await balanceOf(wangGuilan.openid)
    const { entry } = await ok(call(committee, 'grant', input))
    expect(entry).toMatchObject({
      kind: 'grant',
      minutes: 120,
      from: { kind: 'community', name: '社区时间池' },
      to: { kind: 'person', name: '王桂兰', personId: wangGuilan._id },
      reversible: true,
    })
    expect((await ok(call(committee, 'grant', input))).entry.id).toBe(entry.id)
    expect(await balanceOf(wangGuilan.openid)).toBe(before + 120)
    const { entries: hers } = await ok(call(wangGuilan.openid, 'history', {}))
    expect(hers[0]).toMatchObject({ kind: 'grant', minutes: 120, reason: '独居高龄，社区关怀', title: '社区发放' })
    expect((await documents<AuditDoc>('audit_log')).filter((a) => a.action === 'timebank.grant').map((a) => a.targetName)).toEqual([
      '王桂兰',
    ])
    const villager = personOf(who.ruralResident)
    expect(await failure(call(committee, 'grant', { ...input, personId: villager._id, requestId: requestId() }))).toEqual({
      code: 'NOT_FOUND',
      field: 'data.personId',
    })
    expect(await failure(call(committee, 'grant', { ...input, minutes: 0, requestId: requestId() }))).toEqual({
      code: 'INVALID_INPUT',
      field: 'data.minutes',
    })
  })

  it('lists the community’s entries newest first, page by page without gaps or repeats, and by person', async () => {
    const all: string[] = []
    let cursor: string | undefined
    do {
      const page = await ok(call(committee, 'ledger', { communityId: urban, limit: 3, ...(cursor ? { cursor } : {}) }))
      all.push(...page.entries.map((e) => e.id))
      cursor = page.nextCursor
    } while (cursor)
    const stored = (await entries()).filter((e) => e.communityId === urban)
    expect(all).toHaveLength(stored.length)
    expect(new Set(all).size).toBe(all.length)
    const order = stored.sort((a, b) => new Date(b.at).getTime() - new Date(a.at).getTime() || (a._id < b._id ? 1 : -1)).map((e) => e._id)
    expect(all).toEqual(order)
    const { entries: his, outstandingMinutes } = await ok(call(committee, 'ledger', { communityId: urban, personId: xuMin._id }))
    // Other tests here give and redeem as 徐敏: his are the entries with him on either side.
    expect(his.map((e) => e.id)).toEqual(order.filter((id) => stored.find((e) => e._id === id)!.people.includes(xuMin.openid)))
    expect(his.map((e) => e.id)).toEqual(
      expect.arrayContaining(timebankServiceRecords.filter((r) => r.openid === xuMin.openid).map((r) => `service:${r._id}`)),
    )
    const people = (await accounts()).filter((a) => a.communityId === urban && a.kind === 'person')
    expect(outstandingMinutes).toBe(people.reduce((s, a) => s + a.balance, 0))
    expect(await failure(call(committee, 'ledger', { communityId: urban, cursor: 'not-a-cursor' }))).toEqual({
      code: 'INVALID_INPUT',
      field: 'data.cursor',
    })
  })

  /** A gift from 徐敏 that `to` accepted: the entry that paid her. */
  async function acceptedGift(to: { name: string; phone?: string; openid: string }, minutes: number) {
    const { gift } = await ok(call(xuMin.openid, 'give', { toName: to.name, toPhone: to.phone!, minutes, requestId: requestId() }))
    await ok(call(to.openid, 'acceptGift', { giftId: gift.id }))
    return (await entries()).find((e) => e._id === `gift-accept:${gift.id}`)!
  }

  it('reverses an entry by adding the opposite one: the original stays, marked reversed, once only', async () => {
    const [yangBefore, reversals] = [
      await balanceOf(yangLi.openid),
      (await documents<AuditDoc>('audit_log')).filter((a) => a.action === 'timebank.reverse').length,
    ]
    const { gift: waiting } = await ok(
      call(xuMin.openid, 'give', { toName: yangLi.name, toPhone: yangLi.phone!, minutes: 5, requestId: requestId() }),
    )
    // A gift still waiting is the giver's to cancel, not the committee's to reverse.
    expect(
      await failure(call(committee, 'reverse', { entryId: (await entries()).find((e) => e.gift?.id === waiting.id)!._id, reason: '误转' })),
    ).toEqual({ code: 'CONFLICT' })
    const gift = await acceptedGift(yangLi, 40)
    const { entry } = await ok(call(committee, 'reverse', { entryId: gift._id, reason: '误转' }))
    expect(entry).toMatchObject({
      kind: 'reversal',
      minutes: 40,
      from: { name: '杨丽' },
      to: { name: '徐敏' },
      reversesEntryId: gift._id,
      reason: '误转',
      reversible: false,
      title: '冲正：收到转赠',
    })
    expect(await balanceOf(yangLi.openid)).toBe(yangBefore)
    expect((await entries()).find((e) => e._id === gift._id)).toEqual(gift)
    const { entries: hers } = await ok(call(yangLi.openid, 'history', {}))
    expect(hers.find((e) => e.id === gift._id)).toMatchObject({ reversal: { entryId: entry.id, reason: '误转' } })
    const { entries: mine } = await ok(call(xuMin.openid, 'history', {}))
    expect(mine[0]).toMatchObject({ kind: 'reversal', minutes: 40 })
    // The same request again answers it; a second reversal, or reversing the reversal, is refused.
    expect((await ok(call(committee, 'reverse', { entryId: gift._id, reason: '误转' }))).entry.id).toBe(entry.id)
    expect(await failure(call(committee, 'reverse', { entryId: gift._id, reason: '再冲一次' }))).toEqual({ code: 'CONFLICT' })
    expect(await failure(call(committee, 'reverse', { entryId: entry.id, reason: '撤销冲正' }))).toEqual({ code: 'CONFLICT' })
    expect(await failure(call(who.committeeRural, 'reverse', { entryId: gift._id, reason: '误转' }))).toEqual({ code: 'FORBIDDEN' })
    expect((await documents<AuditDoc>('audit_log')).filter((a) => a.action === 'timebank.reverse')).toHaveLength(reversals + 1)
    await expectLedgerInvariants()
  })

  it('ten concurrent reversals of one entry reverse it once', async () => {
    const gift = await acceptedGift(wangGuilan, 10)
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, i) => call(committee, 'reverse', { entryId: gift._id, reason: `冲正 ${i}` })),
    )
    expect(answers.filter((a) => a.ok)).toHaveLength(1)
    expect((await entries()).filter((e) => e.reverses === gift._id)).toHaveLength(1)
    await expectLedgerInvariants()
  })

  it('reversing a redemption not yet handed over calls it off and puts the item back', async () => {
    const { redemption } = await ok(call(xuMin.openid, 'redeem', { itemId: 'item-qy-haircut', requestId: requestId() }))
    const stock = (await item('item-qy-haircut')).stock
    await ok(call(committee, 'reverse', { entryId: redemption.entryId, reason: '老人不需要了' }))
    expect((await item('item-qy-haircut')).stock).toBe(stock + 1)
    expect((await ok(call(xuMin.openid, 'myRedemptions', {}))).redemptions[0]).toMatchObject({ id: redemption.id, status: 'cancelled' })
    expect(await failure(call(committee, 'confirmHandover', { redemptionId: redemption.id }))).toEqual({ code: 'CONFLICT' })
    await expectLedgerInvariants()
  })

  it('a service credit already spent cannot be reversed; reversing one leaves the service hours as they were', async () => {
    // 冯强 has nothing else in this group: what he gives away is spent from this credit.
    const fengQiang = personOf('demo-feng-qiang')
    const { record } = await earn(fengQiang.openid, 50, '2026-09-10T10:00:00')
    await ok(call(fengQiang.openid, 'give', { toName: wangGuilan.name, toPhone: wangGuilan.phone!, minutes: 30, requestId: requestId() }))
    expect(await failure(call(committee, 'reverse', { entryId: `service:${record._id}`, reason: '重复登记' }))).toEqual({
      code: 'INSUFFICIENT_BALANCE',
    })
    const { record: second } = await earn(xuMin.openid, 20, '2026-09-11T10:00:00')
    const hoursBefore = await ok(call(xuMin.openid, 'serviceHours', {}))
    await ok(call(committee, 'reverse', { entryId: `service:${second._id}`, reason: '重复登记' }))
    expect(await ok(call(xuMin.openid, 'serviceHours', {}))).toEqual(hoursBefore)
    await expectLedgerInvariants()
  })
})

describe('service hours and the certificate', () => {
  freshDatabasePerGroup()
  const xiyanghong = { kind: 'organisation' as const, id: 'org-qy-xiyanghong' }
  const zhucan = { kind: 'organisation' as const, id: 'org-qy-zhucan' }
  const certificateOf = async (openid: string, issuer: { kind: 'organisation' | 'committee'; id: string } = xiyanghong) =>
    (await ok(call(openid, 'issueCertificate', { from: '2026-01-01', to: '2026-12-31', issuer }))).certificate

  it('sums 志愿服务时长 by organisation and by month, over a period or all', async () => {
    const hours = await ok(call(xuMin.openid, 'serviceHours', {}))
    expect(hours.totalMinutes).toBe(450)
    expect(hours.byOrganisation).toEqual([
      { organisationId: 'org-qy-xiyanghong', organisationName: '沁园社区夕阳红助老服务队', minutes: 360 },
      { organisationId: 'org-qy-zhucan', organisationName: '沁园社区长者助餐服务队', minutes: 90 },
    ])
    expect(hours.byIssuer).toEqual([
      { issuer: { ...xiyanghong, name: '沁园社区夕阳红助老服务队' }, minutes: 360 },
      { issuer: { ...zhucan, name: '沁园社区长者助餐服务队' }, minutes: 90 },
    ])
    expect(hours.byMonth).toEqual([
      { month: '2026-03', minutes: 120 },
      { month: '2026-04', minutes: 90 },
      { month: '2026-10', minutes: 240 },
    ])
    expect(hours.records.map((r) => r.service.title)).toEqual(['重阳节敬老饺子宴', '长者食堂送餐', '亲情陪伴（沁园小区）'])
    // Who confirmed each: the lead of its organisation.
    expect(hours.records.every((r) => r.confirmedByName.length > 0)).toBe(true)
    const spring = await ok(call(xuMin.openid, 'serviceHours', { from: '2026-03-01', to: '2026-04-30' }))
    expect(spring.totalMinutes).toBe(210)
    // 邓浩's 120 held minutes wait: not counted yet.
    const his = await ok(call(dengHao.openid, 'serviceHours', {}))
    expect([his.totalMinutes, his.waitingMinutes]).toEqual([810, 120])
  })

  it('issues a certificate per issuer: each states only the hours that issuer recorded, with an unguessable number', async () => {
    const fromXiyanghong = await certificateOf(xuMin.openid)
    const fromZhucan = await certificateOf(xuMin.openid, zhucan)
    expect(fromXiyanghong).toMatchObject({
      holder: { name: '徐敏', maskedPhone: '187****9354' },
      period: { from: '2026-01-01', to: '2026-12-31' },
      totalMinutes: 360,
      byOrganisation: [{ organisationId: xiyanghong.id, minutes: 360 }],
      issuer: { kind: 'organisation', organisationId: xiyanghong.id, communityId: urban, name: '沁园社区夕阳红助老服务队' },
      stars: 0,
      starLabel: '',
    })
    expect(fromXiyanghong.services.length).toBeGreaterThan(0)
    expect(fromZhucan).toMatchObject({
      totalMinutes: 90,
      byOrganisation: [{ organisationId: zhucan.id, minutes: 90 }],
      issuer: { kind: 'organisation', organisationId: zhucan.id, name: '沁园社区长者助餐服务队' },
      services: ['活动：长者食堂送餐'],
    })
    expect(fromXiyanghong.byMonth.reduce((sum, m) => sum + m.minutes, 0)).toBe(360)
    expect(fromXiyanghong.number).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/)
    // Asked again, issued again: a number of its own.
    expect((await certificateOf(xuMin.openid)).number).not.toBe(fromXiyanghong.number)
    // An issuer that recorded nothing of hers, and someone with no service at all: nothing to certify.
    expect(
      await failure(
        call(xuMin.openid, 'issueCertificate', { from: '2026-01-01', to: '2026-12-31', issuer: { kind: 'committee', id: urban } }),
      ),
    ).toEqual({
      code: 'NOT_FOUND',
      field: 'data.issuer',
    })
    expect(await failure(call(yangLi.openid, 'issueCertificate', { from: '2026-01-01', to: '2026-12-31', issuer: xiyanghong }))).toEqual({
      code: 'NOT_FOUND',
      field: 'data.issuer',
    })
    expect(await failure(call(xuMin.openid, 'issueCertificate', { from: '2026-12-31', to: '2026-01-01', issuer: xiyanghong }))).toEqual({
      code: 'INVALID_INPUT',
      field: 'data.to',
    })
    expect(await failure(call(xuMin.openid, 'issueCertificate', { from: '2026-02-30', to: '2026-03-01', issuer: xiyanghong }))).toEqual({
      code: 'INVALID_INPUT',
      field: 'data.from',
    })
    expect(await failure(call(xuMin.openid, 'serviceHours', { from: '2026-13-01' }))).toEqual({ code: 'INVALID_INPUT', field: 'data.from' })
  })

  it('the star grade counts all her service, whoever recorded it', async () => {
    // 邓浩 has 810 counted minutes: eight days of 11 hours (under the day's cap) make 100 hours, one star.
    for (let day = 1; day <= 8; day++) await earn(dengHao.openid, 660, `2026-05-0${day}T08:00:00`)
    const hours = await ok(call(dengHao.openid, 'serviceHours', {}))
    const issuer = hours.byIssuer[0].issuer
    const certificate = await certificateOf(dengHao.openid, { kind: issuer.kind, id: issuer.id })
    expect([certificate.stars, certificate.starLabel]).toEqual([1, '一星志愿者'])
  })

  it('anyone signed in verifies it by number, however typed, and sees the name partly masked', async () => {
    const { number } = await certificateOf(xuMin.openid)
    const { certificate } = await ok(call(who.civilAffairs, 'verifyCertificate', { number: number.toLowerCase().replace(/-/g, ' ') }))
    expect(certificate).toMatchObject({
      number,
      holder: { name: '徐*', maskedPhone: '187****9354' },
      totalMinutes: 360,
      issuer: { kind: 'organisation', name: '沁园社区夕阳红助老服务队' },
    })
    expect((await ok(call('o-not-registered', 'verifyCertificate', { number }))).certificate.number).toBe(number)
    expect(await failure(call(who.resident, 'verifyCertificate', { number: '0000-0000-0000-0000' }))).toEqual({
      code: 'NOT_FOUND',
      field: 'data.number',
    })
    expect(await failure(call(who.resident, 'verifyCertificate', { number: 'I-O-U' }))).toEqual({
      code: 'INVALID_INPUT',
      field: 'data.number',
    })
    expect(await failure(call(null, 'verifyCertificate', { number }))).toEqual({ code: 'UNAUTHENTICATED' })
  })
})

describe('实名登记 for the certificate', () => {
  freshDatabasePerGroup()
  const idNumber = '11010519491231002X'
  const period = { from: '2026-01-01', to: '2026-12-31', issuer: { kind: 'organisation' as const, id: 'org-qy-xiyanghong' } }

  it('refuses a wrong ID number and a missing consent, naming the field, and keeps nothing', async () => {
    for (const wrong of ['110105194912310021', '11010519491331002X', '1101051949123100']) {
      expect(await failure(call(xuMin.openid, 'registerRealName', { name: '徐敏', idNumber: wrong, consent: true }))).toEqual({
        code: 'INVALID_INPUT',
        field: 'data.idNumber',
      })
    }
    const noConsent = { name: '徐敏', idNumber, consent: false } as unknown as { name: string; idNumber: string; consent: true }
    expect(await failure(call(xuMin.openid, 'registerRealName', noConsent))).toEqual({ code: 'INVALID_INPUT', field: 'data.consent' })
    expect(await allDocuments('volunteer_real_names')).toEqual([])
  })

  it('the ID number is shown by its last four digits only, and is in no answer and no document', async () => {
    const answers: unknown[] = []
    const kept = async <T>(answer: Promise<Envelope<T>>) => {
      const value = await ok(answer)
      answers.push(value)
      return value
    }
    const { realName } = await kept(
      call(xuMin.openid, 'registerRealName', { name: '徐敏', idNumber: ` ${idNumber.toLowerCase()} `, consent: true }),
    )
    expect(realName).toEqual({ name: '徐敏', maskedIdNumber: '**************002X' })
    expect((await kept(call(xuMin.openid, 'serviceHours', {}))).realName).toEqual(realName)
    const { certificate } = await kept(call(xuMin.openid, 'issueCertificate', period))
    expect(certificate.holder).toEqual({ name: '徐敏', maskedPhone: '187****9354', maskedIdNumber: '**************002X' })
    const verified = await kept(call('o-not-registered', 'verifyCertificate', { number: certificate.number }))
    expect(verified.certificate.holder).toEqual({ name: '徐*', maskedPhone: '187****9354', maskedIdNumber: '**************002X' })
    await kept(callAccount(xuMin.openid, 'myData', {}))
    // Neither the number nor the part that says where and when she was born, anywhere.
    const secrets = [idNumber, idNumber.slice(0, 14), idNumber.slice(6, 14)]
    for (const secret of secrets) expect(JSON.stringify(answers)).not.toContain(secret)
    for (const collection of Object.keys(manifest.collections))
      for (const document of await allDocuments(collection))
        for (const secret of secrets) expect(JSON.stringify(document)).not.toContain(secret)
  })
})

describe('crowds at CloudBase’s latency: nobody is told to try again later', () => {
  freshDatabasePerGroup(undefined, { latencyMs: CLOUDBASE_LATENCY_MS })

  it('16 credits into one community’s pool at once: each paid once, none left pending, the community at zero', async () => {
    const volunteers = demoDataSet.people.filter((p) => p.communityId === urban).slice(0, 16)
    expect(volunteers).toHaveLength(16)
    const fresh = volunteers.map((p) => serviceRecord(p.openid, 60, '2026-10-08T10:00:00'))
    await insertAll('service_records', fresh)
    const outcomes = (await Promise.all(fresh.map((r) => creditServiceRecords([r._id], testClock.now())))).flat()
    // A credit that gave up would stay pending for the due work: at this latency none may.
    expect(outcomes).toEqual(fresh.map(() => 'credited'))
    const { entries: moves } = await expectLedgerInvariants()
    for (const r of fresh) expect(moves.filter((e) => e._id === `service:${r._id}`).map((e) => e.minutes)).toEqual([60])
  })

  it('10 gifts at once from one account: never below zero, and only the balance refuses', async () => {
    // 高鹏 has 60 minutes: ten gifts of 25 at once, and exactly two of them go through.
    const gao = personOf('demo-gao-peng')
    expect(await balanceOf(gao.openid)).toBe(60)
    const answers = await Promise.all(
      Array.from({ length: 10 }, () =>
        call(gao.openid, 'give', { toName: wangGuilan.name, toPhone: wangGuilan.phone!, minutes: 25, requestId: requestId() }),
      ),
    )
    expect(answers.filter((a) => a.ok)).toHaveLength(2)
    for (const a of answers) if (!a.ok) expect(a.error).toMatchObject({ code: 'INSUFFICIENT_BALANCE' })
    expect(await balanceOf(gao.openid)).toBe(10)
    await expectLedgerInvariants()
  })
})

describe('the invariants under a crowd: credits, gifts and redemptions at once', () => {
  freshDatabasePerGroup()
  midMorningForGroup()

  it('200 concurrent operations end with every balance the sum of its entries and every community at zero', async () => {
    // A fixed stream of choices, so that a failure can be replayed.
    let seed = 20261123
    const next = () => (seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32
    const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]
    const volunteers = demoDataSet.people.filter((p) => p.communityId === urban).slice(0, 12)
    const villagers = demoDataSet.people.filter((p) => p.communityId === rural).slice(0, 4)
    const fresh = Array.from({ length: 80 }, (_, i) => {
      const villager = i % 5 === 0
      const p = villager ? pick(villagers) : pick(volunteers)
      return serviceRecord(
        p.openid,
        30 + Math.floor(next() * 300),
        `2026-09-${String(1 + Math.floor(next() * 5)).padStart(2, '0')}T10:00:00`,
        {
          communityId: villager ? rural : urban,
          organisationId: villager ? 'org-th-qiaosao' : 'org-qy-xiyanghong',
        },
      )
    })
    await insertAll('service_records', fresh)
    // Everyone starts with some time, granted from the pools, so that gifts and redemptions have something to spend.
    for (const p of [...volunteers, ...villagers]) {
      await ok(
        call(p.communityId === urban ? who.committeeUrban : who.committeeRural, 'grant', {
          communityId: p.communityId!,
          personId: p._id,
          minutes: 200,
          reason: '起始时间',
          requestId: requestId(),
        }),
      )
    }
    const gifts = Array.from({ length: 40 }, () => {
      const from = pick(volunteers)
      const to = pick(volunteers.filter((v) => v !== from))
      return { from, input: { toName: to.name, toPhone: to.phone!, minutes: 5 + Math.floor(next() * 60), requestId: requestId() } }
    })
    const giftAnswers = new Map<string, boolean[]>()
    const give =
      ({ from, input }: (typeof gifts)[number]) =>
      async () => {
        const answer = await call(from.openid, 'give', input)
        giftAnswers.set(input.requestId, [...(giftAnswers.get(input.requestId) ?? []), answer.ok])
        return answer
      }
    const operations: (() => Promise<unknown>)[] = [
      ...fresh.map((r) => () => creditServiceRecords([r._id], testClock.now())),
      // Replays of credits and of gifts (the same request again), racing their originals.
      ...fresh.slice(0, 20).map((r) => () => creditServiceRecords([r._id], testClock.now())),
      ...gifts.map(give),
      ...gifts.slice(0, 10).map(give),
      ...Array.from({ length: 50 }, () => {
        const p = pick(volunteers)
        return () => call(p.openid, 'redeem', { itemId: pick(timebankItems)._id, requestId: requestId() })
      }),
    ]
    expect(operations).toHaveLength(200)
    const answers = (await Promise.all(operations.sort(() => next() - 0.5).map((run) => run()))) as unknown[]
    for (const answer of answers) {
      if (Array.isArray(answer)) continue
      const settled = answer as { ok: boolean; error?: { code: string } }
      if (!settled.ok) expect(['INSUFFICIENT_BALANCE', 'OUT_OF_STOCK', 'CONFLICT', 'RATE_LIMITED']).toContain(settled.error!.code)
    }
    // Every record is settled once: credited or held, never twice.
    await creditServiceRecords(
      fresh.map((r) => r._id),
      testClock.now(),
    )
    const { entries: moves } = await expectLedgerInvariants()
    const stored = await documents<ServiceRecordDoc>('service_records')
    for (const r of fresh) {
      const settled = stored.find((s) => s._id === r._id)!
      const paid = moves.filter((e) => e._id === `service:${r._id}`)
      const held = settled.credit.status === 'held' ? settled.credit.heldMinutes : 0
      expect({ id: r._id, paid: paid.reduce((s, e) => s + e.minutes, 0) }).toEqual({ id: r._id, paid: r.minutes - held })
    }
    const held = await documents<HeldCreditDoc>('timebank_held')
    expect(held.every((h) => h.heldMinutes > 0)).toBe(true)
    // Per person per day, what was credited at once never passes the cap.
    const daily = await documents<{ minutes: number }>('timebank_daily')
    expect(daily.every((d) => d.minutes <= DEFAULT_DAILY_CAP_MINUTES)).toBe(true)
    // Stock: what is left plus what was redeemed is what there was.
    const redemptions = await documents<RedemptionDoc>('timebank_redemptions')
    for (const seeded of timebankItems) {
      const left = (await item(seeded._id)).stock
      expect(left).toBeGreaterThanOrEqual(0)
      expect(left + redemptions.filter((r) => r.itemId === seeded._id).length).toBe(seeded.stock)
    }
    expect(moves.filter((e) => e.kind === 'redeem')).toHaveLength(redemptions.length)
    // One entry for each gift that went through, however often it was sent.
    const givenIds = [...giftAnswers].filter(([, oks]) => oks.includes(true)).map(([id]) => id)
    expect(givenIds.length).toBeGreaterThan(0)
    expect(moves.filter((e) => e.kind === 'gift').length).toBeLessThanOrEqual(gifts.length)
    expect(moves.filter((e) => e.kind === 'gift')).toHaveLength(givenIds.length)
  }, 120_000)
})
