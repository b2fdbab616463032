/**
 * Figures for issue 6: ledger writes per second under concurrency, and database round trips per
 * credit. Credits all come from one community, so every one of them writes its pool (the hot
 * document); gifts move minutes between separate pairs of people and share no document.
 */
import { main as timebank } from '../cloudfunctions/timebank/main'
import { platformContext } from '../local/host/platform-context'
import type { ManualClock } from '../local/clock'
import type { Standin } from '../local/standin'
import { GIFTS_PER_DAY } from '../shared/domain/timebank'
import type { Envelope } from '../shared/contract'
import type { PersonDoc, ServiceRecordDoc } from '../server/data/documents'
import { insertAll } from '../server/data/maintenance'
import { now } from '../server/clock'
import { creditServiceRecords, pendingServiceRecord } from '../server/timebank/credit'
import { sampleActions } from './action-figures'

const COMMUNITY = 'c-zd-qinyuan'
let made = 0

/** Service records of different volunteers (none shares a daily counter or an account), pending. */
async function pendingRecords(openids: string[]): Promise<string[]> {
  const servedAt = new Date('2026-09-01T02:00:00Z')
  const records: ServiceRecordDoc[] = openids.map((openid) =>
    pendingServiceRecord({
      _id: `bench-service-${++made}`,
      openid,
      communityId: COMMUNITY,
      organisationId: 'org-qy-xiyanghong',
      source: { kind: 'activity', id: 'bench-activity', title: '压测活动' },
      minutes: 60,
      servedAt,
      confirmedByOpenid: 'demo-zhang-jianguo',
      confirmedAt: servedAt,
    }),
  )
  await insertAll('service_records', records)
  return records.map((r) => r._id)
}

/** Runs `count` operations `concurrency` at a time; answers operations per second. */
async function run(count: number, concurrency: number, operation: (i: number) => Promise<unknown>): Promise<number> {
  let next = 0
  const started = performance.now()
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) await operation(next++)
    }),
  )
  return count / ((performance.now() - started) / 1000)
}

async function credits(trips: () => number) {
  console.log('\nTime bank: credits from one community (every one writes its pool)')
  for (const concurrency of [1, 4, 8, 16]) {
    const count = 160
    const ids = await pendingRecords(Array.from({ length: count }, (_, i) => `bench-volunteer-c${concurrency}-${i}`))
    const outcomes: string[] = []
    const before = trips()
    const perSecond = await run(count, concurrency, async (i) =>
      outcomes.push(...((await creditServiceRecords([ids[i]], now())) as string[])),
    )
    const leftPending = outcomes.filter((o) => o === 'pending').length
    console.log(
      `credit, c${String(concurrency).padEnd(3)} ${String(count).padStart(4)} credits  ${perSecond.toFixed(0).padStart(5)}/s  ` +
        `round trips/credit ${((trips() - before) / count).toFixed(1).padStart(5)}  left pending after 12 attempts ${leftPending}`,
    )
    // What the due work would do with them, so the next round starts clean.
    await creditServiceRecords(
      ids.filter((_, i) => outcomes[i] === 'pending'),
      now(),
    )
  }
}

async function call(openid: string, action: string, data: object) {
  return (await timebank({ action, data }, platformContext('timebank', openid))) as Envelope<unknown>
}

async function gifts(trips: () => number, clock: ManualClock) {
  console.log('\nTime bank: gifts between separate pairs (timebank.give, through the function)')
  const pairs = 16
  const people: PersonDoc[] = Array.from({ length: pairs * 2 }, (_, i) => ({
    _id: `bench-person-${i}`,
    openid: `bench-person-${i}`,
    name: `压测${i}`,
    phone: `139${String(i).padStart(8, '0')}`,
    communityId: COMMUNITY,
    preferences: { elderMode: 'off' },
    createdAt: new Date(),
  }))
  await insertAll('people', people)
  // Givers earn first, through the crediting.
  await creditServiceRecords(await pendingRecords(people.slice(0, pairs).map((p) => p.openid)), now())
  for (const concurrency of [1, 8, 16]) {
    // Each giver may give GIFTS_PER_DAY a Shanghai day: every round is a day later, and as many as allowed.
    clock.advance(24 * 3600_000)
    const count = pairs * GIFTS_PER_DAY
    let failed = 0
    const before = trips()
    const perSecond = await run(count, concurrency, async (i) => {
      // Worker k keeps to pair k: no two gifts at once share an account.
      const pair = i % pairs
      const to = people[pairs + pair]
      const answer = await call(people[pair].openid, 'give', {
        toName: to.name,
        toPhone: to.phone,
        minutes: 1,
        requestId: `bench-gift-c${concurrency}-${i}`,
      })
      if (!answer.ok) failed++
    })
    console.log(
      `give, c${String(concurrency).padEnd(3)}   ${String(count).padStart(4)} gifts    ${perSecond.toFixed(0).padStart(5)}/s  ` +
        `round trips/gift ${((trips() - before) / count).toFixed(1).padStart(5)}  failed ${failed}`,
    )
  }
}

/** A gift and its acceptance, a credit, and the balance, each sampled as one person's action. */
async function actions(standin: Standin, trips: () => number) {
  const people: PersonDoc[] = ['giver', 'taker'].map((who) => ({
    _id: `bench-${who}`,
    openid: `bench-${who}`,
    name: who === 'giver' ? '压测赠' : '压测收',
    phone: who === 'giver' ? '13900009991' : '13900009992',
    communityId: COMMUNITY,
    preferences: { elderMode: 'off' },
    createdAt: new Date(),
  }))
  await insertAll('people', people)
  await creditServiceRecords(await pendingRecords([people[0].openid]), now())
  const [giver, taker] = people
  await sampleActions(standin, trips, 'Time bank', async (figures, sample) => {
    await figures.of('timebank.account', () => call(giver.openid, 'account', {}))
    const answer = await figures.of('timebank.give', () =>
      call(giver.openid, 'give', { toName: taker.name, toPhone: taker.phone, minutes: 1, requestId: `bench-gift-${sample}` }),
    )
    if (!answer.ok) throw new Error(`timebank.give: ${answer.error.code} ${answer.error.message}`)
    const giftId = (answer.data as { gift: { id: string } }).gift.id
    await figures.of('timebank.acceptGift', () => call(taker.openid, 'acceptGift', { giftId }))
    const [record] = await pendingRecords([`bench-volunteer-single-${sample}`])
    await figures.of('a time-bank credit', () => creditServiceRecords([record], now()))
  })
}

export async function benchTimebank(standin: Standin, trips: () => number, clock: ManualClock) {
  await actions(standin, trips)
  await credits(trips)
  await gifts(trips, clock)
}
