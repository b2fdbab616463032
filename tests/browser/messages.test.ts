/**
 * 消息 in the H5 build: a lead asks to be told of new offers (the local stand-in for WeChat's consent
 * dialog), a resident raises a need, and the lead finds the offer in the 消息 centre with a badge on
 * its tab, opens it and lands on the offer; the outbox holds the subscribe message as WeChat would take it.
 */
import { demoDataSet, demoIdentities, demoPerson as personOf } from '../../local/seed/demo-data'
import { subscribeDataRefusal, type SubscribeData } from '../../shared/domain/messages'
import { serviceDistance } from '../../shared/domain/organisation'
import { callFunction, openPage, screenshot, shown, signInAs, tap, useBrowserSession } from '../support/browser'

const session = useBrowserSession()

const elder = personOf(demoIdentities.elderResident)
const home = elder.location!.coordinates as [number, number]
/** An approved organisation giving 上门巡访探视 whose area reaches the elder: an urgent need is offered to it. */
const organisation = demoDataSet.organisations.find(
  (o) =>
    o.status === 'approved' &&
    o.helpKinds.includes('上门巡访探视') &&
    serviceDistance({ centre: o.serviceArea.centre.coordinates as [number, number], radiusM: o.serviceArea.radiusM }, home) !== null,
)!

type Listed = { channel: string; toOpenid: string; template: string; page: string; data: SubscribeData; result: { status: string } }

describe('消息 in the browser', () => {
  it('a lead is told of a new offer in the 消息 centre, with a badge, and opening it lands on the offer', async () => {
    const { page, errors } = await signInAs(session(), organisation.leadOpenid)

    // Opening the offers inbox, the lead adds one offer alert.
    await openPage(session(), page, 'pages/needs/offers/index')
    await shown(page).locator('#consent-remaining').waitFor({ timeout: 20_000 })
    expect(await shown(page).locator('#consent-remaining').textContent()).toContain('还能在微信里收到 0 条派单提醒')
    await tap(page, '增加提醒次数')
    await page.getByText('接收', { exact: true }).click()
    await shown(page).getByText('还能在微信里收到 1 条派单提醒').waitFor()

    // A resident raises an urgent need near the elder's home.
    const resident = await signInAs(session(), elder.openid)
    const raised = await callFunction(resident.page, 'needs', 'raise', {
      helpKind: '上门巡访探视',
      urgency: 'urgent',
      description: '老伴住院了，我一个人在家腿脚不便，想请人今天来看看我。',
      location: home,
      neighbourhood: elder.neighbourhood,
      addressDetail: elder.addressDetail,
      contactPhone: elder.phone,
    })
    expect(raised.ok).toBe(true)
    const needId: string = raised.data.need.id

    // Back on a tab, the 消息 tab carries the unread count.
    await openPage(session(), page, 'pages/home/index')
    const badge = page.locator('.weui-tabbar__item', { hasText: '消息' }).locator('.weui-badge')
    await badge.waitFor()
    expect(await badge.textContent()).toBe('1')

    await page.locator('.weui-tabbar__item', { hasText: '消息' }).click()
    await page.waitForURL('**/pages/messages/index')
    const card = shown(page).locator('.message-unread').first()
    await card.waitFor()
    expect(await card.textContent()).toContain('新求助待接单提醒')
    expect(await card.textContent()).toContain('上门巡访探视')
    expect(await card.textContent()).toContain('未读')
    await screenshot(page, 'messages-centre.png')

    // The whole card is one button: tap it, as the tap helper does.
    await shown(page)
      .locator('taro-button-core')
      .filter({ has: page.locator('.message-unread') })
      .first()
      .click()
    await page.waitForURL('**/pages/needs/offers/index')
    await shown(page).getByText('接单').first().waitFor()
    const offers = await callFunction(page, 'needs', 'offers', { organisationId: organisation._id })
    expect(offers.data.offers.map((o: { need: { id: string } }) => o.need.id)).toContain(needId)
    expect((await callFunction(page, 'messages', 'unreadCount', {})).data.unread).toBe(0)

    // The subscribe message went out once, within WeChat's rules, and used up the one alert.
    const listed = ((await (await fetch(`${session().host.url}/local/outbox.json`)).json()) as { messages: Listed[] }).messages
    const sent = listed.filter((m) => m.channel === 'subscribeMessage')
    expect(sent.filter((m) => m.toOpenid === organisation.leadOpenid)).toEqual([
      expect.objectContaining({ template: 'newOffer', page: 'pages/needs/offers/index', result: { status: 'sent' } }),
    ])
    for (const m of sent) expect(subscribeDataRefusal(m.template, m.data)).toBeNull()
    // The one offer alert accepted was used by this offer; the offers inbox asked for its other templates too.
    expect((await callFunction(page, 'messages', 'consents', {})).data.consents).toContainEqual({ template: 'newOffer', remaining: 0 })
    expect(errors).toEqual([])
    expect(resident.errors).toEqual([])
  })
})
