/**
 * 长辈版 in the H5 build (issue 16, decision 037): 王桂兰 (长辈模式 on) opens a 首页 of big tiles that go
 * where they say, measured against the floors (text ≥ 18 px, targets ≥ 60 px, contrast ≥ 4.5) with tab
 * labels as large as the text; 杨丽 finds the switch at the top of 首页 and of 我的; someone not yet in a
 * community still sees the welcome; and 王桂兰 sends a 危及生命安全 need with one tap after the choice,
 * its page keeping the committee's phone.
 */
import type { Page } from 'playwright-core'
import { demoDataSet, demoIdentities, demoPerson as personOf } from '../../local/seed/demo-data'
import { formatMinutes } from '../../shared/domain/time'
import { contrastRatioOf, openPage, screenshot, shown, signInAs as signInAsDemo, tap, useBrowserSession } from '../support/browser'
import { callHostAs } from '../support/need-service'

const session = useBrowserSession()
const signInAs = (openid: string) => signInAsDemo(session(), openid)
const callAs = (openid: string, functionName: string, action: string, data: object) =>
  callHostAs(session().host.url, openid, functionName, action, data)

const elder = personOf(demoIdentities.elderResident)
const resident = personOf(demoIdentities.resident)
const committeePhone = demoDataSet.communities.find((c) => c._id === elder.communityId)!.committeePhone

const tiles = ['#raise-need', '#elder-call-committee', '#elder-my-needs', '#elder-activities', '#elder-my-time', '#elder-nearby']

const fontSizeOf = (page: Page, selector: string) =>
  page
    .locator(selector)
    .first()
    .evaluate((el) => parseFloat(getComputedStyle(el).fontSize))

/** The page in view: Taro's H5 router keeps the other tabs' pages in the document, hidden. */
const current = (page: Page) => page.locator('.page-shell:visible')

/** A tab of the tab bar. */
const tab = (page: Page, label: string) => page.locator('.weui-tabbar__item', { hasText: label }).click()

/** 首页 as a fresh page (the router keeps earlier ones hidden), showing 长辈版's tiles. */
async function elderHome(page: Page) {
  await openPage(session(), page, 'pages/home/index')
  await shown(page).locator('#elder-home').waitFor()
}

