/**
 * Reads: picks the candidate documents from an index (R*Tree for geo, SQLite expression index for
 * equality on an indexed field or on `_id`, else a scan) and lets mingo decide the rest.
 */
import { Query, find } from 'mingo'
import {
  type GeoPredicate,
  distanceTo,
  extractGeo,
  matches,
  nearestFirst,
  noIndexError,
  predicateBoxes,
  type Shape,
  toShape,
} from './geo'
import { DbError, type Doc, ErrorCode, isPlainObject } from './protocol'
import { type CollectionInfo, type GeoIndex, getPath, isPrimitive, type Primitive, type StoredDoc, Store } from './store'

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
  if (candidates.length > 1) throw new DbError(ErrorCode.REQUEST_FAILED, `more than one 2dsphere index on ${info.name}; say which with "key"`)
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
    for (const r of rows) points.set(r.rid, r.lng === null || r.lat === null ? null : { type: 'Point', vertices: [[r.lng, r.lat]], polygons: [] })
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
}

export function plan(store: Store, info: CollectionInfo, query: Doc): Plan {
  const { geo, rest } = extractGeo(query)
  if (geo) {
    const index = geoIndexFor(info, geo.field, predicateKind(geo))
    // $nearSphere candidates come nearest first, the order MongoDB returns them in.
    return { candidates: geoCandidates(store, info, index, geo), residual: rest }
  }
  const ids = equalityValues(query._id)
  if (ids && ids.every((id) => typeof id === 'string' || typeof id === 'number')) {
    return { candidates: ids.length ? store.byIds(info, ids) : [], residual: query }
  }
  for (const field of info.equalityFields) {
    const values = equalityValues(query[field])
    if (values) return { candidates: store.byEquality(info, field, values), residual: query }
  }
  return { candidates: store.scan(info), residual: query }
}

export function* matching(store: Store, info: CollectionInfo, query: Doc): Generator<GeoHit> {
  const { candidates, residual } = plan(store, info, query)
  const test = mingoQuery(residual)
  for (const c of candidates) if (test.test(c.doc)) yield c
}

export function findDocs(store: Store, info: CollectionInfo, query: Doc, options: FindOptions): Doc[] {
  const offset = Math.max(0, options.offset ?? 0)
  const limit = effectiveLimit(options.limit)
  const order = options.order && Object.keys(options.order).length > 0 ? options.order : undefined
  let page: Doc[]
  if (order) {
    const hits = Array.from(matching(store, info, query))
    // MongoDB promises no order among documents tied on every sort key, and a later page may meet
    // them in another order than the first did; so past the first page ties come shuffled here, and
    // paging is safe only with a unique last key (`_id`), as on CloudBase.
    if (offset > 0) hits.sort((a, b) => tieRank(a.rid, offset) - tieRank(b.rid, offset))
    page = find(hits.map((h) => h.doc), {}).sort(order).skip(offset).limit(limit).all() as Doc[]
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
