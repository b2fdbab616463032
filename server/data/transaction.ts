/**
 * Writes that must happen together. CloudBase transactions take single-document operations only
 * (doc(id).get/update/set/remove and add; a `where` inside runs outside the transaction), so that
 * is all this offers. `work` may run again when CloudBase reports a conflict: read inside it.
 */
import { setTimeout as sleep } from 'node:timers/promises'
import { AppError, ErrorCode } from '../../shared/errors'
import { database } from './cloudbase'
import type { CollectionName, Collections, Frozen, Increment, NewDocument, OnlyFieldsOf, Patch, Unset, Whole } from './collections'

/** Typed by collection: a read answers that collection's document, an update takes only its `Patch`. */
export interface Transaction {
  get<C extends CollectionName>(collection: C, id: string): Promise<Collections[C] | null>
  update<C extends CollectionName, P>(collection: C, id: string, patch: Patch<Collections[C]> & OnlyFieldsOf<Collections[C], P>): Promise<void>
  add<C extends CollectionName>(collection: C, document: NewDocument<C>): Promise<void>
  remove(collection: CollectionName, id: string): Promise<void>
}

/** The SDK types transactions as any; this is the part used here. */
interface SdkTransaction {
  collection(name: string): {
    doc(id: string): { get(): Promise<{ data: unknown }>; update(p: object): Promise<unknown>; remove(): Promise<unknown> }
    add(document: object): Promise<unknown>
  }
}

/**
 * The SDK retries a conflict at once, three times: a crowd racing for one document (the last places
 * of an activity, a community's issuing account) outlasts that. Here each retry waits a random
 * moment that doubles up to a cap (exponential backoff with full jitter), so that the racers spread
 * out over as long as the crowd needs, and the caller hears CONFLICT only after many.
 */
const ATTEMPTS = 12
const BACKOFF_MS = 8
/** At most this long between two attempts: all twelve stay well within a function's timeout. */
const MAX_BACKOFF_MS = 400

const isConflict = (error: unknown) => (error as { code?: unknown } | null)?.code === 'DATABASE_TRANSACTION_CONFLICT'

export async function inTransaction<T>(work: (tx: Transaction) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await attemptTransaction(work)
    } catch (error) {
      if (!isConflict(error)) throw error
      if (attempt === ATTEMPTS) throw new AppError(ErrorCode.CONFLICT, '同时办理的人较多，请稍后再试')
      await sleep(Math.random() * Math.min(MAX_BACKOFF_MS, BACKOFF_MS * 2 ** (attempt - 1)))
    }
  }
}

function attemptTransaction<T>(work: (tx: Transaction) => Promise<T>): Promise<T> {
  // 0: no retries of the SDK's own; inTransaction retries with a pause.
  return database().runTransaction(async (t: SdkTransaction) =>
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
      async remove(collection, id) {
        await t.collection(collection).doc(id).remove()
      },
    }),
    0,
  )
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
