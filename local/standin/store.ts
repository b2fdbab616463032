/**
 * The durable store: one SQLite file, one table per collection holding each document as relaxed
 * EJSON, SQLite expression indexes for the manifest's ordinary indexes and one R*Tree per 2dsphere
 * index. Every committed write carries a fresh version number, which transactions use to detect
 * write-write conflicts.
 */
import Database from 'better-sqlite3'
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { EJSON } from 'bson'
import { type Box, boxOf, type Shape, toShape } from './geo'
import { COLLECTION_NAME, geoFields, type IndexSpec, type Manifest } from '../../database/manifest'
import { DbError, type Doc, ErrorCode, isPlainObject, loadEjson, storeEjson } from './protocol'

export interface StoredDoc {
  rid: number
  doc: Doc
  version: number
}

export interface GeoIndex {
  name: string
  field: string
  table: string
}

export interface CollectionInfo {
  name: string
  table: string
  indexes: IndexSpec[]
  geo: GeoIndex[]
  /** The fields of each ordinary (not 2dsphere) index, in order: what the query planner chooses from. */
  ordinary: { name: string; fields: string[] }[]
}

/** A read served by an ordinary index: equality on its first fields, then a range or an order on the next. */
export interface IndexScan {
  equalities: { field: string; values: Primitive[] }[]
  range?: { field: string; lower?: Bound; upper?: Bound }
  sort?: { field: string; direction: 1 | -1 }
}

export interface Bound {
  value: number | string | Date
  inclusive: boolean
}

export type Primitive = string | number | boolean | null

type Row = { rid: number; body: string; version: number }
/** What `Store.save` keeps: each table's rows, by table. */
export type SavedState = ReadonlyMap<string, readonly Record<string, unknown>[]>
export type GeoRow = { rid: number; lng: number | null; lat: number | null }

/** `_id` may be a string or a number (doc(123)); the key column keeps them apart. */
export function idKey(id: unknown): string {
  if (typeof id === 'string') return id
  if (typeof id === 'number') return `\u0000n:${id}`
  throw new DbError(ErrorCode.INVALID_PARAM, '_id must be a string or a number')
}

/** MongoDB dotted-path read through nested objects (not through arrays, which the indexes here don't need). */
export function getPath(doc: Doc, path: string): unknown {
  let value: unknown = doc
  for (const part of path.split('.')) {
    if (!isPlainObject(value)) return undefined
    value = value[part]
  }
  return value
}

const jsonPath = (field: string) =>
  `'$${field
    .split('.')
    .map((p) => `."${p}"`)
    .join('')}'`
const ident = (name: string) => `"${name}"`

/**
 * A field's value as an ordinary index holds it: a date (stored as relaxed EJSON `{"$date": ISO}`,
 * whose text does not sort) as its Julian day, anything else as stored. The planner's SQL repeats
 * this exact expression so that SQLite answers from the index.
 */
const keyExpr = (field: string) =>
  `(CASE json_type(body, ${jsonPath(field)}) WHEN 'object' THEN julianday(json_extract(body, ${jsonPath(`${field}.$date`)})) ELSE json_extract(body, ${jsonPath(field)}) END)`

/** Up to this many documents holding an array in a scanned field, a query starts from them. */
const FEW_ARRAY_HOLDERS = 1000

const MS_PER_DAY = 86_400_000
/** Unix epoch as a Julian day. */
const JULIAN_EPOCH = 2_440_587.5

/** A value as keyExpr has it; a date bound is widened by a millisecond (SQLite's Julian day is a float), mingo decides exactly. */
function sqlKey(value: Primitive | Date, widen: -1 | 0 | 1 = 0): Primitive {
  if (value instanceof Date) return value.getTime() / MS_PER_DAY + JULIAN_EPOCH + widen / MS_PER_DAY
  return typeof value === 'boolean' ? Number(value) : value
}

export class Store {
  readonly file: string
  /** Document bodies parsed since start: lets benchmarks check that indexes keep reads small. */
  documentsRead = 0
  private readonly db: Database.Database
  private readonly collections = new Map<string, CollectionInfo>()
  private readonly statements = new Map<string, Database.Statement>()
  private readonly readers: Database.Database[] = []

