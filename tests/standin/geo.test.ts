/**
 * Geo queries through the SDK, on the manifest's 2dsphere indexes (communities.centre,
 * organisations.serviceArea.centre). Points are placed at known distances north/east of a centre
 * in Zibo; one metre of latitude is 1 / 6378100 rad, MongoDB's earth radius.
 */
import { type Db, errorOf, type Harness, startHarness } from './helpers'

let h: Harness
let db: Db

const CENTRE: [number, number] = [118.05, 36.81]
const DEG_PER_M = 180 / Math.PI / 6_378_100
const north = (m: number): [number, number] => [CENTRE[0], CENTRE[1] + m * DEG_PER_M]
const east = (m: number): [number, number] => [CENTRE[0] + (m * DEG_PER_M) / Math.cos((CENTRE[1] * Math.PI) / 180), CENTRE[1]]

beforeEach(async () => {
  h = await startHarness()
  db = h.db
  const point = ([lng, lat]: [number, number]) => new db.Geo.Point(lng, lat)
  await db.collection('communities').add([
    { _id: 'n500', centre: point(north(500)), kind: 'a' },
    { _id: 'n1500', centre: point(north(1500)), kind: 'b' },
    { _id: 'e2000', centre: point(east(2000)), kind: 'a' },
    { _id: 'n3000', centre: point(north(3000)), kind: 'a' },
    { _id: 'n10000', centre: point(north(10_000)), kind: 'b' },
    { _id: 'nowhere', kind: 'a' },
  ])
})
afterEach(() => h.stop())

/** The SDK's typings declare only Geo.Point; Polygon and LineString exist at runtime. */
type GeoCtors = {
  Point: new (lng: number, lat: number) => object
  LineString: new (points: object[]) => object
  Polygon: new (lines: object[]) => object
}
const geo = () => db.Geo as unknown as GeoCtors

const ids = (res: { data: { _id: string }[] }) => res.data.map((d) => d._id)
const here = () => new db.Geo.Point(CENTRE[0], CENTRE[1])

describe('geoNear in a where', () => {
  it('returns documents nearest first', async () => {
    const res = await db
      .collection('communities')
      .where({ centre: db.command.geoNear({ geometry: here() }) })
      .get()
    expect(ids(res)).toEqual(['n500', 'n1500', 'e2000', 'n3000', 'n10000'])
    expect(res.data[0].centre).toBeInstanceOf(db.Geo.Point)
  })

  it('respects maxDistance and minDistance (metres)', async () => {
    const near = (opts: { maxDistance?: number; minDistance?: number }) =>
      db
        .collection('communities')
        .where({ centre: db.command.geoNear({ geometry: here(), ...opts }) })
        .get()
    expect(ids(await near({ maxDistance: 2500 }))).toEqual(['n500', 'n1500', 'e2000'])
    expect(ids(await near({ minDistance: 1000, maxDistance: 3100 }))).toEqual(['n1500', 'e2000', 'n3000'])
    expect(ids(await near({ maxDistance: 1499 }))).toEqual(['n500'])
  })

  it('combines with other conditions, skip and limit', async () => {
    const res = await db
      .collection('communities')
      .where({ centre: db.command.geoNear({ geometry: here() }), kind: 'a' })
      .skip(1)
      .limit(1)
      .get()
    expect(ids(res)).toEqual(['e2000'])
  })

  it('geoWithin a circle (centerSphere, radians) and a polygon; geoIntersects a polygon', async () => {
    const _ = db.command
    const within = await db
      .collection('communities')
      .where({ centre: _.geoWithin({ centerSphere: [here(), 2500 / 6_378_100] }) })
      .get()
    expect(ids(within).sort()).toEqual(['e2000', 'n1500', 'n500'])
    const [lng, lat] = CENTRE
    const box = (dLng: number, dLat: number) =>
      new (geo().Polygon)([
        new (geo().LineString)([
          new db.Geo.Point(lng - dLng, lat - dLat),
          new db.Geo.Point(lng + dLng, lat - dLat),
          new db.Geo.Point(lng + dLng, lat + dLat),
          new db.Geo.Point(lng - dLng, lat + dLat),
          new db.Geo.Point(lng - dLng, lat - dLat),
        ]),
      ])
    // ±0.03° of longitude is ±2.67 km here, ±0.02° of latitude ±2.22 km: n3000 falls outside.
    expect(
      ids(
        await db
          .collection('communities')
          .where({ centre: _.geoWithin({ geometry: box(0.03, 0.02) }) })
          .get(),
      ).sort(),
    ).toEqual(['e2000', 'n1500', 'n500'])
    expect(
      ids(
        await db
          .collection('communities')
          .where({ centre: _.geoIntersects({ geometry: box(0.01, 0.01) }) })
          .get(),
      ),
    ).toEqual(['n500'])
  })

  it('serves a nested indexed field (organisations.serviceArea.centre)', async () => {
    await db.collection('organisations').add([
      // inviteCode: the manifest's unique index on it counts a missing field as a duplicate null.
      { _id: 'far', inviteCode: 'FAR', serviceArea: { centre: new db.Geo.Point(...north(5000)) } },
      { _id: 'close', inviteCode: 'CLOSE', serviceArea: { centre: new db.Geo.Point(...north(100)) } },
    ])
    const res = await db
      .collection('organisations')
      .where({ 'serviceArea.centre': db.command.geoNear({ geometry: here() }) })
      .get()
    expect(ids(res)).toEqual(['close', 'far'])
  })
})

