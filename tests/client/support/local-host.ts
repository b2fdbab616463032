/**
 * A local host of its own for one test file, on a fresh copy of the demo data.
 *
 * It runs in a child Node process, as the functions run apart from the client in production:
 * inside jest's jsdom realm the server SDKs take the browser code paths (XMLHttpRequest, the
 * `browser` export condition) and fail.
 */
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { pathToFileURL } from 'node:url'

export interface TestHost {
  url: string
  close(): Promise<void>
}

export async function startTestHost(): Promise<TestHost> {
  const dataDir = mkdtempSync(join(tmpdir(), 'lsw-host-'))
  const child = spawn(
    process.execPath,
    ['--import', pathToFileURL(createRequire(__filename).resolve('tsx')).href, join(__dirname, 'run-local-host.ts'), dataDir],
    { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, TZ: 'Asia/Shanghai' } },
  )
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  const url = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the local host exited with code ${code}`)))
    createInterface({ input: child.stdout! }).once('line', (line) => resolve((JSON.parse(line) as { url: string }).url))
  })
  return {
    url,
    async close() {
      child.kill('SIGTERM')
      await exited
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}
