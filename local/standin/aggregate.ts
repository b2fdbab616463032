/**
 * aggregateDocuments through mingo's Aggregator. A leading $geoNear stage is answered from the
 * R*Tree (mingo has no geo stages); a leading $match uses the same index planning as queries, and so
 * does an equality $lookup (localField/foreignField): it reads only the foreign documents that match.
 */
import { Aggregator } from 'mingo'
import { toShape } from './geo'
import { geoCandidates, geoIndexFor, matching, mingoQuery } from './query'
import { DbError, type Doc, ErrorCode, isPlainObject } from './protocol'
import { type CollectionInfo, getPath, type Store } from './store'

/**
 * Without a $limit stage CloudBase returns only 20 aggregation results (widely reported by
 * developers; the docs don't say), so the stand-in appends `{$limit: 20}` and code that forgets to
 * paginate fails here as in production.
 */
export const AGGREGATE_DEFAULT_LIMIT = 20

/** Stages that keep one output document per input, so a later $limit bounds how many inputs are needed. */
const ONE_TO_ONE = new Set(['$project', '$addFields', '$set', '$unset', '$replaceRoot', '$replaceWith', '$lookup'])

export function aggregateDocs(store: Store, info: CollectionInfo, pipeline: Doc[]): Doc[] {
  pipeline.forEach((stage, i) => {
    if (Object.keys(stage).length !== 1) throw new DbError(ErrorCode.INVALID_PARAM, 'each aggregation stage must have exactly one operator')
    if (i > 0 && '$geoNear' in stage) throw new DbError(ErrorCode.REQUEST_FAILED, '$geoNear is only valid as the first stage in a pipeline')
    // MongoDB refuses $limit: 0 (code 15958) rather than answering nothing.
    if ('$limit' in stage && !(Number.isInteger(stage.$limit) && (stage.$limit as number) > 0)) {
      throw new DbError(ErrorCode.REQUEST_FAILED, `the limit must be positive: {$limit: ${JSON.stringify(stage.$limit)}}`)
    }
  })
  const stages = pipeline.some((s) => '$limit' in s) ? pipeline : [...pipeline, { $limit: AGGREGATE_DEFAULT_LIMIT }]
  const [first, ...rest] = stages
  let source: Doc[]
  let remaining = stages
  if ('$geoNear' in first) {
    source = geoNear(store, info, first.$geoNear, needed(rest))
    remaining = rest
  } else if ('$match' in first && isPlainObject(first.$match)) {
    source = Array.from(matching(store, info, first.$match), (h) => h.doc)
    remaining = rest
  } else {
    source = Array.from(store.scan(info), (h) => h.doc)
  }
  // A $lookup with a pipeline reads other collections by name through mingo; read each once per aggregation.
  const looked = new Map<string, Doc[]>()
  const resolve = (name: string): Doc[] => {
    if (!looked.has(name)) looked.set(name, store.hasCollection(name) ? Array.from(store.scan(store.collection(name)), (h) => h.doc) : [])
    return looked.get(name)!
  }
  try {
    let docs = source
    let segment: Doc[] = []
    const runSegment = () => {
      if (segment.length > 0) docs = new Aggregator(segment, { collectionResolver: resolve }).run(docs) as Doc[]
      segment = []
    }
    for (const stage of remaining) {
      const join = equalityLookup(stage)
      if (!join) {
        segment.push(stage)
        continue
      }
      runSegment()
      docs = docs.map((doc) => ({ ...doc, [join.as]: lookupMatches(store, join, localValues(doc, join.localField)) }))
    }
    runSegment()
    return docs
  } catch (e) {
    if (e instanceof DbError) throw e
    throw new DbError(ErrorCode.REQUEST_FAILED, (e as Error).message)
  }
}

interface EqualityLookup {
  from: string
  localField: string
  foreignField: string
  as: string
}

