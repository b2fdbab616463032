/**
 * Reads: picks the candidate documents from an index and lets mingo decide the rest. R*Tree for
 * geo; `_id`; else the ordinary index that serves most of the query as MongoDB's planner would use
 * it: equality on its first fields, then a range or the sort on the next one, so that a read of one
 * community's last 30 days reads those days' documents only; else a scan.
 */
import { EJSON } from 'bson'
import { Query, find } from 'mingo'
import { type GeoPredicate, distanceTo, extractGeo, matches, nearestFirst, noIndexError, predicateBoxes, type Shape, toShape } from './geo'
import { DbError, type Doc, ErrorCode, isPlainObject } from './protocol'
import {
  type Bound,
  type CollectionInfo,
  type GeoIndex,
  getPath,
  type IndexScan,
  isPrimitive,
  type Primitive,
  type StoredDoc,
  Store,
} from './store'

/** CloudBase: a query without limit returns 100 documents; a larger limit is cut to 1000. */
export const DEFAULT_LIMIT = 100
export const MAX_LIMIT = 1000

export interface FindOptions {
  order?: Record<string, 1 | -1>
  offset?: number
  limit?: number
  projection?: Doc
}

export function effectiveLimit(limit: number | undefined): number {
  if (!limit || limit <= 0) return DEFAULT_LIMIT
  return Math.min(limit, MAX_LIMIT)
}

/** mingo throws plain Errors for bad operators; CloudBase answers them as request failures. */
export function mingoQuery(criteria: Doc): Query {
  try {
    return new Query(criteria, {})
  } catch (e) {
    throw new DbError(ErrorCode.INVALID_OPERATOR, (e as Error).message)
  }
}

export function geoIndexFor(info: CollectionInfo, field: string | undefined, kind: string): GeoIndex {
  const candidates = field === undefined ? info.geo : info.geo.filter((g) => g.field === field)
  if (candidates.length === 0) throw noIndexError(kind)
  if (candidates.length > 1)
    throw new DbError(ErrorCode.REQUEST_FAILED, `more than one 2dsphere index on ${info.name}; say which with "key"`)
  return candidates[0]
}

function predicateKind(p: GeoPredicate): string {
  return p.kind === 'near' ? '$geoNear' : p.kind === 'intersects' ? '$geoIntersects' : '$geoWithin'
}

/** A stored document found by geo search, with its distance when the search was "near". */
export interface GeoHit extends StoredDoc {
  distance?: number
}

/** Documents matching a geo predicate, served from its R*Tree; nearest first for "near". */
export function* geoCandidates(store: Store, info: CollectionInfo, index: GeoIndex, predicate: GeoPredicate): Generator<GeoHit> {
  const points = new Map<number, Shape | null>()
  const search = (box: Parameters<Store['geoSearch']>[1]) => {
    const rows = store.geoSearch(index, box)
    for (const r of rows)
      points.set(r.rid, r.lng === null || r.lat === null ? null : { type: 'Point', vertices: [[r.lng, r.lat]], polygons: [] })
    return rows
  }
  // Points are judged from the R*Tree's exact coordinates; other shapes need their document.
  const shapeOf = (rid: number): Shape | null => points.get(rid) ?? shapeFromDoc(store.getByRid(info, rid)?.doc, index.field)

  if (predicate.kind === 'near') {
    for (const { rid, distance } of nearestFirst(predicate.center, predicate.minDistance, predicate.maxDistance, search, (rid) => {
      const shape = shapeOf(rid)
      return shape ? distanceTo(predicate.center, shape) : Infinity
    })) {
      const hit = store.getByRid(info, rid)
      if (hit) yield { ...hit, distance }
    }
    return
  }
  const seen = new Set<number>()
  for (const box of predicateBoxes(predicate)!) {
    for (const { rid } of search(box)) {
      if (seen.has(rid)) continue
      seen.add(rid)
      const shape = shapeOf(rid)
      if (!shape || !matches(predicate, shape)) continue
      const hit = store.getByRid(info, rid)
      if (hit) yield hit
    }
  }
}

function shapeFromDoc(doc: Doc | undefined, field: string): Shape | null {
  return doc ? toShape(getPath(doc, field)) : null
}

