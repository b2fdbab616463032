/**
 * The CLI as a separate process: committed writes survive `kill -9`, and its printed env is all a
 * function process needs.
 */
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process'
import { rmSync } from 'node:fs'
import { resolve } from 'node:path'
import tcb from '@cloudbase/node-sdk'
import { tempDir } from './helpers'

const REPO = resolve(__dirname, '../..')

interface Running {
  child: ChildProcessWithoutNullStreams
  url: string
  env: Record<string, string>
}

/**
 * Starts local/standin/main.ts and reads the JSON line it prints first. `node --import tsx` keeps it
 * one process (the tsx CLI would run it in a child), so SIGKILL hits the process holding the database.
 */
function startCli(dataDir: string): Promise<Running> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'local/standin/main.ts', '--data', dataDir, '--port', '0'], { cwd: REPO })
  return new Promise((ok, fail) => {
    let out = ''
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString()
      const line = out.split('\n').find((l) => l.startsWith('{'))
      if (line) {
        const { url, env } = JSON.parse(line) as { url: string; env: Record<string, string> }
        ok({ child, url, env })
      }
    })
    child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()))
    child.on('exit', (code) => fail(new Error(`stand-in exited with ${code}: ${out}`)))
  })
}

function killHard(child: ChildProcessWithoutNullStreams): Promise<void> {
  return new Promise((ok) => {
    child.on('exit', () => {
      child.stdout.destroy()
      child.stderr.destroy()
      ok()
    })
    child.kill('SIGKILL')
  })
}

function database(env: Record<string, string>) {
  Object.assign(process.env, env)
  return tcb.init({ env: tcb.SYMBOL_CURRENT_ENV }).database()
}

let dataDir: string
let running: Running | undefined

beforeEach(() => {
  dataDir = tempDir()
})
afterEach(async () => {
  if (running) await killHard(running.child)
  running = undefined
  rmSync(dataDir, { recursive: true, force: true })
})

it('keeps committed writes across kill -9 and restart', async () => {
  running = await startCli(dataDir)
  let db = database(running.env)
  await db.collection('people').add({ _id: 'p1', openid: 'o1', at: new Date('2025-05-05T05:05:05Z') })
  await db.collection('people').add(Array.from({ length: 50 }, (_, i) => ({ openid: `bulk${i}` })))
  await db
    .collection('people')
    .doc('p1')
    .update({ visits: db.command.inc(3) })
  const t = await db.startTransaction()
  await t
    .collection('people')
    .doc('p1')
    .update({ visits: db.command.inc(10) })
  await t.commit()
  await db
    .collection('people')
    .doc('p1')
    .update({ visits: db.command.inc(100) })

  await killHard(running.child)
  running = await startCli(dataDir)
  db = database(running.env)

  const [p1] = (await db.collection('people').doc('p1').get()).data
  expect(p1).toEqual({ _id: 'p1', openid: 'o1', at: new Date('2025-05-05T05:05:05Z'), visits: 113 })
  expect((await db.collection('people').count()).total).toBe(51)
  // Indexes still hold after the restart.
  await expect(db.collection('people').add({ openid: 'o1' })).rejects.toMatchObject({ code: 'DATABASE_DUPLICATE_WRITE' })
}, 60_000)

it('without the env id the request is refused as CloudBase refuses it', async () => {
  running = await startCli(dataDir)
  const { SCF_NAMESPACE: _omitted, ...withoutEnv } = running.env
  delete process.env.SCF_NAMESPACE
  const db = database(withoutEnv)
  await expect(db.collection('people').get()).rejects.toMatchObject({ code: 'INVALID_ENV' })
}, 60_000)
