/**
 * The built mini-program's 长辈版 首页 in miniprogram-simulate (WeChat's wcc compiler): 王桂兰 chose
 * 长辈模式, so 首页 is the tiles (decision 037), with her balance from the ledger; the tiles open the
 * raise page, switch to the 活动 tab and dial her committee, and the switch at the top turns them off.
 */
import { demoDataSet, demoIdentities, demoPerson } from '../../local/seed/demo-data'
import { formatMinutes } from '../../shared/domain/time'
import { startTestHost, type TestHost } from '../client/support/local-host'
import { callHostAs } from '../support/need-service'
import { installPlatform, loadApp, openPage, recordPageChanges, until } from './support/mini-program'
import { takeCalls, takeViolations } from './support/platform-apis'

let host: TestHost
let navigatedTo: string[]
let switchedTo: string[]
const elder = demoPerson(demoIdentities.elderResident)
const committeePhone = demoDataSet.communities.find((c) => c._id === elder.communityId)!.committeePhone

beforeAll(async () => {
  host = await startTestHost()
  installPlatform({ hostUrl: host.url, openid: elder.openid })
  ;({ navigatedTo, switchedTo } = recordPageChanges())
  loadApp()
})

afterAll(async () => {
  await callHostAs(host.url, elder.openid, 'account', 'updatePreferences', { elderMode: elder.preferences.elderMode })
  await host?.close()
})

test('长辈版 首页: big tiles that go where they say, her balance, and the switch at the top', async () => {
  const { total } = await callHostAs(host.url, elder.openid, 'timebank', 'account', {})
  const page = openPage('pages/home/index')
  const text = () => page.dom?.textContent ?? ''
  const tileText = (id: string) => page.querySelector(id)?.dom?.textContent ?? ''

  // Her saved choice arrives with the account: the tiles replace the usual 首页.
  await until(() => page.querySelector('#elder-home'))
  expect(text()).toContain(`${elder.name}，您好`)
  expect(tileText('#raise-need')).toContain('我要求助')
  expect(tileText('#elder-call-committee')).toContain(committeePhone)
  expect(tileText('#elder-my-needs')).toContain('我的求助')
  await until(() => tileText('#elder-my-time').includes(`余额 ${formatMinutes(total)}`))
  // The switch is on the page, before the tiles.
  expect(text().indexOf('长辈模式')).toBeLessThan(text().indexOf('我要求助'))
  expect(tileText('#home-elder-mode-switch')).toContain('已开启')

  takeCalls()
  page.querySelector('#raise-need')?.dispatchEvent('tap')
  page.querySelector('#elder-my-needs')?.dispatchEvent('tap')
  page.querySelector('#elder-activities')?.dispatchEvent('tap')
  page.querySelector('#elder-my-time')?.dispatchEvent('tap')
  page.querySelector('#elder-call-committee')?.dispatchEvent('tap')
  await until(() => navigatedTo.length === 2 && switchedTo.length === 2)
  expect(navigatedTo).toEqual(['/pages/needs/raise/index', '/pages/needs/mine/index'])
  expect(switchedTo).toEqual(['/pages/activities/index', '/pages/time-bank/index'])
  const dialled = await until(() => takeCalls().find((c) => c.api === 'makePhoneCall'))
  expect(dialled.options).toEqual({ phoneNumber: committeePhone })
  expect(takeViolations()).toEqual([])

  // Off again from the top of 首页: the usual page, with its own 我要求助.
  page.querySelector('#home-elder-mode-switch')?.dispatchEvent('tap')
  await until(() => !page.querySelector('#elder-home'))
  expect(tileText('#home-elder-mode-switch')).toContain('已关闭')
  expect(text()).toContain('附近的组织')
  expect(page.querySelector('#raise-need')).toBeTruthy()
})