/** `{$lookup: {from, localField, foreignField, as}}`, the form that joins on equality; null for any other stage. */
function equalityLookup(stage: Doc): EqualityLookup | null {
  const spec = stage.$lookup
  if (!isPlainObject(spec) || 'pipeline' in spec || 'let' in spec) return null
  const { from, localField, foreignField, as } = spec
  if (typeof from !== 'string' || typeof localField !== 'string' || typeof foreignField !== 'string' || typeof as !== 'string') {
    throw new DbError(ErrorCode.INVALID_PARAM, '$lookup takes from, localField, foreignField and as')
  }
  return { from, localField, foreignField, as }
}

/**
 * The foreign documents one input joins, found as MongoDB finds them: through an index on the
 * foreign field when there is one, per input document. A local array joins any of its values; a
 * missing local field joins documents whose foreign field is null or missing.
 */
/**
 * What a $lookup's localField names, as MongoDB reads it: through arrays of sub-documents too
 * (`roles.organisationId` over an array of roles is every role's organisationId).
 */
function localValues(doc: Doc, path: string): unknown[] {
  let values: unknown[] = [doc]
  for (const part of path.split('.')) {
    values = values.flatMap((v) => (Array.isArray(v) ? v : [v])).flatMap((v) => (isPlainObject(v) && part in v ? [v[part]] : []))
  }
  const found = values.flatMap((v) => (Array.isArray(v) ? v : [v]))
  return found.length > 0 ? found : [null]
}

function lookupMatches(store: Store, join: EqualityLookup, values: unknown[]): Doc[] {
  if (!store.hasCollection(join.from)) return []
  return Array.from(matching(store, store.collection(join.from), { [join.foreignField]: { $in: values } }), (h) => h.doc)
}

/** How many $geoNear outputs the rest of the pipeline can use, when that is knowable. */
function needed(rest: Doc[]): number {
  let skip = 0
  for (const stage of rest) {
    const [name] = Object.keys(stage)
    if (name === '$skip' && typeof stage.$skip === 'number') skip += stage.$skip
    else if (name === '$limit' && typeof stage.$limit === 'number') return skip + stage.$limit
    else if (!ONE_TO_ONE.has(name)) return Infinity
  }
  return Infinity
}

function setPath(doc: Doc, path: string, value: unknown): void {
  const parts = path.split('.')
  let target = doc
  for (const part of parts.slice(0, -1)) {
    if (!isPlainObject(target[part])) target[part] = {}
    target = target[part] as Doc
  }
  target[parts[parts.length - 1]] = value
}

function geoNear(store: Store, info: CollectionInfo, spec: unknown, limit: number): Doc[] {
  if (!isPlainObject(spec)) throw new DbError(ErrorCode.INVALID_PARAM, '$geoNear takes an object')
  const near = toShape(spec.near)
  if (!near || near.type !== 'Point') throw new DbError(ErrorCode.INVALID_PARAM, '$geoNear.near must be a GeoJSON Point')
  if (typeof spec.distanceField !== 'string' || !spec.distanceField) {
    throw new DbError(ErrorCode.INVALID_PARAM, "$geoNear requires a 'distanceField' option as a String")
  }
  const distanceField = spec.distanceField
  const index = geoIndexFor(info, typeof spec.key === 'string' ? spec.key : undefined, '$geoNear')
  const num = (v: unknown, fallback: number) => (typeof v === 'number' ? v : fallback)
  const filter = isPlainObject(spec.query) ? mingoQuery(spec.query) : null
  const multiplier = num(spec.distanceMultiplier, 1)
  const out: Doc[] = []
  for (const hit of geoCandidates(store, info, index, {
    kind: 'near',
    field: index.field,
    center: near.vertices[0],
    minDistance: num(spec.minDistance, 0),
    maxDistance: num(spec.maxDistance, Infinity),
  })) {
    if (out.length >= limit) break
    if (filter && !filter.test(hit.doc)) continue
    const doc = hit.doc
    setPath(doc, distanceField, (hit.distance ?? 0) * multiplier)
    if (typeof spec.includeLocs === 'string') setPath(doc, spec.includeLocs, getPath(doc, index.field))
    out.push(doc)
  }
  return out
}
