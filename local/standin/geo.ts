/**
 * Geo queries as the SDK encodes them ($nearSphere, $geoWithin, $geoIntersects, the $geoNear stage),
 * answered from an R*Tree of bounding boxes and then exact spherical (haversine) distances.
 * mingo has no geo operators, so geo clauses are taken out of the query here and the rest goes to mingo.
 */
import { DbError, type Doc, ErrorCode, isPlainObject } from './protocol'

/** MongoDB's spherical earth radius (6378.1 km), so distances and $centerSphere radians match it. */
export const EARTH_RADIUS_M = 6_378_100
const HALF_CIRCUMFERENCE_M = Math.PI * EARTH_RADIUS_M

export type LngLat = [number, number]
export interface Box {
  minX: number
  maxX: number
  minY: number
  maxY: number
}

/** A stored or queried GeoJSON geometry reduced to what the checks need. */
export interface Shape {
  type: string
  vertices: LngLat[]
  /** Polygons as rings (first outer, rest holes); empty for points and lines. */
  polygons: LngLat[][][]
}

export type GeoPredicate =
  | { kind: 'near'; field: string; center: LngLat; minDistance: number; maxDistance: number }
  | { kind: 'withinCircle'; field: string; center: LngLat; radius: number }
  | { kind: 'withinShape'; field: string; shape: Shape }
  | { kind: 'intersects'; field: string; shape: Shape }

const GEO_OPERATORS = ['$nearSphere', '$near', '$geoWithin', '$geoIntersects'] as const

const rad = (deg: number) => (deg * Math.PI) / 180
const deg = (r: number) => (r * 180) / Math.PI

export function haversine(a: LngLat, b: LngLat): number {
  const dLat = rad(b[1] - a[1])
  const dLng = rad(b[0] - a[0])
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a[1])) * Math.cos(rad(b[1])) * Math.sin(dLng / 2) ** 2
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)))
}

/**
 * Boxes (degrees) that together cover the spherical cap of `radius` metres around `center`: one box,
 * or two when the cap crosses the antimeridian; the full longitude range when it covers a pole.
 */
export function circleBoxes(center: LngLat, radius: number): Box[] {
  if (radius >= HALF_CIRCUMFERENCE_M) return [{ minX: -180, maxX: 180, minY: -90, maxY: 90 }]
  const angular = radius / EARTH_RADIUS_M
  const lat = rad(center[1])
  const minY = deg(lat - angular)
  const maxY = deg(lat + angular)
  if (minY <= -90 || maxY >= 90) {
    return [{ minX: -180, maxX: 180, minY: Math.max(minY, -90), maxY: Math.min(maxY, 90) }]
  }
  const dLng = deg(Math.asin(Math.min(1, Math.sin(angular) / Math.cos(lat))))
  const minX = center[0] - dLng
  const maxX = center[0] + dLng
  if (minX < -180)
    return [
      { minX: minX + 360, maxX: 180, minY, maxY },
      { minX: -180, maxX, minY, maxY },
    ]
  if (maxX > 180)
    return [
      { minX, maxX: 180, minY, maxY },
      { minX: -180, maxX: maxX - 360, minY, maxY },
    ]
  return [{ minX, maxX, minY, maxY }]
}

export function boxOf(vertices: LngLat[]): Box {
  const box = { minX: Infinity, maxX: -Infinity, minY: Infinity, maxY: -Infinity }
  for (const [x, y] of vertices) {
    box.minX = Math.min(box.minX, x)
    box.maxX = Math.max(box.maxX, x)
    box.minY = Math.min(box.minY, y)
    box.maxY = Math.max(box.maxY, y)
  }
  return box
}

function isLngLat(v: unknown): v is LngLat {
  return (
    Array.isArray(v) &&
    v.length >= 2 &&
    typeof v[0] === 'number' &&
    typeof v[1] === 'number' &&
    Math.abs(v[0]) <= 180 &&
    Math.abs(v[1]) <= 90
  )
}

