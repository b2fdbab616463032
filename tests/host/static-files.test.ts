import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs'
import { createServer, request, type Server } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { brotliDecompressSync, gunzipSync } from 'node:zlib'
import { chooseEncoding, IMMUTABLE, precompressed, REVALIDATE, staticFiles } from '../../local/host/static-files'

const bundle = 'const greeting = "邻里守望";\n'.repeat(400)
let server: Server
let base: string

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'linli-h5-'))
  mkdirSync(join(dir, 'js'))
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>邻里守望</title>')
  writeFileSync(join(dir, 'js', 'app.1a2b3c4d.js'), bundle)
  writeFileSync(join(dir, 'logo.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47]))
  writeFileSync(join(dir, 'js', 'vendor.5e6f7a8b.js'), bundle)
  const packed = precompressed(Buffer.from(bundle))
  writeFileSync(join(dir, 'js', 'vendor.5e6f7a8b.js.br'), packed.br)
  writeFileSync(join(dir, 'js', 'vendor.5e6f7a8b.js.gz'), packed.gzip)
  const serve = staticFiles(dir, () => 'no build')
  server = createServer((req, res) => serve(req, res, new URL(req.url ?? '/', 'http://x').pathname))
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready))
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`
})
afterAll(() => new Promise<void>((closed) => server.close(() => closed())))

function get(path: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }>((answer, fail) => {
    request(`${base}${path}`, { headers }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (chunk: Buffer) => chunks.push(chunk))
      res.on('end', () => answer({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }))
    })
      .on('error', fail)
      .end()
  })
}

describe('the local host serves the H5 build compressed and cached as a CDN would', () => {
  it('sends a hashed bundle brotli-compressed, cached for a year', async () => {
    const answer = await get('/js/app.1a2b3c4d.js', { 'accept-encoding': 'gzip, deflate, br' })
    expect(answer.headers['content-encoding']).toBe('br')
    expect(answer.headers['cache-control']).toBe(IMMUTABLE)
    expect(answer.headers.vary).toBe('Accept-Encoding')
    expect(answer.body.length).toBeLessThan(bundle.length / 10)
    expect(brotliDecompressSync(answer.body).toString()).toBe(bundle)
  })

  it('falls back to gzip, and to the plain file for a browser that accepts neither', async () => {
    const gzipped = await get('/js/app.1a2b3c4d.js', { 'accept-encoding': 'gzip' })
    expect(gzipped.headers['content-encoding']).toBe('gzip')
    expect(gunzipSync(gzipped.body).toString()).toBe(bundle)
    const plain = await get('/js/app.1a2b3c4d.js')
    expect(plain.headers['content-encoding']).toBeUndefined()
    expect(plain.body.toString()).toBe(bundle)
  })

  it('sends the copy the build packed, when there is one', async () => {
    const answer = await get('/js/vendor.5e6f7a8b.js', { 'accept-encoding': 'br' })
    expect(answer.body).toEqual(precompressed(Buffer.from(bundle)).br)
    expect(brotliDecompressSync(answer.body).toString()).toBe(bundle)
  })

  it('makes the browser ask again for index.html, for any route of the app, and answers 304 when unchanged', async () => {
    const first = await get('/pages/needs/new/index', { 'accept-encoding': 'br' })
    expect(first.headers['cache-control']).toBe(REVALIDATE)
    expect(brotliDecompressSync(first.body).toString()).toContain('<title>邻里守望</title>')
    const again = await get('/', { 'if-none-match': String(first.headers.etag) })
    expect(again.status).toBe(304)
    expect(again.body.length).toBe(0)
  })

  it('does not compress images again', async () => {
    const image = await get('/logo.png', { 'accept-encoding': 'br' })
    expect(image.headers['content-encoding']).toBeUndefined()
    expect(image.headers['content-type']).toBe('image/png')
  })

  it('honours q=0 in Accept-Encoding', () => {
    expect(chooseEncoding('br;q=0, gzip')).toBe('gzip')
    expect(chooseEncoding('*;q=0')).toBe('identity')
    expect(chooseEncoding('*')).toBe('br')
    expect(chooseEncoding(undefined)).toBe('identity')
  })
})