describe('$geoNear aggregation stage', () => {
  it('adds the distance, filters with query, and honours maxDistance', async () => {
    const res = await db
      .collection('communities')
      .aggregate()
      .geoNear({ near: here(), distanceField: 'distance', maxDistance: 5000, query: { kind: 'a' }, spherical: true })
      .end()
    expect(ids(res)).toEqual(['n500', 'e2000', 'n3000'])
    const distances = res.data.map((d: { distance: number }) => d.distance)
    expect(distances[0]).toBeCloseTo(500, 0)
    expect(distances[1]).toBeCloseTo(2000, 0)
    expect(distances[2]).toBeCloseTo(3000, 0)
  })
})

describe('without a 2dsphere index', () => {
  it('refuses geoNear, geoWithin and the $geoNear stage', async () => {
    await db.collection('offices').add({ location: new db.Geo.Point(...CENTRE) })
    const _ = db.command
    const near = await errorOf(
      db
        .collection('offices')
        .where({ location: _.geoNear({ geometry: here() }) })
        .get(),
    )
    expect(near.message).toMatch(/unable to find index for \$geoNear query/)
    const within = await errorOf(
      db
        .collection('offices')
        .where({ location: _.geoWithin({ centerSphere: [here(), 0.01] }) })
        .get(),
    )
    expect(within.message).toMatch(/unable to find index/)
    const stage = await errorOf(db.collection('offices').aggregate().geoNear({ near: here(), distanceField: 'd' }).end())
    expect(stage.message).toMatch(/unable to find index for \$geoNear query/)
    // An indexed collection, but not on this field.
    const otherField = await errorOf(
      db
        .collection('communities')
        .where({ elsewhere: _.geoNear({ geometry: here() }) })
        .get(),
    )
    expect(otherField.message).toMatch(/unable to find index for \$geoNear query/)
  })

  it('a 2dsphere-indexed field must hold GeoJSON', async () => {
    const err = await errorOf(db.collection('communities').add({ centre: { lng: 1, lat: 2 } }))
    expect(err.message).toMatch(/Can't extract geo keys/)
  })
})

describe('served from the R*Tree', () => {
  it('reads about as many documents as are in range, not the collection', async () => {
    // 60 × 60 grid, 400 m apart: 3600 organisations over ~24 km × 24 km.
    const docs = []
    for (let i = 0; i < 60; i++) {
      for (let j = 0; j < 60; j++) {
        docs.push({
          inviteCode: `G${i}-${j}`,
          serviceArea: { centre: new db.Geo.Point(east((i - 30) * 400)[0], north((j - 30) * 400)[1]) },
        })
      }
    }
    await db.collection('organisations').add(docs)
    const near = db.command.geoNear({ geometry: here(), maxDistance: 1000 })
    const before = h.standin.stats().documentsRead
    const res = await db.collection('organisations').where({ 'serviceArea.centre': near }).limit(1000).get()
    const read = h.standin.stats().documentsRead - before
    // Grid points within 1 km: the centre, 4 at 400 m, 4 at 566 m, 4 at 800 m, 8 at 894 m.
    expect(res.data).toHaveLength(21)
    expect(read).toBe(21)

    const before2 = h.standin.stats().documentsRead
    const nearest = await db
      .collection('organisations')
      .where({ 'serviceArea.centre': db.command.geoNear({ geometry: here() }) })
      .limit(5)
      .get()
    expect(nearest.data).toHaveLength(5)
    expect(h.standin.stats().documentsRead - before2).toBe(5)
  })
})
