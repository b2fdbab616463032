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
 * - A transaction left open longer than the timeout is aborted.
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

  constructor(
    private readonly store: Store,
    private readonly timeoutMs: number,
  ) {}

  start(): string {
    const id = randomBytes(12).toString('hex')
    const timer = setTimeout(() => this.end(id), this.timeoutMs)
    timer.unref()
    this.open.set(id, { id, snapshot: null, writes: new Map(), timer })
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
    if (holder !== undefined && holder !== t.id) this.conflict(t, info, docId)
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
      this.end(t.id)
    }
  }

  abort(txnId: string): void {
    this.end(this.active(txnId).id)
  }

  closeAll(): void {
    for (const id of [...this.open.keys()]) this.end(id)
  }

  private active(txnId: string): Transaction {
    const t = this.open.get(txnId)
    if (!t) {
      throw new DbError(
        ErrorCode.REQUEST_FAILED,
        `transaction ${txnId} is not active: it was committed, aborted, or timed out after ${this.timeoutMs} ms`,
      )
    }
    return t
  }

  private snapshotOf(t: Transaction): Snapshot {
    t.snapshot ??= this.store.openSnapshot()
    return t.snapshot
  }

  private conflict(t: Transaction, info: CollectionInfo, docId: unknown): never {
    this.end(t.id)
    throw new DbError(
      ErrorCode.TRANSACTION_CONFLICT,
      `WriteConflict: ${info.name}/${String(docId)} was written by another transaction or after this one's snapshot; transaction aborted`,
    )
  }

  private end(txnId: string): void {
    const t = this.open.get(txnId)
    if (!t) return
    this.open.delete(txnId)
    clearTimeout(t.timer)
    t.snapshot?.close()
    for (const key of t.writes.keys()) if (this.locks.get(key) === t.id) this.locks.delete(key)
  }
}

function docKey(info: CollectionInfo, docId: unknown): string {
  return `${info.name}\u0000${idKey(docId)}`
}
