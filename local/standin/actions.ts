/**
 * One handler per database action the SDK sends. Each returns the reply body without `requestId`,
 * shaped exactly as @cloudbase/database reads it (see protocol.ts for the request fields).
 */
import { aggregateDocs } from './aggregate'
import { countDocs, findDocs, matching, project } from './query'
import { DbError, type DbRequest, type Doc, ErrorCode, isPlainObject, parseEjson, replyEjson } from './protocol'
import { type CollectionInfo, duplicateIdError, type Store, type StoredDoc } from './store'
import type { Transactions } from './transactions'
import { applyChange, type Change, checkFieldNames, newId, toChange, upsertBase } from './updates'

export interface ActionContext {
  store: Store
  transactions: Transactions
  now: () => Date
}

type Reply = Record<string, unknown>

/** Actions that end or begin a transaction rather than act inside one. */
const TRANSACTION_CONTROL = new Set(['database.startTransaction', 'database.commitTransaction', 'database.abortTransaction'])

export function handle(ctx: ActionContext, req: DbRequest): Reply {
  if (!req.transactionId || TRANSACTION_CONTROL.has(req.action)) return act(ctx, req)
  try {
    return act(ctx, req)
  } catch (e) {
    // As in MongoDB, an operation that fails aborts its transaction: it cannot be committed after.
    ctx.transactions.abortAfterFailure(req.transactionId)
    throw e
  }
}

function act(ctx: ActionContext, req: DbRequest): Reply {
  switch (req.action) {
    case 'database.addCollection':
      ctx.store.createCollection(req.collectionName ?? '')
      return {}
    case 'database.getDocument':
      return getDocument(ctx, req)
    case 'database.insertDocument':
      return insertDocument(ctx, req)
    case 'database.modifyDocument':
      return modifyDocument(ctx, req)
    case 'database.removeDocument':
      return removeDocument(ctx, req)
    case 'database.calculateDocument':
      refuseInTransaction(req)
      return { data: { total: countDocs(ctx.store, ctx.store.collection(req.collectionName), parseQuery(ctx, req)) } }
    case 'database.aggregateDocuments':
      return aggregateDocuments(ctx, req)
    case 'database.startTransaction':
      return { transactionId: ctx.transactions.start() }
    case 'database.commitTransaction':
      ctx.transactions.commit(requireTransaction(req))
      return {}
    case 'database.abortTransaction':
      ctx.transactions.abort(requireTransaction(req))
      return {}
    default:
      throw new DbError(ErrorCode.INVALID_ACTION, `unsupported action ${req.action}`)
  }
}

/**
 * What db.serverDate() stands for in this request: the server's clock, except inside a transaction,
 * where CloudBase refuses it.
 */
function serverDateIn(ctx: ActionContext, req: DbRequest): (offsetMs: number) => Date {
  return (offsetMs) => {
    if (req.transactionId) throw new DbError(ErrorCode.INVALID_OPERATOR, 'db.serverDate() is not supported in a transaction')
    return new Date(ctx.now().getTime() + offsetMs)
  }
}

function parseQuery(ctx: ActionContext, req: DbRequest): Doc {
  const text = req.query
  if (text === undefined || text === '') return {}
  const query = parseEjson(text, serverDateIn(ctx, req))
  if (!isPlainObject(query)) throw new DbError(ErrorCode.INVALID_PARAM, 'query must be an object')
  return query
}

function parseOptional(ctx: ActionContext, req: DbRequest, text: string | undefined): Doc | undefined {
  return text ? (parseEjson(text, serverDateIn(ctx, req)) as Doc) : undefined
}

function requireTransaction(req: DbRequest): string {
  if (!req.transactionId) throw new DbError(ErrorCode.INVALID_PARAM, 'transactionId is required')
  return req.transactionId
}

function refuseInTransaction(req: DbRequest): void {
  if (req.transactionId) {
    throw new DbError(
      ErrorCode.INVALID_OPERATOR,
      'only single-document operations (doc(id).get/update/set/remove and add of one document) are allowed in a transaction',
    )
  }
}

/** The `_id` of a DOC request inside a transaction; anything else is refused there. */
function transactionDocId(req: DbRequest, query: Doc): unknown {
  const keys = Object.keys(query)
  if (req.queryType !== 'DOC' || keys.length !== 1 || keys[0] !== '_id') refuseInTransaction(req)
  return query._id
}

/** `order` is an EJSON object `{field: 1 | -1}` (orderBy merges into one object). */
function parseOrder(ctx: ActionContext, req: DbRequest): Record<string, 1 | -1> | undefined {
  const order = parseOptional(ctx, req, req.order) as unknown
  if (order === undefined) return undefined
  const entries: [string, unknown][] = Array.isArray(order)
    ? (order as { field: string; direction: unknown }[]).map((o) => [o.field, o.direction])
    : Object.entries(order as Doc)
  return Object.fromEntries(entries.map(([k, v]) => [k, v === -1 || v === 'desc' ? -1 : 1]))
}

