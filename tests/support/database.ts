/**
 * A fresh stand-in per test file, with the functions' SDK pointed at it and the local replacements
 * of WeChat and storage plugged in, exactly as the local host does: the functions run as they do on CloudBase.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ManualClock } from '../../local/clock'
import { latencyFromEnvironment, startStandin, type SavedState, type Standin } from '../../local/standin'
import { localCheckInSecret } from '../../local/host/check-in-secret'
import { platformContext } from '../../local/host/platform-context'
import { useLocalReplacements } from '../../local/replacements'
import { seedDemoData } from '../../local/seed/seed'
import type { Envelope } from '../../shared/contract'
import { inShanghai } from '../../shared/domain/time'
import { useClock } from '../../server/clock'
import { allDocuments, insertMany } from '../../server/data/maintenance'
import { consentId } from '../../server/data/messages'
import { demoDataSet } from '../../local/seed/demo-data'
import { MAX_CONSENTS_PER_TEMPLATE, messageKinds, type MessageKind } from '../../shared/domain/messages'
import manifest from '../../database/collections.json'

/**
 * The clock of the functions, the stand-in's serverDate and the seed in this test file: a test
 * sets or advances it rather than waiting, or depending on the day it runs. It starts at the real time.
 */
export const testClock = new ManualClock()

/**
 * Sets the test clock to 10:00 (Asia/Shanghai) of its own day for the group, and back after: a group
 * that counts per day (daily caps, gifts a day) then runs its minutes and hours far from midnight,
 * whatever hour the tests run at. The clock runs on at the real pace from there.
 */
export function midMorningForGroup(): void {
  beforeAll(() => testClock.set(inShanghai(testClock.now()).startOf('day').add(10, 'hour').toDate()))
  afterAll(() => testClock.reset())
}

export interface TestDatabase {
  standin: Standin
  /** The folder the functions' files (report exports) are written to. */
  storageDir: string
  close(): Promise<void>
}

export interface DatabaseOptions {
  latencyMs?: number
  /**
   * Every demo person has consented to every subscribe message, as often as we count: for tests of
   * what is sent and what WeChat answers, not of consent (tests/functions/messages.test.ts).
   */
  everyoneConsented?: boolean
}

async function everyoneConsented(): Promise<void> {
  const kinds = Object.keys(messageKinds) as MessageKind[]
  const updatedAt = testClock.now()
  await insertMany(
    'subscribe_consents',
    demoDataSet.people.flatMap(({ openid }) =>
      kinds.map((template) => ({ _id: consentId(openid, template), openid, template, remaining: MAX_CONSENTS_PER_TEMPLATE, updatedAt })),
    ),
  )
}

/** Where every demo person has consented to every subscribe message (`DatabaseOptions.everyoneConsented`). */
export const EVERYONE_CONSENTED = { everyoneConsented: true } as const

/**
 * `latencyMs` (default LINLI_STANDIN_LATENCY_MS, else 0) is each round trip's delay once the demo
 * data is in: the seed itself runs at full speed.
 */
export async function startTestDatabase(options: DatabaseOptions & { seedDemo?: boolean } = {}): Promise<TestDatabase> {
  const dataDir = mkdtempSync(join(tmpdir(), 'linli-test-'))
  useClock(testClock)
  const standin = await startStandin({ dataDir, clock: testClock, latencyMs: 0 })
  Object.assign(process.env, standin.functionEnv, localCheckInSecret(dataDir))
  const storageDir = join(dataDir, 'storage')
  useLocalReplacements(storageDir)
  if (options.seedDemo !== false) await seedDemoData()
  if (options.everyoneConsented) await everyoneConsented()
  standin.setLatency(options.latencyMs ?? latencyFromEnvironment())
  return {
    standin,
    storageDir,
    async close() {
      await standin.close()
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

/** What a round trip to CloudBase takes, give or take: the crowd tests run at it so that contention shows. */
export const CLOUDBASE_LATENCY_MS = 25

type Main = (event: unknown, context: unknown) => Promise<unknown>

/** Calls a function's `main` as the platform would for `openid` (null: nobody signed in). */
export async function callAs<T = unknown>(main: Main, functionName: string, openid: string | null, event: unknown): Promise<Envelope<T>> {
  return (await main(event, platformContext(functionName, openid))) as Envelope<T>
}

/** Every document of every collection in the manifest: compare two of these to prove nothing was written. */
export async function snapshotDatabase(): Promise<Record<string, object[]>> {
  const snapshot: Record<string, object[]> = {}
  for (const collection of Object.keys(manifest.collections)) snapshot[collection] = await allDocuments(collection)
  return snapshot
}

/**
 * A fresh demo database for the describe block it is called in, so that each group of tests
 * starts from known state; `use`, when given, receives it for the block's tests.
 */
export function freshDatabasePerGroup(use?: (database: TestDatabase) => void, options: DatabaseOptions = {}): void {
  let database: TestDatabase
  beforeAll(async () => {
    database = await startTestDatabase(options)
    use?.(database)
  })
  afterAll(() => database.close())
}

/**
 * The demo database (then `prepare`, when given) for the describe block it is called in, as each of
 * its tests starts from it: seeded once, and put back before a test whenever the ones before it
 * wrote (`Standin.restore`, milliseconds where seeding again takes a second or two). Answers the
 * database, for the block's tests.
 */
export function freshDatabasePerTest(options: DatabaseOptions & { prepare?: () => Promise<void> } = {}): () => TestDatabase {
  let database: TestDatabase
  let seeded: SavedState
  let clean: number
  beforeAll(async () => {
    database = await startTestDatabase(options)
    await options.prepare?.()
    seeded = database.standin.save()
    clean = database.standin.committedVersion()
  })
  beforeEach(() => {
    if (database.standin.committedVersion() === clean) return
    database.standin.restore(seeded)
    clean = database.standin.committedVersion()
  })
  afterAll(() => database.close())
  return () => database
}