/** Reads GeoJSON (what `new db.Geo.Point(lng, lat)` and friends store); null when it is not valid GeoJSON. */
export function toShape(value: unknown): Shape | null {
  if (!isPlainObject(value) || typeof value.type !== 'string') return null
  const c = value.coordinates
  const ring = (r: unknown): LngLat[] | null => (Array.isArray(r) && r.length >= 4 && r.every(isLngLat) ? (r as LngLat[]) : null)
  const polygon = (p: unknown): LngLat[][] | null => {
    if (!Array.isArray(p) || p.length === 0) return null
    const rings = p.map(ring)
    return rings.every((r) => r !== null) ? (rings as LngLat[][]) : null
  }
  switch (value.type) {
    case 'Point':
      return isLngLat(c) ? { type: 'Point', vertices: [[c[0], c[1]]], polygons: [] } : null
    case 'MultiPoint':
    case 'LineString':
      return Array.isArray(c) && c.length > 0 && c.every(isLngLat) ? { type: value.type, vertices: c as LngLat[], polygons: [] } : null
    case 'MultiLineString':
      return Array.isArray(c) && c.length > 0 && c.every((l) => Array.isArray(l) && l.every(isLngLat))
        ? { type: value.type, vertices: (c as LngLat[][]).flat(), polygons: [] }
        : null
    case 'Polygon': {
      const p = polygon(c)
      return p ? { type: 'Polygon', vertices: p.flat(), polygons: [p] } : null
    }
    case 'MultiPolygon': {
      if (!Array.isArray(c) || c.length === 0) return null
      const ps = c.map(polygon)
      return ps.every((p) => p !== null)
        ? { type: 'MultiPolygon', vertices: (ps as LngLat[][][]).flat(2), polygons: ps as LngLat[][][] }
        : null
    }
    default:
      return null
  }
}

function inRing(p: LngLat, ring: LngLat[]): boolean {
  let inside = false
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]
    const [xj, yj] = ring[j]
    if (yi > p[1] !== yj > p[1] && p[0] < ((xj - xi) * (p[1] - yi)) / (yj - yi) + xi) inside = !inside
  }
  return inside
}

/** Planar ray casting in lng/lat; holes excluded. Exact enough for city-scale polygons. */
function inPolygons(p: LngLat, polygons: LngLat[][][]): boolean {
  return polygons.some(([outer, ...holes]) => inRing(p, outer) && !holes.some((h) => inRing(p, h)))
}

const samePoint = (a: LngLat, b: LngLat) => a[0] === b[0] && a[1] === b[1]

/** Distance from a point to a stored shape: exact for points, nearest vertex otherwise. */
export function distanceTo(center: LngLat, shape: Shape): number {
  return Math.min(...shape.vertices.map((v) => haversine(center, v)))
}

export function matches(predicate: GeoPredicate, shape: Shape): boolean {
  switch (predicate.kind) {
    case 'near': {
      const d = distanceTo(predicate.center, shape)
      return d >= predicate.minDistance && d <= predicate.maxDistance
    }
    case 'withinCircle':
      return shape.vertices.every((v) => haversine(predicate.center, v) <= predicate.radius)
    case 'withinShape':
      return shape.vertices.every((v) => inPolygons(v, predicate.shape.polygons))
    case 'intersects': {
      const q = predicate.shape
      return (
        shape.vertices.some((v) => inPolygons(v, q.polygons) || q.vertices.some((w) => samePoint(v, w))) ||
        q.vertices.some((w) => inPolygons(w, shape.polygons))
      )
    }
  }
}

/** Boxes whose R*Tree overlap finds every candidate of the predicate; null means "all distances" (near without max). */
export function predicateBoxes(predicate: GeoPredicate): Box[] | null {
  switch (predicate.kind) {
    case 'near':
      return Number.isFinite(predicate.maxDistance) ? circleBoxes(predicate.center, predicate.maxDistance) : null
    case 'withinCircle':
      return circleBoxes(predicate.center, predicate.radius)
    case 'withinShape':
    case 'intersects':
      return [boxOf(predicate.shape.vertices)]
  }
}

function queryShape(value: unknown, operator: string): Shape {
  const shape = isPlainObject(value) ? toShape(value.$geometry) : null
  if (!shape) throw new DbError(ErrorCode.INVALID_PARAM, `${operator} needs a valid GeoJSON $geometry`)
  return shape
}

function distanceOption(value: unknown, name: string, fallback: number): number {
  if (value === undefined || value === null) return fallback
  if (typeof value !== 'number' || value < 0) throw new DbError(ErrorCode.INVALID_PARAM, `${name} must be a non-negative number`)
  return value
}

