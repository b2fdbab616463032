/**
 * 首页 in the browser, for each role, with real waiting items made through the functions: what
 * waits shows most urgent first, one tap from where it is acted on, and 首页's tab carries the count.
 */
import type { Page } from 'playwright-core'
import { demoDataSet, demoIdentities as who } from '../../local/seed/demo-data'
import { callFunction, contrastRatioOf, openPage, screenshot, shown, signInAs as signInAsDemo, useBrowserSession } from '../support/browser'

const session = useBrowserSession()
const signInAs = (openid: string) => signInAsDemo(session(), openid)

const XIYANGHONG = 'org-qy-xiyanghong'
const [lng, lat] = demoDataSet.communities.find((c) => c._id === 'c-zd-qinyuan')!.centre.coordinates
/** A place in 沁园社区 `eastM` metres east of its centre: each test raises at its own, so none is another's duplicate. */
const place = (eastM: number) => [Number((lng + eastM / (111_320 * Math.cos((lat * Math.PI) / 180))).toFixed(6)), lat]

async function ok(page: Page, functionName: string, action: string, data: object) {
  const answer = await callFunction(page, functionName, action, data)
  if (!answer.ok) throw new Error(`${functionName}.${action}: ${JSON.stringify(answer.error)}`)
  return answer.data
}

async function raise(page: Page, eastM: number, urgency: string, helpKind = '亲情陪伴'): Promise<string> {
  const { need } = await ok(page, 'needs', 'raise', {
    helpKind,
    urgency,
    description: '老伴住院了，家里就我一个人，想有人来陪我说说话。',
    location: place(eastM),
    neighbourhood: '柳泉花园',
    addressDetail: '12号楼1单元1502',
    contactPhone: '18653312469',
  })
  return need.id
}

/** 首页 opened afresh (signing in landed on it before the test made what waits), once its waiting list has loaded. */
async function openHome(page: Page) {
  await openPage(session(), page, 'pages/home/index')
  await page.reload()
  await shown(page).locator('#home-waiting').waitFor({ timeout: 20_000 })
}

/** What 首页's tab shows, once it agrees with account.home's count. */
async function homeBadge(page: Page): Promise<string> {
  const { badge } = await ok(page, 'account', 'home', {})
  const badgeOfHome = () =>
    Array.from(document.querySelectorAll('.weui-tabbar__item'))
      .find((item) => item.textContent?.includes('首页'))
      ?.querySelector('.weui-badge')?.textContent ?? ''
  await page.waitForFunction(`(${badgeOfHome.toString()})() === '${badge}'`)
  return page.evaluate(badgeOfHome)
}

const card = (page: Page, text: string) => shown(page).locator('#home-waiting taro-button-core', { hasText: text }).first()

