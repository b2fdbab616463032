/**
 * Debian's Chromium driven by playwright-core (which downloads no browser), against the local
 * host on a fresh data dir: the same process `npm start` runs.
 */
import { mkdtempSync, mkdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { chromium, type Browser, type Page } from 'playwright-core'
import { startLocalHost, type LocalHost } from '../../local/host'
import type { MoveClock } from '../../shared/contracts/local-clock'
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a plain CommonJS script that npm test also runs
const { findChromium } = require('../../scripts/chromium')

export const screenshotDir = resolve(__dirname, '../../.tmp/screenshots')

export interface BrowserSession {
  host: LocalHost
  browser: Browser
  /**
   * A page on a 375 × 812 phone-sized viewport; any console error fails the test that reads `errors`.
   * Its clock is the host's (Playwright's clock, from the host's moment on), so both move together.
   */
  newPage(): Promise<{ page: Page; errors: string[] }>
  /** The host's moment now (`GET /local/clock`). */
  now(): Promise<Date>
  /**
   * Runs axe-core on the current state of every page opened since the last call (each test's
   * pages, once it ends): a serious or critical violation throws.
   */
  checkOpenedPages(): Promise<void>
  /** Moves the host's clock (`POST /local/clock`, which runs the due work) and every open page's with it; answers the new moment. */
  moveClocks(move: MoveClock): Promise<Date>
  close(): Promise<void>
}

/** `startAt`: the host's clock (and so the demo data's dates) starts there rather than at the real time. */
export async function startBrowserSession(options: { startAt?: Date } = {}): Promise<BrowserSession> {
  const dataDir = mkdtempSync(join(tmpdir(), 'linli-browser-'))
  const host = await startLocalHost({ dataDir, startAt: options.startAt })
  const executablePath = findChromium()
  if (!executablePath) throw new Error('no Chromium: run `node scripts/ensure-chromium.js` or set CHROMIUM_PATH')
  const browser = await chromium.launch({
    executablePath,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
    ],
  })
  mkdirSync(screenshotDir, { recursive: true })
  const pages: Page[] = []
  let opened: Page[] = []
  const now = async () => new Date(((await (await fetch(`${host.url}/local/clock`)).json()) as { now: string }).now)
  return {
    host,
    browser,
    now,
    async moveClocks(move) {
      const answer = await fetch(`${host.url}/local/clock`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(move),
      })
      if (!answer.ok) throw new Error(`the host did not move its clock: ${await answer.text()}`)
      const moved = new Date(((await answer.json()) as { now: string }).now)
      for (const page of pages.filter((p) => !p.isClosed())) {
        const behind = moved.getTime() - (await page.evaluate(() => Date.now()))
        // Forward fires the timers that fall due on the way, as time passing would.
        if (behind > 0) await page.clock.fastForward(behind)
        else await page.clock.setSystemTime(moved)
      }
      return moved
    },
    async checkOpenedPages() {
      const toCheck = opened.filter((p) => !p.isClosed())
      opened = []
      for (const page of toCheck) await checkAccessibility(page, { always: true })
    },
    async newPage() {
      const context = await browser.newContext({
        viewport: { width: 375, height: 812 },
        locale: 'zh-CN',
        // Not the users' zone on purpose: pages must show Shanghai time whatever zone the device is in.
        timezoneId: 'UTC',
      })
      await context.clock.install({ time: await now() })
      // axe-core in every document the page loads, ready for checkAccessibility.
      await context.addInitScript({ content: axeSource() })
      const page = await context.newPage()
      pages.push(page)
      opened.push(page)
      // Fail a step in seconds, so a broken page shows which step, not a test timeout.
      page.setDefaultTimeout(8000)
      const errors: string[] = []
      page.on('console', (message) => {
        if (message.type() === 'error') errors.push(message.text())
      })
      page.on('pageerror', (error) => errors.push(error.message))
      return { page, errors }
    },
    async close() {
      await browser.close()
      await host.close()
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

/**
 * The one way a browser test file gets its session: a host on a data dir of its own and a
 * Chromium, opened before the file's first test and closed after its last. `prepare` runs once
 * the host is up (extra data, a starting moment). Each test still sets up what it needs itself,
 * so any one of them passes when run alone.
 */
export function useBrowserSession(
  options: { startAt?: Date; prepare?: (session: BrowserSession) => Promise<void> } = {},
): () => BrowserSession {
  let session: BrowserSession | undefined
  beforeAll(async () => {
    session = await startBrowserSession({ startAt: options.startAt })
    await options.prepare?.(session)
  }, 60_000)
  // Whatever state each test leaves its pages in is checked too, not only the states the helpers pass through.
  afterEach(() => session?.checkOpenedPages(), 30_000)
  afterAll(() => session?.close())
  return () => {
    if (!session) throw new Error('the browser session opens in beforeAll: call this inside a test')
    return session
  }
}

/** WCAG contrast ratio of an element's text against the first opaque background behind it. */
export function contrastRatioOf(page: Page, selector: string): Promise<number> {
  return page.$eval(selector, (element) => {
    const parse = (colour: string) => (colour.match(/[\d.]+/g) ?? []).map(Number)
    const luminance = ([r, g, b]: number[]) => {
      const channel = (v: number) => {
        const s = v / 255
        return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4
      }
      return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)
    }
    let background = [255, 255, 255]
    for (let node: Element | null = element; node; node = node.parentElement) {
      const rgba = parse(getComputedStyle(node).backgroundColor)
      if (rgba.length === 3 || (rgba.length === 4 && rgba[3] === 1)) {
        background = rgba.slice(0, 3)
        break
      }
    }
    const text = luminance(parse(getComputedStyle(element).color))
    const back = luminance(background)
    return (Math.max(text, back) + 0.05) / (Math.min(text, back) + 0.05)
  })
}

/** Opens the app as a demo person, through the local sign-in page the app sends a newcomer to. */
export async function signInAs(session: BrowserSession, openid: string) {
  const { page, errors } = await session.newPage()
  await page.goto(session.host.url)
  // The app's whole bundle loads and runs before it sends a newcomer on: on a busy two-core machine
  // that first load takes longer than an action on a loaded page.
  await page.waitForURL('**/local/sign-in', { timeout: 30_000 })
  await checkAccessibility(page)
  await page.click(`button[data-openid="${openid}"]`)
  await page.waitForURL((url) => !url.pathname.startsWith('/local/'))
  return { page, errors }
}

/** Taro's H5 router keeps earlier pages in the document (hidden once the next has come in): act on the newest. */
export const shown = (page: Page) => page.locator('.taro_router > .taro_page').last().locator('.page-shell')

/** Taps the text, or the button it is written on (which takes the tap in place of its text). */
export async function tap(page: Page, text: string) {
  const label = shown(page).getByText(text, { exact: true }).first()
  await label.waitFor()
  await checkAccessibility(page)
  const button = shown(page)
    .locator('taro-button-core')
    .filter({ has: page.getByText(text, { exact: true }) })
  await ((await button.count()) > 0 ? button.last() : label).click()
}

/**
 * Once the newest page has slid in and hidden the one before it: one page shown. Not always the last
 * in the document: a tab page switched back to stays where it was.
 */
function settled(page: Page) {
  return page.waitForFunction(
    () =>
      Array.from(document.querySelectorAll('.taro_router > .taro_page')).filter((p) => getComputedStyle(p).display !== 'none').length === 1,
  )
}

/** After the newest page has slid in and hidden the one before it. */
export async function screenshot(page: Page, file: string) {
  await settled(page)
  await page.screenshot({ path: join(screenshotDir, file), fullPage: true })
}

/** Opens a page of the app by its path, e.g. `pages/me/index`. */
export async function openPage(session: BrowserSession, page: Page, path: string) {
  await page.goto(`${session.host.url}/#/${path}`)
  await shown(page).waitFor()
  await checkAccessibility(page)
}

/** Calls a function as the person signed in on `page`, as the page itself would. */
export function callFunction(page: Page, functionName: string, action: string, data: object) {
  return page.evaluate(
    async ({ functionName, action, data }) => {
      const response = await fetch(`/api/${functionName}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ action, data }),
      })
      return response.json()
    },
    { functionName, action, data },
  )
}

/** 社区工作台 from 我的, and its cards, one per community the person oversees. */
export async function openWorkbench(session: BrowserSession, openid: string) {
  const { page, errors } = await signInAs(session, openid)
  await openPage(session, page, 'pages/me/index')
  await tap(page, '社区工作台')
  await page.waitForURL('**/pages/committee/workbench/index')
  const communities = shown(page).locator('.card', { has: page.locator('.coverage-figure') })
  await communities.first().waitFor()
  return { page, errors, communities }
}

let axeScript: string | undefined
const axeSource = () => (axeScript ??= readFileSync(resolve(__dirname, '../../node_modules/axe-core/axe.min.js'), 'utf8'))

/** The routes (URLs) each page has been checked on: the helpers check a route the first time they act on it. */
const checkedRoutes = new WeakMap<Page, Set<string>>()

/**
 * axe-core (WCAG 2.1 A and AA, and best practice) on the page as it stands: a serious or critical
 * violation throws, naming the rule, the elements and the page. The helpers call it when a page has
 * settled (opened, about to be tapped), once per route; `always` checks a route again (a test's end state).
 */
export async function checkAccessibility(page: Page, { always = false }: { always?: boolean } = {}) {
  const url = page.url()
  const checked = checkedRoutes.get(page) ?? new Set<string>()
  checkedRoutes.set(page, checked)
  if ((!always && checked.has(url)) || !url.startsWith('http')) return
  checked.add(url)
  const violations = await accessibilityViolations(page)
  if (violations.length === 0) return
  const lines = violations.map((v) => `- ${v.id} (${v.impact}): ${v.help}\n    ${v.targets.join('\n    ')}`)
  throw new Error(`axe-core: ${violations.length} serious or critical violation(s) on ${url}\n${lines.join('\n')}`)
}

/** axe-core's serious and critical violations on the page as it stands, once the newest page has slid in. */
export async function accessibilityViolations(page: Page) {
  if (await page.locator('.taro_router').count()) await settled(page)
  // A dialog or toast fading in is read at its final colours, not half-way (a spinner that never stops is let be).
  await page
    .waitForFunction(
      () => document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity),
      undefined,
      {
        timeout: 2000,
      },
    )
    .catch(() => undefined)
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: typeof import('axe-core') }).axe
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
      resultTypes: ['violations'],
    })
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.slice(0, 5).map((n) => n.target.join(' ')) }))
  })
}
