/**
 * The built mini-program's 我的 page in miniprogram-simulate (WeChat's wcc compiler): the name
 * comes from the database through `wx.cloud.callFunction`, and a tap on 长辈模式 switches the
 * page to large text and saves the choice.
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { demoIdentities } from '../../local/seed/demo-data'
import { startTestHost, type TestHost } from '../client/support/local-host'
import { distRoot, installPlatform, loadApp, openPage, restartAppAs, until } from './support/mini-program'

let host: TestHost

beforeAll(async () => {
  host = await startTestHost()
  installPlatform({ hostUrl: host.url, openid: demoIdentities.resident })
  loadApp()
})

afterAll(async () => {
  await host?.close()
})

async function savedElderMode(): Promise<unknown> {
  const response = await fetch(`${host.url}/api/account`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-demo-openid': demoIdentities.resident },
    body: JSON.stringify({ action: 'me', data: {} }),
  })
  const body = (await response.json()) as { data: { person: { preferences: { elderMode: unknown } } } }
  return body.data.person.preferences.elderMode
}

test('我的 shows the person from the database; tapping 长辈模式 turns on large text', async () => {
  const page = openPage('pages/me/index')
  const text = () => page.dom?.textContent ?? ''
  // simulate prefixes each class with the component's tag name.
  const shellClasses = () => (page.querySelector('.page-shell')?.dom?.className ?? '').split(/\s+/)

  await until(() => text().includes('杨丽'))
  expect(text()).toContain('沁园社区')
  expect(text()).toContain('已关闭')
  expect(shellClasses()).not.toContain('main--elder')
  // The H5-only way to switch demo people is not in the mini-program.
  expect(text()).not.toContain('切换演示身份')

  const toggle = page.querySelector('#elder-mode-switch')
  expect(toggle).toBeTruthy()
  toggle?.dispatchEvent('tap')

  await until(() => shellClasses().includes('main--elder'))
  expect(text()).toContain('已开启')
  await until(async () => (await savedElderMode()) === 'on')
})

test('我的 groups its entries under 我的服务, 我参加的组织 and 设置与帮助; 意见反馈 is WeChat’s own', async () => {
  restartAppAs(demoIdentities.resident)
  const page = openPage('pages/me/index')
  const text = () => page.dom?.textContent ?? ''
  await until(() => text().includes('设置与帮助'))
  for (const heading of ['我的服务', '我参加的组织', '设置与帮助', '帮助', '隐私政策']) expect(text()).toContain(heading)
  // WeChat's feedback page, which reaches the operator with the phone's details: a button of the open type.
  const feedback = page.querySelector('#feedback')
  expect(feedback?.dom?.textContent).toContain('意见反馈')
  // Taro's template binds open-type to a short key of the node's data (base.wxml): that key holds 'feedback'.
  const openTypeKey = /open-type="\{\{i\.(\w+)\}\}"/.exec(readFileSync(path.join(distRoot, 'base.wxml'), 'utf8'))![1]
  expect(JSON.stringify((page.instance as unknown as { data: object }).data)).toMatch(new RegExp(`"${openTypeKey}":"feedback"`))
  expect(text()).toContain('0533-2861735')
})