/** Primitive values an equality condition on a field accepts, or null when it is not a plain equality. */
function equalityValues(condition: unknown): Primitive[] | null {
  if (isPrimitive(condition)) return [condition]
  if (!isPlainObject(condition)) return null
  const ops = Object.keys(condition)
  if (ops.length !== 1) return null
  if (ops[0] === '$eq' && isPrimitive(condition.$eq)) return [condition.$eq]
  if (ops[0] === '$in' && Array.isArray(condition.$in) && condition.$in.every(isPrimitive)) return condition.$in as Primitive[]
  return null
}

interface Plan {
  candidates: Iterable<GeoHit>
  /** What mingo still has to check on each candidate. */
  residual: Doc
  /** The key the candidates come ordered by, when an index gives the query's order. */
  sortedBy?: { field: string; direction: 1 | -1 }
}

export function plan(store: Store, info: CollectionInfo, query: Doc, order?: Record<string, 1 | -1>): Plan {
  const { geo, rest } = extractGeo(query)
  if (geo) {
    const index = geoIndexFor(info, geo.field, predicateKind(geo))
    // $nearSphere candidates come nearest first, the order MongoDB returns them in.
    return { candidates: geoCandidates(store, info, index, geo), residual: rest }
  }
  // Every document has an _id and none is null: a null asked for (a $lookup's missing local field) finds nothing.
  const ids = equalityValues(query._id)?.filter((id) => id !== null)
  if (ids && ids.every((id) => typeof id === 'string' || typeof id === 'number')) {
    return { candidates: ids.length ? store.byIds(info, ids) : [], residual: query }
  }
  const scan = bestIndexScan(info, query, order)
  if (!scan) return { candidates: store.scan(info), residual: query }
  const { rows, arrays } = store.byIndex(info, scan)
  const sort = scan.sort
  if (arrays.length === 0) return { candidates: rows, residual: query, sortedBy: sort }
  // Array holders are merged into the index's order, unless the sort field itself is an array in one.
  if (sort && arrays.every((a) => !Array.isArray(getPath(a.doc, sort.field)))) {
    return { candidates: mergeInOrder(arrays, rows, sort), residual: query, sortedBy: sort }
  }
  return { candidates: [...arrays, ...rows], residual: query }
}

/** Where a value sorts in the index (keyExpr): missing and null, then numbers and dates, then strings. */
function compareKeys(a: unknown, b: unknown): number {
  const key = (v: unknown): [number, number | string] => {
    if (v === undefined || v === null) return [0, 0]
    if (v instanceof Date) return [1, v.getTime()]
    if (typeof v === 'number' || typeof v === 'boolean') return [1, Number(v)]
    return [2, typeof v === 'string' ? v : JSON.stringify(v)]
  }
  const [ra, va] = key(a)
  const [rb, vb] = key(b)
  return ra !== rb ? ra - rb : va < vb ? -1 : va > vb ? 1 : 0
}

function* mergeInOrder(extra: StoredDoc[], rows: Iterable<StoredDoc>, sort: { field: string; direction: 1 | -1 }): Generator<StoredDoc> {
  const before = (a: StoredDoc, b: StoredDoc) =>
    (compareKeys(getPath(a.doc, sort.field), getPath(b.doc, sort.field)) * sort.direction || a.rid - b.rid) < 0
  const waiting = [...extra].sort((a, b) => (before(a, b) ? -1 : 1))
  for (const row of rows) {
    while (waiting.length > 0 && before(waiting[0], row)) yield waiting.shift()!
    yield row
  }
  yield* waiting
}

/** The conditions on each field, top-level and inside a top-level $and (how the SDK sends `_.gte(a).and(_.lt(b))`). */
function conditionsOf(query: Doc): Map<string, unknown[]> {
  const out = new Map<string, unknown[]>()
  const add = (q: Doc) => {
    for (const [key, condition] of Object.entries(q)) {
      if (key === '$and' && Array.isArray(condition)) condition.filter(isPlainObject).forEach(add)
      else if (!key.startsWith('$')) out.set(key, [...(out.get(key) ?? []), condition])
    }
  }
  add(query)
  return out
}

/** Bounds the conditions put on a field; any of them narrows an AND, mingo checks the rest. */
function rangeOf(conditions: unknown[]): IndexScan['range'] | undefined {
  let lower: Bound | undefined
  let upper: Bound | undefined
  for (const condition of conditions) {
    if (!isPlainObject(condition)) continue
    for (const [op, value] of Object.entries(condition)) {
      if (!(value instanceof Date || typeof value === 'number' || typeof value === 'string')) continue
      if (op === '$gt' || op === '$gte') lower = { value, inclusive: op === '$gte' }
      if (op === '$lt' || op === '$lte') upper = { value, inclusive: op === '$lte' }
    }
  }
  return lower || upper ? { field: '', lower, upper } : undefined
}

