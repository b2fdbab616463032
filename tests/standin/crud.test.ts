/** Every plain (non-transactional) database action, driven through the real @cloudbase/node-sdk. */
import { type Db, errorOf, type Harness, startHarness } from './helpers'

let h: Harness
let db: Db

beforeEach(async () => {
  h = await startHarness({ clock: { now: () => new Date('2026-01-02T03:04:05.000Z') } })
  db = h.db
  await db.createCollection('items')
})
afterEach(() => h.stop())

describe('collections', () => {
  it('starts with the manifest collections; createCollection adds one and refuses a duplicate', async () => {
    expect((await db.collection('people').get()).data).toEqual([])
    expect((await errorOf(db.createCollection('items'))).code).toBe('DATABASE_COLLECTION_ALREADY_EXIST')
  })

  it('refuses writes and reads on a collection that does not exist, as CloudBase does', async () => {
    expect((await errorOf(db.collection('nope').add({ a: 1 }))).code).toBe('DATABASE_COLLECTION_NOT_EXIST')
    expect((await errorOf(db.collection('nope').get())).code).toBe('DATABASE_COLLECTION_NOT_EXIST')
  })
})

describe('insert and read', () => {
  it('add returns a 32-hex id and doc(id).get returns the document in an array', async () => {
    const { id } = await db.collection('items').add({ name: 'a' })
    expect(id).toMatch(/^[0-9a-f]{32}$/)
    const res = await db.collection('items').doc(id!).get()
    expect(res.data).toEqual([{ _id: id, name: 'a' }])
    expect((await db.collection('items').doc('missing').get()).data).toEqual([])
  })

  it('keeps a given _id and refuses a second document with it', async () => {
    await db.collection('items').add({ _id: 'fixed', n: 1 })
    const err = await errorOf(db.collection('items').add({ _id: 'fixed', n: 2 }))
    expect(err.code).toBe('DATABASE_DUPLICATE_WRITE')
    expect((await db.collection('items').doc('fixed').get()).data[0].n).toBe(1)
  })

  it('round-trips Extended JSON: dates, integers, doubles, nested objects, arrays, null, booleans', async () => {
    const when = new Date('2025-06-01T08:30:00.123Z')
    const doc = {
      when,
      int: 42,
      negative: -7,
      double: 3.25,
      big: 2 ** 40,
      flag: true,
      nothing: null,
      nested: { deep: { list: [1, 'two', { three: 3 }], at: when } },
      matrix: [
        [1, 2],
        [3, 4],
      ],
    }
    const { id } = await db.collection('items').add(doc)
    const [back] = (await db.collection('items').doc(id!).get()).data
    expect(back.when).toBeInstanceOf(Date)
    expect(back.when.getTime()).toBe(when.getTime())
    expect(back.nested.deep.at).toBeInstanceOf(Date)
    expect(back).toEqual({ _id: id, ...doc })
  })

  it('replaces db.serverDate() with the server clock (+offset)', async () => {
    const { id } = await db.collection('items').add({ at: db.serverDate(), later: db.serverDate({ offset: 60_000 }) })
    const [back] = (await db.collection('items').doc(id!).get()).data
    expect(back.at).toEqual(new Date('2026-01-02T03:04:05.000Z'))
    expect(back.later).toEqual(new Date('2026-01-02T03:05:05.000Z'))
  })

  it('batch add returns every id', async () => {
    const res = await db.collection('items').add([{ n: 1 }, { n: 2 }])
    expect(res.ids).toHaveLength(2)
    expect((await db.collection('items').count()).total).toBe(2)
  })
})

describe('queries', () => {
  beforeEach(async () => {
    await db.collection('items').add([
      { _id: 'a', n: 1, tag: 'x', tags: ['red', 'blue'], when: new Date('2025-01-01T00:00:00Z'), o: { k: 'p' } },
      { _id: 'b', n: 2, tag: 'y', tags: ['blue'], when: new Date('2025-02-01T00:00:00Z'), o: { k: 'q' } },
      { _id: 'c', n: 3, tag: 'x', tags: [], when: new Date('2025-03-01T00:00:00Z') },
      { _id: 'd', n: 4, name: 'Zhang San' },
    ])
  })
  const ids = (res: { data: { _id: string }[] }) => res.data.map((d) => d._id)
  const _ = () => db.command

  it('comparison, logic, array, existence and regexp operators', async () => {
    const items = db.collection('items')
    expect(ids(await items.where({ n: _().gt(1).and(_().lte(3)) }).get())).toEqual(['b', 'c'])
    expect(ids(await items.where({ n: _().in([1, 4]) }).get())).toEqual(['a', 'd'])
    expect(ids(await items.where({ tag: _().neq('x') }).get())).toEqual(['b', 'd'])
    expect(ids(await items.where(_().or([{ n: 1 }, { tag: 'y' }])).get())).toEqual(['a', 'b'])
    expect(ids(await items.where({ tags: 'blue' }).get())).toEqual(['a', 'b'])
    expect(ids(await items.where({ tags: _().all(['red', 'blue']) }).get())).toEqual(['a'])
    expect(ids(await items.where({ tags: _().size(0) }).get())).toEqual(['c'])
    expect(ids(await items.where({ o: _().exists(false) }).get())).toEqual(['c', 'd'])
    expect(ids(await items.where({ 'o.k': 'q' }).get())).toEqual(['b'])
    expect(ids(await items.where({ o: { k: 'p' } }).get())).toEqual(['a'])
    expect(ids(await items.where({ when: _().gte(new Date('2025-02-01T00:00:00Z')) }).get())).toEqual(['b', 'c'])
    expect(ids(await items.where({ name: /zhang/i }).get())).toEqual(['d'])
    expect(ids(await items.where({ name: db.RegExp({ regexp: '^zh', options: 'i' }) }).get())).toEqual(['d'])
  })

  it('orderBy, skip, limit and field projection', async () => {
    const res = await db
      .collection('items')
      .where({ n: _().lt(4) })
      .orderBy('n', 'desc')
      .skip(1)
      .limit(1)
      .field({ n: true })
      .get()
    expect(res.data).toEqual([{ _id: 'b', n: 2 }])
    const sorted = await db.collection('items').orderBy('tag', 'asc').orderBy('n', 'desc').get()
    expect(ids(sorted)).toEqual(['d', 'c', 'a', 'b'])
    const doc = await db.collection('items').doc('a').field({ tags: false, when: false, o: false }).get()
    expect(doc.data).toEqual([{ _id: 'a', n: 1, tag: 'x' }])
  })

  it('count', async () => {
    expect((await db.collection('items').where({ tag: 'x' }).count()).total).toBe(2)
    expect((await db.collection('items').count()).total).toBe(4)
  })
})

