/** Transactions through the SDK's startTransaction / runTransaction. */
import { type Db, errorOf, type Harness, startHarness } from './helpers'

let h: Harness
let db: Db

beforeEach(async () => {
  h = await startHarness()
  db = h.db
  await db.createCollection('accounts')
  await db.collection('accounts').add([
    { _id: 'alice', balance: 100 },
    { _id: 'bob', balance: 0 },
  ])
})
afterEach(() => h.stop())

/** The SDK types transactions as any; this is the part the tests use. */
type Txn = { collection(name: string): ReturnType<Db['collection']> }

const balance = async (id: string) => (await db.collection('accounts').doc(id).get()).data[0]?.balance

describe('commit and rollback', () => {
  it('commit applies every write at once; before it nobody else sees them', async () => {
    const t = await db.startTransaction()
    const alice = (await t.collection('accounts').doc('alice').get()).data
    expect(alice).toEqual({ _id: 'alice', balance: 100 })
    await t
      .collection('accounts')
      .doc('alice')
      .update({ balance: db.command.inc(-30) })
    await t
      .collection('accounts')
      .doc('bob')
      .update({ balance: db.command.inc(30) })
    const added = await t.collection('accounts').add({ _id: 'carol', balance: 5 })
    expect(added).toMatchObject({ id: 'carol', inserted: 1, ok: 1 })
    // Own writes are visible inside, invisible outside.
    expect((await t.collection('accounts').doc('alice').get()).data.balance).toBe(70)
    expect(await balance('alice')).toBe(100)
    expect(await balance('carol')).toBeUndefined()
    await t.commit()
    expect([await balance('alice'), await balance('bob'), await balance('carol')]).toEqual([70, 30, 5])
  })

  it('rollback discards the writes', async () => {
    const t = await db.startTransaction()
    await t.collection('accounts').doc('alice').set({ balance: 1 })
    await t.collection('accounts').doc('bob').remove()
    await t.rollback()
    expect([await balance('alice'), await balance('bob')]).toEqual([100, 0])
  })

  it('runTransaction commits what the callback returns and rolls back when it throws', async () => {
    const result = await db.runTransaction(async (t: Txn) => {
      const { data } = await t.collection('accounts').doc('alice').get()
      await t
        .collection('accounts')
        .doc('alice')
        .update({ balance: data.balance - 10 })
      return data.balance - 10
    })
    expect(result).toBe(90)
    await expect(
      db.runTransaction(async (t: Txn) => {
        await t.collection('accounts').doc('alice').update({ balance: 0 })
        throw new Error('business rule')
      }),
    ).rejects.toThrow('business rule')
    expect(await balance('alice')).toBe(90)
  })

  it('a get of a missing document inside a transaction gives null', async () => {
    const t = await db.startTransaction()
    expect((await t.collection('accounts').doc('nobody').get()).data).toBeNull()
    await t.rollback()
  })
})

