/**
 * Claiming a slot with one conditional update outside a transaction (decision 015): a query on an
 * array's index and on a field of its elements, a `where(…).update(…)` answering how many it
 * changed, and racers that the database takes one at a time on the document, none conflicting.
 */
import { type Db, type Harness, startHarness } from './helpers'

let h: Harness
let db: Db

beforeEach(async () => {
  h = await startHarness()
  db = h.db
  await db.createCollection('slots')
  await db.collection('slots').add([
    { _id: 'none', places: { taken: [] } },
    { _id: 'two', places: { taken: [{ id: 'a' }, { id: 'b' }] } },
    { _id: 'three', places: { taken: [{ id: 'a' }, { id: 'b' }, { id: 'c' }] } },
    { _id: 'no-list', places: {} },
  ])
})
afterEach(() => h.stop())

const slots = () => db.collection('slots')
const matching = async (query: object) => ((await slots().where(query).get()).data as { _id: string }[]).map((d) => d._id).sort()

describe('queries on an array of documents', () => {
  it('exists on an index path: whether the array has an element there', async () => {
    const _ = db.command
    expect(await matching({ 'places.taken.2': _.exists(false) })).toEqual(['no-list', 'none', 'two'])
    expect(await matching({ 'places.taken.2': _.exists(true) })).toEqual(['three'])
    expect(await matching({ 'places.taken.0': _.exists(true) })).toEqual(['three', 'two'])
  })

  it('neq on a field through the array: no element has that value (a missing or empty array has none)', async () => {
    const _ = db.command
    expect(await matching({ 'places.taken.id': _.neq('c') })).toEqual(['no-list', 'none', 'two'])
    expect(await matching({ 'places.taken.id': _.neq('a') })).toEqual(['no-list', 'none'])
    expect(await matching({ 'places.taken.id': _.neq('z') })).toEqual(['no-list', 'none', 'three', 'two'])
  })
})

describe('a conditional update', () => {
  it('answers how many documents it changed: 1 when the condition held, 0 when it did not', async () => {
    const _ = db.command
    const claim = (doc: string, id: string) =>
      slots()
        .where({ _id: doc, 'places.taken.2': _.exists(false), 'places.taken.id': _.neq(id) })
        .update({ 'places.taken': _.push({ id }) })
    expect((await claim('two', 'c')).updated).toBe(1)
    expect((await claim('two', 'd')).updated).toBe(0)
    expect((await claim('none', 'a')).updated).toBe(1)
    expect((await claim('none', 'a')).updated).toBe(0)
    expect((await slots().doc('two').get()).data[0].places.taken).toEqual([{ id: 'a' }, { id: 'b' }, { id: 'c' }])
    expect((await slots().doc('none').get()).data[0].places.taken).toEqual([{ id: 'a' }])
  })

  it('racers for the last places at CloudBase’s latency: exactly as many as there were places get one, nobody conflicts', async () => {
    h.standin.setLatency(25)
    const _ = db.command
    const answers = await Promise.all(
      Array.from({ length: 30 }, (_unused, i) =>
        slots()
          .where({ _id: 'two', 'places.taken.4': _.exists(false), 'places.taken.id': _.neq(`r${i}`) })
          .update({ 'places.taken': _.push({ id: `r${i}` }) }),
      ),
    )
    expect(answers.filter((a) => a.updated === 1)).toHaveLength(3)
    expect(answers.filter((a) => a.updated === 0)).toHaveLength(27)
    expect((await slots().doc('two').get()).data[0].places.taken).toHaveLength(5)
  })

  it('the same id claimed ten times at once is pushed once', async () => {
    h.standin.setLatency(25)
    const _ = db.command
    const answers = await Promise.all(
      Array.from({ length: 10 }, () =>
        slots()
          .where({ _id: 'none', 'places.taken.id': _.neq('me') })
          .update({ 'places.taken': _.push({ id: 'me' }) }),
      ),
    )
    expect(answers.map((a) => a.updated).sort()).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 1])
    expect((await slots().doc('none').get()).data[0].places.taken).toEqual([{ id: 'me' }])
  })
})
