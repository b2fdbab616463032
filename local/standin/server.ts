/**
 * The HTTP face: the SDK POSTs a JSON body to `<URL>?env=…&seqId=…` and reads a JSON reply with
 * status 200; a reply carrying `code` is thrown by the SDK as an error. The TC3 signature in the
 * Authorization header is not checked: nothing here is reachable from outside 127.0.0.1.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { setTimeout as pause } from 'node:timers/promises'
import { type ActionContext, handle } from './actions'
import { DbError, type DbRequest, ErrorCode, newRequestId } from './protocol'

/** CloudBase refuses request bodies above a few MB; this guards the stand-in's memory. */
const MAX_BODY_BYTES = 16 * 1024 * 1024

/** `latencyMs` is read per request: half of it passes before the request is handled, half before the reply. */
export function createStandinServer(ctx: ActionContext, latencyMs: () => number): Server {
  return createServer((req, res) => {
    if (req.method !== 'POST') {
      send(res, { ok: true, service: 'cloudbase-database-standin', documentsRead: ctx.store.documentsRead })
      return
    }
    const half = latencyMs() / 2
    readBody(req)
      .then(async (body) => {
        if (half > 0) await pause(half)
        const reply = answer(ctx, body)
        if (half > 0) await pause(half)
        send(res, reply)
      })
      .catch((e: Error) => send(res, { code: ErrorCode.INVALID_PARAM, message: e.message, requestId: newRequestId() }))
  })
}

function answer(ctx: ActionContext, body: string): Record<string, unknown> {
  const requestId = newRequestId()
  try {
    const request = JSON.parse(body) as DbRequest
    if (typeof request?.action !== 'string') throw new DbError(ErrorCode.INVALID_PARAM, 'action is required')
    // CloudBase answers INVALID_ENV when no env id arrives, e.g. SYMBOL_CURRENT_ENV without the runtime's env vars.
    if (!request.envName) throw new DbError(ErrorCode.INVALID_ENV, 'no env id in the request: is SCF_NAMESPACE set (see functionEnv)?')
    return { requestId, ...handle(ctx, request) }
  } catch (e) {
    if (e instanceof DbError) return { code: e.code, message: e.message, requestId }
    if (e instanceof SyntaxError) return { code: ErrorCode.INVALID_PARAM, message: `request body is not JSON: ${e.message}`, requestId }
    return { code: 'SYS_ERR', message: (e as Error).stack ?? String(e), requestId }
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > MAX_BODY_BYTES) {
        reject(new Error('request body too large'))
        req.destroy()
        return
      }
      chunks.push(chunk)
    })
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    req.on('error', reject)
  })
}

function send(res: ServerResponse, body: Record<string, unknown>): void {
  const text = JSON.stringify(body)
  res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) })
  res.end(text)
}
