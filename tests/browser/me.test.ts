import { join } from 'node:path'
import { demoDataSet, demoIdentities } from '../../local/seed/demo-data'
import { contrastRatioOf, screenshotDir, signInAs as signInAsDemo, useBrowserSession } from '../support/browser'

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
})
