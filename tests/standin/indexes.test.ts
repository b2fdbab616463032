/** The manifest's ordinary indexes: unique ones are enforced, equality on indexed fields avoids a scan. */
import { type Db, errorOf, type Harness, startHarness } from './helpers'

let h: Harness
let db: Db

beforeEach(async () => {
  h = await startHarness()
  db = h.db
})
afterEach(() => h.stop())

describe('unique index people.openid', () => {
  it('refuses a second document with the same openid, by add, update or set', async () => {
    await db.collection('people').add({ _id: 'p1', openid: 'o1' })
    await db.collection('people').add({ _id: 'p2', openid: 'o2' })
    const add = await errorOf(db.collection('people').add({ openid: 'o1' }))
    expect(add.code).toBe('DATABASE_DUPLICATE_WRITE')
    expect(add.message).toMatch(/openid_unique/)
    expect((await errorOf(db.collection('people').doc('p2').update({ openid: 'o1' }))).code).toBe('DATABASE_DUPLICATE_WRITE')
    expect((await errorOf(db.collection('people').doc('p3').set({ openid: 'o1' }))).code).toBe('DATABASE_DUPLICATE_WRITE')
    expect((await db.collection('people').where({ openid: 'o1' }).count()).total).toBe(1)
    // Rewriting the holder itself is fine.
    expect((await db.collection('people').doc('p1').update({ openid: 'o1', name: 'x' })).updated).toBe(1)
  })

  it('treats a missing openid as null, as MongoDB does: only one document may lack it', async () => {
    await db.collection('people').add({ name: 'first' })
    expect((await errorOf(db.collection('people').add({ name: 'second' }))).code).toBe('DATABASE_DUPLICATE_WRITE')
  })

  it('is enforced inside a transaction too', async () => {
    await db.collection('people').add({ openid: 'o1' })
    const t = await db.startTransaction()
    expect((await errorOf(t.collection('people').add({ openid: 'o1' }))).code).toBe('DATABASE_DUPLICATE_WRITE')
    await t.rollback()
  })

  it('a batch add with a duplicate writes nothing', async () => {
    const err = await errorOf(db.collection('people').add([{ openid: 'a' }, { openid: 'a' }]))
    expect(err.code).toBe('DATABASE_DUPLICATE_WRITE')
    expect((await db.collection('people').count()).total).toBe(0)
  })
})

describe('equality on an indexed field', () => {
  beforeEach(async () => {
    await db.collection('people').add(Array.from({ length: 500 }, (_, i) => ({ openid: `o${i}`, communityId: `c${i % 10}`, n: i })))
  })

  it('reads only the matching documents (SQLite expression index), and finds arrays holding the value', async () => {
    await db.collection('people').add({ openid: 'multi', communityId: ['c3', 'c4'] })
    const before = h.standin.stats().documentsRead
    const res = await db.collection('people').where({ communityId: 'c3' }).limit(1000).get()
    expect(res.data).toHaveLength(51)
    expect(h.standin.stats().documentsRead - before).toBe(51)
  })

  it('$in on an indexed field, and the scan it avoids on an unindexed one', async () => {
    let before = h.standin.stats().documentsRead
    expect(
      (
        await db
          .collection('people')
          .where({ communityId: db.command.in(['c1', 'c2']) })
          .count()
      ).total,
    ).toBe(100)
    expect(h.standin.stats().documentsRead - before).toBe(100)
    before = h.standin.stats().documentsRead
    expect((await db.collection('people').where({ n: 7 }).count()).total).toBe(1)
    expect(h.standin.stats().documentsRead - before).toBe(500)
  })

  it('typed equality stays exact: true does not match 1', async () => {
    await db.collection('people').add([
      { openid: 't', communityId: true },
      { openid: 'one', communityId: 1 },
    ])
    const res = await db.collection('people').where({ communityId: true }).get()
    expect(res.data.map((d: { openid: string }) => d.openid)).toEqual(['t'])
  })
})

