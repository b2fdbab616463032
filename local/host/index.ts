/**
 * The local host: one Node process that runs the database stand-in, serves the H5 build, and
 * answers POST /api/<function> by calling that function's `main` with the signed-in demo
 * person as the platform context (or, with nobody signed in, the browser as an anonymous visitor)
 * — the way CloudBase calls it in production.
 */
import { randomUUID } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import { join, resolve } from 'node:path'
import { contracts, type FunctionName } from '../../shared/contracts'
import { moveClockSchema } from '../../shared/contracts/local-clock'
import { iso } from '../../shared/domain/time'
import { ErrorCode } from '../../shared/errors'
import { useClock } from '../../server/clock'
import { invalidInput } from '../../server/handler'
import type { OutboxDoc } from '../../server/data/documents'
import { photosAwaitingVerdict } from '../../server/data/photos'
import { runDueWork } from '../../server/scheduler/run'
import { allPeople } from '../../server/data/people'
import { allRoles } from '../../server/data/roles'
import { communitiesByIds, officesByIds, organisationsByIds } from '../../server/data/places'
import { ManualClock } from '../clock'
import { latestOutboxMessages } from '../outbox'
import type { Served } from '../storage'
import { useLocalReplacements } from '../replacements'
import { startStandin } from '../standin'
import { isDatabaseEmpty, seedDemoData } from '../seed/seed'
import { apiListing } from './api-listing'
import { localCheckInSecret } from './check-in-secret'
import { staticFiles } from './static-files'
import { functionMains } from './functions'
import { mediaCheckPush, messagePushContext, platformContext, visitorContext } from './platform-context'
import { localStorage, MAX_UPLOAD_BYTES, storageDir, uploadExtension } from './storage'
import { missingBuildPage, outboxPage, signInPage, type SignInEntry } from './pages'

const repoRoot = resolve(__dirname, '../..')

/** CloudBase refuses callFunction bodies over about 100 KB; so does the local host. */
const MAX_BODY_BYTES = 100 * 1024
const IDENTITY_COOKIE = 'lsw_openid'
/** A browser nobody signed in on: its anonymous visitor id. */
const VISITOR_COOKIE = 'lsw_visitor'
/** CloudBase runs the scheduler function every minute; locally the same work runs this often. */
const DUE_WORK_INTERVAL_MS = 30_000
export const DEMO_IDENTITY_HEADER = 'x-demo-openid'

export interface LocalHostOptions {
  /** Folder for the database; created and seeded with the demo when empty. */
  dataDir: string
  port?: number
  h5Dir?: string
  /** Where the clock starts (and so the demo data's dates, on a fresh folder); default the real time. */
  startAt?: Date
}

export interface LocalHost {
  url: string
  close(): Promise<void>
}

function send(res: ServerResponse, status: number, type: string, body: string | Buffer, headers: Record<string, string> = {}) {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', ...headers })
  res.end(body)
}

/** As many as one query answers (CloudBase's limit): enough for a test or a look after a session. */
const OUTBOX_JSON_LIMIT = 1000

/**
 * One recorded message, newest first: what went to WeChat (a subscribe message's page and keyword
 * data) or to Tencent SMS (TemplateParamSet and PhoneNumberSet), as sent, and what it answered.
 */
const outboxEntry = (m: OutboxDoc) => ({
  at: iso(m.createdAt),
  channel: m.channel,
  toOpenid: m.toOpenid,
  toPhone: m.toPhone,
  template: m.template,
  ...m.payload,
  result: m.result,
})

const sendJson = (res: ServerResponse, status: number, value: unknown, headers: Record<string, string> = {}) =>
  send(res, status, 'application/json; charset=utf-8', JSON.stringify(value), headers)

/** The whole body, or null when it is over `limit` bytes (read to the end all the same, so the answer reaches the caller). */
function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<Buffer | null> {
  return new Promise((resolveBody, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size <= limit) chunks.push(chunk)
    })
    req.on('end', () => resolveBody(size > limit ? null : Buffer.concat(chunks)))
    req.on('error', reject)
  })
}

function cookieValue(req: IncomingMessage, cookie: string): string | null {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=')
    if (name === cookie) return decodeURIComponent(value.join('=')) || null
  }
  return null
}

const cookieOpenid = (req: IncomingMessage) => cookieValue(req, IDENTITY_COOKIE)

function callerOpenid(req: IncomingMessage): string | null {
  const header = req.headers[DEMO_IDENTITY_HEADER]
  return (typeof header === 'string' && header) || cookieOpenid(req)
}