function getDocument(ctx: ActionContext, req: DbRequest): Reply {
  const info = ctx.store.collection(req.collectionName)
  const query = parseQuery(ctx, req)
  const projection = parseOptional(ctx, req, req.projection)
  let list: Doc[]
  if (req.transactionId) {
    const doc = ctx.transactions.read(req.transactionId, info, transactionDocId(req, query))
    list = doc ? project([doc], projection) : []
  } else {
    list = findDocs(ctx.store, info, query, {
      order: parseOrder(ctx, req),
      offset: req.offset,
      limit: req.queryType === 'DOC' ? 1 : req.limit,
      projection,
    })
  }
  return { data: { list: list.map(replyEjson) } }
}

function insertDocument(ctx: ActionContext, req: DbRequest): Reply {
  const info = ctx.store.collection(req.collectionName)
  const items = Array.isArray(req.data) ? req.data : req.data === undefined ? [] : [req.data]
  if (items.length === 0) throw new DbError(ErrorCode.INVALID_PARAM, 'no documents to insert')
  const docs = items.map((item) => {
    const doc = parseEjson(item, serverDateIn(ctx, req))
    if (!isPlainObject(doc)) throw new DbError(ErrorCode.INVALID_PARAM, 'a document must be an object')
    checkFieldNames(doc)
    return { _id: doc._id ?? newId(), ...doc }
  })
  if (req.transactionId) {
    if (docs.length !== 1) refuseInTransaction(req)
    const [doc] = docs
    ctx.transactions.write(req.transactionId, info, doc._id, (current) => {
      if (current) throw duplicateIdError(info, doc._id)
      return doc
    })
  } else {
    ctx.store.transaction(() => docs.forEach((doc) => ctx.store.insertNew(info, doc)))
  }
  return { data: { insertedIds: docs.map((d) => d._id) } }
}

function modifyDocument(ctx: ActionContext, req: DbRequest): Reply {
  const info = ctx.store.collection(req.collectionName)
  const query = parseQuery(ctx, req)
  const change = toChange(parseEjson(typeof req.data === 'string' ? req.data : '{}', serverDateIn(ctx, req)), req.merge !== false)
  const upsert = req.upsert === true

  if (req.transactionId) {
    const id = transactionDocId(req, query)
    let updated = 0
    let upsertId: unknown
    ctx.transactions.write(req.transactionId, info, id, (current) => {
      if (current) {
        const next = applyChange(current, change)
        if (next) updated = 1
        return next
      }
      if (!upsert) return undefined
      upsertId = id
      return created(upsertBase({}, id), change)
    })
    return { data: { updated, upsert_id: upsertId } }
  }

  return ctx.store.transaction(() => {
    const list = targets(ctx, info, req, query)
    let updated = 0
    for (const target of list) {
      const next = applyChange(target.doc, change)
      if (!next) continue
      ctx.store.put(info, next)
      updated++
    }
    if (list.length > 0 || !upsert) return { data: { updated } }
    const doc = created(upsertBase(query, req.queryType === 'DOC' ? query._id : undefined), change)
    ctx.store.insertNew(info, doc)
    return { data: { updated: 0, upsert_id: doc._id } }
  })
}

/** The documents a non-transactional write touches: by `_id` (DOC), the first match, or all (multi, the WHERE default). */
function targets(ctx: ActionContext, info: CollectionInfo, req: DbRequest, query: Doc): StoredDoc[] {
  if (req.queryType === 'DOC') {
    const doc = ctx.store.getById(info, query._id)
    return doc ? [doc] : []
  }
  const it = matching(ctx.store, info, query)
  if (req.multi !== false) return Array.from(it)
  const first = it.next()
  return first.done ? [] : [first.value]
}

/** An upserted document: the base with the change applied (a replacement keeps only the base's `_id`). */
function created(base: Doc, change: Change): Doc {
  return applyChange(base, change) ?? base
}

function removeDocument(ctx: ActionContext, req: DbRequest): Reply {
  const info = ctx.store.collection(req.collectionName)
  const query = parseQuery(ctx, req)
  if (req.transactionId) {
    let deleted = 0
    ctx.transactions.write(req.transactionId, info, transactionDocId(req, query), (current) => {
      if (!current) return undefined
      deleted = 1
      return null
    })
    return { data: { deleted } }
  }
  return ctx.store.transaction(() => {
    const list = targets(ctx, info, req, query)
    for (const t of list) ctx.store.remove(info, t.doc._id)
    return { data: { deleted: list.length } }
  })
}

function aggregateDocuments(ctx: ActionContext, req: DbRequest): Reply {
  refuseInTransaction(req)
  const info = ctx.store.collection(req.collectionName)
  const pipeline = (req.stages ?? []).map(({ stageKey, stageValue }) => ({ [stageKey]: parseEjson(stageValue, serverDateIn(ctx, req)) }))
  return { data: { list: aggregateDocs(ctx.store, info, pipeline).map(replyEjson) } }
}