describe('isolation', () => {
  it('reads see the snapshot taken at the first operation, not later commits', async () => {
    const t = await db.startTransaction()
    expect((await t.collection('accounts').doc('bob').get()).data.balance).toBe(0)
    await db.collection('accounts').doc('alice').update({ balance: 1 })
    await db.collection('accounts').add({ _id: 'dave', balance: 9 })
    expect((await t.collection('accounts').doc('alice').get()).data.balance).toBe(100)
    expect((await t.collection('accounts').doc('dave').get()).data).toBeNull()
    await t.rollback()
  })

  it('two transactions writing the same document: the second fails with the conflict code', async () => {
    const t1 = await db.startTransaction()
    const t2 = await db.startTransaction()
    await t1.collection('accounts').doc('alice').update({ balance: 1 })
    const err = await errorOf(t2.collection('accounts').doc('alice').update({ balance: 2 }))
    expect(err.code).toBe('DATABASE_TRANSACTION_CONFLICT')
    await t1.commit()
    expect(await balance('alice')).toBe(1)
  })

  it('a document committed by someone else after the snapshot cannot be written', async () => {
    const t = await db.startTransaction()
    await t.collection('accounts').doc('bob').get()
    await db.collection('accounts').doc('alice').update({ balance: 50 })
    const err = await errorOf(t.collection('accounts').doc('alice').update({ balance: 0 }))
    expect(err.code).toBe('DATABASE_TRANSACTION_CONFLICT')
    expect(await balance('alice')).toBe(50)
  })

  it('a plain write after the transaction wrote makes its commit fail with the conflict code', async () => {
    const t = await db.startTransaction()
    await t.collection('accounts').doc('alice').update({ balance: 0 })
    await db.collection('accounts').doc('alice').update({ balance: 7 })
    expect((await errorOf(t.commit())).code).toBe('DATABASE_TRANSACTION_CONFLICT')
    expect(await balance('alice')).toBe(7)
  })

  it('a conditional where(…).update(…) between a transaction’s read and its commit makes it conflict, before or after its write', async () => {
    const claim = (n: number) => db.collection('accounts').where({ _id: 'alice', balance: 100 }).update({ claimedBy: n })
    const t1 = await db.startTransaction()
    expect((await t1.collection('accounts').doc('alice').get()).data.balance).toBe(100)
    expect((await claim(1)).updated).toBe(1)
    expect((await errorOf(t1.collection('accounts').doc('alice').update({ balance: 90 }))).code).toBe('DATABASE_TRANSACTION_CONFLICT')

    const t2 = await db.startTransaction()
    expect((await t2.collection('accounts').doc('alice').get()).data.claimedBy).toBe(1)
    await t2.collection('accounts').doc('alice').update({ balance: 80 })
    expect((await claim(2)).updated).toBe(1)
    expect((await errorOf(t2.commit())).code).toBe('DATABASE_TRANSACTION_CONFLICT')
    expect((await db.collection('accounts').doc('alice').get()).data[0]).toEqual({ _id: 'alice', balance: 100, claimedBy: 2 })
  })

  it('runTransaction retries conflicts: 20 concurrent increments end at exactly 20', async () => {
    await db.collection('accounts').add({ _id: 'counter', n: 0 })
    const increment = () =>
      db.runTransaction(
        async (t: Txn) => {
          const { data } = await t.collection('accounts').doc('counter').get()
          await t
            .collection('accounts')
            .doc('counter')
            .update({ n: data.n + 1 })
        },
        // As in MongoDB, a conflict aborts at once with no waiting, so 20 contenders need more than
        // the SDK's default 3 retries; each retry is a fresh transaction.
        100,
      )
    await Promise.all(Array.from({ length: 20 }, increment))
    expect((await db.collection('accounts').doc('counter').get()).data[0].n).toBe(20)
  })
})

describe('what a transaction refuses', () => {
  it('refuses a where query (not a single-document operation)', async () => {
    const t = await db.startTransaction()
    const err = await errorOf(t.collection('accounts').where({ balance: 0 }).get())
    expect(err.code).toBe('DATABASE_INVALID_OPERRATOR')
    await t.rollback()
  })

  it('refuses a batch add', async () => {
    const t = await db.startTransaction()
    const err = await errorOf(t.collection('accounts').add([{ balance: 1 }, { balance: 2 }]))
    expect(err.code).toBe('DATABASE_INVALID_OPERRATOR')
    await t.rollback()
  })

  it('aborts a transaction left open past the timeout', async () => {
    await h.stop()
    h = await startHarness({ transactionTimeoutMs: 200 })
    db = h.db
    await db.createCollection('accounts')
    await db.collection('accounts').add({ _id: 'alice', balance: 100 })
    // The stand-in's timer, not the wall clock, decides: it runs in this process, so fake timers move it.
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] })
    try {
      const t = await db.startTransaction()
      await t.collection('accounts').doc('alice').update({ balance: 0 })
      jest.advanceTimersByTime(199)
      expect((await t.collection('accounts').doc('alice').get()).data.balance).toBe(0)
      jest.advanceTimersByTime(1)
      expect((await errorOf(t.commit())).message).toMatch(/not active/)
    } finally {
      jest.useRealTimers()
    }
    expect(await balance('alice')).toBe(100)
    // Its lock is gone: others can write the document.
    expect((await db.collection('accounts').doc('alice').update({ balance: 1 })).updated).toBe(1)
  })
})
