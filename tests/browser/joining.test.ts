/**
 * Issue 14 in the H5 build: someone new to WeChat's 邻里守望 opens it, sees what it does, follows
 * 沁园社区's link (what its QR code opens), joins, raises a need at once, and 沁园社区's committee
 * confirms them from its waiting list. The taps from the link to a sent need are counted.
 */
import type { Page } from 'playwright-core'
import { demoDataSet, demoIdentities as who } from '../../local/seed/demo-data'
import { subscribeDataRefusal, type SubscribeData } from '../../shared/domain/messages'
import { joinCommunityPath } from '../../shared/domain/residence'
import { callFunction, openPage, openWorkbench, screenshot, shown, tap, useBrowserSession } from '../support/browser'

type Listed = { channel: string; template: string; page: string; data: SubscribeData; result: { status: string } }

const session = useBrowserSession()
const qinyuan = demoDataSet.communities.find((c) => c.name === '沁园社区')!

describe('入驻 in the browser', () => {
  it('takes a new WeChat user from the community’s link to a sent need, and the committee confirms them', async () => {
    // A fresh identity, as WeChat gives someone who opens the mini-program for the first time.
    const { page, errors } = await session().newPage()
    await page.goto(session().host.url)
    await page.waitForURL('**/local/sign-in')
    await page.click('#fresh-identity')
    await page.waitForURL((url) => !url.pathname.startsWith('/local/'))
    await shown(page).locator('#welcome').getByText('邻居帮邻居，社区来守望').waitFor()
    expect(await shown(page).getByText('你还没有加入社区').count()).toBe(0)
    await screenshot(page, 'joining-welcome.png')

    // Scanning the notice board's QR code opens the join page with the community chosen.
    await openPage(session(), page, joinCommunityPath(qinyuan._id))
    let taps = 0
    const counted = async (text: string) => {
      taps++
      await tap(page, text)
    }
    await shown(page).getByText(qinyuan.name, { exact: true }).waitFor()
    await fill(page, '#join-name', '陈立新')
    await fill(page, '#join-phone', '13805331234')
    await counted('下一步')
    await fill(page, '#join-neighbourhood', '柳泉花园')
    await fill(page, '#join-building', '12')
    await fill(page, '#join-unit', '1')
    await fill(page, '#join-room', '1502')
    await shown(page).locator('#privacy-summary').getByText('别人只看到小区名', { exact: false }).waitFor()
    await counted(`同意隐私说明，加入${qinyuan.name}`)
    await shown(page).getByText(`已加入${qinyuan.name}`).waitFor()
    await screenshot(page, 'joining-joined.png')
    // Asking to hear the committee's answer in WeChat is beside the way on, not a step of it.
    await tap(page, '在微信里提醒我')
    await page.getByText('接收', { exact: true }).click()
    await shown(page).locator('#consent-joined').getByText('已开启提醒').waitFor()

    // Safety first: a need at once, before the committee has confirmed anything.
    await counted('我要求助')
    await page.waitForURL('**/pages/needs/raise/index')
    await counted('紧急（今天）')
    await counted('亲情陪伴')
    await shown(page).locator('#need-description textarea').fill('刚搬来，老伴住院了，家里就我一个人，想有人来陪我说说话。')
    await counted('下一步')
    expect(await shown(page).locator('#need-neighbourhood input').inputValue()).toBe('柳泉花园')
    await counted('下一步')
    expect(await shown(page).locator('#need-phone input').inputValue()).toBe('13805331234')
    await counted('发出求助')
    await shown(page).getByText('求助已发出').waitFor()
    // From the link to a sent need; a demo resident raising from 首页 needs 7 (7 = 我要求助 and the form's 6).
    expect(taps).toBe(8)

    // Until the committee confirms, 首页 says so, and what waits for it is refused in words.
    await openPage(session(), page, 'pages/home/index')
    await shown(page).locator('#residence-pending').getByText('等社区确认').waitFor()
    const refused = await callFunction(page, 'organisations', 'join', { code: 'ABCDEF' })
    expect(refused).toMatchObject({ ok: false, error: { code: 'RESIDENCE_UNCONFIRMED' } })

    // The committee: on its waiting list, after everything else; one tap to the 居住核验 page, one to confirm.
    const committee = await openWorkbench(session(), who.committeeUrban)
    const waiting = shown(committee.page).locator(`#waiting-${qinyuan._id}`)
    await waiting.getByText('新居民待确认居住：陈立新').waitFor()
    const titles = await waiting.locator('.list-item-title').allTextContents()
    expect(titles.at(-1)).toBe('新居民待确认居住：陈立新')
    await tap(committee.page, '新居民待确认居住：陈立新')
    await committee.page.waitForURL('**/pages/committee/newcomers/index?communityId=*')
    const card = shown(committee.page).locator('.newcomer', { hasText: '陈立新' })
    await card.getByText('12号楼1单元1502', { exact: false }).waitFor()
    await screenshot(committee.page, 'joining-newcomers.png')
    await card.locator('taro-button-core', { hasText: '确认住在本社区' }).click()
    await card.waitFor({ state: 'detached' })

    // Confirmed: 首页 no longer says it waits, and the newcomer was told, in 消息 and through WeChat.
    await page.reload()
    await shown(page).getByText('陈立新，您好').waitFor()
    expect(await shown(page).locator('#residence-pending').count()).toBe(0)
    const { messages } = (await callFunction(page, 'messages', 'inbox', {})).data
    expect(messages[0]).toMatchObject({ kind: 'residenceDecided', page: '/pages/home/index' })
    const listed = ((await (await fetch(`${session().host.url}/local/outbox.json`)).json()) as { messages: Listed[] }).messages
    const told = listed.filter((m) => m.channel === 'subscribeMessage' && m.template === 'residenceDecided')
    expect(told).toEqual([expect.objectContaining({ page: 'pages/home/index', result: { status: 'sent' } })])
    expect(subscribeDataRefusal('residenceDecided', told[0].data)).toBeNull()
    expect(errors).toEqual([])
    expect(committee.errors).toEqual([])
  })
})

async function fill(page: Page, selector: string, value: string) {
  await shown(page).locator(`${selector} input`).fill(value)
}
