/**
 * The demo sign-in, the H5 transport and its storage stand-in exist only for the local host. Identity in the
 * mini-program comes from WeChat alone, so none of it may reach the weapp build. Nor may the local
 * replacements (local/: the outbox's word list for WeChat's content check, the storage folder) reach
 * the functions' bundles: there, WeChat and CloudBase storage are all there is.
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs'
import { join, resolve } from 'node:path'

const weappDir = resolve(__dirname, '../../client/dist/weapp')
const functionsDir = resolve(__dirname, '../../cloudfunctions')

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry)
    return statSync(path).isDirectory() ? filesUnder(path) : [path]
  })
}

describe('the weapp build', () => {
  const sources = filesUnder(weappDir)
    .filter((file) => /\.(js|json|wxml)$/.test(file))
    .map((file) => ({ file, text: readFileSync(file, 'utf8') }))

  it('was built', () => {
    expect(sources.some(({ file }) => file.endsWith('app.js'))).toBe(true)
  })

  it.each(['/local/sign-in', '/local/storage', 'x-demo-openid', '切换演示身份', '/api/'])('contains no trace of %s', (marker) => {
    expect(sources.filter(({ text }) => text.toLowerCase().includes(marker.toLowerCase())).map(({ file }) => file)).toEqual([])
  })
})

describe("the functions' bundles", () => {
  const bundles = readdirSync(functionsDir)
    .map((name) => join(functionsDir, name, 'index.js'))
    .filter((file) => existsSync(file))
    .map((file) => ({ file, text: readFileSync(file, 'utf8') }))

  it('were built, one per function', () => {
    expect(bundles.map(({ file }) => file)).toContain(join(functionsDir, 'needs', 'index.js'))
  })

  // esbuild names each bundled module in a `// <path>` comment, and keeps the names in the code (its Chinese it escapes).
  it.each([
    '// local/',
    'cloud://local/',
    'flaggedWords',
    'recordInOutbox',
    'LINLI_WECHAT',
    'LINLI_STORAGE_DIR',
    'LINLI_OUTBOX_NO_CONSENT',
  ])('contain no trace of %s', (marker) => {
    expect(bundles.filter(({ text }) => text.includes(marker)).map(({ file }) => file)).toEqual([])
  })
})
