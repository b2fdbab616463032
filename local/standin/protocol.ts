/**
 * What travels between @cloudbase/node-sdk and the stand-in: the request body fields, Extended JSON,
 * and CloudBase's error replies.
 */
import { BSONRegExp, EJSON } from 'bson'

export type Doc = Record<string, unknown>

/** Fields the SDK puts in the JSON body of `POST <URL>?env=…` (see @cloudbase/database src). */
export interface DbRequest {
  action: string
  /** The env id; SYMBOL_CURRENT_ENV resolves to SCF_NAMESPACE. */
  envName?: string
  collectionName?: string
  /** EJSON string. */
  query?: string
  queryType?: 'WHERE' | 'DOC'
  /** EJSON string; insertDocument sends an array of EJSON strings instead. */
  data?: string | string[]
  /** EJSON string of `{field: 1 | -1}`. */
  order?: string
  offset?: number
  limit?: number
  projection?: string
  multi?: boolean
  merge?: boolean
  upsert?: boolean
  transactionId?: string
  /** aggregateDocuments: each stage's value is a JSON/EJSON string. */
  stages?: { stageKey: string; stageValue: string }[]
}

/**
 * CloudBase's string error codes as the SDK and the docs name them. The SDK throws any reply with a
 * truthy `code`; runTransaction retries only on TRANSACTION_CONFLICT.
 */
export const ErrorCode = {
  /** @cloudbase/database const/code.ts; runTransaction retries on it. */
  TRANSACTION_CONFLICT: 'DATABASE_TRANSACTION_CONFLICT',
  /**
   * docs.cloudbase.net/error-code/DATABASE_TRANSACTION_FAIL: the transaction does not exist on the
   * server (ended, aborted by a failed operation, or not committed within 30 s).
   */
  TRANSACTION_FAIL: 'DATABASE_TRANSACTION_FAIL',
  /** docs.cloudbase.net/error-code: duplicate _id or unique-index key. */
  DUPLICATE_WRITE: 'DATABASE_DUPLICATE_WRITE',
  COLLECTION_NOT_EXIST: 'DATABASE_COLLECTION_NOT_EXIST',
  COLLECTION_ALREADY_EXIST: 'DATABASE_COLLECTION_ALREADY_EXIST',
  /** "不支持的操作、非法的数据库操作符". */
  INVALID_OPERATOR: 'DATABASE_INVALID_OPERRATOR',
  REQUEST_FAILED: 'DATABASE_REQUEST_FAILED',
  INVALID_PARAM: 'INVALID_PARAM',
  INVALID_ACTION: 'INVALID_ACTION',
  INVALID_ENV: 'INVALID_ENV',
} as const

export class DbError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message)
  }
}

/**
 * Parses what the SDK sends. Relaxed mode turns `$numberInt`/`$numberLong`/`$numberDouble` into JS
 * numbers and `$date` into Date. mingo needs JS RegExp, so BSONRegExp is converted; `serverDate`
 * gives what `{"$tcb_server_date": {"offset": n}}` (db.serverDate()) stands for.
 */
export function parseEjson(text: string, serverDate: (offsetMs: number) => Date): unknown {
  let parsed: unknown
  try {
    parsed = EJSON.parse(text, { relaxed: true })
  } catch (e) {
    throw new DbError(ErrorCode.INVALID_PARAM, `invalid Extended JSON: ${(e as Error).message}`)
  }
  return resolveSpecials(parsed, serverDate)
}

/** `serverDate` is absent when reading stored documents: they hold real Dates, never server-date markers. */
function resolveSpecials(value: unknown, serverDate?: (offsetMs: number) => Date): unknown {
  if (Array.isArray(value)) return value.map((v) => resolveSpecials(v, serverDate))
  if (value instanceof BSONRegExp) {
    // JS has no `x` (extended) flag; MongoDB's i, m, s map directly.
    return new RegExp(value.pattern, value.options.replace(/[^ims]/g, ''))
  }
  if (isPlainObject(value)) {
    const keys = Object.keys(value)
    if (serverDate && keys.length === 1 && keys[0] === '$tcb_server_date') {
      const offset = Number((value.$tcb_server_date as { offset?: unknown })?.offset ?? 0)
      return serverDate(Number.isFinite(offset) ? offset : 0)
    }
    const out: Doc = {}
    for (const k of keys) out[k] = resolveSpecials(value[k], serverDate)
    return out
  }
  return value
}

/** True for `{…}` objects from any realm (jest runs code in a vm context), false for class instances and arrays. */
export function isPlainObject(v: unknown): v is Doc {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return false
  const proto = Object.getPrototypeOf(v)
  return proto === null || Object.getPrototypeOf(proto) === null
}

/** Canonical EJSON, as CloudBase replies (`$numberInt`, `$date: {$numberLong}`); the SDK EJSON.parses each item. */
export function replyEjson(doc: unknown): string {
  return EJSON.stringify(doc, { relaxed: false })
}

/** Storage form: relaxed EJSON keeps strings and numbers plain so SQLite's json_extract can index them. */
export function storeEjson(doc: Doc): string {
  return EJSON.stringify(doc, { relaxed: true })
}

export function loadEjson(text: string): Doc {
  return resolveSpecials(EJSON.parse(text, { relaxed: true })) as Doc
}

export function newRequestId(): string {
  return `standin-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`
}
