/**
 * Runs pages of the built mini-program in miniprogram-simulate. Only the platform is stood in
 * for: the App/Page constructors, storage, and `wx.cloud.callFunction`, which goes over HTTP to
 * a local host the way CloudBase would run the function. Everything above that is the build.
 */
import path from 'node:path'
import simulate from 'miniprogram-simulate'

export const distRoot = path.resolve(__dirname, '../../../client/dist/weapp')

type Options = Record<string, unknown>
type Instance = Record<string, unknown> & { setData(data: Options, cb?: () => void): void }

interface Platform {
  /** Where the local host listens, and whom the bridge acts as. */
  hostUrl: string
  openid: string
}

let app: Options | undefined
/** WeChat's `onNeedPrivacyAuthorization` listeners: a test plays WeChat asking with one. */
let privacyListeners: ((resolve: (answer: unknown) => void) => void)[] = []
const pages: Instance[] = []
/** The route and query of the page being opened; WeChat sets `this.route` on a page before onLoad, and passes the query to it. */
let openingRoute = ''
let openingQuery: Record<string, string> = {}

/** Call once per test file, before `loadApp`. */
export function installPlatform(platform: Platform): void {
  const storage = new Map<string, unknown>()
  const wx = (globalThis as unknown as { wx: Options }).wx
  Object.assign(wx, {
    getStorageSync: (key: string) => (storage.has(key) ? storage.get(key) : ''),
    setStorageSync: (key: string, value: unknown) => void storage.set(key, value),
    onNeedPrivacyAuthorization: (listener: (resolve: (answer: unknown) => void) => void) => void privacyListeners.push(listener),
    cloud: {
      init() {},
      // The platform passes the caller's OPENID beside the event, never inside it.
      async callFunction({ name, data }: { name: string; data: unknown }) {
        const response = await fetch(`${platform.hostUrl}/api/${name}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-demo-openid': platform.openid },
          body: JSON.stringify(data),
        })
        return { result: await response.json(), requestID: 'local', errMsg: 'cloud.callFunction:ok' }
      },
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

/** Requires the built app.js, as WeChat does before any page. */
export function loadApp(): void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the built file, found at run time
  require(path.join(distRoot, 'app.js'))
  ;(app?.onLaunch as ((o: Options) => void) | undefined)?.call(app, { path: 'pages/home/index', query: {} })
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
