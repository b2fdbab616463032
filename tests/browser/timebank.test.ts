/**
 * 时间银行 end to end in the H5 build: a volunteer earns time through a need and sees where it
 * came from; she gives an hour to 王桂兰 through the give page, and 王桂兰 (长辈模式) sees it
 * arrive; the committee puts an item in the catalogue and stocks it, 王桂兰 redeems it, and the
 * committee confirms the hand-over; service over the daily cap waits until the committee credits
 * it; a grant from the pool is reversed with a reason; the volunteer records a visit, sees it credited,
 * registers her real name, has her organisation certify it, saves the image, and a stranger who never
 * signed in verifies it by its number. Each test first makes the service, gifts and items it
 * shows through the functions, as the people would, and expects balances relative to where they were.
 */
import { randomUUID } from 'node:crypto'
import { readFileSync } from 'node:fs'
import type { Page } from 'playwright-core'
import { demoDataSet, demoIdentities, demoPerson as personOf } from '../../local/seed/demo-data'
import { DEFAULT_DAILY_CAP_MINUTES, GIFT_ACCEPT_DAYS, maskName } from '../../shared/domain/timebank'
import type { ServiceHours } from '../../shared/contracts/timebank'
import { formatMinutes, formatSignedMinutes, inShanghai } from '../../shared/domain/time'
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
import { callHostAs, serveANeed as serveNeed } from '../support/need-service'

const session = useBrowserSession()

const elder = personOf(demoIdentities.elderResident)
const volunteer = personOf(demoIdentities.volunteer)
// Another of 夕阳红's volunteers, whom only the daily cap's test serves with: the day's total is that test's own.
const cappedVolunteer = personOf('demo-gao-peng')
const organisation = demoDataSet.organisations.find((o) => o._id === 'org-qy-xiyanghong')!
const committee = demoIdentities.committeeUrban

const EARNED = 150
const GIFT = 60
const note = '王阿姨，天冷了，这一小时留给您请人来帮忙。'

const balanceOf = async (page: Page): Promise<number> => (await callFunction(page, 'timebank', 'account', {})).data.total
const timebankAs = (openid: string, action: string, data: object) => callHostAs(session().host.url, openid, 'timebank', action, data)

/** 王桂兰 raises a need; 夕阳红助老服务队 serves it with `volunteerOpenid` for `minutes`. Answers its title. */
const serveANeed = (minutes: number, volunteerOpenid = volunteer.openid) =>
  serveNeed(session().host.url, {
    requesterOpenid: elder.openid,
    organisationId: organisation._id,
    volunteerOpenid,
    minutes,
  })

/** 王桂兰 takes whatever other tests gave her, so that the gift a test makes is the only one waiting, on either side. */
async function noGiftWaiting() {
  const { incoming } = await timebankAs(elder.openid, 'gifts', {})
  for (const gift of incoming) await timebankAs(elder.openid, 'acceptGift', { giftId: gift.id })
}

/** The recent entries on the 时间银行 tab, each as one line of text. */
async function recentEntries(page: Page): Promise<string[]> {
  await shown(page).locator('#recent .entry').first().waitFor()
  return shown(page).locator('#recent .entry').allTextContents()
}

async function openTimeBank(openid: string) {
  const signedIn = await signInAs(session(), openid)
  await signedIn.page.getByText('时间银行', { exact: true }).last().click()
  await signedIn.page.waitForURL('**/pages/time-bank/index')
  await shown(signedIn.page).locator('#balance').waitFor()
  return signedIn
}

/** 社区工作台 → 时间银行 as the community's committee. */
async function openCommitteeTimeBank() {
  const { page, errors } = await openWorkbench(session(), committee)
  await tap(page, '时间银行')
  await page.waitForURL('**/pages/committee/time-bank/index?communityId=*')
  return { page, errors }
}