  constructor(
    dataDir: string,
    private readonly manifest: Manifest,
  ) {
    mkdirSync(dataDir, { recursive: true })
    this.file = join(dataDir, 'standin.sqlite')
    this.db = new Database(this.file)
    // WAL + synchronous=NORMAL: a commit is appended to the WAL with write() before it returns, so it
    // survives the process being killed (kill -9); only an OS crash or power cut could lose the last
    // commits (never corrupt the file). FULL would fsync every commit and make seeding 100k documents
    // one by one take minutes, for a guarantee a local stand-in does not need.
    this.db.pragma('journal_mode = WAL')
    this.db.pragma('synchronous = NORMAL')
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS meta (k TEXT PRIMARY KEY, v INTEGER NOT NULL);
      INSERT OR IGNORE INTO meta (k, v) VALUES ('version', 0);
      CREATE TABLE IF NOT EXISTS collections (name TEXT PRIMARY KEY);
    `)
    const known = this.db.prepare('SELECT name FROM collections').pluck().all() as string[]
    const names = new Set([...known, ...Object.keys(manifest.collections)])
    this.db.transaction(() => {
      for (const name of names) this.setUp(name)
    })()
  }

  close(): void {
    for (const reader of this.readers.splice(0)) reader.close()
    this.db.close()
  }

  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)()
  }

  hasCollection(name: string): boolean {
    return this.collections.has(name)
  }

  collection(name: string | undefined): CollectionInfo {
    const info = name ? this.collections.get(name) : undefined
    if (!info) throw new DbError(ErrorCode.COLLECTION_NOT_EXIST, `[ResourceNotFound] Db or Table not exist: ${name ?? ''}`)
    return info
  }

  createCollection(name: string): void {
    if (!COLLECTION_NAME.test(name)) throw new DbError(ErrorCode.INVALID_PARAM, `invalid collection name "${name}"`)
    if (this.collections.has(name)) {
      throw new DbError(ErrorCode.COLLECTION_ALREADY_EXIST, `[ResourceUnavailable.ResourceExist] Table exist: ${name}`)
    }
    this.transaction(() => this.setUp(name))
  }

  /** Creates the collection's table and makes its SQLite indexes match the manifest (dropping stale ones). */
  private setUp(name: string): void {
    const table = `c:${name}`
    const indexes = this.manifest.collections[name]?.indexes ?? []
    this.db.prepare('INSERT OR IGNORE INTO collections (name) VALUES (?)').run(name)
    this.db.exec(`CREATE TABLE IF NOT EXISTS ${ident(table)} (
      rid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, body TEXT NOT NULL, version INTEGER NOT NULL)`)

    const wanted = new Map<string, string>()
    const ordinary: CollectionInfo['ordinary'] = []
    for (const index of indexes) {
      const fields = Object.keys(index.keys)
      if (fields.some((f) => index.keys[f] === '2dsphere')) continue
      wanted.set(
        `ix:${name}:${index.name}`,
        `CREATE INDEX ${ident(`ix:${name}:${index.name}`)} ON ${ident(table)} (${fields.map(keyExpr).join(', ')})`,
      )
      // A query must also find documents holding an array in an indexed field (MongoDB multikey semantics).
      fields.forEach((f, i) => {
        wanted.set(
          `ixt:${name}:${index.name}:${i}`,
          `CREATE INDEX ${ident(`ixt:${name}:${index.name}:${i}`)} ON ${ident(table)} (json_type(body, ${jsonPath(f)}))`,
        )
      })
      ordinary.push({ name: index.name, fields })
    }
    const existing = this.db
      .prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND name LIKE 'ix%'`)
      .all(table) as { name: string; sql: string }[]
    const kept = new Set<string>()
    for (const { name: ixName, sql } of existing) {
      if (wanted.get(ixName) === sql) kept.add(ixName)
      else this.db.exec(`DROP INDEX ${ident(ixName)}`)
    }
    for (const [ixName, sql] of wanted) if (!kept.has(ixName)) this.db.exec(sql)

    const geo = geoFields(indexes).map(({ name: indexName, field }) => ({ name: indexName, field, table: `geo:${name}:${indexName}` }))
    // ':' cannot occur in collection or index names, so the prefix names this collection's R*Trees only.
    const existingGeo = (
      this.db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE%'`).pluck().all() as string[]
    ).filter((t) => t.startsWith(`geo:${name}:`))
    for (const old of existingGeo) if (!geo.some((g) => g.table === old)) this.db.exec(`DROP TABLE ${ident(old)}`)

