/**
 * Starts a stand-in on a fresh temp data dir and returns the real @cloudbase/node-sdk initialised as
 * a production function does it: tcb.init({ env: tcb.SYMBOL_CURRENT_ENV }) with only the stand-in's
 * functionEnv in process.env.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import tcb from '@cloudbase/node-sdk'
import { type Standin, type StandinOptions, startStandin } from '../../local/standin'

export type Db = ReturnType<ReturnType<typeof tcb.init>['database']>

export interface Harness {
  standin: Standin
  db: Db
  dataDir: string
  stop(): Promise<void>
}

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'standin-'))
}

/** Points the SDK at a stand-in through env vars only, as the function runner does. */
export function sdkFor(standin: Standin): Db {
  Object.assign(process.env, standin.functionEnv)
  return tcb.init({ env: tcb.SYMBOL_CURRENT_ENV }).database()
}

export async function startHarness(options: Partial<StandinOptions> = {}): Promise<Harness> {
  const dataDir = options.dataDir ?? tempDir()
  const standin = await startStandin({ ...options, dataDir })
  return {
    standin,
    db: sdkFor(standin),
    dataDir,
    async stop() {
      await standin.close()
      for (const key of Object.keys(standin.functionEnv)) delete process.env[key]
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

/** The error the SDK throws for an error reply. */
export async function errorOf(promise: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await promise
  } catch (e) {
    return e as { code: string; message: string }
  }
  throw new Error('expected the call to fail')
}
