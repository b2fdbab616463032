/**
 * The demo sign-in, the H5 transport and its storage stand-in exist only for the local host. Identity in the
 * mini-program comes from WeChat alone, so none of it may reach the weapp build.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs'
import { join, resolve } from 'node:path'

const weappDir = resolve(__dirname, '../../client/dist/weapp')

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
