/**
 * Runs pages of the built mini-program in miniprogram-simulate. Only the platform is stood in
 * for: the App/Page constructors, storage, `wx.cloud.callFunction`, which goes over HTTP to
 * a local host the way CloudBase would run the function, and the device and open APIs the
 * simulator lacks (./platform-apis.ts). Everything above that is the build.
 */
import path from 'node:path'
import simulate from 'miniprogram-simulate'
import { cloudStorageApis, forgetScopes, networkApis, platformApis } from './platform-apis'

export const distRoot = path.resolve(__dirname, '../../../client/dist/weapp')

type Options = Record<string, unknown>
type Instance = Record<string, unknown> & { setData(data: Options, cb?: () => void): void }

interface Platform {
  /** Where the local host listens, and whom the bridge acts as. */
  hostUrl: string
  openid: string
}

let app: Options | undefined
let platform: Platform
const storage = new Map<string, unknown>()
/** Function calls sent and not answered yet: a page has settled only when none is left. */
let callsInFlight = 0
/** WeChat's `onNeedPrivacyAuthorization` listeners: a test plays WeChat asking with one. */
let privacyListeners: ((resolve: (answer: unknown) => void) => void)[] = []
const pages: Instance[] = []
/** The route and query of the page being opened; WeChat sets `this.route` on a page before onLoad, and passes the query to it. */
let openingRoute = ''
let openingQuery: Record<string, string> = {}

/** Call once per test file, before `loadApp`. */
export function installPlatform(given: Platform): void {
  platform = { ...given }
  const wx = (globalThis as unknown as { wx: Options }).wx
  Object.assign(wx, platformApis(), networkApis(platform.hostUrl), {
    getStorageSync: (key: string) => (storage.has(key) ? storage.get(key) : ''),
    setStorageSync: (key: string, value: unknown) => void storage.set(key, value),
    onNeedPrivacyAuthorization: (listener: (resolve: (answer: unknown) => void) => void) => void privacyListeners.push(listener),
    cloud: {
      init() {},
      // The platform passes the caller's OPENID beside the event, never inside it.
      async callFunction({ name, data }: { name: string; data: unknown }) {
        callsInFlight++
        try {
          const response = await fetch(`${platform.hostUrl}/api/${name}`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'x-demo-openid': platform.openid },
            body: JSON.stringify(data),
          })
          return { result: await response.json(), requestID: 'local', errMsg: 'cloud.callFunction:ok' }
        } finally {
          callsInFlight--
        }
      },
      ...cloudStorageApis('local'),
    },
  })
  Object.assign(globalThis, {
    App: (options: Options) => {
      app = options
    },
    getApp: () => app,
    getCurrentPages: () => pages,
    // Taro's pages call Page(); simulate knows Component(). Lifecycles move under `lifetimes`.
    Page: (options: Options) => {
      const methods: Record<string, unknown> = {}
      for (const [key, value] of Object.entries(options)) if (typeof value === 'function') methods[key] = value
      ;(globalThis as unknown as { Component(o: Options): void }).Component({
        data: options.data ?? {},
        methods,
        lifetimes: {
          attached(this: Instance) {
            this.route = openingRoute
            pages.push(this)
            ;(this.onLoad as (query: Options) => void)(openingQuery)
            ;(this.onShow as () => void)()
            ;(this.onReady as () => void)()
          },
          // Leaving the page: WeChat unloads it, and Taro unmounts it (its timers stop).
          detached(this: Instance) {
            ;(this.onUnload as () => void)()
            pages.splice(pages.indexOf(this), 1)
          },
        },
      })
    },
  })
}

/** WeChat asking for privacy consent: each listener a page registered, to call with WeChat's `resolve`. */
export function privacyRequests(): ((resolve: (answer: unknown) => void) => void)[] {
  const listeners = privacyListeners
  privacyListeners = []
  return listeners
}

/**
 * Where taps lead: WeChat's navigateTo and switchTab, which the simulator does not have, recorded
 * in the order they were asked for.
 */
export function recordPageChanges(): { navigatedTo: string[]; switchedTo: string[] } {
  const changes = { navigatedTo: [] as string[], switchedTo: [] as string[] }
  const recorder =
    (into: string[], api: string) =>
    ({ url, success }: { url: string; success?(result: object): void }) => {
      into.push(url)
      success?.({ errMsg: `${api}:ok` })
    }
  Object.assign((globalThis as unknown as { wx: object }).wx, {
    navigateTo: recorder(changes.navigatedTo, 'navigateTo'),
    switchTab: recorder(changes.switchedTo, 'switchTab'),
  })
  return changes
}

/** Requires the built app.js, as WeChat does before any page. */
export function loadApp(): void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the built file, found at run time
  require(path.join(distRoot, 'app.js'))
  ;(app?.onLaunch as ((o: Options) => void) | undefined)?.call(app, { path: 'pages/home/index', query: {} })
}

/**
 * Someone else opens the mini-program afresh on a phone of their own: empty storage, the built
 * app and its pages required anew (the app loads the person once, at launch), calls made as them.
 */
export function restartAppAs(openid: string): void {
  platform.openid = openid
  storage.clear()
  forgetScopes()
  pages.length = 0
  privacyListeners = []
  jest.resetModules()
  // webpack's chunk list lives on `wx`: the fresh runtime must not find the old one's chunks there.
  delete (globalThis as unknown as { wx: Options }).wx.webpackJsonp
  loadApp()
}

/** Whether no function call is on its way. */
export function noCallsInFlight(): boolean {
  return callsInFlight === 0
}

/** Loads and attaches one page by its route, e.g. `pages/me/index`, with the query of its URL. */
export function openPage(route: string, query: Record<string, string> = {}) {
  const id = simulate.load(path.join(distRoot, route), { compiler: 'official', rootPath: distRoot })
  const page = simulate.render(id)
  openingRoute = route
  openingQuery = query
  page.attach(document.createElement('parent-wrapper'))
  return page
}

/** Waits until `check` passes: React renders and cloud calls settle asynchronously. */
export async function until<T>(
  check: () => T | undefined | null | false | Promise<T | undefined | null | false>,
  timeoutMs = 10000,
): Promise<T> {
  const start = Date.now()
  for (;;) {
    const value = await check()
    if (value) return value
    if (Date.now() - start > timeoutMs) throw new Error(`condition not met within ${timeoutMs} ms`)
    await simulate.sleep(20)
  }
}
