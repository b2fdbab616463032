/** What CloudBase (MongoDB underneath) refuses, the stand-in refuses too, with CloudBase's codes. */
import { type Db, errorOf, type Harness, startHarness } from './helpers'

let h: Harness
let db: Db
/** The stand-in's clock: transactions expire by it, so no test waits for real time to pass. */
let clock: Date

beforeEach(async () => {
  clock = new Date('2026-12-02T08:00:00Z')
  h = await startHarness({ clock: { now: () => clock } })
  db = h.db
  await db.createCollection('items')
  await db.collection('items').add([
    { _id: 'a', n: 1, label: 'x', tags: ['t'] },
    { _id: 'b', n: 2, label: 'y', tags: [] },
  ])
})
afterEach(() => h.stop())

/** The SDK types transactions as any; this is the part the tests use. */
type Txn = { collection(name: string): ReturnType<Db['collection']>; commit(): Promise<unknown>; rollback(): Promise<unknown> }
const item = async (id: string) => (await db.collection('items').doc(id).get()).data[0]

describe('aggregation', () => {
  it('refuses $limit of zero or below instead of answering nothing', async () => {
    for (const limit of [0, -1]) {
      const err = await errorOf(
        db
          .collection('items')
          .aggregate()
          .match({ n: db.command.gte(0) })
          .limit(limit)
          .end(),
      )
      expect(err).toMatchObject({ code: 'DATABASE_REQUEST_FAILED', message: expect.stringMatching(/limit must be positive/) })
    }
    expect(
      (
        await db
          .collection('items')
          .aggregate()
          .match({ n: db.command.gte(0) })
          .limit(1)
          .end()
      ).data,
    ).toHaveLength(1)
  })
})

describe('transactions', () => {
  it('refuse db.serverDate(), which works outside them', async () => {
    const t: Txn = await db.startTransaction()
    const err = await errorOf(t.collection('items').doc('a').update({ at: db.serverDate() }))
    expect(err).toMatchObject({ code: 'DATABASE_INVALID_OPERRATOR', message: expect.stringMatching(/serverDate/) })
    await db.collection('items').doc('a').update({ at: db.serverDate() })
    expect((await item('a')).at).toEqual(clock)
  })

  it('are aborted by any failed operation: what came before is never committed', async () => {
    const t: Txn = await db.startTransaction()
    await t.collection('items').doc('b').update({ n: 20 })
    expect((await errorOf(t.collection('items').add({ _id: 'a' }))).code).toBe('DATABASE_DUPLICATE_WRITE')
    expect((await errorOf(t.collection('items').doc('b').get())).code).toBe('DATABASE_TRANSACTION_FAIL')
    const commit = await errorOf(t.commit())
    expect(commit).toMatchObject({ code: 'DATABASE_TRANSACTION_FAIL', message: expect.stringMatching(/failed, which aborts it/) })
    expect((await item('b')).n).toBe(2)
    // Its lock went with it.
    expect((await db.collection('items').doc('b').update({ n: 3 })).updated).toBe(1)
  })

  it('answer DATABASE_TRANSACTION_FAIL once past the timeout (30 s by the stand-in’s clock), and hold no lock', async () => {
    const t: Txn = await db.startTransaction()
    await t.collection('items').doc('a').update({ n: 0 })
    clock = new Date(clock.getTime() + 29_000)
    const other: Txn = await db.startTransaction()
    expect((await errorOf(other.collection('items').doc('a').update({ n: 5 }))).code).toBe('DATABASE_TRANSACTION_CONFLICT')
    clock = new Date(clock.getTime() + 2_000)
    expect(await errorOf(t.commit())).toMatchObject({
      code: 'DATABASE_TRANSACTION_FAIL',
      message: expect.stringMatching(/within 30000 ms/),
    })
    expect((await item('a')).n).toBe(1)
    expect((await db.collection('items').doc('a').update({ n: 7 })).updated).toBe(1)
  })
})

describe('unique indexes', () => {
  it('are checked per element of an array (multikey), and a document may repeat its own value', async () => {
    await db.collection('people').add({ _id: 'p1', openid: ['o1', 'o2'] })
    const err = await errorOf(db.collection('people').add({ _id: 'p2', openid: 'o2' }))
    expect(err).toMatchObject({
      code: 'DATABASE_DUPLICATE_WRITE',
      message: expect.stringMatching(/openid_unique dup key: \{ openid: "o2" \}/),
    })
    expect((await errorOf(db.collection('people').add({ _id: 'p3', openid: ['o3', 'o1'] }))).code).toBe('DATABASE_DUPLICATE_WRITE')
    await db.collection('people').add({ _id: 'p4', openid: ['o4', 'o4'] })
    expect(
      (
        await errorOf(
          db
            .collection('people')
            .doc('p4')
            .update({ openid: ['o5', 'o1'] }),
        )
      ).code,
    ).toBe('DATABASE_DUPLICATE_WRITE')
    expect((await db.collection('people').count()).total).toBe(2)
  })
})

describe('field names', () => {
  it('refuses a name starting with $ or holding a dot, however deep, on add, set and update', async () => {
    const refusals = [
      db.collection('items').add({ $where: 1 }),
      db.collection('items').add({ profile: { 'a.b': 1 } }),
      db.collection('items').add({ list: [{ $x: 1 }] }),
      db
        .collection('items')
        .doc('a')
        .set({ profile: { $gt: 1 } }),
      db
        .collection('items')
        .doc('a')
        .update({ profile: db.command.set({ 'x.y': 1 }) }),
    ]
    for (const refused of refusals)
      expect(await errorOf(refused)).toMatchObject({ code: 'DATABASE_REQUEST_FAILED', message: expect.stringMatching(/field names/) })
    expect(await item('a')).toEqual({ _id: 'a', n: 1, label: 'x', tags: ['t'] })
    expect((await db.collection('items').count()).total).toBe(2)
  })
})

describe('writes that cannot apply', () => {
  it('$inc of a string, $push onto a non-array or a path through a string is an error, not a silent no-op', async () => {
    const refusals = [
      db
        .collection('items')
        .doc('a')
        .update({ label: db.command.inc(1) }),
      db
        .collection('items')
        .doc('a')
        .update({ n: db.command.push(3) }),
      db.collection('items').doc('a').update({ 'label.first': 1 }),
      db
        .collection('items')
        .where({ _id: 'a' })
        .update({ label: db.command.mul(2) }),
    ]
    for (const refused of refusals) expect((await errorOf(refused)).code).toBe('DATABASE_REQUEST_FAILED')
    expect(await item('a')).toEqual({ _id: 'a', n: 1, label: 'x', tags: ['t'] })
    // What can apply still does, a missing field included.
    await db
      .collection('items')
      .doc('a')
      .update({ n: db.command.inc(1), tags: db.command.push('u'), count: db.command.inc(2) })
    expect(await item('a')).toEqual({ _id: 'a', n: 2, label: 'x', tags: ['t', 'u'], count: 2 })
  })
})

describe('latency', () => {
  it('makes each round trip take at least latencyMs, and can be changed while running', async () => {
    h.standin.setLatency(40)
    const started = performance.now()
    await item('a')
    expect(performance.now() - started).toBeGreaterThanOrEqual(39)
    h.standin.setLatency(0)
    expect((await item('a')).n).toBe(1)
  })
})
