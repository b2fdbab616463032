/**
 * The built mini-program's 时间银行 tab in miniprogram-simulate (WeChat's wcc compiler): the
 * balance and the latest entry come from the ledger through `wx.cloud.callFunction`, after a
 * need served through the functions; 赠送给家人 opens the time bank's subpackage.
 */
import { demoIdentities } from '../../local/seed/demo-data'
import { formatMinutes, formatSignedMinutes } from '../../shared/domain/time'
import { startTestHost, type TestHost } from '../client/support/local-host'
import { callHostAs, serveANeed } from '../support/need-service'
import { installPlatform, loadApp, openPage, recordPageChanges, until } from './support/mini-program'

let host: TestHost
let navigatedTo: string[]

beforeAll(async () => {
  host = await startTestHost()
  installPlatform({ hostUrl: host.url, openid: demoIdentities.volunteer })
  ;({ navigatedTo } = recordPageChanges())
  loadApp()
})

afterAll(async () => {
  await host?.close()
})

test('时间银行 shows the balance and where the latest time came from; 赠送 opens the subpackage', async () => {
  const { total: before } = await callHostAs(host.url, demoIdentities.volunteer, 'timebank', 'account', {})
  const title = await serveANeed(host.url, {
    requesterOpenid: demoIdentities.elderResident,
    organisationId: 'org-qy-xiyanghong',
    volunteerOpenid: demoIdentities.volunteer,
    minutes: 90,
  })

  const page = openPage('pages/time-bank/index')
  const text = () => page.dom?.textContent ?? ''
  await until(() => text().includes(`志愿服务：${title}`))
  expect(page.querySelector('#balance')?.dom?.textContent).toBe(formatMinutes(before + 90))
  expect(text()).toContain(formatSignedMinutes(90))
  expect(text()).toContain('求助 · 沁园社区夕阳红助老服务队')

  page.querySelector('#go-give')?.dispatchEvent('tap')
  await until(() => navigatedTo.length > 0)
  expect(navigatedTo).toEqual(['/pages/time-bank/more/give/index'])
})