describe('a compound index: equality on its first fields, then a range or the order on the next', () => {
  // needs.communityId_createdAt_1: 5000 needs of one community, one every 12 hours (about 7 years).
  const start = Date.UTC(2020, 0, 1)
  const HALF_DAY = 12 * 3600_000
  const day = (n: number) => new Date(start + n * 2 * HALF_DAY)
  beforeEach(async () => {
    const needs = Array.from({ length: 5000 }, (_, i) => ({
      _id: `n${i}`,
      communityId: 'c1',
      status: i % 3 ? 'open' : 'done',
      createdAt: new Date(start + i * HALF_DAY),
    }))
    for (let i = 0; i < needs.length; i += 500) await db.collection('needs').add(needs.slice(i, i + 500))
    await db.collection('needs').add([
      { _id: 'other-community', communityId: 'c2', createdAt: day(1000) },
      { _id: 'two-communities', communityId: ['c1', 'c2'], createdAt: day(1000) },
    ])
  })
  const ids = (res: { data: { _id: string }[] }) => res.data.map((d) => d._id)

  it('reads about as many documents as a 30-day range returns, not the community', async () => {
    const before = h.standin.stats().documentsRead
    const res = await db
      .collection('needs')
      .where({ communityId: 'c1', createdAt: db.command.gte(day(1000)).and(db.command.lt(day(1030))) })
      .limit(1000)
      .get()
    const read = h.standin.stats().documentsRead - before
    expect(ids(res).sort()).toEqual(['two-communities', ...Array.from({ length: 60 }, (_, i) => `n${2000 + i}`)].sort())
    // Only what is in range is read (a date bound is widened by a millisecond, so the need at the
    // excluded upper bound is read too); the array holder is found as a multikey index finds it.
    expect(read).toBeLessThanOrEqual(res.data.length + 1)
  })

  it('serves the order from the index: the newest ten read about ten documents', async () => {
    const before = h.standin.stats().documentsRead
    const res = await db.collection('needs').where({ communityId: 'c1', status: 'open' }).orderBy('createdAt', 'desc').limit(10).get()
    const read = h.standin.stats().documentsRead - before
    const expected = Array.from({ length: 5000 }, (_, i) => i)
      .filter((i) => i % 3)
      .reverse()
      .slice(0, 10)
      .map((i) => `n${i}`)
    expect(ids(res)).toEqual(expected)
    expect(read).toBeLessThan(20)
  })

  it('keeps a range’s bounds exact, inclusive and exclusive, and pages through skip', async () => {
    const _ = db.command
    const page = (offset: number) =>
      db
        .collection('needs')
        .where({ communityId: 'c1', createdAt: _.gt(day(10)).and(_.lte(day(12))) })
        .orderBy('createdAt', 'asc')
        .skip(offset)
        .limit(2)
        .get()
    expect([...ids(await page(0)), ...ids(await page(2))]).toEqual(['n21', 'n22', 'n23', 'n24'])
  })
})

describe('an equality $lookup (localField/foreignField)', () => {
  beforeEach(async () => {
    await db.collection('people').add([
      { _id: 'p1', openid: 'o1', tags: ['o2', 'o3'] },
      { _id: 'p2', openid: 'o2' },
      { _id: 'p3', name: 'no openid' },
    ])
    await db.collection('roles').add(Array.from({ length: 500 }, (_, i) => ({ _id: `r${i}`, openid: `other${i}`, role: 'volunteer' })))
    await db.collection('roles').add([
      { _id: 'a', openid: 'o1', role: 'committee' },
      { _id: 'b', openid: 'o1', role: 'volunteer' },
      { _id: 'c', openid: 'o2', role: 'volunteer' },
      { _id: 'd', role: 'orphan' },
    ])
  })
  const joined = (localField: string, match: object) =>
    db
      .collection('people')
      .aggregate()
      .match(match)
      .lookup({ from: 'roles', localField, foreignField: 'openid', as: 'roles' })
      .limit(10)
      .end() as Promise<{ data: { _id: string; roles: { _id: string }[] }[] }>
  const roleIds = (doc: { roles: { _id: string }[] }) => doc.roles.map((r) => r._id).sort()

  it('reads only the joined documents through the foreign index, not the foreign collection', async () => {
    const before = h.standin.stats().documentsRead
    const { data } = await joined('openid', { openid: 'o1' })
    expect(data.map(roleIds)).toEqual([['a', 'b']])
    expect(h.standin.stats().documentsRead - before).toBe(3)
  })

  it('joins as MongoDB does: nothing for no match, any value of a local array, null to a missing foreign field', async () => {
    await db.collection('people').add({ _id: 'p4', openid: 'o4' })
    expect((await joined('openid', { openid: 'o4' })).data.map(roleIds)).toEqual([[]])
    expect((await joined('tags', { _id: 'p1' })).data.map(roleIds)).toEqual([['c']])
    expect((await joined('openid', { _id: 'p3' })).data.map(roleIds)).toEqual([['d']])
  })

  it('reads a local field through an array of sub-documents, as a person joined with their roles reaches their organisations', async () => {
    await db.collection('people').add({ _id: 'p5', openid: 'o5', crew: [{ id: 'o1' }, { id: 'o2' }, { name: 'no id' }] })
    expect((await joined('crew.id', { _id: 'p5' })).data.map(roleIds)).toEqual([['a', 'b', 'c']])
    expect((await joined('crew.missing', { _id: 'p5' })).data.map(roleIds)).toEqual([['d']])
  })

  it('runs the stages around it in order', async () => {
    const { data } = (await db
      .collection('people')
      .aggregate()
      .match({ openid: db.command.in(['o1', 'o2']) })
      .lookup({ from: 'roles', localField: 'openid', foreignField: 'openid', as: 'roles' })
      .project({ openid: 1, n: db.command.aggregate.size('$roles') })
      .sort({ n: -1 })
      .limit(10)
      .end()) as { data: { openid: string; n: number }[] }
    expect(data.map((d) => [d.openid, d.n])).toEqual([
      ['o1', 2],
      ['o2', 1],
    ])
  })
})