    const info: CollectionInfo = { name, table, indexes, geo, ordinary }
    this.collections.set(name, info)
    for (const g of geo) {
      if (existingGeo.includes(g.table)) continue
      // Exact coordinates live in the +lng/+lat auxiliary columns: the R*Tree's own boxes are float32.
      this.db.exec(`CREATE VIRTUAL TABLE ${ident(g.table)} USING rtree(rid, minX, maxX, minY, maxY, +lng, +lat)`)
      for (const row of this.scan(info)) this.writeGeo(g, row.rid, this.geoShape(g, row.doc))
    }
  }

  private stmt(sql: string): Database.Statement {
    let s = this.statements.get(sql)
    if (!s) {
      s = this.db.prepare(sql)
      this.statements.set(sql, s)
    }
    return s
  }

  private read(row: Row | undefined): StoredDoc | null {
    if (!row) return null
    this.documentsRead++
    return { rid: row.rid, doc: loadEjson(row.body), version: row.version }
  }

  getById(info: CollectionInfo, id: unknown): StoredDoc | null {
    return this.read(this.stmt(`SELECT rid, body, version FROM ${ident(info.table)} WHERE id = ?`).get(idKey(id)) as Row | undefined)
  }

  getByRid(info: CollectionInfo, rid: number): StoredDoc | null {
    return this.read(this.stmt(`SELECT rid, body, version FROM ${ident(info.table)} WHERE rid = ?`).get(rid) as Row | undefined)
  }

  /** Current committed version of a document, 0 when absent; reads no body. */
  versionOf(info: CollectionInfo, id: unknown): number {
    const v = this.stmt(`SELECT version FROM ${ident(info.table)} WHERE id = ?`)
      .pluck()
      .get(idKey(id)) as number | undefined
    return v ?? 0
  }

  *scan(info: CollectionInfo): Generator<StoredDoc> {
    // Pages by rowid instead of holding one statement open, so callers may write between pages.
    let after = 0
    for (;;) {
      const rows = this.stmt(`SELECT rid, body, version FROM ${ident(info.table)} WHERE rid > ? ORDER BY rid LIMIT 256`).all(after) as Row[]
      if (rows.length === 0) return
      for (const row of rows) yield this.read(row)!
      after = rows[rows.length - 1].rid
    }
  }

  /** Documents whose `field` equals one of `values` or is an array (which MongoDB equality looks inside); a superset for mingo to finish. */
  byEquality(info: CollectionInfo, field: string, values: Primitive[]): StoredDoc[] {
    const { rows, arrays } = this.byIndex(info, { equalities: [{ field, values }] })
    return [...arrays, ...rows]
  }

  /**
   * Documents an ordinary index serves for `scan`, read page by page in its order, and (apart) those
   * holding an array in one of the scanned fields, which MongoDB's multikey index holds once per
   * element: the caller has to place those itself. A superset for mingo to finish; a body counts as
   * read only when the caller takes it.
   */
  byIndex(info: CollectionInfo, scan: IndexScan): { rows: Iterable<StoredDoc>; arrays: StoredDoc[] } {
    const where: string[] = []
    const params: Primitive[] = []
    for (const { field, values } of scan.equalities) {
      const nonNull = values.filter((v) => v !== null).map((v) => sqlKey(v))
      const alternatives = nonNull.length > 0 ? [`${keyExpr(field)} IN (${nonNull.map(() => '?').join(', ')})`] : []
      if (values.includes(null)) alternatives.push(`${keyExpr(field)} IS NULL`)
      where.push(alternatives.length > 0 ? `(${alternatives.join(' OR ')})` : '0')
      params.push(...nonNull)
    }
    const { range, sort } = scan
    if (range?.lower) {
      where.push(`${keyExpr(range.field)} ${range.lower.inclusive ? '>=' : '>'} ?`)
      params.push(sqlKey(range.lower.value as Primitive | Date, -1))
    }
    if (range?.upper) {
      where.push(`${keyExpr(range.field)} ${range.upper.inclusive ? '<=' : '<'} ?`)
      params.push(sqlKey(range.upper.value as Primitive | Date, 1))
    }
    const order = sort ? `${keyExpr(sort.field)} ${sort.direction === -1 ? 'DESC' : 'ASC'}, rid` : 'rid'
    const sql = `SELECT rid, body, version FROM ${ident(info.table)} WHERE ${where.length > 0 ? where.join(' AND ') : '1'} ORDER BY ${order} LIMIT ? OFFSET ?`
    // Array holders: each of the scan's conditions met by the scalar or by an element, as a multikey index would.
    const fields = [...scan.equalities.map((e) => e.field), ...(range ? [range.field] : [])]
    const arrayWhere: string[] = []
    const arrayParams: Primitive[] = []
    scan.equalities.forEach(({ field, values }, i) => {
      const nonNull = values.filter((v) => v !== null).map((v) => sqlKey(v))
      const elements = [
        ...(nonNull.length > 0 ? [`value IN (${nonNull.map(() => '?').join(', ')})`] : []),
        ...(values.includes(null) ? ['value IS NULL'] : []),
      ]
      arrayWhere.push(
        `(${where[i]} OR (json_type(body, ${jsonPath(field)}) = 'array' AND EXISTS (SELECT 1 FROM json_each(body, ${jsonPath(field)}) WHERE ${elements.join(' OR ') || '0'})))`,
      )
      arrayParams.push(...nonNull, ...nonNull)
    })
    if (range)
      arrayWhere.push(`(${where.slice(scan.equalities.length).join(' AND ')} OR json_type(body, ${jsonPath(range.field)}) = 'array')`)
    if (range) arrayParams.push(...params.slice(params.length - (range.lower ? 1 : 0) - (range.upper ? 1 : 0)))
    const table = ident(info.table)
    const conditions = arrayWhere.join(' AND ') || '1'
    const holders = fields.map((f) => `SELECT rid FROM ${table} WHERE json_type(body, ${jsonPath(f)}) = 'array'`).join(' UNION ')
    // Few holders (a field that is rarely an array) come first, from each field's json_type index,
    // CROSS JOIN keeping that order: left to choose, SQLite walks the whole equality instead (every
    // need of a community) to find them. Many (a field that is always an array) are SQLite's to plan.
    const few = () =>
      (this.stmt(`SELECT count(*) AS n FROM (${holders} LIMIT ${FEW_ARRAY_HOLDERS + 1})`).get() as { n: number }).n <= FEW_ARRAY_HOLDERS
    const arrays =
      fields.length === 0
        ? []
        : (this.stmt(
            few()
              ? `SELECT t.rid, t.body, t.version FROM (${holders}) AS h CROSS JOIN ${table} AS t ON t.rid = h.rid WHERE ${conditions} ORDER BY t.rid`
              : `SELECT rid, body, version FROM ${table} WHERE (${fields.map((f) => `json_type(body, ${jsonPath(f)}) = 'array'`).join(' OR ')}) AND ${conditions} ORDER BY rid`,
          ).all(...arrayParams) as Row[])
    const arrayRids = new Set(arrays.map((r) => r.rid))
    return { arrays: arrays.map((r) => this.read(r)!), rows: this.pages(sql, params, arrayRids) }
  }

  /** The rows of `sql` (ending in LIMIT ? OFFSET ?) in growing pages, so a reader that stops early fetched little more. */
  private *pages(sql: string, params: Primitive[], skip: Set<number>): Generator<StoredDoc> {
    for (let offset = 0, size = 64; ; offset += size, size = Math.min(size * 2, 1024)) {
      const page = this.stmt(sql).all(...params, size, offset) as Row[]
      for (const row of page) if (!skip.has(row.rid)) yield this.read(row)!
      if (page.length < size) return
    }
  }

  byIds(info: CollectionInfo, ids: unknown[]): StoredDoc[] {
    const keys = ids.map(idKey)
    const rows = this.stmt(
      `SELECT rid, body, version FROM ${ident(info.table)} WHERE id IN (${keys.map(() => '?').join(', ')}) ORDER BY rid`,
    ).all(...keys)
    return (rows as Row[]).map((r) => this.read(r)!)
  }

  /** R*Tree rows overlapping `box`: row id plus exact point coordinates (null for non-point shapes). */
  geoSearch(index: GeoIndex, box: Box): GeoRow[] {
    return this.stmt(`SELECT rid, lng, lat FROM ${ident(index.table)} WHERE minX <= ? AND maxX >= ? AND minY <= ? AND maxY >= ?`).all(
      box.maxX,
      box.minX,
      box.maxY,
      box.minY,
    ) as GeoRow[]
  }

  /** The version of the last committed write: unchanged between two reads, nothing was written in between. */
  committedVersion(): number {
    return this.stmt(`SELECT v FROM meta WHERE k = 'version'`).pluck().get() as number
  }

  /** Every collection's documents and R*Tree entries as they are now, for `restore`. */
  save(): SavedState {
    const tables = [...this.collections.values()].flatMap((info) => [info.table, ...info.geo.map((g) => g.table)])
    return new Map(tables.map((table) => [table, this.db.prepare(`SELECT * FROM ${ident(table)}`).all() as Record<string, unknown>[]]))
  }

  /**
   * Puts every collection back as `save` found it, in one committed write: documents and versions
   * as they were (a collection made since is emptied), while the version counter runs on.
   */
  restore(saved: SavedState): void {
    this.transaction(() => {
      for (const info of this.collections.values()) {
        for (const table of [info.table, ...info.geo.map((g) => g.table)]) {
          this.stmt(`DELETE FROM ${ident(table)}`).run()
          const rows = saved.get(table) ?? []
          if (rows.length === 0) continue
          const columns = Object.keys(rows[0])
          const insert = this.stmt(
            `INSERT INTO ${ident(table)} (${columns.map(ident).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
          )
          for (const row of rows) insert.run(columns.map((c) => row[c]))
        }
      }
      this.nextVersion()
    })
  }

  private nextVersion(): number {
    return this.stmt(`UPDATE meta SET v = v + 1 WHERE k = 'version' RETURNING v`).pluck().get() as number
  }

  /** Inserts or replaces the document with `doc._id`; enforces unique indexes and GeoJSON on 2dsphere fields. */
  put(info: CollectionInfo, doc: Doc): number {
    return this.transaction(() => {
      const key = idKey(doc._id)
      const shapes = this.validate(info, doc)
      const version = this.nextVersion()
      const body = storeEjson(doc)
      const rid = this.stmt(
        `INSERT INTO ${ident(info.table)} (id, body, version) VALUES (?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET body = excluded.body, version = excluded.version RETURNING rid`,
      )
        .pluck()
        .get(key, body, version) as number
      info.geo.forEach((g, i) => this.writeGeo(g, rid, shapes[i]))
      return version
    })
  }

  insertNew(info: CollectionInfo, doc: Doc): number {
    if (this.versionOf(info, doc._id) !== 0) throw duplicateIdError(info, doc._id)
    return this.put(info, doc)
  }

  remove(info: CollectionInfo, id: unknown): boolean {
    return this.transaction(() => {
      const rid = this.stmt(`DELETE FROM ${ident(info.table)} WHERE id = ? RETURNING rid`)
        .pluck()
        .get(idKey(id)) as number | undefined
      if (rid === undefined) return false
      for (const g of info.geo) this.stmt(`DELETE FROM ${ident(g.table)} WHERE rid = ?`).run(rid)
      this.nextVersion()
      return true
    })
  }

  private geoShape(index: GeoIndex, doc: Doc): Shape | null {
    const value = getPath(doc, index.field)
    // 2dsphere (v2+) indexes are sparse: documents without the field are simply not in the index.
    if (value === undefined || value === null) return null
    const shape = toShape(value)
    if (!shape) {
      throw new DbError(
        ErrorCode.REQUEST_FAILED,
        `Can't extract geo keys: field "${index.field}" is not valid GeoJSON (index ${index.name})`,
      )
    }
    return shape
  }

  private writeGeo(index: GeoIndex, rid: number, shape: Shape | null): void {
    this.stmt(`DELETE FROM ${ident(index.table)} WHERE rid = ?`).run(rid)
    if (!shape) return
    const box = boxOf(shape.vertices)
    const point = shape.type === 'Point' ? shape.vertices[0] : null
    this.stmt(`INSERT INTO ${ident(index.table)} (rid, minX, maxX, minY, maxY, lng, lat) VALUES (?, ?, ?, ?, ?, ?, ?)`).run(
      rid,
      box.minX,
      box.maxX,
      box.minY,
      box.maxY,
      point?.[0] ?? null,
      point?.[1] ?? null,
    )
  }

  /** Checks what the indexes require of a document about to be written; returns its 2dsphere shapes. */
  validate(info: CollectionInfo, doc: Doc): (Shape | null)[] {
    const shapes = info.geo.map((g) => this.geoShape(g, doc))
    this.checkUnique(info, doc)
    return shapes
  }

  /**
   * MongoDB unique indexes treat a missing field as null, so two documents without it also collide;
   * an array is indexed per element (multikey), so two documents sharing any element collide.
   */
  private checkUnique(info: CollectionInfo, doc: Doc): void {
    const key = idKey(doc._id)
    for (const index of info.indexes) {
      if (!index.unique) continue
      const fields = Object.keys(index.keys)
      const mine = new Map(indexKeys(doc, fields).map((k) => [EJSON.stringify(k, { relaxed: false }), k]))
      const first = keyElements(getPath(doc, fields[0]))
      const candidates = first.every(isPrimitive) ? this.byEquality(info, fields[0], first as Primitive[]) : this.scan(info)
      for (const other of candidates) {
        if (idKey(other.doc._id) === key) continue
        const shared = indexKeys(other.doc, fields)
          .map((k) => mine.get(EJSON.stringify(k, { relaxed: false })))
          .find((k) => k !== undefined)
        if (!shared) continue
        const shown = fields.map((f, i) => `${f}: ${JSON.stringify(shared[i])}`).join(', ')
        throw new DbError(
          ErrorCode.DUPLICATE_WRITE,
          `E11000 duplicate key error collection: ${info.name} index: ${index.name} dup key: { ${shown} }`,
        )
      }
    }
  }

  /** A read-only view pinned to the database as it is now (SQLite WAL snapshot on a second connection). */
  openSnapshot(): Snapshot {
    return new Snapshot(this.readers.pop() ?? new Database(this.file, { readonly: true }), this)
  }

  /** A snapshot's connection, done with: kept for the next one, since opening one costs more than a transaction's reads. */
  release(reader: Database.Database): void {
    if (this.readers.length < MAX_IDLE_READERS && this.db.open) this.readers.push(reader)
    else reader.close()
  }
}

/** Idle read connections kept for snapshots: about as many transactions as a crowd keeps open. */
const MAX_IDLE_READERS = 64

export function duplicateIdError(info: CollectionInfo, id: unknown): DbError {
  return new DbError(
    ErrorCode.DUPLICATE_WRITE,
    `E11000 duplicate key error collection: ${info.name} index: _id_ dup key: { _id: ${JSON.stringify(id)} }`,
  )
}

/** The values a field contributes to an index: each element of an array (an empty one as itself), null when missing. */
function keyElements(value: unknown): unknown[] {
  if (Array.isArray(value)) return value.length > 0 ? value : [[]]
  return [value ?? null]
}

/** Every key a document has in an index over `fields`: one per combination of their elements. */
function indexKeys(doc: Doc, fields: string[]): unknown[][] {
  return fields.reduce<unknown[][]>((keys, f) => keys.flatMap((k) => keyElements(getPath(doc, f)).map((e) => [...k, e])), [[]])
}

export function isPrimitive(v: unknown): v is Primitive {
  return v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean'
}

/**
 * A transaction's consistent view. A read transaction held open on its own connection keeps seeing
 * the WAL snapshot of its first read, whatever is committed afterwards.
 */
export class Snapshot {
  constructor(
    private readonly db: Database.Database,
    private readonly store: Store,
  ) {
    this.db.exec('BEGIN')
    this.db.prepare(`SELECT v FROM meta WHERE k = 'version'`).get()
  }

  get(info: CollectionInfo, id: unknown): StoredDoc | null {
    let row: Row | undefined
    try {
      row = this.db.prepare(`SELECT rid, body, version FROM ${ident(info.table)} WHERE id = ?`).get(idKey(id)) as Row | undefined
    } catch {
      // The collection was created after this snapshot: it is empty here.
      return null
    }
    if (!row) return null
    this.store.documentsRead++
    return { rid: row.rid, doc: loadEjson(row.body), version: row.version }
  }

  close(): void {
    if (this.db.inTransaction) this.db.exec('COMMIT')
    this.store.release(this.db)
  }
}