describe('limits', () => {
  beforeEach(async () => {
    await db.collection('items').add(Array.from({ length: 1100 }, (_, i) => ({ i })))
  })

  it('a query without limit returns 100 documents', async () => {
    const res = await db.collection('items').get()
    expect(res.data).toHaveLength(100)
    expect(res.data[0].i).toBe(0)
  })

  it('a limit above 1000 is cut to 1000 (SDK and server both)', async () => {
    expect((await db.collection('items').limit(5000).get()).data).toHaveLength(1000)
    const raw = await fetch(`${h.standin.url}?env=x`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ action: 'database.getDocument', envName: 'x', collectionName: 'items', queryType: 'WHERE', limit: 5000 }),
    })
    const body = (await raw.json()) as { data: { list: string[] } }
    expect(body.data.list).toHaveLength(1000)
  })

  it('aggregate without $limit returns 20 results, as CloudBase does', async () => {
    expect(
      (
        await db
          .collection('items')
          .aggregate()
          .match({ i: db.command.gte(0) })
          .end()
      ).data,
    ).toHaveLength(20)
    expect(
      (
        await db
          .collection('items')
          .aggregate()
          .match({ i: db.command.gte(0) })
          .limit(50)
          .end()
      ).data,
    ).toHaveLength(50)
  })
})

describe('updates', () => {
  beforeEach(async () => {
    await db.collection('items').add({ _id: 'u', n: 1, list: [1], profile: { name: 'a', age: 3 }, keep: true })
  })
  const get = async (id = 'u') => (await db.collection('items').doc(id).get()).data[0]

  it('doc.update merges: $inc, $push $each, nested $set, remove, mul', async () => {
    const _ = db.command
    const res = await db
      .collection('items')
      .doc('u')
      .update({
        n: _.inc(2),
        list: _.push([2, 3]),
        profile: { name: 'b' },
        'profile.city': 'Shanghai',
        keep: _.remove(),
      })
    expect(res.updated).toBe(1)
    expect(await get()).toEqual({ _id: 'u', n: 3, list: [1, 2, 3], profile: { name: 'b', age: 3, city: 'Shanghai' } })
    await db
      .collection('items')
      .doc('u')
      .update({ n: _.mul(10), list: _.pop() })
    expect(await get()).toMatchObject({ n: 30, list: [1, 2] })
  })

  it('doc.update of a missing document updates nothing; the same value counts as not updated', async () => {
    expect((await db.collection('items').doc('nobody').update({ n: 1 })).updated).toBe(0)
    expect((await db.collection('items').doc('u').update({ n: 1 })).updated).toBe(0)
  })

  it('where.update updates every match', async () => {
    await db.collection('items').add([{ g: 1 }, { g: 1 }, { g: 2 }])
    const res = await db.collection('items').where({ g: 1 }).update({ seen: true })
    expect(res.updated).toBe(2)
    expect((await db.collection('items').where({ seen: true }).count()).total).toBe(2)
  })

  it('doc.set replaces the document, and upserts when it is missing', async () => {
    const res = await db.collection('items').doc('u').set({ only: 'this' })
    expect(res.updated).toBe(1)
    expect(await get()).toEqual({ _id: 'u', only: 'this' })
    const created = await db.collection('items').doc('new').set({ made: true })
    expect(created.upsertedId).toBe('new')
    expect(await get('new')).toEqual({ _id: 'new', made: true })
  })

  it('refuses to change _id', async () => {
    const err = await errorOf(db.collection('items').doc('u').update({ _id: 'other' }))
    expect(err.code).toBe('INVALID_PARAM')
  })
})

describe('remove', () => {
  it('doc.remove and where.remove', async () => {
    await db.collection('items').add([
      { _id: 'r1', g: 1 },
      { _id: 'r2', g: 2 },
      { _id: 'r3', g: 2 },
    ])
    expect((await db.collection('items').doc('r1').remove()).deleted).toBe(1)
    expect((await db.collection('items').doc('r1').remove()).deleted).toBe(0)
    expect((await db.collection('items').where({ g: 2 }).remove()).deleted).toBe(2)
    expect((await db.collection('items').count()).total).toBe(0)
  })
})

describe('aggregate', () => {
  it('runs MongoDB stages through mingo', async () => {
    await db.collection('items').add([
      { cat: 'a', v: 1 },
      { cat: 'a', v: 3 },
      { cat: 'b', v: 10 },
    ])
    const $ = db.command.aggregate
    const res = await db
      .collection('items')
      .aggregate()
      .group({ _id: '$cat', total: $.sum('$v'), n: $.sum(1) })
      .sort({ _id: 1 })
      .end()
    expect(res.data).toEqual([
      { _id: 'a', total: 4, n: 2 },
      { _id: 'b', total: 10, n: 1 },
    ])
  })
})
