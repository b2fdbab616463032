/**
 * CloudBase transactions (MongoDB sessions underneath): snapshot isolation with first-writer-wins.
 *
 * - The snapshot is taken at the transaction's first operation, read or write, as MongoDB does
 *   (startTransaction contacts no data; the read timestamp is chosen by the first statement).
 *   It is a SQLite WAL read transaction held open on a connection of its own.
 * - Writes are buffered and applied atomically at commit; until then nobody else sees them.
 * - Writing a document that another open transaction has written, or that was committed by anyone
 *   after this snapshot, fails at once with DATABASE_TRANSACTION_CONFLICT and aborts the transaction
 *   (MongoDB's WriteConflict), which is what @cloudbase/database's runTransaction retries on.
 *   Commit re-checks every written document's version, which catches plain writes made meanwhile.
 * - An operation that fails (a duplicate key, a refused operator, a write that cannot apply) aborts
 *   the transaction, as MongoDB does; so does a conflict.
 * - A transaction left open longer than the timeout is aborted: by a timer, and on its next request
 *   by the stand-in's clock, so that a moved clock expires it too.
 * - Any request to a transaction that no longer exists answers DATABASE_TRANSACTION_FAIL.
 */
import { randomBytes } from 'node:crypto'
import { DbError, type Doc, ErrorCode } from './protocol'
import { type CollectionInfo, idKey, type Snapshot, type Store } from './store'

export const TRANSACTION_TIMEOUT_MS = 30_000

interface PendingWrite {
  info: CollectionInfo
  id: unknown
  /** The document's version in the snapshot, 0 when it did not exist there. */
  base: number
  /** null: delete. */
  doc: Doc | null
}

interface Transaction {
  id: string
  startedAt: number
  snapshot: Snapshot | null
  writes: Map<string, PendingWrite>
  timer: NodeJS.Timeout
}

/** What a write does to the transaction's current view of a document; undefined leaves it untouched. */
export type WriteFn = (current: Doc | null) => Doc | null | undefined

export class Transactions {
  private readonly open = new Map<string, Transaction>()
  /** Document key → id of the open transaction that has written it. */
  private readonly locks = new Map<string, string>()
  /** Why recently ended transactions ended, for the error a late request gets. */
  private readonly ended = new Map<string, string>()

  constructor(
    private readonly store: Store,
    private readonly timeoutMs: number,
    private readonly now: () => Date,
  ) {}

  start(): string {
    const id = randomBytes(12).toString('hex')
    const timer = setTimeout(() => this.end(id, this.expiredReason()), this.timeoutMs)
    timer.unref()
    this.open.set(id, { id, startedAt: this.now().getTime(), snapshot: null, writes: new Map(), timer })
    return id
  }

  read(txnId: string, info: CollectionInfo, docId: unknown): Doc | null {
    const t = this.active(txnId)
    const pending = t.writes.get(docKey(info, docId))
    if (pending) return pending.doc
    return this.snapshotOf(t).get(info, docId)?.doc ?? null
  }

  write(txnId: string, info: CollectionInfo, docId: unknown, fn: WriteFn): void {
    const t = this.active(txnId)
    const key = docKey(info, docId)
    const holder = this.locks.get(key)
    if (holder !== undefined && holder !== t.id && this.live(holder)) this.conflict(t, info, docId)
    let pending = t.writes.get(key)
    if (!pending) {
      const seen = this.snapshotOf(t).get(info, docId)
      const base = seen?.version ?? 0
      if (this.store.versionOf(info, docId) !== base) this.conflict(t, info, docId)
      pending = { info, id: docId, base, doc: seen?.doc ?? null }
    }
    const next = fn(pending.doc)
    if (next === undefined) return
    // Fail on the operation, as MongoDB does, rather than only at commit.
    if (next) this.store.validate(info, next)
    pending.doc = next
    t.writes.set(key, pending)
    this.locks.set(key, t.id)
  }

  commit(txnId: string): void {
    const t = this.active(txnId)
    try {
      this.store.transaction(() => {
        for (const w of t.writes.values()) {
          if (this.store.versionOf(w.info, w.id) !== w.base) this.conflict(t, w.info, w.id)
          if (w.doc) this.store.put(w.info, w.doc)
          else this.store.remove(w.info, w.id)
        }
      })
    } finally {
      this.end(t.id, COMMITTED)
    }
  }

  /** Aborting what a failure or a conflict already aborted is no error (drivers ignore MongoDB's NoSuchTransaction there). */
  abort(txnId: string): void {
    const why = this.ended.get(txnId)
    if (why !== undefined && why !== COMMITTED) return
    this.end(this.active(txnId).id, 'it was aborted')
  }

  /** An operation of the transaction failed: nothing it did may be committed. */
  abortAfterFailure(txnId: string): void {
    this.end(txnId, 'an operation in it failed, which aborts it')
  }

  closeAll(): void {
    for (const id of [...this.open.keys()]) this.end(id, 'the stand-in closed')
  }

  private active(txnId: string): Transaction {
    const t = this.live(txnId) ? this.open.get(txnId) : undefined
    if (!t) {
      const why = this.ended.get(txnId) ?? 'no such transaction'
      throw new DbError(ErrorCode.TRANSACTION_FAIL, `transaction ${txnId} is not active: ${why}`)
    }
    return t
  }

  /** Whether the transaction is open and within its time; one past it is ended here. */
  private live(txnId: string): boolean {
    const t = this.open.get(txnId)
    if (!t) return false
    if (this.now().getTime() - t.startedAt < this.timeoutMs) return true
    this.end(txnId, this.expiredReason())
    return false
  }

  private expiredReason(): string {
    return `it was not committed or aborted within ${this.timeoutMs} ms`
  }

  private snapshotOf(t: Transaction): Snapshot {
    t.snapshot ??= this.store.openSnapshot()
    return t.snapshot
  }

  private conflict(t: Transaction, info: CollectionInfo, docId: unknown): never {
    this.end(t.id, 'it was aborted by a write conflict')
    throw new DbError(
      ErrorCode.TRANSACTION_CONFLICT,
      `WriteConflict: ${info.name}/${String(docId)} was written by another transaction or after this one's snapshot; transaction aborted`,
    )
  }

  private end(txnId: string, why: string): void {
    const t = this.open.get(txnId)
    if (!t) return
    this.open.delete(txnId)
    this.remember(txnId, why)
    clearTimeout(t.timer)
    t.snapshot?.close()
    for (const key of t.writes.keys()) if (this.locks.get(key) === t.id) this.locks.delete(key)
  }

  private remember(txnId: string, why: string): void {
    this.ended.set(txnId, why)
    if (this.ended.size > REMEMBERED) this.ended.delete(this.ended.keys().next().value!)
  }
}

const COMMITTED = 'it was committed'

/** How many ended transactions keep their reason: enough for late requests, bounded for a long-running host. */
const REMEMBERED = 1000

function docKey(info: CollectionInfo, docId: unknown): string {
  return `${info.name}\u0000${idKey(docId)}`
}
