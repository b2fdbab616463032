/**
 * Serves the H5 build as a CDN would: compressed (brotli, else gzip) for text files, hashed files
 * cached for a year, `index.html` revalidated on every visit so a new build is seen at once.
 */
import { createHash } from 'node:crypto'
import { existsSync, readFileSync, statSync } from 'node:fs'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { extname, join, normalize } from 'node:path'
import { brotliCompressSync, constants, gzipSync } from 'node:zlib'

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
}

/** Images and woff2 are compressed already; squeezing them again costs time and saves nothing. */
export const COMPRESSIBLE = new Set(['.html', '.js', '.css', '.json', '.svg', '.ttf'])

/** Taro's webpack names bundles `<name>.<8 hex>.js|css`: a changed file gets a new name, so the old one may be kept forever. */
const HASHED = /\.[0-9a-f]{8,}\.(js|css)$/

export const IMMUTABLE = 'public, max-age=31536000, immutable'
export const REVALIDATE = 'no-cache'

interface Prepared {
  mtimeMs: number
  identity: Buffer
  compressed: Partial<Record<'br' | 'gzip', Buffer>>
  etag: string
}

/** At build time (`scripts/compress-h5.ts`): the smallest files, however long it takes once. */
export function precompressed(body: Buffer): Record<'br' | 'gzip', Buffer> {
  return { br: brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }), gzip: gzipSync(body, { level: 9 }) }
}

/**
 * For a file the build did not pack (e.g. under `taro build --watch`): brotli at quality 6 comes
 * within a tenth of quality 11's size in a fiftieth of its time.
 */
const compressors = {
  br: (body: Buffer) => brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 6 } }),
  gzip: (body: Buffer) => gzipSync(body, { level: 6 }),
}

const suffixes = { br: '.br', gzip: '.gz' }

/** The build's packed copy, when it is at least as new as the file itself. */
function packedBeside(file: string, encoding: 'br' | 'gzip', mtimeMs: number): Buffer | undefined {
  const packed = file + suffixes[encoding]
  return existsSync(packed) && statSync(packed).mtimeMs >= mtimeMs ? readFileSync(packed) : undefined
}

type Encoding = 'br' | 'gzip' | 'identity'

/** The best encoding the browser accepts (`q=0` refuses one). */
export function chooseEncoding(acceptEncoding: string | undefined): Encoding {
  const accepted = new Map<string, number>()
  for (const part of (acceptEncoding ?? '').split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';')
    if (!name) continue
    const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find(Boolean)
    accepted.set(name, q === undefined ? 1 : Number(q))
  }
  const allows = (name: string) => (accepted.get(name) ?? accepted.get('*') ?? 0) > 0
  if (allows('br')) return 'br'
  if (allows('gzip')) return 'gzip'
  return 'identity'
}

export function staticFiles(h5Dir: string, missingBuildPage: () => string) {
  // Compressed once per build of a file (keyed by its mtime): the host serves the same few files all day.
  const prepared = new Map<string, Prepared>()

  function prepare(file: string): Prepared {
    const { mtimeMs } = statSync(file)
    const known = prepared.get(file)
    if (known?.mtimeMs === mtimeMs) return known
    const identity = readFileSync(file)
    const entry: Prepared = { mtimeMs, identity, compressed: {}, etag: `"${createHash('sha1').update(identity).digest('base64url')}"` }
    prepared.set(file, entry)
    return entry
  }

  return function serve(req: IncomingMessage, res: ServerResponse, pathname: string): void {
    const relative = normalize(decodeURIComponent(pathname)).replace(/^(\.\.[/\\])+/, '')
    let file = join(h5Dir, relative)
    if (!file.startsWith(h5Dir) || !existsSync(file) || statSync(file).isDirectory()) file = join(h5Dir, 'index.html')
    if (!existsSync(file)) {
      res.writeHead(503, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' })
      res.end(missingBuildPage())
      return
    }
    const entry = prepare(file)
    const headers: Record<string, string> = {
      'content-type': contentTypes[extname(file)] ?? 'application/octet-stream',
      'cache-control': HASHED.test(file) ? IMMUTABLE : REVALIDATE,
      etag: entry.etag,
      vary: 'Accept-Encoding',
    }
    if (req.headers['if-none-match'] === entry.etag) {
      res.writeHead(304, headers)
      res.end()
      return
    }
    const encoding = COMPRESSIBLE.has(extname(file)) ? chooseEncoding(req.headers['accept-encoding']) : 'identity'
    let body = entry.identity
    if (encoding !== 'identity') {
      body = entry.compressed[encoding] ??= packedBeside(file, encoding, entry.mtimeMs) ?? compressors[encoding](entry.identity)
      headers['content-encoding'] = encoding
    }
    res.writeHead(200, { ...headers, 'content-length': String(body.length) })
    res.end(req.method === 'HEAD' ? undefined : body)
  }
}