describe('首页 in the browser', () => {
  it('a resident: 我要求助, the emergency numbers, a done need 等您确认 one tap from answering, and the badge', async () => {
    const committee = await signInAs(who.committeeUrban)
    const lead = await signInAs(who.organisationLead)
    const { page, errors } = await signInAs(who.resident)
    const needId = await raise(page, 0, 'normal', '生活照料')
    await ok(committee.page, 'needs', 'assign', { needId, organisationId: XIYANGHONG })
    await ok(lead.page, 'needs', 'markDone', { organisationId: XIYANGHONG, needId, summary: '帮忙买好了药。', service: [] })

    await openHome(page)
    expect(await shown(page).locator('#raise-need').count()).toBe(1)
    const strip = shown(page).locator('#emergency-strip')
    for (const number of ['110', '120', '119']) expect(await strip.textContent()).toContain(number)
    const phone = demoDataSet.communities.find((c) => c._id === 'c-zd-qinyuan')!.committeePhone
    expect(await strip.textContent()).toContain(phone)
    const waiting = card(page, '生活照料（柳泉花园）')
    await waiting.waitFor()
    expect(await waiting.textContent()).toContain('等您确认')
    expect(await waiting.textContent()).toContain('已完成，等您确认')
    expect(Number(await homeBadge(page))).toBeGreaterThanOrEqual(1)
    expect(await shown(page).locator('#home-resident').textContent()).toContain('我的时间')
    expect(await contrastRatioOf(page, '.taro_page:last-child #home-waiting .home-kind')).toBeGreaterThanOrEqual(4.5)
    await screenshot(page, 'home-resident.png')

    await waiting.click()
    await page.waitForURL(`**/pages/needs/detail/index?id=${needId}`)
    expect(errors).toEqual([])
  })

  it('in 长辈模式: what waits and the emergency numbers keep large text and large targets', async () => {
    const committee = await signInAs(who.committeeUrban)
    const lead = await signInAs(who.organisationLead)
    const { page, errors } = await signInAs(who.elderResident)
    const needId = await raise(page, 200, 'normal', '助餐')
    await ok(committee.page, 'needs', 'assign', { needId, organisationId: XIYANGHONG })
    await ok(lead.page, 'needs', 'markDone', { organisationId: XIYANGHONG, needId, summary: '送了一周的午饭。', service: [] })

    await openHome(page)
    expect(await shown(page).getAttribute('class')).toContain('elder')
    const waiting = card(page, '助餐（柳泉花园）')
    await waiting.waitFor()
    const fontSize = (locator: ReturnType<typeof shown>) => locator.first().evaluate((el) => parseFloat(getComputedStyle(el).fontSize))
    expect(await fontSize(waiting.locator('.home-kind'))).toBeGreaterThanOrEqual(18)
    expect(await fontSize(waiting.locator('.card-text'))).toBeGreaterThanOrEqual(18)
    expect((await waiting.boundingBox())!.height).toBeGreaterThanOrEqual(60)
    for (const button of await shown(page).locator('#emergency-strip taro-button-core').all()) {
      expect((await button.boundingBox())!.height).toBeGreaterThanOrEqual(60)
      expect(await fontSize(button)).toBeGreaterThanOrEqual(18)
    }
    await screenshot(page, 'home-elder.png')
    expect(errors).toEqual([])
  })

  it('a lead: a 危及生命安全 offer first with its countdown, then the 紧急 one; tapping lands on the offers', async () => {
    const resident = await signInAs(who.resident)
    const urgent = await raise(resident.page, 300, 'urgent', '上门巡访探视')
    const life = await raise(resident.page, 150, 'life', '上门巡访探视')
    const committee = await signInAs(who.committeeUrban)
    const offeredTo = async (needId: string) =>
      ((await ok(committee.page, 'needs', 'matchDetails', { needId })).offers as { organisationId: string }[]).map((o) => o.organisationId)
    const [toUrgent, toLife] = [await offeredTo(urgent), await offeredTo(life)]
    const organisation = demoDataSet.organisations.find((o) => toUrgent.includes(o._id) && toLife.includes(o._id))!

    const { page, errors } = await signInAs(organisation.leadOpenid)
    await openHome(page)
    const offers = shown(page).locator('#home-waiting taro-button-core', { hasText: '派单待答复' })
    await offers.nth(1).waitFor()
    const texts = await offers.allTextContents()
    const lifeAt = texts.findIndex((t) => t.includes('危及生命安全'))
    const urgentAt = texts.findIndex((t) => t.includes('紧急') && !t.includes('危及生命安全'))
    expect(lifeAt).toBeGreaterThanOrEqual(0)
    expect(urgentAt).toBeGreaterThan(lifeAt)
    expect(texts[lifeAt]).toMatch(/还剩 \d+ 分钟/)
    expect(texts[lifeAt]).toContain('等待组织接单')
    expect(Number(await homeBadge(page))).toBeGreaterThanOrEqual(2)
    expect(await shown(page).locator('#home-lead').textContent()).toContain('正在做的任务')
    await screenshot(page, 'home-lead.png')

    await offers.nth(lifeAt).click()
    await page.waitForURL('**/pages/needs/offers/index')
    expect(errors).toEqual([])
  })

  it('a volunteer: 我的任务 lists the need the lead assigned to them, and the task opens from 首页', async () => {
    const resident = await signInAs(who.resident)
    const needId = await raise(resident.page, -150, 'urgent', '就医陪诊')
    const committee = await signInAs(who.committeeUrban)
    await ok(committee.page, 'needs', 'assign', { needId, organisationId: XIYANGHONG })
    const lead = await signInAs(who.organisationLead)
    const memberId = demoDataSet.roles.find((r) => r.openid === who.volunteer && r.organisationId === XIYANGHONG)!._id
    await ok(lead.page, 'needs', 'assignVolunteers', { organisationId: XIYANGHONG, needId, memberIds: [memberId] })

    const { page, errors } = await signInAs(who.volunteer)
    await openHome(page)
    const task = card(page, '就医陪诊（柳泉花园）')
    await task.waitFor()
    expect(await task.textContent()).toContain('我的任务')
    expect(await task.textContent()).toContain('前办完')
    // The list of all of them, from 首页 as from 我的: the page says what a volunteer has.
    await shown(page).locator('#my-tasks').click()
    await page.waitForURL('**/pages/needs/offers/index')
    await shown(page).getByText('就医陪诊', { exact: true }).first().waitFor()
    expect(await shown(page).textContent()).toContain('安排给我的')
    expect(await shown(page).textContent()).not.toContain('你还没有负责的组织')
    expect(await page.title()).toContain('我的任务')

    await openHome(page)
    await card(page, '就医陪诊（柳泉花园）').click()
    await page.waitForURL(`**/pages/needs/task/index?organisationId=${XIYANGHONG}&id=${needId}`)
    expect(errors).toEqual([])
  })

  it('the committee: its waiting list’s most urgent item one tap away, and the workbench', async () => {
    const resident = await signInAs(who.resident)
    const needId = await raise(resident.page, -300, 'life', '紧急救助')
    const { page, errors } = await signInAs(who.committeeUrban)
    await openHome(page)
    const waiting = card(page, '社区待办')
    await waiting.waitFor()
    expect(await waiting.textContent()).toContain('件事等两委处理')
    expect(await waiting.textContent()).toContain('危及生命安全')
    const { total, items } = await ok(page, 'reports', 'waiting', { communityId: 'c-zd-qinyuan' })
    // The most urgent is a 危及生命安全 need: this one, or one raised before it and still not accepted.
    expect(items[0]).toMatchObject({ kind: 'need_life', urgency: 'life' })
    expect(items.some((i: { id: string }) => i.id === needId)).toBe(true)
    expect(await homeBadge(page)).toBe(String(total))
    expect(await shown(page).locator('#home-committee').textContent()).toContain(`沁园社区：${total} 件待办`)
    await screenshot(page, 'home-committee.png')

    await waiting.click()
    await page.waitForURL(`**${items[0].page}`)
    expect(errors).toEqual([])
  })

  it('civil affairs: this month’s figures of their communities, one tap from the report; nothing waits', async () => {
    const { page, errors } = await signInAs(who.civilAffairs)
    await openHome(page)
    await shown(page).getByText('暂时没有等您办的事').waitFor()
    const offices = shown(page).locator('#home-offices')
    expect(await offices.textContent()).toContain('张店区民政局')
    expect(await offices.textContent()).toContain('求助')
    // No community of their own: no 我要求助 to press.
    expect(await shown(page).locator('#raise-need').count()).toBe(0)
    await screenshot(page, 'home-civil-affairs.png')

    await offices.locator('taro-button-core').first().click()
    await page.waitForURL('**/pages/committee/office/index')
    expect(errors).toEqual([])
  })
})
