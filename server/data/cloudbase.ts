/**
 * The only module that imports @cloudbase/node-sdk. In production the runtime supplies the
 * environment; locally the host and the tests point the same init at the stand-in through
 * environment variables (see local/standin), so this code never branches on where it runs.
 */
import tcb from '@cloudbase/node-sdk'

type App = ReturnType<typeof tcb.init>
export type Database = ReturnType<App['database']>

let app: App | undefined

export function cloudbase(): App {
  app ??= tcb.init({ env: tcb.SYMBOL_CURRENT_ENV })
  return app
}

export function database(): Database {
  return cloudbase().database()
}

/** Who is calling, as the platform says: never read from the request body. */
export interface PlatformCaller {
  openid: string | null
  appid: string | null
  /** What the platform says started the call (TCB_SOURCE: `wx_client` for a mini-program's callFunction). */
  source: string | null
  /**
   * CloudBase's user id for a call from the web (TCB_UUID: an anonymous sign-in's, kept by the browser), with no
   * openid: someone outside WeChat, who may only call what the permission table opens to `anyone`.
   */
  visitor: string | null
}

/**
 * Reads the caller from the function's context (and the process environment the runtime fills).
 * Call it synchronously at the top of `main`: the runtime replaces the environment per call.
 */
export function callerFromContext(context: unknown): PlatformCaller {
  const env = platformEnvironment(context)
  const openid = typeof env.WX_OPENID === 'string' && env.WX_OPENID !== '' ? env.WX_OPENID : null
  const appid = typeof env.WX_APPID === 'string' && env.WX_APPID !== '' ? env.WX_APPID : null
  const source = typeof env.TCB_SOURCE === 'string' && env.TCB_SOURCE !== '' ? env.TCB_SOURCE : null
  const visitor = typeof env.TCB_UUID === 'string' && env.TCB_UUID !== '' ? env.TCB_UUID : null
  return { openid, appid, source, visitor }
}

function platformEnvironment(context: unknown) {
  const hasContext = typeof context === 'object' && context !== null && Object.keys(context).length > 0
  return tcb.getCloudbaseContext(hasContext ? (context as Parameters<typeof tcb.getCloudbaseContext>[0]) : undefined)
}

/** What started this call as the platform says (SCF's TRIGGER_SRC: `timer` for a timer trigger). Same rules as above. */
export function triggerSourceFromContext(context: unknown): string | null {
  const source = platformEnvironment(context).TRIGGER_SRC
  return typeof source === 'string' && source !== '' ? source : null
}

/**
 * Reads every page of a query: CloudBase answers at most 1000 documents a request. `_id` is added as
 * the last sort key: documents tied on the query's own order could otherwise come in another order
 * on the next page, and be read twice or never.
 */
export async function readAll<T>(
  query: { orderBy(field: '_id', direction: 'asc'): { skip(n: number): { limit(n: number): { get(): Promise<{ data: unknown[] }> } } } },
  pageSize = 1000,
): Promise<T[]> {
  const all: T[] = []
  const ordered = query.orderBy('_id', 'asc')
  for (let offset = 0; ; offset += pageSize) {
    const { data } = await ordered.skip(offset).limit(pageSize).get()
    all.push(...(data as T[]))
    if (data.length < pageSize) return all
  }
}

/** CloudBase answers at most this many documents a request. */
const MAX_PER_REQUEST = 1000

/** `values` without repeats, read 1000 at a time (CloudBase's most per request) all at once. */
async function inChunks(values: string[], read: (chunk: string[]) => Promise<{ data: unknown[] }>): Promise<unknown[]> {
  const unique = [...new Set(values)]
  const pages = []
  for (let i = 0; i < unique.length; i += MAX_PER_REQUEST) pages.push(read(unique.slice(i, i + MAX_PER_REQUEST)))
  return (await Promise.all(pages)).flatMap(({ data }) => data)
}

/**
 * The documents of `collection` whose `field` is one of `values`, raw, in as few requests as
 * CloudBase allows: one per 1000 distinct values, so a long list is never silently cut.
 */
export async function documentsWhereIn(collection: string, field: string, values: string[]): Promise<unknown[]> {
  const db = database()
  return inChunks(values, (chunk) =>
    db
      .collection(collection)
      .where({ [field]: db.command.in(chunk) })
      .limit(chunk.length)
      .get(),
  )
}

/** Another collection's documents whose `foreignField` equals this document's `localField`, put in `as`. */
export interface Join {
  from: string
  localField: string
  foreignField: string
  as: string
}

/**
 * As `documentsWhereIn`, each document with the documents `joins` name, in the same round trip: an
 * aggregation of $match and $lookup (localField/foreignField), which CloudBase serves from the
 * foreign collection's index as a query would.
 */
export async function documentsWhereInJoined(collection: string, field: string, values: string[], joins: Join[]): Promise<unknown[]> {
  const db = database()
  return inChunks(values, (chunk) => {
    let pipeline = db
      .collection(collection)
      .aggregate()
      .match({ [field]: db.command.in(chunk) })
    for (const join of joins) pipeline = pipeline.lookup(join)
    return pipeline.limit(chunk.length).end()
  })
}

/** A query value matching text that contains `text` literally (no pattern of the caller's own). */
export function containing(text: string) {
  return database().RegExp({ regexp: text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), options: '' })
}
