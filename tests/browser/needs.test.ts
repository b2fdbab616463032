/**
 * 急难愁盼 end to end in the H5 build: an elderly resident raises a 紧急 need in 长辈模式; the two
 * organisations whose areas reach her both get the offer; one accepts and the other is told it
 * was taken; the winner assigns a volunteer and marks it done with minutes; she answers 已解决
 * and rates it. She attaches a photo, which only the accepting organisation sees. Then a need nobody answers escalates to the committee once its deadline passes,
 * and the committee assigns it by hand.
 *
 * Each test has a need of its own, brought by the functions (as she and the winning lead would) to
 * where the test begins, and leaves no need open that another test could meet in a list.
 */
import type { Page } from 'playwright-core'
import { DUPLICATE_RADIUS_M, offerWindowMinutes } from '../../shared/domain/need'
import { serviceDistance } from '../../shared/domain/organisation'
import { inShanghai } from '../../shared/domain/time'
import type { HelpKind } from '../../shared/domain/vocabulary'
import { demoDataSet, demoIdentities, demoPerson as personOf } from '../../local/seed/demo-data'
import {
  callFunction,
  contrastRatioOf,
  openPage,
  screenshot,
  shown,
  signInAs as signInAsDemo,
  tap,
  useBrowserSession,
} from '../support/browser'
import { callHostAs } from '../support/need-service'
import { tinyPng } from '../support/photo'

/**
 * 09:00 today in Shanghai for the host, the phones and the demo data: a 紧急 need is wanted 今天, so
 * on a clock near midnight the visit below would pass its expected finish and add a reminder.
 */
const session = useBrowserSession({ startAt: inShanghai().startOf('day').add(9, 'hour').toDate() })
const signInAs = (openid: string) => signInAsDemo(session(), openid)
/** A function call as `openid`, as their page would make it, without opening one. */
const callAs = (openid: string, functionName: string, action: string, data: object) =>
  callHostAs(session().host.url, openid, functionName, action, data)

const homeOf = (openid: string) => personOf(openid).location!.coordinates as [number, number]

/** Approved organisations that give `kind` and whose service area reaches `point`: who matching may offer it to. */
function reaching(kind: HelpKind, point: [number, number]) {
  return demoDataSet.organisations.filter(
    (o) =>
      o.status === 'approved' &&
      o.helpKinds.includes(kind) &&
      serviceDistance({ centre: o.serviceArea.centre.coordinates as [number, number], radiusM: o.serviceArea.radiusM }, point) !== null,
  )
}

const elder = personOf(demoIdentities.elderResident)
const kind: HelpKind = '上门巡访探视'
const candidates = reaching(kind, homeOf(elder.openid))
const [winner, loser] = candidates
const volunteerRole = demoDataSet.roles.find((r) => r.role === 'volunteer' && r.organisationId === winner._id)!
const volunteer = personOf(volunteerRole.openid)

/** The point `metres` east of `point` (flat earth, fine at this scale). */
function eastOf([lng, lat]: [number, number], metres: number): [number, number] {
  return [Number((lng + metres / (111_320 * Math.cos((lat * Math.PI) / 180))).toFixed(6)), lat]
}

/**
 * Her 紧急 need as her three screens would raise it, at a `place` of the test's own east of her home,
 * further from each other and from her home than a possible duplicate: the need raised in the browser
 * is not asked whether it repeats them, nor are they. Answers its id.
 */
async function raisedByElder(need: { description: string; place: 1 | 2 | 3; photos?: string[] }): Promise<string> {
  const location = eastOf(homeOf(elder.openid), need.place * 2 * DUPLICATE_RADIUS_M)
  // Still where exactly the story's two organisations reach.
  expect(reaching(kind, location)).toEqual(candidates)
  const raised = await callAs(elder.openid, 'needs', 'raise', {
    helpKind: kind,
    urgency: 'urgent',
    description: need.description,
    location,
    neighbourhood: elder.neighbourhood,
    addressDetail: elder.addressDetail,
    contactPhone: elder.phone,
    photos: need.photos ?? [],
  })
  return raised.need.id
}

/** The winning lead answers its offer 接单. */
async function acceptedByWinner(needId: string) {
  const { offers } = await callAs(winner.leadOpenid, 'needs', 'offers', { organisationId: winner._id })
  const { offerId } = offers.find((o: { need: { id: string } }) => o.need.id === needId)
  await callAs(winner.leadOpenid, 'needs', 'accept', { organisationId: winner._id, offerId })
}

