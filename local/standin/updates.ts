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
    checkFieldNames(data)
    return { kind: 'replace', replacement: data }
  }
  if (operators.length === 0) return toChange({ $set: data }, true)
  if (operators.length !== keys.length) throw new DbError(ErrorCode.INVALID_PARAM, 'update operator complicit: mixed operators and fields')
  for (const op of operators) {
    const fields = data[op]
    if (!isPlainObject(fields)) continue
    if (Object.keys(fields).some((f) => f === '_id' || f.startsWith('_id.'))) {
      throw new DbError(ErrorCode.REQUEST_FAILED, "Performing an update on the path '_id' would modify the immutable field '_id'")
    }
    for (const [path, value] of Object.entries(fields)) {
      // A path's parts may be positional ($, $[], $[name]) but no other part may start with $.
      const part = path.split('.').find((p) => p === '' || (p.startsWith('$') && p !== '$' && !p.startsWith('$[')))
      if (part !== undefined)
        throw new DbError(ErrorCode.REQUEST_FAILED, `The update path '${path}' contains an invalid field name '${part}'`)
      checkFieldNames(storedBy(op, value))
    }
  }
  return { kind: 'operators', operators: data }
}

/** What an operator's value puts into the document (a `$pull` condition or `$push` modifiers store nothing of their own). */
function storedBy(op: string, value: unknown): unknown {
  if (op === '$set' || op === '$setOnInsert') return value
  if (op === '$push' || op === '$addToSet') return isPlainObject(value) && '$each' in value ? value.$each : value
  return undefined
}

/**
 * Stored field names may neither start with `$` nor contain `.` (MongoDB's rule for documents):
 * such a name could never be queried or updated by path.
 */
export function checkFieldNames(value: unknown): void {
  if (Array.isArray(value)) return value.forEach(checkFieldNames)
  if (!isPlainObject(value)) return
  for (const [name, inner] of Object.entries(value)) {
    if (name.startsWith('$')) throw new DbError(ErrorCode.REQUEST_FAILED, `Document can't have $ prefixed field names: ${name}`)
    if (name.includes('.')) throw new DbError(ErrorCode.REQUEST_FAILED, `Document can't have . in field names: ${name}`)
    checkFieldNames(inner)
  }
}

/** Operators that need an array where they apply. */
const ARRAY_OPERATORS = new Set(['$push', '$addToSet', '$pop', '$pull', '$pullAll'])

/**
 * MongoDB refuses an update that cannot apply to the document as it is (mingo would skip it
 * silently): `$inc` of a string, `$push` onto a non-array, a path through a value that is not an
 * object.
 */
function checkApplicable(doc: Doc, operators: Doc): void {
  const refuse = (message: string): never => {
    throw new DbError(ErrorCode.REQUEST_FAILED, message)
  }
  for (const [op, fields] of Object.entries(operators)) {
    if (!isPlainObject(fields)) continue
    for (const [path, arg] of Object.entries(fields)) {
      const arithmetic = op === '$inc' || op === '$mul'
      if (arithmetic && typeof arg !== 'number')
        refuse(`Cannot ${op.slice(1)} with non-numeric argument: {${path}: ${JSON.stringify(arg)}}`)
      const parts = path.split('.')
      let value: unknown = doc
      for (const [i, part] of parts.entries()) {
        if (value === undefined || part.startsWith('$')) break
        if (!isPlainObject(value) && !Array.isArray(value)) {
          refuse(`Cannot create field '${part}' in element {${parts.slice(0, i).join('.')}: ${JSON.stringify(value)}}`)
        }
        value = (value as Doc)[part]
      }
      if (value === undefined) continue
      if (arithmetic && typeof value !== 'number') {
        refuse(
          `Cannot apply ${op} to a value of non-numeric type. {_id: ${JSON.stringify(doc._id)}} has the field '${path}' of non-numeric type ${value === null ? 'null' : typeof value}`,
        )
      }
      if (ARRAY_OPERATORS.has(op) && !Array.isArray(value)) {
        refuse(
          `The field '${path}' must be an array but is of type ${value === null ? 'null' : typeof value} in document {_id: ${JSON.stringify(doc._id)}}`,
        )
      }
    }
  }
}

/** The updated copy of `doc`, or undefined when the update changes nothing (MongoDB's nModified = 0). */
export function applyChange(doc: Doc, change: Change): Doc | undefined {
  if (change.kind === 'replace') return { _id: doc._id, ...change.replacement }
  // A storage round trip copies exactly what is stored (structuredClone would mix realms under jest).
  checkApplicable(doc, change.operators)
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
