/**
 * 社区社会组织 in the H5 build: a resident applies, a committee member of another community is
 * refused, the community's own committee approves, the new lead hands out the invite code, a
 * neighbour asks to join with it and the lead agrees (婉拒 asks first), and the public profile shows
 * the organisation; the committee suspends an organisation, finds it under 已暂停 in 本社区组织, and
 * restores it. Each test applies for an organisation of its own, by name, and takes it as far as it
 * needs through the functions, as the resident, the committee and the lead would.
 */
import type { Page } from 'playwright-core'
import { demoDataSet, demoIdentities, demoPerson } from '../../local/seed/demo-data'
import {
  callFunction,
  contrastRatioOf,
  openPage,
  openWorkbench,
  screenshot,
  shown,
  signInAs,
  tap,
  useBrowserSession,
} from '../support/browser'
import { callHostAs } from '../support/need-service'

const session = useBrowserSession()

const urban = demoDataSet.communities.find((c) => c.kind === 'urban')!
const resident = demoPerson(demoIdentities.resident)
const description = '柳泉花园的退休邻居组成，帮独居老人买菜、取快递、陪着说说话。'

const callOrganisations = (page: Page, action: string, data: object) => callFunction(page, 'organisations', action, data)
const organisationsAs = (openid: string, action: string, data: object) =>
  callHostAs(session().host.url, openid, 'organisations', action, data)

/** Her card for `name` on 我的组织, among any others this file's tests made for her. */
const mine = (page: Page, name: string) => shown(page).locator('.organisation', { hasText: name })

/** 杨丽 applies for `name` as the form sends it (her phone, around her home); answers its id. */
async function appliedFor(name: string): Promise<string> {
  const { organisation } = await organisationsAs(resident.openid, 'apply', {
    name,
    kind: '邻里互助类',
    helpKinds: ['亲情陪伴', '上门巡访探视'],
    serviceArea: {},
    capacity: 3,
    contactPhone: resident.phone,
    charterSummary: '邻里互助，不收费用；每周走访结对的老人一次。',
    description,
  })
  return organisation.id
}

/** …and the committee approves it: she leads it. */
async function approved(name: string): Promise<string> {
  const organisationId = await appliedFor(name)
  await organisationsAs(demoIdentities.committeeUrban, 'decide', { organisationId, decision: 'approve' })
  return organisationId
}

/** `openid` asks to join with the invite code the lead hands out. */
async function askedToJoin(organisationId: string, openid: string) {
  const { code } = await organisationsAs(resident.openid, 'invitation', { organisationId })
  await organisationsAs(openid, 'join', { code })
}