describe('长辈版 in the browser', () => {
  it('shows 王桂兰 a 首页 of big tiles, each above the floors, with tab labels as large as the text', async () => {
    const { page, errors } = await signInAs(elder.openid)
    await elderHome(page)
    const home = shown(page)
    await home.getByText(`${elder.name}，您好`).waitFor()
    expect(await home.locator('.elder-tile-title').allTextContents()).toEqual([
      '我要求助',
      '给社区打电话',
      '我的求助',
      '活动',
      '我的时间',
      '附近的组织',
    ])
    // The usual 首页's list is not there: one screen of tiles.
    expect(await home.locator('.list-item').count()).toBe(0)
    await home.locator('#elder-call-committee').getByText(committeePhone, { exact: false }).waitFor()
    const { total } = await callAs(elder.openid, 'timebank', 'account', {})
    await home
      .locator('#elder-my-time')
      .getByText(`余额 ${formatMinutes(total)}`)
      .waitFor()

    for (const tile of tiles) {
      const box = (await home.locator(tile).boundingBox())!
      expect(box.height).toBeGreaterThanOrEqual(60)
      expect(box.width).toBeGreaterThanOrEqual(60)
      expect(await fontSizeOf(page, `${tile} .elder-tile-title`)).toBeGreaterThanOrEqual(18)
      expect(await fontSizeOf(page, `${tile} .elder-tile-hint`)).toBeGreaterThanOrEqual(18)
      expect(await contrastRatioOf(page, `${tile} .elder-tile-title`)).toBeGreaterThanOrEqual(4.5)
      expect(await contrastRatioOf(page, `${tile} .elder-tile-hint`)).toBeGreaterThanOrEqual(4.5)
    }
    // The tab bar's labels are as large as the body text, and readable.
    const bodySize = await home.evaluate((el) => parseFloat(getComputedStyle(el).fontSize))
    expect(bodySize).toBeGreaterThanOrEqual(18)
    for (const size of await page
      .locator('.weui-tabbar__label')
      .evaluateAll((els) => els.map((el) => parseFloat(getComputedStyle(el).fontSize))))
      expect(size).toBeGreaterThanOrEqual(bodySize)
    expect(await contrastRatioOf(page, '.weui-tabbar__label')).toBeGreaterThanOrEqual(4.5)
    await screenshot(page, 'elder-home.png')
    expect(errors).toEqual([])
  })

  it('takes 王桂兰 where each tile says', async () => {
    const { page, errors } = await signInAs(elder.openid)
    await elderHome(page)
    const pages: [string, string][] = [
      ['#raise-need', '**/pages/needs/raise/index'],
      ['#elder-my-needs', '**/pages/needs/mine/index'],
      ['#elder-nearby', '**/pages/organisations/nearby/index'],
    ]
    for (const [tile, url] of pages) {
      await current(page).locator(tile).click()
      await page.waitForURL(url)
      await page.locator('#elder-home').waitFor({ state: 'hidden' })
      await page.goBack()
      await current(page).locator('#elder-home').waitFor()
    }
    const tabs: [string, string][] = [
      ['#elder-activities', '**/pages/activities/index'],
      ['#elder-my-time', '**/pages/time-bank/index'],
    ]
    for (const [tile, url] of tabs) {
      await current(page).locator(tile).click()
      await page.waitForURL(url)
      await page.locator('#elder-home').waitFor({ state: 'hidden' })
      await tab(page, '首页')
      await current(page).locator('#elder-home').waitFor()
    }
    // 我的时间 leads to the balance its tile showed.
    const { total } = await callAs(elder.openid, 'timebank', 'account', {})
    await current(page).locator('#elder-my-time').click()
    await current(page).locator('#balance').getByText(formatMinutes(total)).waitFor()
    expect(errors).toEqual([])
  })

  it('has the 长辈模式 switch at the top of 首页 and of 我的; on 首页 it turns the tiles on and off', async () => {
    const { page, errors } = await signInAs(resident.openid)
    try {
      await openPage(session(), page, 'pages/home/index')
      const home = current(page)
      await home.getByText(`${resident.name}，您好`).waitFor()
      expect(await home.locator('#elder-home').count()).toBe(0)
      const homeSwitch = home.locator('#home-elder-mode-switch')
      await homeSwitch.getByText('已关闭').waitFor()
      // First on the page, above the greeting and the main action.
      const switchBox = (await homeSwitch.boundingBox())!
      expect(switchBox.y).toBeLessThan((await home.locator('.greeting').boundingBox())!.y)
      expect(switchBox.height).toBeGreaterThanOrEqual(48)

      await homeSwitch.click()
      await current(page).locator('#elder-home').waitFor()
      await current(page).locator('#home-elder-mode-switch').getByText('已开启').waitFor()
      expect((await current(page).locator('#home-elder-mode-switch').boundingBox())!.height).toBeGreaterThanOrEqual(60)
      expect(await contrastRatioOf(page, '#home-elder-mode-switch .toggle-title')).toBeGreaterThanOrEqual(4.5)

      await tab(page, '我的')
      await page.waitForURL('**/pages/me/index')
      const me = current(page)
      await me.getByText(resident.name, { exact: true }).waitFor()
      const meSwitch = me.locator('#elder-mode-switch')
      await meSwitch.getByText('已开启').waitFor()
      // Above who she is: no scrolling to find it.
      expect((await meSwitch.boundingBox())!.y).toBeLessThan((await me.getByText(resident.name, { exact: true }).boundingBox())!.y)
      await meSwitch.click()
      await current(page).locator('#elder-mode-switch').getByText('已关闭').waitFor()

      await tab(page, '首页')
      await current(page).locator('#raise-need.btn-hero').waitFor()
      expect(await current(page).locator('#elder-home').count()).toBe(0)
      expect(errors).toEqual([])
    } finally {
      await callAs(resident.openid, 'account', 'updatePreferences', { elderMode: resident.preferences.elderMode })
    }
  })

  it('shows someone not yet in a community the welcome in 长辈模式, not the tiles', async () => {
    const { page, errors } = await session().newPage()
    await page.goto(session().host.url)
    await page.waitForURL('**/local/sign-in')
    await page.click('#fresh-identity')
    await page.waitForURL((url) => !url.pathname.startsWith('/local/'))
    const home = shown(page)
    await home.locator('#welcome').waitFor()
    // Not in a community, no account to save it on: the phone keeps the choice.
    await home.locator('#home-elder-mode-switch').click()
    await home.locator('#home-elder-mode-switch').getByText('已开启').waitFor()
    await page.locator('.page-shell.elder:visible').waitFor()
    await home.locator('#welcome #join-community').waitFor()
    expect(await home.locator('#elder-home').count()).toBe(0)
    expect(await fontSizeOf(page, '#welcome .card-text')).toBeGreaterThanOrEqual(18)
    expect(errors).toEqual([])
  })

  it('sends 王桂兰’s 危及生命安全 need with one tap after the choice, from 首页 to its page with the committee’s phone', async () => {
    const { page, errors } = await signInAs(elder.openid)
    await elderHome(page)
    await tap(page, '我要求助')
    await page.waitForURL('**/pages/needs/raise/index')
    await tap(page, '危及生命安全')
    const now = shown(page).locator('#raise-life-now')
    expect((await now.boundingBox())!.height).toBeGreaterThanOrEqual(60)
    expect(await contrastRatioOf(page, '#raise-life-now')).toBeGreaterThanOrEqual(4.5)
    await screenshot(page, 'elder-life-one-tap.png')
    await now.click()

    await shown(page).getByText('求助已发出').waitFor()
    await tap(page, '看这条求助的进展')
    await page.waitForURL('**/pages/needs/detail/index?id=*')
    const needId = new URL(page.url().replace('#/', '')).searchParams.get('id')!
    try {
      const needPage = shown(page)
      await needPage.locator('.need .card-title').getByText('紧急救助').waitFor()
      await needPage.locator('#emergency-panel').getByText(`社区两委 ${committeePhone}`).waitFor()
      const { need } = await callAs(elder.openid, 'needs', 'detail', { needId })
      expect(need).toMatchObject({ urgency: 'life', helpKind: '紧急救助', description: '', contactPhone: elder.phone })
      await screenshot(page, 'elder-life-need.png')
      expect(errors).toEqual([])
    } finally {
      // Withdrawn once seen, so that no other test finds it among the offers or the committee's queue.
      await callAs(elder.openid, 'needs', 'cancel', { needId })
    }
  })
})
