/** Reads `database/collections.json`, the one source of collections and indexes for the stand-in and for deploys. */
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'

export type IndexDirection = 1 | -1 | '2dsphere'

export interface IndexSpec {
  name: string
  keys: Record<string, IndexDirection>
  unique?: boolean
}

export interface Manifest {
  collections: Record<string, { indexes: IndexSpec[] }>
}

/** CloudBase collection names: letters, digits, `_` and `-`. Also keeps SQL identifiers safe. */
export const COLLECTION_NAME = /^[A-Za-z0-9_-]{1,128}$/

export const MANIFEST_PATH = resolve(__dirname, 'collections.json')

export function loadManifest(path: string = MANIFEST_PATH): Manifest {
  const raw = JSON.parse(readFileSync(path, 'utf8')) as { collections?: unknown }
  if (!raw.collections || typeof raw.collections !== 'object') {
    throw new Error(`${path}: "collections" must be an object`)
  }
  const collections: Manifest['collections'] = {}
  for (const [name, value] of Object.entries(raw.collections as Record<string, { indexes?: unknown }>)) {
    if (!COLLECTION_NAME.test(name)) throw new Error(`${path}: invalid collection name "${name}"`)
    const indexes = Array.isArray(value.indexes) ? (value.indexes as IndexSpec[]) : []
    for (const index of indexes) validateIndex(path, name, index)
    collections[name] = { indexes }
  }
  return { collections }
}

function validateIndex(path: string, collection: string, index: IndexSpec): void {
  const where = `${path}: ${collection}.${String(index?.name)}`
  if (typeof index?.name !== 'string' || !/^[A-Za-z0-9_-]+$/.test(index.name)) throw new Error(`${where}: invalid index name`)
  const entries = Object.entries(index.keys ?? {})
  if (entries.length === 0) throw new Error(`${where}: no keys`)
  for (const [field, dir] of entries) {
    if (!/^[A-Za-z0-9_]+(\.[A-Za-z0-9_]+)*$/.test(field)) throw new Error(`${where}: invalid field "${field}"`)
    if (dir !== 1 && dir !== -1 && dir !== '2dsphere') throw new Error(`${where}: key "${field}" must be 1, -1 or "2dsphere"`)
  }
  if (index.unique && entries.some(([, dir]) => dir === '2dsphere')) throw new Error(`${where}: a 2dsphere index cannot be unique`)
}

/** The field of each 2dsphere index, by index name. */
export function geoFields(indexes: IndexSpec[]): { name: string; field: string }[] {
  const out: { name: string; field: string }[] = []
  for (const index of indexes) {
    for (const [field, dir] of Object.entries(index.keys)) if (dir === '2dsphere') out.push({ name: index.name, field })
  }
  return out
}