/** The JSON body, or undefined after answering why there is none to read. */
async function readJson(req: IncomingMessage, res: ServerResponse): Promise<{ value: unknown } | undefined> {
  const body = await readBody(req)
  if (body === null) {
    sendJson(res, 413, { ok: false, error: { code: ErrorCode.INVALID_INPUT, message: '请求内容过大' } })
    return undefined
  }
  try {
    return { value: JSON.parse(body.toString('utf8') || '{}') }
  } catch {
    sendJson(res, 400, { ok: false, error: { code: ErrorCode.INVALID_INPUT, message: '请求不是合法的 JSON' } })
    return undefined
  }
}

async function callFunction(req: IncomingMessage, res: ServerResponse, name: string) {
  if (!Object.hasOwn(contracts, name)) {
    return sendJson(res, 404, { ok: false, error: { code: ErrorCode.UNKNOWN_ACTION, message: `没有 ${name} 这个云函数` } })
  }
  // callFunction sends JSON; a form or text body is refused rather than read as if it were.
  if (!/^application\/json\s*(;|$)/i.test(req.headers['content-type'] ?? '')) {
    return sendJson(res, 415, {
      ok: false,
      error: { code: ErrorCode.INVALID_INPUT, message: '请求内容须为 JSON（content-type: application/json）' },
    })
  }
  const event = await readJson(req, res)
  if (!event) return
  const openid = callerOpenid(req)
  // Nobody signed in: a visitor, as CloudBase's web SDK signs a browser in anonymously and keeps its id (decision 047).
  const known = cookieValue(req, VISITOR_COOKIE)
  const visitor = openid ? null : (known ?? randomUUID())
  const context = visitor ? visitorContext(name, visitor) : platformContext(name, openid)
  const result = await functionMains[name as FunctionName](event.value, context)
  await passWaitingPhotos()
  sendJson(res, 200, result, visitor && !known ? { 'set-cookie': `${VISITOR_COOKIE}=${visitor}; Path=/; HttpOnly; SameSite=Lax` } : {})
}

/**
 * `GET /local/clock` reads the clock the functions, the stand-in and the due work share;
 * `POST` moves it for all of them and runs the due work at the new moment before answering it.
 */
async function handleClock(req: IncomingMessage, res: ServerResponse, clock: ManualClock, runDue: () => Promise<unknown>) {
  if (req.method === 'POST') {
    const body = await readJson(req, res)
    if (!body) return
    const move = moveClockSchema.safeParse(body.value)
    if (!move.success) return sendJson(res, 400, { ok: false, error: invalidInput(move.error).toBody() })
    if (move.data.set !== undefined) clock.set(new Date(move.data.set))
    else clock.advance(move.data.advanceMinutes! * 60_000)
    await runDue()
  }
  sendJson(res, 200, { now: clock.now().toISOString() })
}

/**
 * WeChat's part in the demo: every photo waiting for its check is passed, through the same message
 * push WeChat would send, before the call that posted it answers. The tests deliver their own verdicts.
 */
async function passWaitingPhotos() {
  for (const photo of await photosAwaitingVerdict(100)) {
    await functionMains.community(mediaCheckPush(photo.traceId!, 'pass'), messagePushContext('community'))
  }
}

const refuseUpload = (res: ServerResponse, status: number, message: string) =>
  sendJson(res, status, { ok: false, error: { code: ErrorCode.INVALID_INPUT, message } })

/** `POST /local/storage` with the raw photo or sheet as its body: what `wx.cloud.uploadFile` does on the phone. */
async function uploadFile(req: IncomingMessage, res: ServerResponse, storage: ReturnType<typeof localStorage>) {
  const ext = uploadExtension(req.headers['content-type'])
  const body = await readBody(req, MAX_UPLOAD_BYTES)
  if (!ext) return refuseUpload(res, 415, '只能上传 JPEG、PNG 或 WebP 格式的照片，或 Excel 表格（.xlsx）')
  if (body === null) return refuseUpload(res, 413, '文件不能超过 5 MB')
  if (body.length === 0) return refuseUpload(res, 400, '没有收到文件')
  sendJson(res, 200, { fileID: storage.save(ext, body) })
}

/** A stored file, only through a link a function made that has not expired (as CloudBase serves a temporary link). */
function serveStored(res: ServerResponse, served: Served) {
  if (served.status === 200) return send(res, 200, served.type, served.body)
  const message = served.status === 403 ? '链接无效或已过期，请回到页面重新打开' : '没有这个文件'
  sendJson(res, served.status, { ok: false, error: { code: served.status === 403 ? ErrorCode.FORBIDDEN : ErrorCode.NOT_FOUND, message } })
}

async function signInEntries(): Promise<SignInEntry[]> {
  const [people, roles] = await Promise.all([allPeople(), allRoles()])
  const [communities, organisations, offices] = await Promise.all([
    communitiesByIds([...people.map((p) => p.communityId), ...roles.map((r) => r.communityId)].filter((id): id is string => !!id)),
    organisationsByIds(roles.flatMap((r) => (r.organisationId ? [r.organisationId] : []))),
    officesByIds(roles.flatMap((r) => (r.officeId ? [r.officeId] : []))),
  ])
  const scopeNames = new Map<string, string>()
  for (const [id, doc] of [...communities, ...organisations, ...offices]) scopeNames.set(id, doc.name)
  return people.map((person) => ({
    person,
    roles: roles.filter((r) => r.openid === person.openid),
    communityName: (person.communityId && communities.get(person.communityId)?.name) || '',
    scopeNames,
  }))
}

