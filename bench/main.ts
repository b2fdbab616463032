/**
 * `npm run bench`: figures, not pass/fail. Runs the functions through the SDK against a fresh
 * stand-in, with a counting proxy in between so that every database round trip is seen.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer, request, type Server } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { main as account } from '../cloudfunctions/account/main'
import { functionEnv, startStandin } from '../local/standin'
import { platformContext } from '../local/host/platform-context'
import { seedDemoData } from '../local/seed/seed'
import { demoIdentities } from '../local/seed/demo-data'
import { database } from '../server/data/cloudbase'
import { useClock } from '../server/clock'
import { ManualClock } from '../local/clock'
import { localCheckInSecret } from '../local/host/check-in-secret'
import { useLocalReplacements } from '../local/replacements'
import { benchActivities } from './activities'
import { benchNeeds } from './needs'
import { benchTimebank } from './timebank'
import { benchReports } from './reports'

/**
 * Forwards to the stand-in and counts requests: one request is one database round trip. Writes to
 * `outbox` are not: there the local replacements record what production sends to WeChat's own
 * APIs (content checks, media checks), which are calls to WeChat, not to the database.
 */
function countingProxy(target: URL): Promise<{ server: Server; url: string; count: () => number }> {
  let requests = 0
  const server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      const body = Buffer.concat(chunks)
      if (!body.includes('"collectionName":"outbox"')) requests++
      const upstream = request(
        { host: target.hostname, port: target.port, path: req.url, method: req.method, headers: req.headers },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers)
          answer.pipe(res)
        },
      )
      upstream.end(body)
    })
  })
  return new Promise((ready) =>
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      ready({ server, url: `http://127.0.0.1:${port}/`, count: () => requests })
    }),
  )
}

/** The stand-in's own figures write here, apart from every collection the product uses. */
const BENCH_COLLECTION = 'bench_documents'

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]

async function measure(label: string, times: number, concurrency: number, run: (i: number) => Promise<unknown>, roundTrips: () => number) {
  const latencies: number[] = []
  const tripsBefore = roundTrips()
  const started = performance.now()
  let next = 0
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < times) {
        const i = next++
        const t = performance.now()
        await run(i)
        latencies.push(performance.now() - t)
      }
    }),
  )
  const seconds = (performance.now() - started) / 1000
  latencies.sort((a, b) => a - b)
  console.log(
    `${label.padEnd(44)} ${String(times).padStart(5)} × c${concurrency}  ` +
      `median ${percentile(latencies, 50).toFixed(1).padStart(6)} ms  p99 ${percentile(latencies, 99).toFixed(1).padStart(6)} ms  ` +
      `${(times / seconds).toFixed(0).padStart(5)}/s  round trips/op ${((roundTrips() - tripsBefore) / times).toFixed(2)}`,
  )
}

async function bench() {
  const dataDir = mkdtempSync(join(tmpdir(), 'linli-bench-'))
  // The bench moves time on (a need is done hours after it is accepted); functions and stand-in share the clock.
  const clock = new ManualClock()
  useClock(clock)
  const standin = await startStandin({ dataDir })
  const proxy = await countingProxy(new URL(standin.url))
  Object.assign(process.env, functionEnv(proxy.url), localCheckInSecret(dataDir))
  useLocalReplacements(join(dataDir, 'storage'))
  await seedDemoData()
  const trips = proxy.count
  const callAccount = (openid: string, event: object) => account(event, platformContext('account', openid))
  // BENCH_ONLY=activities,timebank runs only those parts (account, standin, needs, activities, timebank, reports).
  const only = process.env.BENCH_ONLY?.split(',')
  const runs = (part: string) => !only || only.includes(part)

  if (runs('account')) await benchAccount(callAccount, trips)
  if (runs('standin')) await benchStandin(trips)
  if (runs('needs')) await benchNeeds(standin, trips, clock)
  if (runs('activities')) await benchActivities(standin, trips, clock)
  if (runs('timebank')) await benchTimebank(standin, trips, clock)
  if (runs('reports')) await benchReports(standin, trips, clock)

  proxy.server.close()
  await standin.close()
  rmSync(dataDir, { recursive: true, force: true })
}

