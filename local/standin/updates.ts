/** Turns modifyDocument's `data` into a new document: MongoDB update operators through mingo, or a replacement. */
import { randomBytes } from 'node:crypto'
import { update } from 'mingo'
import { DbError, type Doc, ErrorCode, isPlainObject, loadEjson, storeEjson } from './protocol'

/** CloudBase document ids are 32 hex characters. */
export function newId(): string {
  return randomBytes(16).toString('hex')
}

export type Change = { kind: 'operators'; operators: Doc } | { kind: 'replace'; replacement: Doc }

/**
 * `merge: true` (doc.update, where.update) sends operators (`$set`, `$inc`, …; the SDK turns plain
 * fields into `$set` with dotted paths); `merge: false` (doc.set) sends the whole new document.
 */
export function toChange(data: unknown, merge: boolean): Change {
  if (!isPlainObject(data)) throw new DbError(ErrorCode.INVALID_PARAM, 'update data must be an object')
  const keys = Object.keys(data)
  const operators = keys.filter((k) => k.startsWith('$'))
  if (!merge) {
    if (operators.length > 0) throw new DbError(ErrorCode.INVALID_PARAM, 'update operator complicit: set() takes a plain document')
    if ('_id' in data) throw new DbError(ErrorCode.INVALID_PARAM, '不能更新_id的值')
    return { kind: 'replace', replacement: data }
  }
  if (operators.length === 0) return { kind: 'operators', operators: { $set: data } }
  if (operators.length !== keys.length) throw new DbError(ErrorCode.INVALID_PARAM, 'update operator complicit: mixed operators and fields')
  for (const op of operators) {
    const fields = data[op]
    if (isPlainObject(fields) && Object.keys(fields).some((f) => f === '_id' || f.startsWith('_id.'))) {
      throw new DbError(ErrorCode.REQUEST_FAILED, "Performing an update on the path '_id' would modify the immutable field '_id'")
    }
  }
  return { kind: 'operators', operators: data }
}

/** The updated copy of `doc`, or undefined when the update changes nothing (MongoDB's nModified = 0). */
export function applyChange(doc: Doc, change: Change): Doc | undefined {
  if (change.kind === 'replace') return { _id: doc._id, ...change.replacement }
  // A storage round trip copies exactly what is stored (structuredClone would mix realms under jest).
  const copy = loadEjson(storeEjson(doc))
  let changed: string[]
  try {
    changed = update(copy, change.operators as never)
  } catch (e) {
    throw new DbError(ErrorCode.INVALID_OPERATOR, (e as Error).message)
  }
  return changed.length > 0 ? copy : undefined
}

/** The document an upsert starts from: `_id` plus the where query's plain equality fields, as MongoDB does. */
export function upsertBase(query: Doc, id: unknown): Doc {
  const base: Doc = {}
  for (const [k, v] of Object.entries(query)) {
    if (k.startsWith('$') || k.includes('.')) continue
    if (isPlainObject(v) && Object.keys(v).some((op) => op.startsWith('$'))) {
      if ('$eq' in v) base[k] = v.$eq
      continue
    }
    base[k] = v
  }
  base._id = id ?? base._id ?? newId()
  return base
}