async function handleSignIn(req: IncomingMessage, res: ServerResponse, clock: ManualClock) {
  if (req.method === 'POST') {
    const form = new URLSearchParams((await readBody(req))?.toString('utf8') ?? '')
    // Someone opening the mini-program for the first time: an openid nobody has, as WeChat would give.
    const openid = form.get('fresh') ? `o-new-${randomUUID()}` : (form.get('openid') ?? '')
    return send(res, 303, 'text/plain; charset=utf-8', '', {
      location: '/',
      'set-cookie': `${IDENTITY_COOKIE}=${encodeURIComponent(openid)}; Path=/; HttpOnly; SameSite=Lax`,
    })
  }
  send(res, 200, 'text/html; charset=utf-8', signInPage(await signInEntries(), cookieOpenid(req), clock.now().getFullYear()))
}

export async function startLocalHost(options: LocalHostOptions): Promise<LocalHost> {
  // One clock for the functions, the stand-in's serverDate, the due work and the seed.
  const clock = new ManualClock()
  if (options.startAt) clock.set(options.startAt)
  useClock(clock)
  const standin = await startStandin({ dataDir: join(options.dataDir, 'db'), clock })
  // The functions run in this process: point their SDK at the stand-in, and plug in the outbox for WeChat and the storage folder for CloudBase storage.
  Object.assign(process.env, standin.functionEnv, localCheckInSecret(options.dataDir))
  useLocalReplacements(storageDir(options.dataDir))
  if (await isDatabaseEmpty()) await seedDemoData()

  const serveH5 = staticFiles(resolve(options.h5Dir ?? join(repoRoot, 'client/dist/h5')), missingBuildPage)
  const storage = localStorage(options.dataDir)
  // The scheduler function's work, which production runs from its timer trigger (not client-callable);
  // one run at a time, so a run after a clock move never overlaps the timer's.
  let dueWork: Promise<unknown> = Promise.resolve()
  const runDue = () =>
    (dueWork = dueWork.then(() => runDueWork(clock.now())).catch((error) => console.error('[local host] scheduled work', error)))
  const server = createServer((req, res) => {
    const { pathname, searchParams } = new URL(req.url ?? '/', 'http://localhost')
    const route = async () => {
      const api = /^\/api\/([a-z][a-zA-Z]*)$/.exec(pathname)
      if (api && req.method === 'POST') return callFunction(req, res, api[1])
      if (api) {
        return sendJson(
          res,
          405,
          { ok: false, error: { code: ErrorCode.UNKNOWN_ACTION, message: '云函数只接受 POST 调用' } },
          { allow: 'POST' },
        )
      }
      if (pathname === '/api') return sendJson(res, 200, apiListing())
      if (pathname === '/local/sign-in') return handleSignIn(req, res, clock)
      if (pathname === '/local/clock') return handleClock(req, res, clock, runDue)
      if (pathname === '/local/sign-out') {
        return send(res, 303, 'text/plain', '', { location: '/local/sign-in', 'set-cookie': `${IDENTITY_COOKIE}=; Path=/; Max-Age=0` })
      }
      if (pathname === '/local/storage' && req.method === 'POST') return uploadFile(req, res, storage)
      const stored = /^\/local\/storage\/([^/]+)$/.exec(pathname)
      if (stored) return serveStored(res, storage.serve(stored[1], searchParams, clock.now()))
      if (pathname === '/local/outbox') return send(res, 200, 'text/html; charset=utf-8', outboxPage(await latestOutboxMessages(100)))
      if (pathname === '/local/outbox.json')
        return sendJson(res, 200, { messages: (await latestOutboxMessages(OUTBOX_JSON_LIMIT)).map(outboxEntry) })
      serveH5(req, res, pathname)
    }
    route().catch((error) => {
      console.error('[local host]', error)
      if (!res.headersSent) sendJson(res, 500, { ok: false, error: { code: ErrorCode.INTERNAL, message: '本地服务出错' } })
    })
  })
  await new Promise<void>((listening) => server.listen(options.port ?? 0, '127.0.0.1', listening))
  const timer = setInterval(() => void runDue(), DUE_WORK_INTERVAL_MS)
  const address = server.address()
  const port = typeof address === 'object' && address ? address.port : 0
  return {
    url: `http://127.0.0.1:${port}`,
    async close() {
      clearInterval(timer)
      await dueWork
      await new Promise<void>((closed) => server.close(() => closed()))
      await standin.close()
    },
  }
}
