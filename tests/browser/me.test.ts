import { join } from 'node:path'
import { demoDataSet, demoIdentities } from '../../local/seed/demo-data'
import {
  checkAccessibility,
  contrastRatioOf,
  openPage,
  screenshot,
  screenshotDir,
  shown,
  signInAs as signInAsDemo,
  tap,
  useBrowserSession,
} from '../support/browser'

const session = useBrowserSession()

const nameOf = (openid: string) => demoDataSet.people.find((p) => p.openid === openid)!.name

// Nobody is signed in at first: the app itself sends the browser to the local sign-in page.
const signInAs = (openid: string) => signInAsDemo(session(), openid)

describe('我的 in the browser', () => {
  it('lists the demo people by role on the local sign-in page', async () => {
    const { page } = await session().newPage()
    await page.goto(`${session().host.url}/local/sign-in`)
    const headings = await page.locator('h2').allTextContents()
    for (const role of ['民政部门', '社区两委', '组织负责人', '志愿者', '居民']) {
      expect(headings.some((h) => h.startsWith(role))).toBe(true)
    }
    // Someone with two roles is listed under each; everyone is listed at least once.
    const listed = await page.locator('button.person').evaluateAll((buttons) => buttons.map((b) => b.getAttribute('data-openid')))
    expect(new Set(listed)).toEqual(new Set(demoDataSet.people.map((p) => p.openid)))
  })

  it('shows an elderly resident who she is, read from the database, in 长辈模式', async () => {
    const { page, errors } = await signInAs(demoIdentities.elderResident)
    await page.getByText('我的', { exact: true }).last().click()
    await page.waitForURL('**/pages/me/index')
    const name = nameOf(demoIdentities.elderResident)
    await page.getByText(name, { exact: true }).waitFor()
    expect(await page.getByText('沁园社区', { exact: true }).count()).toBeGreaterThan(0)
    expect(await page.locator('.role-label').allTextContents()).toEqual(['居民'])

    // Her saved choice is 长辈模式 on: large text, large targets, strong contrast.
    await page.locator('.page-shell.elder:visible').waitFor()
    const bodyFontSize = await page
      .locator('.page-shell.elder:visible .card-text')
      .first()
      .evaluate((el) => parseFloat(getComputedStyle(el).fontSize))
    expect(bodyFontSize).toBeGreaterThanOrEqual(18)
    const switchBox = await page.locator('#elder-mode-switch').boundingBox()
    expect(switchBox!.height).toBeGreaterThanOrEqual(60)
    expect(await contrastRatioOf(page, '#elder-mode-switch .toggle-hint')).toBeGreaterThanOrEqual(4.5)
    expect(await contrastRatioOf(page, '.role-label')).toBeGreaterThanOrEqual(4.5)
    await page.screenshot({ path: join(screenshotDir, 'me-elder.png'), fullPage: true })
    expect(errors).toEqual([])
  })

  it('lets a resident switch 长辈模式 on, and keeps the choice after a reload', async () => {
    const { page, errors } = await signInAs(demoIdentities.resident)
    await page.goto(`${session().host.url}/#/pages/me/index`)
    await page.getByText(nameOf(demoIdentities.resident), { exact: true }).waitFor()
    expect(await page.locator('.page-shell.elder:visible').count()).toBe(0)
    const normalFontSize = await page
      .locator('.page-shell:visible .card-text')
      .first()
      .evaluate((el) => parseFloat(getComputedStyle(el).fontSize))
    expect(normalFontSize).toBeGreaterThanOrEqual(16)

    await page.click('#elder-mode-switch')
    await page.locator('.page-shell.elder:visible').waitFor()
    await page.locator('#elder-mode-switch').getByText('已开启').waitFor()

    await page.reload()
    await page.getByText(nameOf(demoIdentities.resident), { exact: true }).waitFor()
    await page.locator('.page-shell.elder:visible').waitFor()
    const saved = await page.evaluate(async () => {
      const response = await fetch('/api/account', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ action: 'me', data: {} }),
      })
      return (await response.json()).data.person.preferences.elderMode
    })
    expect(saved).toBe('on')
    expect(errors).toEqual([])
  })

  it('shows an organisation lead the organisation they lead', async () => {
    const { page, errors } = await signInAs(demoIdentities.organisationLead)
    await page.goto(`${session().host.url}/#/pages/me/index`)
    await page.getByText(nameOf(demoIdentities.organisationLead), { exact: true }).waitFor()
    const led = demoDataSet.roles.find((r) => r.openid === demoIdentities.organisationLead && r.role === 'organisation_lead')!
    const organisation = demoDataSet.organisations.find((o) => o._id === led.organisationId)!
    expect(await page.locator('.role-label').allTextContents()).toContain('组织负责人')
    expect(await page.locator('.role-scope').allTextContents()).toContain(organisation.name)
    await page.screenshot({ path: join(screenshotDir, 'me-lead.png'), fullPage: true })
    expect(errors).toEqual([])
  })

  it('shows a splash, not a white screen, until the app has drawn itself; then a page with its title', async () => {
    const { page } = await session().newPage()
    // The app's scripts held back: what someone on a slow line sees first.
    await page.route('**/js/**', (route) => route.abort())
    await page.goto(session().host.url)
    expect(await page.locator('#splash').textContent()).toBe('邻里守望 正在打开…')
    expect(await page.locator('#splash').isVisible()).toBe(true)

    const { page: signedIn, errors: signedInErrors } = await signInAs(demoIdentities.resident)
    await openPage(session(), signedIn, 'pages/me/index')
    expect(await signedIn.locator('#splash').isVisible()).toBe(false)
    expect(await signedIn.title()).toBe('我的')
    expect(await signedIn.locator('#taro-navigation-bar [role="heading"][aria-level="1"]').textContent()).toBe('我的')
    expect(signedInErrors).toEqual([])
  })

  it('groups 我的 under 我的服务, 我参加的组织 and 设置与帮助; 帮助 answers in plain words; 意见反馈 gives the community phone', async () => {
    const { page, errors } = await signInAs(demoIdentities.resident)
    await openPage(session(), page, 'pages/me/index')
    await shown(page).getByText(nameOf(demoIdentities.resident), { exact: true }).waitFor()
    const titles = await shown(page).locator('.section-title').allTextContents()
    expect(titles).toEqual(expect.arrayContaining(['我的服务', '我参加的组织', '设置与帮助']))
    // Each under its own heading, read out as one.
    expect(await shown(page).locator('.section-title[role="heading"][aria-level="2"]').count()).toBe(titles.length)
    const services = shown(page).locator('.card', { has: page.getByText('我的服务', { exact: true }) })
    expect(await services.getByText('我的求助', { exact: true }).count()).toBe(1)
    const organisations = shown(page).locator('.card', { has: page.getByText('我参加的组织', { exact: true }) })
    expect(await organisations.getByText('我的组织', { exact: true }).count()).toBe(1)
    const help = shown(page).locator('#settings-and-help')
    for (const entry of ['我的信息', '帮助', '意见反馈', '隐私政策']) expect(await help.getByText(entry, { exact: true }).count()).toBe(1)
    const community = demoDataSet.communities.find(
      (c) => c._id === demoDataSet.people.find((p) => p.openid === demoIdentities.resident)!.communityId,
    )!
    expect(await help.textContent()).toContain(community.committeePhone)
    await screenshot(page, 'me-sections.png')

    await tap(page, '帮助')
    await page.waitForURL('**/pages/me/more/help/index')
    await shown(page).getByText('什么算“危及生命安全”？', { exact: true }).waitFor()
    expect(await shown(page).textContent()).toContain('110（报警）')
    expect(await page.title()).toBe('帮助')
    await screenshot(page, 'me-help.png')

    await tap(page, '意见反馈')
    await page.waitForURL('**/pages/me/more/feedback/index')
    await shown(page).getByText(`给社区打电话 ${community.committeePhone}`, { exact: true }).waitFor()
    expect(await page.title()).toBe('意见反馈')
    // Off WeChat there is no feedback page to open: it says where to write instead.
    expect(await shown(page).locator('#feedback-elsewhere').textContent()).toContain('我的 → 意见反馈')
    // A page past the tabs has the navigation bar's back button, a button by name.
    const back = page.locator('#taro-navigation-bar .taro-navigation-bar-back')
    expect(await back.getAttribute('role')).toBe('button')
    expect(await back.getAttribute('aria-label')).toBe('返回')
    await back.click()
    await page.waitForURL('**/pages/me/more/help/index')
    expect(errors).toEqual([])
  })

  it('announces buttons as buttons and works them from the keyboard: Enter and Space, with a visible focus', async () => {
    const { page, errors } = await signInAs(demoIdentities.resident)
    await openPage(session(), page, 'pages/me/index')
    const toggle = shown(page).locator('#elder-mode-switch')
    // Whichever way an earlier test left her choice: Enter turns it over, Space turns it back.
    const state = toggle.locator('.toggle-state')
    await state.waitFor()
    const before = (await state.textContent())!
    const after = before === '已开启' ? '已关闭' : '已开启'
    expect(await toggle.getAttribute('role')).toBe('button')
    expect(await toggle.getAttribute('tabindex')).toBe('0')

    await toggle.focus()
    await page.keyboard.press('Enter')
    await toggle.getByText(after).waitFor()
    await page.keyboard.press(' ')
    await toggle.getByText(before).waitFor()
    // Focus came by the keyboard: the outline shows where it is.
    expect(await toggle.evaluate((element) => getComputedStyle(element).outlineStyle)).toBe('solid')
    expect(errors).toEqual([])
  })

  it('fails a page with a serious accessibility violation, naming the rule, the element and the page', async () => {
    const { page } = await signInAs(demoIdentities.resident)
    await openPage(session(), page, 'pages/me/index')
    await page.evaluate(() => {
      const unnamed = document.createElement('img')
      unnamed.id = 'unnamed-picture'
      unnamed.src = 'data:image/gif;base64,R0lGODlhAQABAAAAACw='
      document.querySelector('.taro_page:last-child .page-shell')!.appendChild(unnamed)
    })
    await expect(checkAccessibility(page, { always: true })).rejects.toThrow(/image-alt \(critical\)[\s\S]*#unnamed-picture/)
    await expect(checkAccessibility(page, { always: true })).rejects.toThrow(/pages\/me\/index/)
    // Put right, the same page passes (and the check at the test's end with it).
    await page.evaluate(() => document.getElementById('unnamed-picture')!.remove())
    await checkAccessibility(page, { always: true })
  })
})