async function benchAccount(callAccount: (openid: string, event: object) => Promise<unknown>, trips: () => number) {
  console.log('\nFunctions (through @cloudbase/node-sdk → stand-in)')
  for (const [who, openid] of Object.entries({
    elderResident: demoIdentities.elderResident,
    organisationLead: demoIdentities.organisationLead,
    committeeUrban: demoIdentities.committeeUrban,
    civilAffairs: demoIdentities.civilAffairs,
  })) {
    await measure(`account.me as ${who}`, 200, 1, () => callAccount(openid, { action: 'me', data: {} }), trips)
  }
  // 首页 reads every part the caller's roles hold at once: its round trips are per role.
  for (const [who, openid] of Object.entries({
    resident: demoIdentities.resident,
    volunteer: demoIdentities.volunteer,
    organisationLead: demoIdentities.organisationLead,
    committeeUrban: demoIdentities.committeeUrban,
    civilAffairs: demoIdentities.civilAffairs,
  })) {
    await measure(`account.home as ${who}`, 50, 1, () => callAccount(openid, { action: 'home', data: {} }), trips)
  }
  await measure(
    'account.updatePreferences',
    200,
    1,
    (i) => callAccount(demoIdentities.resident, { action: 'updatePreferences', data: { elderMode: i % 2 ? 'on' : 'off' } }),
    trips,
  )
  await measure('account.me, 8 callers at once', 400, 8, () => callAccount(demoIdentities.volunteer, { action: 'me', data: {} }), trips)
}

async function benchStandin(trips: () => number) {
  console.log('\nStand-in (SDK calls)')
  const db = database()
  await db.createCollection(BENCH_COLLECTION)
  const ids: string[] = []
  await measure(
    'insert one document',
    1000,
    8,
    async (i) => {
      const { id } = (await db
        .collection(BENCH_COLLECTION)
        .add({ channel: 'subscribeMessage', payload: { i }, createdAt: new Date() })) as {
        id: string
      }
      ids.push(id)
    },
    trips,
  )
  await measure(
    'read one document by id',
    1000,
    8,
    (i) =>
      db
        .collection(BENCH_COLLECTION)
        .doc(ids[i % ids.length])
        .get(),
    trips,
  )
  await measure(
    'query people by openid (indexed)',
    1000,
    8,
    () => db.collection('people').where({ openid: demoIdentities.resident }).get(),
    trips,
  )
  const counters = (await Promise.all(
    Array.from({ length: 8 }, () =>
      db.collection(BENCH_COLLECTION).add({ channel: 'subscribeMessage', payload: { n: 0 }, createdAt: new Date() }),
    ),
  )) as { id: string }[]
  await measure(
    'transaction: increment, 8 separate documents',
    400,
    8,
    (i) =>
      db.runTransaction(async (t: { collection(name: string): ReturnType<typeof db.collection> }) => {
        const ref = t.collection(BENCH_COLLECTION).doc(counters[i % 8].id)
        const { data } = (await ref.get()) as unknown as { data: { payload: { n: number } } }
        await ref.update({ payload: { n: data.payload.n + 1 } })
      }),
    trips,
  )
  const readHot = async () =>
    ((await db.collection(BENCH_COLLECTION).doc(counters[0].id).get()).data[0] as { payload: { n: number } }).payload.n
  const hotBefore = await readHot()
  await measure(
    'transaction: increment, one hot document',
    200,
    8,
    () =>
      db.runTransaction(async (t: { collection(name: string): ReturnType<typeof db.collection> }) => {
        const ref = t.collection(BENCH_COLLECTION).doc(counters[0].id)
        const { data } = (await ref.get()) as unknown as { data: { payload: { n: number } } }
        await ref.update({ payload: { n: data.payload.n + 1 } })
      }, 50),
    trips,
  )
  console.log(`  hot counter went from ${hotBefore} to ${await readHot()} after 200 increments: conflicts were retried, none lost`)
}

bench().catch((error) => {
  console.error(error)
  process.exit(1)
})