/** A photo as the phone's upload leaves it in storage; answers its file id. */
async function uploadedPhoto(): Promise<string> {
  const answer = await fetch(`${session().host.url}/local/storage`, {
    method: 'POST',
    headers: { 'content-type': 'image/png' },
    body: tinyPng,
  })
  return ((await answer.json()) as { fileID: string }).fileID
}

async function timelineTexts(page: Page) {
  await shown(page).locator('#timeline .timeline-text').first().waitFor()
  return shown(page).locator('#timeline .timeline-text').allTextContents()
}

/** Waits for `count` photos under `selector` and that the browser could show each (fetched and decoded). */
async function loadedPhotos(page: Page, selector: string, count: number) {
  const images = shown(page).locator(`${selector} img`)
  await images.nth(count - 1).waitFor()
  expect(await images.count()).toBe(count)
  await page.waitForFunction(
    (found) => found.every((img) => (img as HTMLImageElement).complete && (img as HTMLImageElement).naturalWidth > 0),
    await images.elementHandles(),
  )
}

describe('求助 in the browser', () => {
  it('has a 紧急 kind and place that reach exactly the two organisations the story needs', () => {
    expect(candidates.map((o) => o._id)).toHaveLength(2)
  })

  it('lets an elderly resident raise a 紧急 need in three steps, in 长辈模式', async () => {
    const description = '老伴住院了，我一个人在家腿脚不便，想请人今天来看看我，帮忙收拾一下。'
    const { page, errors } = await signInAs(elder.openid)
    await openPage(session(), page, 'pages/home/index')
    expect((await shown(page).locator('#raise-need').boundingBox())!.height).toBeGreaterThanOrEqual(60)
    await tap(page, '我要求助')
    await page.waitForURL('**/pages/needs/raise/index')

    // 长辈模式 sizes on the form: text ≥ 18 px, the main button ≥ 60 px, contrast ≥ 4.5.
    expect(await shown(page).getAttribute('class')).toContain('elder')
    const fontSize = (selector: string) =>
      shown(page)
        .locator(selector)
        .first()
        .evaluate((el) => parseFloat(getComputedStyle(el).fontSize))
    for (const selector of ['.field-label', '.choice', '.field-hint', '#step-main'])
      expect(await fontSize(selector)).toBeGreaterThanOrEqual(18)
    expect((await shown(page).locator('#step-main').boundingBox())!.height).toBeGreaterThanOrEqual(60)
    expect((await shown(page).locator('.choice').first().boundingBox())!.height).toBeGreaterThanOrEqual(60)
    expect(await contrastRatioOf(page, '#step-main')).toBeGreaterThanOrEqual(4.5)

    // 危及生命安全 shows the emergency numbers and the committee's phone at once, above everything, before any step.
    await tap(page, '危及生命安全')
    const panel = shown(page).locator('#emergency-panel')
    await panel.getByText('邻里守望不能代替报警和急救', { exact: false }).waitFor()
    const community = demoDataSet.communities.find((c) => c._id === elder.communityId)!
    expect(await panel.locator('taro-button-core').allTextContents()).toEqual([
      '报警 110',
      '急救 120',
      '火警 119',
      `社区两委 ${community.committeePhone}`,
    ])
    expect(await contrastRatioOf(page, '#emergency-panel taro-button-core')).toBeGreaterThanOrEqual(4.5)
    await screenshot(page, 'need-raise-life.png')
    await tap(page, '紧急（今天）')
    await panel.waitFor({ state: 'detached' })

    // A missing choice is said beside its field.
    await tap(page, '下一步')
    await shown(page).locator('.field-invalid').filter({ hasText: '要帮什么忙' }).getByText('请选要帮什么忙').waitFor()
    await tap(page, kind)
    await shown(page).locator('#need-description textarea').fill(description)
    // A photo: Taro's chooseImage opens the browser's file picker; it is uploaded at once.
    const picker = page.waitForEvent('filechooser')
    await tap(page, '添加照片')
    await (await picker).setFiles({ name: 'kitchen.png', mimeType: 'image/png', buffer: tinyPng })
    await loadedPhotos(page, '#need-photos', 1)
    await shown(page).getByText('再加一张').waitFor()
    await tap(page, '下一步')

    // Step 2: her 小区 and address from 我的; the place is her home, without asking the browser.
    expect(await shown(page).locator('#need-neighbourhood input').inputValue()).toBe(elder.neighbourhood)
    expect(await shown(page).locator('#need-address input').inputValue()).toBe(elder.addressDetail)
    await shown(page).getByText('地点：您家').waitFor()
    await tap(page, '今天之内')
    await tap(page, '下一步')

    expect(await shown(page).locator('#need-phone input').inputValue()).toBe(elder.phone)
    await screenshot(page, 'need-raise-contact.png')
    await tap(page, '发出求助')
    await shown(page).getByText('求助已发出').waitFor()
    await shown(page).getByText('正在联系附近的组织', { exact: false }).waitFor()
    await screenshot(page, 'need-raised.png')

    await tap(page, '看这条求助的进展')
    await page.waitForURL('**/pages/needs/detail/index?id=*')
    const needId = new URL(page.url().replace('#/', '')).searchParams.get('id')!
    expect(await timelineTexts(page)).toEqual(['发起求助', '已派给附近 2 个组织，等待接单'])
    await loadedPhotos(page, '#photos', 1)
    expect(errors).toEqual([])
    // Withdrawn once seen: its offers stay in no organisation's list, nor lapse into the committee's queue
    // when another test moves the clocks.
    await callAs(elder.openid, 'needs', 'cancel', { needId })
  })

  it('offers it to both organisations without her name, address or phone; the first to accept wins', async () => {
    const description = '女儿出差了，我一个人在家有点心慌，想请人今天来陪我坐坐。'
    const needId = await raisedByElder({ description, place: 1, photos: [await uploadedPhoto()] })
    // One after the other: two first loads of the app at once can outlast a step's 8 s on a busy machine.
    const leads = [await signInAs(winner.leadOpenid), await signInAs(loser.leadOpenid)]
    for (const { page } of leads) {
      await openPage(session(), page, 'pages/needs/offers/index')
      const offer = shown(page).locator('.card', { hasText: description })
      await offer.waitFor()
      const text = await offer.textContent()
      expect(text).toContain(kind)
      expect(text).toContain('紧急（今天）')
      expect(text).toContain(elder.neighbourhood)
      expect(text).toMatch(/相距 \d+ 米/)
      expect(text).toMatch(new RegExp(`还剩 (${offerWindowMinutes.urgent}|${offerWindowMinutes.urgent - 1}) 分钟`))
      for (const secret of [elder.name, elder.addressDetail!, elder.phone!]) expect(text).not.toContain(secret)
    }
    // Nor her photos: the offer's need has none, whatever the page asks for.
    for (const [i, { page }] of leads.entries()) {
      const { data } = await callFunction(page, 'needs', 'offers', { organisationId: [winner, loser][i]._id })
      const offered = data.offers.find((o: { need: { id: string } }) => o.need.id === needId)
      expect(offered.need.access).toBe('limited')
      expect(offered.need).not.toHaveProperty('photos')
    }
    const [first, second] = leads
    await screenshot(first.page, 'need-offer.png')

    await tap(first.page, '接单')
    await first.page.waitForURL((url) => url.hash.includes(`/pages/needs/task/index?organisationId=${winner._id}&id=${needId}`))
    // Accepted: now the organisation sees who and where, and can call her.
    await shown(first.page).getByText(`${elder.neighbourhood} ${elder.addressDetail}`).waitFor()
    await shown(first.page).getByText(`给求助人打电话 ${elder.phone}`).waitFor()
    await loadedPhotos(first.page, '#photos', 1)

    // The other lead's page still shows the offer; answering it says it was taken and the list refreshes.
    await tap(second.page, '接单')
    await shown(second.page).locator('#offers-notice').getByText('已被其他组织接单').waitFor()
    await shown(second.page).getByText('现在没有派单').waitFor()
    await screenshot(second.page, 'need-offer-taken.png')
    for (const { errors } of leads) expect(errors).toEqual([])
  })

  it('lets the winning lead assign a volunteer and mark it done with minutes', async () => {
    const description = '腿疼下不了楼，想请人今天上门看看我，顺便帮我取个快递。'
    await acceptedByWinner(await raisedByElder({ description, place: 2 }))
    const { page, errors } = await signInAs(winner.leadOpenid)
    await openPage(session(), page, 'pages/needs/offers/index')
    await shown(page).locator('.card-button', { hasText: description }).click()
    await page.waitForURL('**/pages/needs/task/index?*')

    await tap(page, volunteer.name)
    await tap(page, '安排这几位')
    await shown(page).locator('#timeline').getByText('安排了 1 名志愿者').waitFor()

    await shown(page).locator('#done-summary textarea').fill('上门看望王阿姨，打扫了屋子，买了三天的菜。')
    // 60 minutes to start with; three taps of + make 90.
    const plus = shown(page).locator(`#minutes-${volunteerRole._id} taro-button-core`).last()
    for (let i = 0; i < 3; i++) await plus.click()
    await shown(page).locator(`#minutes-${volunteerRole._id}`).getByText('90 分钟').waitFor()
    await screenshot(page, 'need-done-form.png')
    // Nobody serves longer than since acceptance: the visit took its 90 minutes.
    await session().moveClocks({ advanceMinutes: 90 })
    await tap(page, '确认完成')
    // The lead reads the status about the resident, not the resident's own 等您确认.
    await shown(page).getByText('已完成，等居民确认').first().waitFor()
    await shown(page).getByText(`${volunteer.name} 90 分钟`).waitFor()
    expect(errors).toEqual([])
  })

  it('lets the resident answer 已解决 and rate it; the timeline shows every step', async () => {
    // Accepted by the winner, who assigned his volunteer and marked it done after the 90 minutes it took.
    const description = '一个人在家好几天没出门了，想请人今天来看看我，帮忙买点菜。'
    const needId = await raisedByElder({ description, place: 3 })
    await acceptedByWinner(needId)
    await callAs(winner.leadOpenid, 'needs', 'assignVolunteers', { organisationId: winner._id, needId, memberIds: [volunteerRole._id] })
    await session().moveClocks({ advanceMinutes: 90 })
    await callAs(winner.leadOpenid, 'needs', 'markDone', {
      organisationId: winner._id,
      needId,
      summary: '上门看望王阿姨，打扫了屋子，买了三天的菜。',
      service: [{ memberId: volunteerRole._id, minutes: 90 }],
    })

    const { page, errors } = await signInAs(elder.openid)
    await openPage(session(), page, 'pages/needs/mine/index')
    await shown(page).locator('.card-button', { hasText: description }).click()
    await page.waitForURL((url) => url.hash.endsWith(`/pages/needs/detail/index?id=${needId}`))

    // Stars without an answer are refused beside the question.
    await tap(page, '提交评价')
    await shown(page).getByText('请选帮得怎么样').waitFor()
    await tap(page, '已解决')
    await shown(page).locator('#star-5').click()
    await shown(page).getByText('5 星', { exact: true }).waitFor()
    expect((await shown(page).locator('#star-5').boundingBox())!.height).toBeGreaterThanOrEqual(60)
    await shown(page).locator('#confirm-comment textarea').fill('来得很快，谢谢大家。')
    await screenshot(page, 'need-confirm.png')
    await tap(page, '提交评价')

    await shown(page).getByText('已结束').first().waitFor()
    expect(await timelineTexts(page)).toEqual([
      '发起求助',
      '已派给附近 2 个组织，等待接单',
      `${winner.name}接单`,
      '安排了 1 名志愿者',
      '已完成：上门看望王阿姨，打扫了屋子，买了三天的菜。（服务 90 分钟）',
      '评价：已解决，5 星：来得很快，谢谢大家。',
    ])
    const who = await shown(page).locator('#timeline .timeline-meta').allTextContents()
    expect(who.map((line) => line.split(' · ')[0])).toEqual([
      elder.name,
      '系统',
      personOf(winner.leadOpenid).name,
      personOf(winner.leadOpenid).name,
      personOf(winner.leadOpenid).name,
      elder.name,
    ])
    await screenshot(page, 'need-closed.png')
    expect(errors).toEqual([])
  })

  it('escalates an unanswered 紧急 need to the committee after its deadline; the committee assigns it', async () => {
    const resident = personOf(demoIdentities.resident)
    const escalatedKind: HelpKind = '就业帮扶'
    const reachable = reaching(escalatedKind, homeOf(resident.openid))
    expect(reachable.length).toBeGreaterThan(0)

    const { page: residentPage, errors: residentErrors } = await signInAs(resident.openid)
    const raised = await callFunction(residentPage, 'needs', 'raise', {
      helpKind: escalatedKind,
      urgency: 'urgent',
      description: '孩子下岗了，想问问社区附近有没有招工的地方。',
      location: homeOf(resident.openid),
      neighbourhood: resident.neighbourhood,
      addressDetail: resident.addressDetail,
      contactPhone: resident.phone,
      photos: [await uploadedPhoto()],
    })
    expect(raised).toMatchObject({ ok: true, data: { need: { status: 'matching' } } })
    const escalatedId: string = raised.data.need.id

    // One offer window after another, until nobody is left: each move of the clocks runs the due work.
    for (let round = 0; round <= reachable.length; round++) await session().moveClocks({ advanceMinutes: offerWindowMinutes.urgent + 1 })
    const { data } = await callFunction(residentPage, 'needs', 'detail', { needId: escalatedId })
    expect(data.need.status).toBe('escalated')

    const { page, errors } = await signInAs(demoIdentities.committeeUrban)
    await openPage(session(), page, 'pages/me/index')
    await tap(page, '社区工作台')
    await page.waitForURL('**/pages/committee/workbench/index')
    await tap(page, '求助待办')
    await page.waitForURL('**/pages/committee/needs/index?communityId=*')
    await shown(page).getByText(`无人接单：${escalatedKind}`).waitFor()
    await screenshot(page, 'committee-needs-queue.png')

    // The switch shows the community's setting as stored, on arriving as after changing it.
    const setting = shown(page).locator('.card', { hasText: '新求助怎么处理' })
    expect(await setting.locator('.choice-on').allTextContents()).toEqual([expect.stringContaining('直接派单')])
    await tap(page, '先审核再派单')
    await setting.getByText('已设为：先审核再派单').waitFor()
    await page.reload()
    await shown(page).getByText(`无人接单：${escalatedKind}`).waitFor()
    expect(await setting.locator('.choice-on').allTextContents()).toEqual([expect.stringContaining('先审核再派单')])
    await tap(page, '直接派单')
    await setting.getByText('已设为：直接派单').waitFor()

    await tap(page, `无人接单：${escalatedKind}`)
    await page.waitForURL((url) => url.hash.includes(`/pages/committee/need/index?id=${escalatedId}`))
    // The photo, by a link made for this look, long after those the raise answered with expired: in the facts and under 照片审核.
    await loadedPhotos(page, '#photos', 1)
    await loadedPhotos(page, '#photo-review', 1)

    // Who it was offered to: each lapsed; why, in words, only under 为什么派给它 (no raw scores in view).
    const match = shown(page).locator('#match-details')
    await match.waitFor()
    for (const organisation of reachable) await match.getByText(`${organisation.name}：超时未答复`).waitFor()
    expect(await match.textContent()).not.toMatch(/得分|\d\.\d\d/)
    await tap(page, '为什么派给它')
    expect(await match.locator('.why-offered-reasons').innerText()).toMatch(
      /距离\s+(很近|不算远|较远)[\s\S]*对口[\s\S]*忙闲[\s\S]*响应[\s\S]*居民评价[\s\S]*综合\s+\d+ 分/,
    )
    await screenshot(page, 'committee-need.png')

    const assignee = shown(page).locator('.card', { hasText: reachable[0].name }).filter({ hasText: '指派给这个组织' })
    await assignee.locator('taro-button-core', { hasText: '指派给这个组织' }).click()
    await tap(page, '确定指派给这个组织')
    await shown(page).getByText('已有组织接单').first().waitFor()
    // The scheduler ran on a clock ahead of real time, so its events sort after the assignment: compare as a set.
    expect((await timelineTexts(page)).sort()).toEqual(
      [
        '发起求助',
        `已派给附近 ${reachable.length} 个组织，等待接单`,
        '有组织未在期限内答复',
        '附近暂无组织接单，已转社区两委处理',
        `社区指派给${reachable[0].name}`,
      ].sort(),
    )
    await page.goBack()
    await shown(page).getByText('没有待处理的求助').waitFor()
    expect(errors).toEqual([])
    expect(residentErrors).toEqual([])
  })
})