function toPredicate(field: string, condition: Doc): GeoPredicate {
  if ('$nearSphere' in condition || '$near' in condition) {
    const spec = (condition.$nearSphere ?? condition.$near) as Doc
    const shape = queryShape(spec, '$nearSphere')
    if (shape.type !== 'Point') throw new DbError(ErrorCode.INVALID_PARAM, '$nearSphere needs a Point')
    return {
      kind: 'near',
      field,
      center: shape.vertices[0],
      minDistance: distanceOption(spec.$minDistance, '$minDistance', 0),
      maxDistance: distanceOption(spec.$maxDistance, '$maxDistance', Infinity),
    }
  }
  if ('$geoWithin' in condition) {
    const spec = condition.$geoWithin as Doc
    if (isPlainObject(spec) && Array.isArray(spec.$centerSphere)) {
      const [center, radians] = spec.$centerSphere as [unknown, unknown]
      if (!isLngLat(center) || typeof radians !== 'number' || radians < 0) {
        throw new DbError(ErrorCode.INVALID_PARAM, '$centerSphere must be [[lng, lat], radians]')
      }
      return { kind: 'withinCircle', field, center: [center[0], center[1]], radius: radians * EARTH_RADIUS_M }
    }
    const shape = queryShape(spec, '$geoWithin')
    if (shape.polygons.length === 0) throw new DbError(ErrorCode.INVALID_PARAM, '$geoWithin needs a Polygon or MultiPolygon')
    return { kind: 'withinShape', field, shape }
  }
  return { kind: 'intersects', field, shape: queryShape(condition.$geoIntersects, '$geoIntersects') }
}

function isGeoCondition(value: unknown): value is Doc {
  return isPlainObject(value) && GEO_OPERATORS.some((op) => op in value)
}

function mentionsGeo(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(mentionsGeo)
  if (!isPlainObject(value)) return false
  return Object.entries(value).some(([k, v]) => (GEO_OPERATORS as readonly string[]).includes(k) || mentionsGeo(v))
}

/**
 * Takes the one geo clause out of a where query, at top level or in a top-level $and. MongoDB
 * allows one geo-near per query and no geo-near under $or/$nor; the stand-in also asks that
 * $geoWithin/$geoIntersects sit where an index can serve them.
 */
export function extractGeo(query: Doc): { geo: GeoPredicate | null; rest: Doc } {
  const found: GeoPredicate[] = []
  const rest: Doc = {}
  for (const [key, value] of Object.entries(query)) {
    if (key === '$and' && Array.isArray(value)) {
      const kept: Doc[] = []
      for (const clause of value as Doc[]) {
        const inner = extractGeo(clause)
        if (inner.geo) found.push(inner.geo)
        if (Object.keys(inner.rest).length > 0) kept.push(inner.rest)
      }
      if (kept.length > 0) rest.$and = kept
    } else if (!key.startsWith('$') && isGeoCondition(value)) {
      const others = Object.fromEntries(Object.entries(value).filter(([op]) => !(GEO_OPERATORS as readonly string[]).includes(op)))
      found.push(toPredicate(key, value))
      if (Object.keys(others).length > 0) rest[key] = others
    } else {
      rest[key] = value
    }
  }
  if (found.length > 1) throw new DbError(ErrorCode.REQUEST_FAILED, 'too many geo expressions: one geo query per request')
  if (mentionsGeo(rest)) throw new DbError(ErrorCode.REQUEST_FAILED, 'geo expressions are not supported under $or/$nor/$not')
  return { geo: found[0] ?? null, rest }
}

export function noIndexError(kind: string): DbError {
  return new DbError(
    ErrorCode.REQUEST_FAILED,
    `error processing query: planner returned error :: caused by :: unable to find index for ${kind} query`,
  )
}

/** Neighbourhood scale: most of the product's "near me" searches end within the first ring or two. */
const FIRST_RING_M = 1000

export interface GeoCandidate {
  rid: number
  distance: number
}

/**
 * Row ids in ascending distance from `center`, read from the R*Tree ring by ring (each ring 2× the
 * last) so a query that needs the nearest k documents reads only about k of them.
 * `search(box)` gives the R*Tree rows overlapping a box; `distanceOf` their exact distance.
 */
export function* nearestFirst(
  center: LngLat,
  minDistance: number,
  maxDistance: number,
  search: (box: Box) => { rid: number }[],
  distanceOf: (rid: number) => number,
): Generator<GeoCandidate> {
  const seen = new Set<number>()
  let pending: GeoCandidate[] = []
  let radius = Math.min(FIRST_RING_M, maxDistance)
  for (;;) {
    for (const box of circleBoxes(center, radius)) {
      for (const { rid } of search(box)) {
        if (seen.has(rid)) continue
        seen.add(rid)
        const distance = distanceOf(rid)
        if (distance >= minDistance && distance <= maxDistance) pending.push({ rid, distance })
      }
    }
    pending.sort((a, b) => a.distance - b.distance)
    // Every shape within `radius` lies in this ring's boxes, so these are final in order.
    const last = radius >= maxDistance || radius >= HALF_CIRCUMFERENCE_M
    const cut = last ? pending.length : pending.findIndex((c) => c.distance > radius)
    const ready = cut === -1 ? pending : pending.slice(0, cut)
    pending = cut === -1 ? [] : pending.slice(cut)
    yield* ready
    if (last) return
    radius = Math.min(radius * 2, maxDistance, HALF_CIRCUMFERENCE_M)
  }
}
