/**
 * What the function tests lean on to tell whether a call wrote (the committed version) and to put
 * the database back after one that did (save and restore), driven through the real SDK.
 */
import { type Db, type Harness, startHarness } from './helpers'

let h: Harness
let db: Db

beforeEach(async () => {
  h = await startHarness()
  db = h.db
  await db.collection('communities').add([
    { _id: 'kept', name: '沁园社区', centre: new db.Geo.Point(118.05, 36.81) },
    { _id: 'changed', name: '太河村', centre: new db.Geo.Point(118.12, 36.52) },
    { _id: 'removed', name: '西关社区', centre: new db.Geo.Point(118.06, 36.82) },
  ])
})
afterEach(() => h.stop())

const ids = (res: { data: { _id: string }[] }) => res.data.map((d) => d._id).sort()
const near = (lng: number, lat: number) =>
  db
    .collection('communities')
    .where({ centre: db.command.geoNear({ geometry: new db.Geo.Point(lng, lat), maxDistance: 500 }) })
    .get()

describe('the committed version', () => {
  it('stays the same across reads and a remove that finds nothing, and moves on with every kind of write', async () => {
    const { standin } = h
    let before = standin.committedVersion()
    await db.collection('communities').doc('kept').get()
    await db.collection('communities').where({ name: '沁园社区' }).get()
    await db.collection('communities').doc('no-such').remove()
    expect(standin.committedVersion()).toBe(before)
    const writes = [
      () => db.collection('people').add({ name: '杨丽' }),
      () => db.collection('communities').doc('kept').update({ name: '沁园社区（新）' }),
      () => db.collection('communities').doc('changed').set({ name: '太河新村' }),
      () => db.collection('communities').doc('removed').remove(),
      async () => {
        const t = await db.startTransaction()
        await t.collection('communities').doc('in-transaction').set({ name: '新社区' })
        await t.commit()
      },
    ]
    for (const write of writes) {
      await write()
      expect(standin.committedVersion()).toBeGreaterThan(before)
      before = standin.committedVersion()
    }
  })
})

describe('save and restore', () => {
  it('puts back changed, removed and added documents and their place in the geo index, in every collection', async () => {
    const { standin } = h
    const saved = standin.save()
    const before = (await db.collection('communities').get()).data
    await db
      .collection('communities')
      .doc('changed')
      .update({ name: '太河新村', centre: new db.Geo.Point(118.2, 36.6) })
    await db.collection('communities').doc('removed').remove()
    await db.collection('communities').add({ _id: 'added', name: '新社区', centre: new db.Geo.Point(118.06, 36.82) })
    await db.collection('people').add({ _id: 'p-added', name: '杨丽' })
    const written = standin.committedVersion()

    standin.restore(saved)
    expect((await db.collection('communities').get()).data).toEqual(before)
    expect((await db.collection('people').get()).data).toEqual([])
    expect(ids(await near(118.12, 36.52))).toEqual(['changed'])
    expect(ids(await near(118.2, 36.6))).toEqual([])
    expect(ids(await near(118.06, 36.82))).toEqual(['removed'])
    // Putting back is itself a write: whoever compares versions sees it.
    expect(standin.committedVersion()).toBeGreaterThan(written)
  })

  it('can put back the same saved state again after more writes', async () => {
    const { standin } = h
    const saved = standin.save()
    for (const name of ['一', '二']) {
      await db.collection('communities').doc('kept').update({ name })
      standin.restore(saved)
      expect((await db.collection('communities').doc('kept').get()).data[0].name).toBe('沁园社区')
    }
  })
})