describe('时间银行 in the browser', () => {
  it('shows a volunteer the time she earned on a need, with the need and the organisation it came from', async () => {
    const before = await timebankAs(volunteer.openid, 'account', {})
    const needTitle = await serveANeed(EARNED)

    const { page, errors } = await openTimeBank(volunteer.openid)
    expect(await shown(page).locator('#balance').textContent()).toBe(formatMinutes(before.total + EARNED))
    expect(await shown(page).locator('#month-earned').textContent()).toContain(formatMinutes(before.monthEarned + EARNED))
    const [latest] = await recentEntries(page)
    expect(latest).toContain(`志愿服务：${needTitle}`)
    expect(latest).toContain(`求助 · ${organisation.name}`)
    expect(latest).toContain(formatSignedMinutes(EARNED))
    await screenshot(page, 'timebank-volunteer.png')
    expect(errors).toEqual([])
  })

  it('lets her give an hour to 王桂兰 through the page, saying exactly what will happen first', async () => {
    await noGiftWaiting()
    // What she has just earned is the entry before the gift in 全部明细.
    const needTitle = await serveANeed(EARNED)
    const { page, errors } = await openTimeBank(volunteer.openid)
    const balance = await balanceOf(page)
    await tap(page, '赠送给家人')
    await page.waitForURL('**/pages/time-bank/more/give/index')

    // Nothing filled in: refused beside the field, before anything is sent.
    await tap(page, '下一步')
    await shown(page).locator('.field-invalid').filter({ hasText: '对方姓名' }).getByText('不能为空').waitFor()
    await shown(page).locator('#give-name input').fill(elder.name)
    await shown(page).locator('#give-phone input').fill('1395')
    await tap(page, '下一步')
    await shown(page).locator('.field-invalid').filter({ hasText: '对方手机号' }).getByText('电话号码格式不正确').waitFor()
    await shown(page).locator('#give-phone input').fill(elder.phone!)
    await shown(page).locator('#give-minutes').getByText(formatMinutes(GIFT)).waitFor()
    await shown(page).locator('#give-note textarea').fill(note)
    await tap(page, '下一步')

    const confirmation = shown(page).locator('#give-confirm')
    await confirmation.getByText(`赠送 ${formatMinutes(GIFT)} 给 ${elder.name}`).waitFor()
    expect(await confirmation.textContent()).toContain(`还剩 ${formatMinutes(balance - GIFT)}`)
    await screenshot(page, 'timebank-give-confirm.png')
    await tap(page, '确定赠送')
    await shown(page)
      .getByText(`已送出 ${formatMinutes(GIFT)} 给 ${elder.name}`)
      .waitFor()
    // The result page: what happens next and when the gift comes back.
    expect(await shown(page).locator('#give-result .outcome-when').textContent()).toBe(
      `对方 ${GIFT_ACCEPT_DAYS} 天内未接收，时间会退回给您。`,
    )

    // Back on the tab, the balance and the latest entry say so.
    await tap(page, '回到时间银行')
    await page.waitForURL('**/pages/time-bank/index')
    await shown(page)
      .locator('#balance')
      .getByText(formatMinutes(balance - GIFT), { exact: true })
      .waitFor()
    const [latest] = await recentEntries(page)
    expect(latest).toContain(`转赠给${elder.name}`)
    expect(latest).toContain(formatSignedMinutes(-GIFT))
    expect(await shown(page).locator('.gift-outgoing').textContent()).toContain('待对方接收')

    // 全部明细 has both, newest first, with where each came from.
    await tap(page, '全部明细')
    await page.waitForURL('**/pages/time-bank/more/history/index')
    const history = shown(page).locator('#history .entry')
    await history.first().waitFor()
    expect(await history.nth(0).textContent()).toContain(`留言：${note}`)
    expect(await history.nth(1).textContent()).toContain(`志愿服务：${needTitle}`)
    expect(errors).toEqual([])
  })

  it('shows 王桂兰 the hour waiting for her, and it arrives when she taps 接收, in 长辈模式: large, with strong contrast', async () => {
    await noGiftWaiting()
    await timebankAs(volunteer.openid, 'give', { toName: elder.name, toPhone: elder.phone, minutes: GIFT, note, requestId: randomUUID() })
    const { page, errors } = await openTimeBank(elder.openid)
    const elderBefore = await balanceOf(page)
    const waiting = shown(page).locator('.gift-incoming')
    expect(await waiting.textContent()).toContain(`${volunteer.name} 送给您 ${formatMinutes(GIFT)}`)
    expect((await waiting.locator('taro-button-core').first().boundingBox())!.height).toBeGreaterThanOrEqual(60)
    await tap(page, '接收')
    await shown(page)
      .locator('#balance')
      .getByText(formatMinutes(elderBefore + GIFT), { exact: true })
      .waitFor()
    expect(await shown(page).locator('.gift-incoming').count()).toBe(0)
    const [latest] = await recentEntries(page)
    expect(latest).toContain(`${volunteer.name}转赠`)
    expect(latest).toContain(`留言：${note}`)
    expect(latest).toContain(formatSignedMinutes(GIFT))

    expect(await shown(page).getAttribute('class')).toContain('elder')
    const fontSize = (selector: string) =>
      shown(page)
        .locator(selector)
        .first()
        .evaluate((el) => parseFloat(getComputedStyle(el).fontSize))
    expect(await fontSize('#balance')).toBeGreaterThanOrEqual(36)
    for (const selector of ['.entry-title', '.entry-detail', '#month-earned', '.entry-minutes', '#go-redeem'])
      expect(await fontSize(selector)).toBeGreaterThanOrEqual(18)
    for (const selector of ['#go-redeem', '#go-give', '#go-certificate']) {
      expect((await shown(page).locator(selector).boundingBox())!.height).toBeGreaterThanOrEqual(60)
    }
    for (const selector of ['#balance', '#month-earned', '.entry-meta', '.entry-minutes-in', '#go-redeem', '#go-give']) {
      expect(await contrastRatioOf(page, selector)).toBeGreaterThanOrEqual(4.5)
    }
    await screenshot(page, 'timebank-elder.png')
    expect(errors).toEqual([])
  })

  it('lets the committee put an item in the catalogue and stock it', async () => {
    const itemName = '上门剪指甲'
    const itemPrice = 30
    const { page, errors } = await openCommitteeTimeBank()
    await tap(page, '兑换目录')
    await page.waitForURL('**/pages/committee/catalogue/index?communityId=*')
    await tap(page, '上架新的一项')
    await page.waitForURL('**/pages/committee/item/index?communityId=*')

    await tap(page, '上架')
    await shown(page).locator('.field-invalid').filter({ hasText: '名称' }).getByText('不能为空').waitFor()
    await shown(page).locator('.field-invalid').getByText('请选是服务还是物品').waitFor()
    await shown(page).locator('#item-name input').fill(itemName)
    await tap(page, '服务')
    await shown(page).locator('#item-price taro-button-core').first().click()
    await shown(page).locator('#item-price').getByText(formatMinutes(itemPrice)).waitFor()
    await tap(page, '上架')
    await shown(page).locator('#stock').getByText('库存 0 份').waitFor()

    // Stock never goes below zero: taking away more than there is is refused beside the count.
    await tap(page, '减少')
    await shown(page).locator('#stock-count input').fill('1')
    await tap(page, '确定减少')
    await shown(page).locator('.field-invalid').filter({ hasText: '多少份' }).getByText('库存只有 0，不能减少 1').waitFor()
    await tap(page, '增加')
    await shown(page).locator('#stock-count input').fill('5')
    await tap(page, '确定增加')
    await shown(page).locator('#stock').getByText('库存 5 份').waitFor()
    await screenshot(page, 'timebank-committee-item.png')

    await page.goBack()
    await shown(page)
      .locator('.card', { hasText: itemName })
      .getByText(`价格 ${formatMinutes(itemPrice)} · 库存 5 份`)
      .waitFor()
    expect(errors).toEqual([])
  })

  it('lets 王桂兰 redeem it through the page; the committee confirms the hand-over', async () => {
    const itemName = '上门洗头'
    const itemPrice = 30
    const { item } = await timebankAs(committee, 'saveItem', {
      communityId: elder.communityId,
      name: itemName,
      kind: 'service',
      priceMinutes: itemPrice,
    })
    await timebankAs(committee, 'restockItem', { itemId: item.id, delta: 5 })
    // She pays with time the committee grants her, whatever other tests left her.
    await timebankAs(committee, 'grant', {
      communityId: elder.communityId,
      personId: elder._id,
      minutes: itemPrice,
      reason: '独居高龄，请人上门洗头',
      requestId: randomUUID(),
    })
    const { page, errors } = await openTimeBank(elder.openid)
    const balance = await balanceOf(page)
    await tap(page, '兑换服务和物品')
    await page.waitForURL('**/pages/time-bank/more/redeem/index')
    const card = shown(page).locator('.card.item', { hasText: itemName })
    expect(await card.textContent()).toContain(`价格 ${formatMinutes(itemPrice)} · 还有 5 份`)
    await card.locator('taro-button-core', { hasText: '兑换' }).click()
    await card.getByText(`用 ${formatMinutes(itemPrice)} 兑换「${itemName}」？兑换后到社区两委领取。`).waitFor()
    await tap(page, '确定兑换')
    await shown(page).locator('#redeemed').getByText(`已兑换「${itemName}」，请到社区两委领取。`).waitFor()
    await shown(page)
      .locator('#redeem-balance')
      .getByText(formatMinutes(balance - itemPrice), { exact: true })
      .waitFor()
    await shown(page)
      .locator('#waiting-redemptions')
      .getByText(`${itemName}（${formatMinutes(itemPrice)}）`)
      .waitFor()
    expect(await card.textContent()).toContain('还有 4 份')
    await screenshot(page, 'timebank-redeemed.png')

    const { page: staff, errors: staffErrors } = await openCommitteeTimeBank()
    await tap(staff, '待交付的兑换')
    await staff.waitForURL('**/pages/committee/handovers/index?communityId=*')
    const handover = shown(staff).locator('.card', { hasText: itemName })
    expect(await handover.textContent()).toContain(elder.name)
    await handover.locator('taro-button-core', { hasText: '已交付' }).click()
    await tap(staff, '确定已交付')
    await handover.waitFor({ state: 'detached' })

    const { data } = await callFunction(page, 'timebank', 'myRedemptions', {})
    expect(data.redemptions.find((r: { itemName: string }) => r.itemName === itemName)).toMatchObject({
      status: 'handedOver',
      handedOverByName: personOf(committee).name,
    })
    expect(errors).toEqual([])
    expect(staffErrors).toEqual([])
  })

  it('holds service over the daily cap until the committee credits it', async () => {
    const { total: before } = await timebankAs(cappedVolunteer.openid, 'account', {})
    // Two needs the same day: 150 + 720 minutes served, 720 credited, the rest (150) held.
    await serveANeed(EARNED, cappedVolunteer.openid)
    const needTitle = await serveANeed(DEFAULT_DAILY_CAP_MINUTES, cappedVolunteer.openid)
    const held = EARNED

    const { page, errors } = await openCommitteeTimeBank()
    await tap(page, '超上限待审核')
    await page.waitForURL('**/pages/committee/held/index?communityId=*')
    const card = shown(page).locator('.card.held', { hasText: cappedVolunteer.name }).filter({ hasText: needTitle })
    expect(await card.textContent()).toContain(`这次服务 ${formatMinutes(DEFAULT_DAILY_CAP_MINUTES)}，超出当天上限 ${formatMinutes(held)}`)
    await card.locator('taro-button-core', { hasText: '入账' }).first().click()
    await tap(page, '确定入账')
    await shown(page)
      .locator('#held-decided')
      .getByText(`已把 ${formatMinutes(held)} 记入 ${cappedVolunteer.name} 的时间银行`)
      .waitFor()
    await card.waitFor({ state: 'detached' })

    expect((await timebankAs(cappedVolunteer.openid, 'account', {})).total).toBe(before + EARNED + DEFAULT_DAILY_CAP_MINUTES)
    expect(errors).toEqual([])
  })

  it('lets the committee grant time from the pool, and reverse it with a reason', async () => {
    const { total: before } = await timebankAs(elder.openid, 'account', {})
    const { page, errors } = await openCommitteeTimeBank()
    await tap(page, '发放时间')
    await page.waitForURL('**/pages/committee/grant/index?communityId=*')
    await tap(page, '下一步')
    await shown(page).getByText('请先找到并选一位居民').waitFor()
    await shown(page).locator('#resident-name input').fill(elder.name)
    await tap(page, '查找')
    await shown(page).locator('.role', { hasText: elder.name }).locator('taro-button-core', { hasText: '选这位' }).click()
    await shown(page).getByText(`已选：${elder.name}`).waitFor()
    await tap(page, '下一步')
    await shown(page).locator('#grant-reason textarea').fill('独居高龄，冬季送暖')
    await tap(page, '下一步')
    await shown(page)
      .locator('#grant-confirm')
      .getByText(`从社区时间池发放 ${formatMinutes(60)} 给 ${elder.name}`)
      .waitFor()
    await tap(page, '确定发放')
    await shown(page)
      .getByText(`已发放 ${formatMinutes(60)} 给 ${elder.name}`)
      .waitFor()

    await page.goBack()
    await tap(page, '收支明细和冲正')
    await page.waitForURL('**/pages/committee/ledger/index?communityId=*')
    const grant = shown(page).locator('.ledger-entry').first()
    expect(await grant.textContent()).toContain(`社区时间池 → ${elder.name}`)
    expect(await grant.textContent()).toContain('理由：独居高龄，冬季送暖')
    await grant.locator('taro-button-core', { hasText: '冲正' }).click()
    await tap(page, '确定冲正')
    await grant.getByText('请写明理由').waitFor()
    await grant.locator('textarea').fill('发错了人，另行发放')
    await tap(page, '确定冲正')
    // Nothing is edited: a reversing entry comes first, and the grant stays, marked.
    const [reversal, original] = [shown(page).locator('.ledger-entry').nth(0), shown(page).locator('.ledger-entry').nth(1)]
    await reversal.getByText('冲正：社区发放').waitFor()
    expect(await reversal.textContent()).toContain(`${elder.name} → 社区时间池`)
    await original.getByText('已冲正：发错了人，另行发放').waitFor()
    expect(await original.locator('taro-button-core', { hasText: '冲正' }).count()).toBe(0)
    await screenshot(page, 'timebank-ledger.png')

    expect((await timebankAs(elder.openid, 'account', {})).total).toBe(before)
    expect(errors).toEqual([])
  })

  it('credits a visit she records; her organisation certifies it, she saves it, and a stranger verifies it', async () => {
    const { page, errors } = await signInAs(session(), volunteer.openid)
    // 王桂兰 is paired with 夕阳红 and 徐敏: the visit is 夕阳红's to certify.
    await openPage(session(), page, 'pages/care/visit/index?id=care-wang-guilan')
    await shown(page).getByText('探访 王桂兰').waitFor()
    await tap(page, '上门探访')
    await tap(page, '良好')
    // 服务时长 starts at half an hour; one tap on + adds ten minutes.
    const minutes = shown(page).locator('#visit-minutes')
    expect(await minutes.textContent()).toContain(formatMinutes(30))
    await minutes.locator('taro-button-core', { hasText: '+' }).click()
    await minutes.getByText(formatMinutes(40)).waitFor()
    await tap(page, '记录探访')
    await shown(page)
      .locator('#visit-recorded-minutes')
      .getByText(/服务时长 40 分钟/)
      .waitFor()

    // In the time bank: the visit among her service, on its way, then counted within the minute, and who confirmed it.
    await openPage(session(), page, 'pages/time-bank/more/certificate/index')
    const visit = shown(page).locator('.service-record', { hasText: '探访「结对探访' }).first()
    await visit.getByText('正在入账，稍后自动计入', { exact: false }).waitFor()
    expect(await visit.textContent()).toContain(`记录 ${formatMinutes(40)} · 计入 ${formatMinutes(0)}`)
    await session().moveClocks({ advanceMinutes: 1 })
    await openPage(session(), page, 'pages/time-bank/more/certificate/index')
    await visit.getByText(`计入 ${formatMinutes(40)}`, { exact: false }).waitFor()
    expect(await visit.textContent()).toContain(`${organisation.name}`)
    expect(await visit.textContent()).toContain(`确认人：${volunteer.name}`)

    // 实名登记 first, with its own consent; a wrong number is said beside the field.
    const realName = shown(page).locator('#real-name')
    await realName.locator('#real-name-name input').fill(volunteer.name)
    await realName.locator('#real-name-id input').fill('110105194912310021')
    await tap(page, '我已阅读并同意以上用途')
    await tap(page, '登记')
    await realName.locator('.field-invalid').getByText('身份证号不正确，请核对').waitFor()
    await realName.locator('#real-name-id input').fill('11010519491231002X')
    await tap(page, '登记')
    await shown(page).locator('#certificate-issuer').waitFor()

    // Her organisation certifies what it recorded: the visit with the rest of 夕阳红's.
    const today = inShanghai(await session().now())
    const thisYear = { from: today.startOf('year').format('YYYY-MM-DD'), to: today.format('YYYY-MM-DD') }
    const { byIssuer } = (await callFunction(page, 'timebank', 'serviceHours', thisYear)).data as ServiceHours
    const byXiyanghong = byIssuer.find((r) => r.issuer.id === organisation._id)!.minutes
    await shown(page)
      .locator('#certificate-issuer .choice', { hasText: `${organisation.name}（${formatMinutes(byXiyanghong)}）` })
      .click()
    await shown(page).locator('#certificate-issuer .choice-on', { hasText: organisation.name }).waitFor()
    await tap(page, '开具证明')
    const certificate = shown(page).locator('#certificate')
    await certificate.waitFor()
    const number = (await certificate.locator('#certificate-number').textContent())!
    expect(number).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/)
    const issued = (await certificate.textContent())!
    expect(issued).toContain(volunteer.name)
    expect(issued).toContain('**************002X')
    expect(issued).not.toContain('11010519491231')
    expect(issued).toContain(`服务时长${formatMinutes(byXiyanghong)}`)
    expect(issued).toContain(`出具单位${organisation.name}`)
    expect(issued).toContain('探访：结对探访')
    await screenshot(page, 'timebank-certificate.png')

    // Saved as an image: on H5 a PNG named by the certificate's number, 600 px wide as drawn.
    const downloading = page.waitForEvent('download')
    await tap(page, '下载为图片')
    const download = await downloading
    expect(download.suggestedFilename()).toBe(`志愿服务证明-${number}.png`)
    const image = readFileSync((await download.path())!)
    expect(image.subarray(1, 4).toString()).toBe('PNG')
    expect(image.readUInt32BE(16)).toBe(600)
    expect(errors).toEqual([])

    // A stranger opens the verify page by the number: the name partly hidden, the rest as issued.
    const stranger = await session().newPage()
    await openPage(session(), stranger.page, `pages/time-bank/more/verify/index?number=${number}`)
    const verified = shown(stranger.page).locator('#certificate')
    await verified.getByText(maskName(volunteer.name), { exact: true }).waitFor()
    expect(await verified.locator('#certificate-number').textContent()).toBe(number)
    expect(await verified.textContent()).toBe(issued.replace(volunteer.name, maskName(volunteer.name)))
    // A number that was never issued is said so beside the field.
    await shown(stranger.page).locator('#verify-number input').fill('0000-0000-0000-0000')
    await tap(stranger.page, '查验')
    await shown(stranger.page).locator('.field-invalid').getByText('没有这个验证编号的证明').waitFor()
    await screenshot(stranger.page, 'timebank-verify.png')
    expect(stranger.errors).toEqual([])
  })

  it('lets the lead of the organisation that provides an item confirm its hand-over on the team page', async () => {
    const provided = demoDataSet.organisations.find((o) => o._id === 'org-qy-weixiu')!
    const { page: own } = await signInAs(session(), volunteer.openid)
    const { data } = await callFunction(own, 'timebank', 'catalogue', {})
    const item = data.items.find((i: { provider?: { organisationId: string } }) => i.provider?.organisationId === provided._id)
    expect(await callFunction(own, 'timebank', 'redeem', { itemId: item.id, requestId: 'browser-test-provider' })).toMatchObject({
      ok: true,
    })

    const { page, errors } = await signInAs(session(), provided.leadOpenid)
    await openPage(session(), page, `pages/organisations/team/index?id=${provided._id}`)
    const handover = shown(page).locator('#provider-handovers .card', { hasText: item.name })
    await handover.waitFor()
    expect(await handover.textContent()).toContain(volunteer.name)
    await handover.locator('taro-button-core', { hasText: '已交付' }).click()
    await tap(page, '确定已交付')
    await handover.waitFor({ state: 'detached' })
    const { data: mine } = await callFunction(own, 'timebank', 'myRedemptions', {})
    expect(mine.redemptions.find((r: { itemId: string }) => r.itemId === item.id)).toMatchObject({
      status: 'handedOver',
      handedOverByName: personOf(provided.leadOpenid).name,
    })
    expect(errors).toEqual([])
  })
})
