/**
 * Local stand-in of the CloudBase document database. The product's cloud functions run unchanged
 * through the real @cloudbase/node-sdk, which POSTs its database actions here.
 *
 * A fresh `dataDir` is a fresh, empty database (with the manifest's collections and indexes);
 * reusing a `dataDir` keeps every committed write.
 */
import type { AddressInfo } from 'node:net'
import { loadManifest } from '../../database/manifest'
import { now, type Clock } from '../../server/clock'
import { createStandinServer } from './server'
import { type SavedState, Store } from './store'
import { TRANSACTION_TIMEOUT_MS, Transactions } from './transactions'

export interface StandinOptions {
  dataDir: string
  /** 0 = any free port. */
  port?: number
  /** Default 127.0.0.1. */
  host?: string
  /** Default <repo>/database/collections.json. */
  manifestPath?: string
  /** What `serverDate` reads; the local host and the tests pass the clock the functions use. Default: server/clock.ts's. */
  clock?: Clock
  /** Open transactions are aborted after this long; default 30 s. */
  transactionTimeoutMs?: number
  /**
   * Milliseconds each database round trip takes (half before the request is handled, half after),
   * so that contention shows as on CloudBase; default LINLI_STANDIN_LATENCY_MS, else 0.
   */
  latencyMs?: number
}

export interface Standin {
  url: string
  port: number
  close(): Promise<void>
  /** Env vars that make tcb.init({env: tcb.SYMBOL_CURRENT_ENV}) inside a function talk to this stand-in. */
  functionEnv: Record<string, string>
  /** Document bodies read since start (index effectiveness, e.g. for geo benchmarks). */
  stats(): { documentsRead: number }
  /** Changes the round-trip latency from now on (e.g. after seeding at full speed). */
  setLatency(ms: number): void
  /** The version of the last committed write: the same before and after a call, and the call wrote nothing. */
  committedVersion(): number
  /** Every document as it is now, for `restore`. */
  save(): SavedState
  /** Puts every document back as `save` found it: a test that writes gives the next one the same start, without seeding again. */
  restore(saved: SavedState): void
}

export type { SavedState }

/** The env id functions see as their own (SCF_NAMESPACE is what SYMBOL_CURRENT_ENV resolves to). */
export const STANDIN_ENV_ID = 'standin-local'

export async function startStandin(options: StandinOptions): Promise<Standin> {
  const store = new Store(options.dataDir, loadManifest(options.manifestPath))
  const clock: Clock = options.clock ?? { now }
  const transactions = new Transactions(store, options.transactionTimeoutMs ?? TRANSACTION_TIMEOUT_MS, () => clock.now())
  let latencyMs = options.latencyMs ?? latencyFromEnvironment()
  const server = createStandinServer({ store, transactions, now: () => clock.now() }, () => latencyMs)
  const host = options.host ?? '127.0.0.1'
  try {
    await new Promise<void>((ok, fail) => {
      server.once('error', fail)
      server.listen(options.port ?? 0, host, () => ok())
    })
  } catch (e) {
    store.close()
    throw e
  }
  const port = (server.address() as AddressInfo).port
  const url = `http://${host}:${port}/`
  return {
    url,
    port,
    functionEnv: functionEnv(url),
    stats: () => ({ documentsRead: store.documentsRead }),
    setLatency: (ms) => {
      latencyMs = ms
    },
    committedVersion: () => store.committedVersion(),
    save: () => store.save(),
    restore: (saved) => store.restore(saved),
    close: () =>
      new Promise<void>((ok, fail) => {
        transactions.closeAll()
        server.close((e) => {
          store.close()
          if (e) fail(e)
          else ok()
        })
        // The SDK keeps connections alive; don't wait for them to idle out.
        server.closeAllConnections()
      }),
  }
}

/** LINLI_STANDIN_LATENCY_MS: the round-trip latency every stand-in started without `latencyMs` has. */
export function latencyFromEnvironment(): number {
  const ms = Number(process.env.LINLI_STANDIN_LATENCY_MS ?? 0)
  if (!Number.isFinite(ms) || ms < 0)
    throw new Error(`LINLI_STANDIN_LATENCY_MS must be a number of milliseconds ≥ 0, not "${process.env.LINLI_STANDIN_LATENCY_MS}"`)
  return ms
}

/**
 * Read by @cloudbase/node-sdk on every request: TCB_CONTEXT_CNFG's `URL` replaces the CloudBase
 * endpoint (utils/tcbapiendpoint.ts buildUrl); a secret pair must exist for the request signer but
 * is never checked; SCF_NAMESPACE is the env id SYMBOL_CURRENT_ENV resolves to (getEnvIdFromContext).
 * TENCENTCLOUD=true skips the probe of metadata.tencentyun.com the SDK otherwise makes before every
 * request off-cloud (it never makes it in SCF either); the URL above still decides where requests go.
 */
export function functionEnv(url: string): Record<string, string> {
  return {
    TCB_CONTEXT_CNFG: JSON.stringify({ URL: url }),
    TENCENTCLOUD_SECRETID: 'standin-secret-id',
    TENCENTCLOUD_SECRETKEY: 'standin-secret-key',
    SCF_NAMESPACE: STANDIN_ENV_ID,
    TENCENTCLOUD: 'true',
  }
}
