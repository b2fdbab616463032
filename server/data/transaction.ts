/**
 * Writes that must happen together. CloudBase transactions take single-document operations only
 * (doc(id).get/update/set/remove and add; a `where` inside runs outside the transaction), so that
 * is all this offers. `work` may run again when CloudBase reports a conflict: read inside it.
 */
import { setTimeout as sleep } from 'node:timers/promises'
import { AppError, ErrorCode } from '../../shared/errors'
import { database } from './cloudbase'
import type { Append, CollectionName, Collections, Frozen, Increment, NewDocument, OnlyFieldsOf, Patch, Unset, Whole } from './collections'

/** Typed by collection: a read answers that collection's document, an update takes only its `Patch`. */
export interface Transaction {
  get<C extends CollectionName>(collection: C, id: string): Promise<Collections[C] | null>
  update<C extends CollectionName, P>(
    collection: C,
    id: string,
    patch: Patch<Collections[C]> & OnlyFieldsOf<Collections[C], P>,
  ): Promise<void>
  add<C extends CollectionName>(collection: C, document: NewDocument<C>): Promise<void>
  /** The whole document under `id`, written whether or not one is there: no read to choose between add and update. */
  set<C extends CollectionName>(collection: C, id: string, document: Omit<Collections[C], '_id'>): Promise<void>
  remove(collection: CollectionName, id: string): Promise<void>
}

/** The SDK types transactions as any; this is the part used here. */
interface SdkTransaction {
  collection(name: string): {
    doc(id: string): {
      get(): Promise<{ data: unknown }>
      update(p: object): Promise<unknown>
      set(d: object): Promise<unknown>
      remove(): Promise<unknown>
    }
    add(document: object): Promise<unknown>
  }
}

/**
 * The SDK retries a conflict at once, three times: a crowd racing for one document (a community's
 * pool, twenty leads accepting one need) outlasts that. Here each retry
 * waits a random moment below a ceiling that doubles up to a cap (exponential backoff with full
 * jitter): the racers spread out, and a wide cap keeps the losers from flooding the database with
 * attempts that can only conflict again. What bounds the retries is the time spent waiting, not
 * their number: one document takes a transaction's length per winner, so a crowd of 50 needs
 * seconds, and only a caller whose pauses add up to WAIT_BUDGET_MS hears CONFLICT (decision 015).
 */
const FIRST_BACKOFF_MS = 25
const MAX_BACKOFF_MS = 3_000
const WAIT_BUDGET_MS = 12_000

/** What a caller hears when the crowd outlasts every attempt. */
export const BUSY_MESSAGE = '同时办理的人较多，请稍后再试'

const codeOf = (error: unknown) => (error as { code?: unknown } | null)?.code
const isConflict = (error: unknown) => codeOf(error) === 'DATABASE_TRANSACTION_CONFLICT'
/**
 * Worth another attempt: a conflict, or a transaction the database dropped because it outlived its
 * time (DATABASE_TRANSACTION_FAIL), which under a crowd is the same crowd's doing and wrote nothing.
 */
const isRetryable = (error: unknown) => isConflict(error) || codeOf(error) === 'DATABASE_TRANSACTION_FAIL'

export async function inTransaction<T>(work: (tx: Transaction) => Promise<T>): Promise<T> {
  let waited = 0
  for (let attempt = 1; ; attempt++) {
    try {
      return await attemptTransaction(work)
    } catch (error) {
      if (!isRetryable(error)) throw error
      if (waited >= WAIT_BUDGET_MS) throw new AppError(ErrorCode.CONFLICT, BUSY_MESSAGE)
      const pause = Math.random() * Math.min(MAX_BACKOFF_MS, FIRST_BACKOFF_MS * 2 ** (attempt - 1))
      waited += pause
      await sleep(pause)
    }
  }
}

/**
 * One attempt: commits what `body` did, rolls back when it throws. Not the SDK's runTransaction,
 * which retries at once and spends a round trip rolling back a conflict the server has already
 * aborted; inTransaction retries with a pause.
 */
async function once<T>(body: (t: SdkTransaction) => Promise<T>): Promise<T> {
  const t = (await database().startTransaction()) as SdkTransaction & { commit(): Promise<unknown>; rollback(): Promise<unknown> }
  let result: T
  try {
    result = await body(t)
  } catch (error) {
    if (!isConflict(error)) await t.rollback().catch(() => undefined)
    throw error
  }
  await t.commit()
  return result
}

function attemptTransaction<T>(work: (tx: Transaction) => Promise<T>): Promise<T> {
  return once(async (t: SdkTransaction) =>
    work({
      async get<C extends CollectionName>(collection: C, id: string) {
        const { data } = await t.collection(collection).doc(id).get()
        return (data as Collections[C] | null) ?? null
      },
      async update(collection, id, patch) {
        await t.collection(collection).doc(id).update(patch)
      },
      async add(collection, document) {
        await t.collection(collection).add(document)
      },
      async set(collection, id, document) {
        await t.collection(collection).doc(id).set(document)
      },
      async remove(collection, id) {
        await t.collection(collection).doc(id).remove()
      },
    }),
  )
}

/**
 * `document` as the database holds it after `patch`: what an action answers with, so that it need
 * not read back what it has just written. The values are those `whole`, `unset` and `increment`
 * make, `appended` items at the end, `'a.b'` paths, and leaves stored as they are.
 */
export function patched<D extends object>(document: D, patch: object): D {
  const result = { ...document } as Record<string, unknown>
  for (const [path, value] of Object.entries(patch)) {
    const [field, sub] = path.split('.') as [string, string | undefined]
    const inner = sub === undefined ? result : ((result[field] = { ...(result[field] as object | undefined) }) as Record<string, unknown>)
    const key = sub ?? field
    const update = value as { operator?: unknown; operands?: unknown[] } | null
    if (update?.operator === 'remove') delete inner[key]
    else if (update?.operator === 'set') inner[key] = update.operands?.[0]
    else if (update?.operator === 'inc') inner[key] = ((inner[key] as number | undefined) ?? 0) + (update.operands?.[0] as number)
    else if (update?.operator === 'push') inner[key] = [...((inner[key] as unknown[] | undefined) ?? []), ...(update.operands ?? [])]
    else inner[key] = value
  }
  return result as D
}

/** An update value that replaces a whole sub-document (a plain object would be merged field by field). */
export function whole<const T extends object>(value: T): Whole<Frozen<T>> {
  return database().command.set(value) as unknown as Whole<Frozen<T>>
}

/** An update value that removes the field. */
export function unset(): Unset {
  return database().command.remove() as unknown as Unset
}

/** An update value that adds `n` to the number stored. */
export function increment(n: number): Increment {
  return database().command.inc(n) as unknown as Increment
}

/** An update value that adds `items` at the end of the array stored, in the same write: no read of it first. */
export function appended<T>(items: readonly T[]): Append<T[]> {
  return database().command.push([...items]) as unknown as Append<T[]>
}