/** The ordinary index that serves most of the query: equality on most leading fields, then a range, then the order. */
function bestIndexScan(info: CollectionInfo, query: Doc, order: Record<string, 1 | -1> | undefined): IndexScan | undefined {
  const conditions = conditionsOf(query)
  let best: { scan: IndexScan; score: number } | undefined
  for (const { fields } of info.ordinary) {
    const equalities: IndexScan['equalities'] = []
    for (const field of fields) {
      const values = (conditions.get(field) ?? []).map(equalityValues).find((v) => v !== null)
      if (!values) break
      equalities.push({ field, values })
    }
    const next = fields[equalities.length]
    const bounds = next === undefined ? undefined : rangeOf(conditions.get(next) ?? [])
    const range = bounds && { ...bounds, field: next }
    // Order keys fixed to one value by the equalities order nothing; the first other one must be `next`.
    const firstKey = Object.keys(order ?? {}).find((k) => !equalities.some((e) => e.field === k && e.values.length === 1))
    const sort = next !== undefined && firstKey === next ? { field: next, direction: order![next] } : undefined
    const score = equalities.length * 4 + (range ? 2 : 0) + (sort ? 1 : 0)
    if (score > 0 && (!best || score > best.score)) best = { scan: { equalities, range, sort }, score }
  }
  return best?.scan
}

export function* matching(store: Store, info: CollectionInfo, query: Doc): Generator<GeoHit> {
  const { candidates, residual } = plan(store, info, query)
  const test = mingoQuery(residual)
  for (const c of candidates) if (test.test(c.doc)) yield c
}

/** Matches in the index's order up to `needed`, then the rest of the last one's tie on `field`: what a sort of all matches would put first. */
function firstInOrder(hits: Iterable<GeoHit>, test: Query, needed: number, field: string): GeoHit[] {
  const out: GeoHit[] = []
  let last: string | undefined
  for (const hit of hits) {
    if (!test.test(hit.doc)) continue
    const key = EJSON.stringify({ v: getPath(hit.doc, field) ?? null })
    if (out.length >= needed && key !== last) break
    out.push(hit)
    last = key
  }
  return out
}

export function findDocs(store: Store, info: CollectionInfo, query: Doc, options: FindOptions): Doc[] {
  const offset = Math.max(0, options.offset ?? 0)
  const limit = effectiveLimit(options.limit)
  const order = options.order && Object.keys(options.order).length > 0 ? options.order : undefined
  let page: Doc[]
  if (order) {
    const planned = plan(store, info, query, order)
    const test = mingoQuery(planned.residual)
    const hits = planned.sortedBy
      ? firstInOrder(planned.candidates, test, offset + limit, planned.sortedBy.field)
      : Array.from(planned.candidates).filter((h) => test.test(h.doc))
    // MongoDB promises no order among documents tied on every sort key, and a later page may meet
    // them in another order than the first did; so past the first page ties come shuffled here, and
    // paging is safe only with a unique last key (`_id`), as on CloudBase.
    if (offset > 0) hits.sort((a, b) => tieRank(a.rid, offset) - tieRank(b.rid, offset))
    page = find(
      hits.map((h) => h.doc),
      {},
    )
      .sort(order)
      .skip(offset)
      .limit(limit)
      .all() as Doc[]
  } else {
    page = []
    let skipped = 0
    for (const hit of matching(store, info, query)) {
      if (skipped++ < offset) continue
      page.push(hit.doc)
      if (page.length >= limit) break
    }
  }
  return project(page, options.projection)
}

/** A fixed pseudo-random rank of a row for one offset (Knuth's multiplicative hash). */
function tieRank(rid: number, offset: number): number {
  return Math.imul(rid ^ offset, 2654435761) >>> 0
}

export function project(docs: Doc[], projection: Doc | undefined): Doc[] {
  if (!projection || Object.keys(projection).length === 0) return docs
  try {
    return find(docs, {}, projection).all() as Doc[]
  } catch (e) {
    throw new DbError(ErrorCode.INVALID_PARAM, `invalid projection: ${(e as Error).message}`)
  }
}

export function countDocs(store: Store, info: CollectionInfo, query: Doc): number {
  let n = 0
  const it = matching(store, info, query)
  while (!it.next().done) n++
  return n
}