describe('社区社会组织 in the browser', () => {
  it('lets a resident apply through the form, with errors beside the fields', async () => {
    const name = '柳泉花园银龄互助队'
    // No geolocation permission: the service area is centred on her home without asking the browser.
    const { page, errors } = await signInAs(session(), resident.openid)
    await openPage(session(), page, 'pages/me/index')
    await tap(page, '登记新组织')
    await page.waitForURL('**/pages/organisations/apply/index')

    // Step 1 refuses to go on without a name, and says so next to it.
    await tap(page, '下一步')
    await shown(page).locator('.field-invalid').filter({ hasText: '组织名称' }).getByText('不能为空').waitFor()
    await screenshot(page, 'organisation-apply-error.png')
    await shown(page).locator('#org-name input').fill(name)
    await tap(page, '邻里互助类')
    await tap(page, '亲情陪伴')
    await tap(page, '上门巡访探视')
    await tap(page, '下一步')

    await shown(page).getByText('中心：以您家为中心').waitFor()
    expect(await shown(page).locator('.choice-on').allTextContents()).toEqual([expect.stringContaining('1.0 公里')])
    await tap(page, '下一步')

    // Her own phone is offered as the contact number.
    expect(await shown(page).locator('#org-phone input').inputValue()).toBe('18653312469')
    await shown(page).locator('#org-charter textarea').fill('邻里互助，不收费用；每周走访结对的老人一次。')
    await shown(page).locator('#org-description textarea').fill(description)
    await tap(page, '提交，等两委审核')
    await shown(page).getByText('已提交，等待社区两委审核').waitFor()
    await screenshot(page, 'organisation-applied.png')

    await tap(page, '看我的组织')
    await page.waitForURL('**/pages/organisations/mine/index')
    await mine(page, name).getByText('等待社区两委审核', { exact: false }).waitFor()
    const { data } = await callOrganisations(page, 'mine', {})
    const applied = data.organisations.find((o: { organisation: { name: string } }) => o.organisation.name === name).organisation
    expect(applied.serviceArea.centre).toEqual(resident.location!.coordinates)
    expect(errors).toEqual([])
  })

  it('refuses the committee of another community', async () => {
    const organisationId = await appliedFor('柳泉花园读报小组')
    const { page, errors, communities } = await openWorkbench(session(), demoIdentities.committeeRural)
    // Only the community they sit on the committee of.
    expect(await communities.locator('.card-title').allTextContents()).toEqual(['太河村'])
    await tap(page, '备案申请')
    await page.waitForURL(/pages\/committee\/applications\/index\?communityId=c-zc-taihe$/)
    await shown(page).getByText('没有待审核的申请').waitFor()

    // Its page, opened by address, is refused and offers no decision.
    await openPage(session(), page, `pages/committee/record/index?id=${organisationId}`)
    await shown(page).getByText('你没有权限进行这个操作').waitFor()
    expect(await shown(page).getByText('通过', { exact: true }).count()).toBe(0)
    // The function refuses the decision itself too.
    const answer = await callOrganisations(page, 'decide', { organisationId, decision: 'approve' })
    expect(answer).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(errors).toEqual([])
  })

  it('lets the community committee find it in the queue and approve it', async () => {
    const name = '柳泉花园助餐送餐队'
    const organisationId = await appliedFor(name)
    const { page, errors, communities: coverage } = await openWorkbench(session(), demoIdentities.committeeUrban)
    expect(await coverage.locator('.card-title').allTextContents()).toEqual(['沁园社区'])
    // The seeds' target for an urban community, with the applications waiting, this one among them.
    const { applications } = (await callOrganisations(page, 'applications', { communityId: urban._id })).data
    expect(await coverage.locator('.coverage-figure').textContent()).toMatch(/目标 10 个$/)
    expect(await coverage.locator('.coverage-verdict').textContent()).toMatch(/^(已达标|还差 \d+ 个)$/)
    expect(await coverage.textContent()).toContain(`待审核 ${applications.length} 个`)
    await screenshot(page, 'committee-workbench.png')

    await tap(page, '备案申请')
    await page.waitForURL('**/pages/committee/applications/**')
    await tap(page, name)
    await page.waitForURL((url) => url.hash.endsWith(`/pages/committee/record/index?id=${organisationId}`))
    await shown(page).getByText(description).waitFor()
    await tap(page, '通过')
    await tap(page, '确定通过')
    // Approved: what the committee may do next is suspend it.
    await shown(page).getByText('暂停这个组织', { exact: true }).waitFor()
    expect(await shown(page).getByText('待审核', { exact: true }).count()).toBe(0)
    await screenshot(page, 'committee-record.png')

    // Back in the queue, it is gone; the demo's application still waits.
    await page.goBack()
    await shown(page).getByText('沁园社区银龄书画社', { exact: true }).waitFor()
    await shown(page).getByText(name, { exact: true }).waitFor({ state: 'hidden' })
    expect(errors).toEqual([])
  })

  it('makes the applicant its lead, with an invite code and QR code to hand out', async () => {
    const name = '柳泉花园陪诊小队'
    const organisationId = await approved(name)
    const { page, errors } = await signInAs(session(), resident.openid)
    await openPage(session(), page, 'pages/organisations/mine/index')
    await mine(page, name).getByText('点开管理成员、邀请志愿者').waitFor()
    await tap(page, name)
    await page.waitForURL((url) => url.hash.endsWith(`/pages/organisations/team/index?id=${organisationId}`))
    const inviteCode = (await shown(page).locator('#invite-code').textContent())!.trim()
    expect(inviteCode).toMatch(/^[2-9A-HJKMNP-Z]{6}$/)
    expect(await shown(page).locator('.invite-qr img').getAttribute('src')).toMatch(/^data:image\/png;base64,/)
    expect(await shown(page).locator('.member .card-title').allTextContents()).toEqual([resident.name])
    await screenshot(page, 'organisation-team.png')
    expect(errors).toEqual([])
  })

  it('lets an elderly neighbour join from the QR code’s page, in 长辈模式', async () => {
    const name = '柳泉花园书法角'
    const organisationId = await approved(name)
    const { code, joinPath } = await organisationsAs(resident.openid, 'invitation', { organisationId })
    const { page, errors } = await signInAs(session(), demoIdentities.elderResident)
    // What scanning the code opens: the join page with the code filled in.
    await openPage(session(), page, joinPath)
    const input = shown(page).locator('#invite-code-input input')
    expect(await input.inputValue()).toBe(code)

    expect(await shown(page).getAttribute('class')).toContain('elder')
    const fontSize = (selector: string) =>
      shown(page)
        .locator(selector)
        .first()
        .evaluate((el) => parseFloat(getComputedStyle(el).fontSize))
    expect(await fontSize('.page-hint')).toBeGreaterThanOrEqual(18)
    expect(await fontSize('.field-label')).toBeGreaterThanOrEqual(18)
    expect(await fontSize('#invite-code-input input')).toBeGreaterThanOrEqual(18)
    expect((await shown(page).locator('#join-button').boundingBox())!.height).toBeGreaterThanOrEqual(60)
    expect((await shown(page).locator('#invite-code-input').boundingBox())!.height).toBeGreaterThanOrEqual(60)
    expect(await contrastRatioOf(page, '#join-button')).toBeGreaterThanOrEqual(4.5)
    await screenshot(page, 'organisation-join-elder.png')

    await tap(page, '申请加入')
    await shown(page).getByText('已提交申请，等负责人同意').waitFor()
    await shown(page).getByText(name).waitFor()
    expect(errors).toEqual([])
  })

  it('lists the request first on the lead’s team page; 婉拒 asks first, 同意 makes her a member', async () => {
    const organisationId = await approved('柳泉花园棋牌会')
    await askedToJoin(organisationId, demoIdentities.elderResident)
    const { page, errors } = await signInAs(session(), resident.openid)
    await openPage(session(), page, `pages/organisations/team/index?id=${organisationId}`)
    const request = shown(page).locator('.join-request')
    await request.waitFor()
    expect(await request.locator('.card-title').textContent()).toBe('王桂兰')
    expect(await request.locator('.card-label').textContent()).toContain('沁园社区')
    // Requests come before everything else on the page.
    const above = await shown(page)
      .locator('#join-requests')
      .evaluate((el) => Boolean(el.compareDocumentPosition(document.querySelector('#invite-code')!) & Node.DOCUMENT_POSITION_FOLLOWING))
    expect(above).toBe(true)
    await tap(page, '婉拒')
    await shown(page).getByText('婉拒 王桂兰 的申请？理由会告诉对方。').waitFor()
    await tap(page, '确定婉拒')
    await shown(page).getByText('请写明理由').waitFor()
    await screenshot(page, 'organisation-join-request.png')
    await tap(page, '取消')
    await tap(page, '同意')
    await request.waitFor({ state: 'detached' })
    await shown(page).locator('.member').nth(1).waitFor()
    expect(await shown(page).locator('.member .card-title').allTextContents()).toEqual([resident.name, '王桂兰'])
    expect(await shown(page).locator('.member').nth(1).textContent()).toContain('志愿者')
    expect(errors).toEqual([])
  })

  it('shows the organisation’s public profile to residents nearby', async () => {
    const name = '柳泉花园健步走队'
    const organisationId = await approved(name)
    await askedToJoin(organisationId, demoIdentities.elderResident)
    const [request] = (await organisationsAs(resident.openid, 'joinRequests', { organisationId })).requests
    await organisationsAs(resident.openid, 'decideJoin', { organisationId, requestId: request.requestId, decision: 'approve' })

    const { page, errors } = await signInAs(session(), demoIdentities.elderResident)
    await openPage(session(), page, 'pages/home/index')
    await tap(page, '附近的组织')
    await page.waitForURL('**/pages/organisations/nearby/index')
    await tap(page, name)
    await page.waitForURL((url) => url.hash.endsWith(`/pages/organisations/profile/index?id=${organisationId}`))
    const profile = shown(page)
    await profile.getByText(description).waitFor()
    await profile.getByText('成员 2 人', { exact: false }).waitFor()
    expect(await profile.getByText('邻里互助类', { exact: true }).count()).toBe(1)
    expect(await profile.getByText('打电话 18653312469', { exact: true }).count()).toBe(1)
    // Public: no member's name or phone.
    expect(await profile.getByText('王桂兰').count()).toBe(0)
    await screenshot(page, 'organisation-profile.png')
    expect(errors).toEqual([])
  })

  it('lets the committee suspend an organisation, find it under 已暂停, and restore it', async () => {
    const suspended = '柳泉花园夜巡队'
    await approved(suspended)
    const { page, errors } = await openWorkbench(session(), demoIdentities.committeeUrban)
    await tap(page, '本社区组织')
    await page.waitForURL(/pages\/committee\/organisations\/index\?communityId=c-zd-qinyuan$/)
    const rows = shown(page).locator('.list-item-title')
    const chip = (label: string) => shown(page).locator('.choice', { hasText: label }).click()
    // Every organisation of the community, what waits for a decision first, as the function lists them.
    await rows.first().waitFor()
    const { organisations } = (await callOrganisations(page, 'list', { communityId: urban._id })).data
    expect(organisations[0].status).toBe('pending')
    expect(await rows.allTextContents()).toEqual(organisations.map((o: { name: string }) => o.name))

    await tap(page, suspended)
    await page.waitForURL('**/pages/committee/record/index?id=*')
    await tap(page, '暂停这个组织')
    await shown(page).locator('.confirm textarea').fill('居民反映近三个月没有开展服务，核查中')
    await tap(page, '确定暂停这个组织')
    await shown(page).getByText('恢复这个组织', { exact: true }).waitFor()
    await shown(page).getByText('理由：居民反映近三个月没有开展服务，核查中').waitFor()

    await page.goBack()
    await chip('已暂停')
    await shown(page).getByText(suspended, { exact: true }).waitFor()
    expect(await rows.allTextContents()).toEqual([suspended])
    await screenshot(page, 'committee-organisations-suspended.png')

    await tap(page, suspended)
    await page.waitForURL('**/pages/committee/record/index?id=*')
    await tap(page, '恢复这个组织')
    await tap(page, '确定恢复这个组织')
    await shown(page).getByText('暂停这个组织', { exact: true }).waitFor()

    // Back in the list, 已暂停 is empty again and the organisation is under 已备案.
    await page.goBack()
    await shown(page).getByText('没有已暂停的组织').waitFor()
    await chip('已备案')
    await shown(page).getByText(suspended, { exact: true }).waitFor()
    expect(errors).toEqual([])
  })
})
