/**
 * The client's weight, as a phone would feel it: the weapp main package (WeChat downloads it
 * before the first page shows) and the bytes an H5 visitor transfers from opening the app to 首页.
 * Needs `npm run build` first. Runs in its own process: it starts a local host, which owns the clock.
 */
import { existsSync } from 'node:fs'
import { join, resolve } from 'node:path'
import type { Page } from 'playwright-core'
import { demoIdentities } from '../local/seed/demo-data'
import { checkAppJson } from '../scripts/check-weapp'
import { startBrowserSession } from '../tests/support/browser'

const repo = resolve(__dirname, '..')
const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`

/** Counts what crosses the network (encoded, headers included) and what it unpacks to, from now on. */
async function countTransfers(page: Page) {
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('Network.enable')
  let transferred = 0
  let unpacked = 0
  let requests = 0
  cdp.on('Network.loadingFinished', (event: { encodedDataLength: number }) => {
    transferred += event.encodedDataLength
    requests++
  })
  // A file the second load takes from the cache is not counted as unpacked twice.
  const cached = new Set<string>()
  cdp.on('Network.requestServedFromCache', (event: { requestId: string }) => cached.add(event.requestId))
  cdp.on('Network.responseReceived', (event: { requestId: string; response: { fromDiskCache?: boolean } }) => {
    if (event.response.fromDiskCache) cached.add(event.requestId)
  })
  cdp.on('Network.dataReceived', (event: { requestId: string; dataLength: number }) => {
    if (!cached.has(event.requestId)) unpacked += event.dataLength
  })
  return () => {
    const figures = { transferred, unpacked, requests }
    transferred = unpacked = requests = 0
    return figures
  }
}

async function benchClient() {
  console.log('\nClient')
  const weapp = join(repo, 'client/dist/weapp')
  console.log(existsSync(join(weapp, 'app.json')) ? `weapp ${checkAppJson(weapp).sizes}` : 'weapp: not built (npm run build:weapp)')

  if (!existsSync(join(repo, 'client/dist/h5/index.html'))) return console.log('H5: not built (npm run build:h5)')
  const session = await startBrowserSession()
  try {
    const { page } = await session.newPage()
    const taken = await countTransfers(page)
    await page.goto(session.host.url)
    await page.waitForURL('**/local/sign-in', { timeout: 60_000 })
    const beforeSignIn = taken()
    await page.click(`button[data-openid="${demoIdentities.elderResident}"]`)
    await page.getByText('我要求助').first().waitFor({ timeout: 60_000 })
    await page.waitForLoadState('networkidle')
    const afterSignIn = taken()
    const first = {
      transferred: beforeSignIn.transferred + afterSignIn.transferred,
      unpacked: beforeSignIn.unpacked + afterSignIn.unpacked,
      requests: beforeSignIn.requests + afterSignIn.requests,
    }
    console.log(
      `H5 first load, sign-in to 首页: ${kb(first.transferred)} transferred in ${first.requests} requests (${kb(first.unpacked)} unpacked)`,
    )
    await page.reload()
    await page.getByText('我要求助').first().waitFor({ timeout: 60_000 })
    await page.waitForLoadState('networkidle')
    const again = taken()
    console.log(`H5 return visit to 首页: ${kb(again.transferred)} transferred in ${again.requests} requests (hashed files from the cache)`)
  } finally {
    await session.close()
  }
}

benchClient().catch((error) => {
  console.error(error)
  process.exit(1)
})
