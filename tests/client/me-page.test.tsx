/**
 * 我的 as a person sees it in the browser build: the real page, providers and API client,
 * calling the real `account` function through a local host on a fresh copy of the demo data.
 */
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { createServer } from 'node:net'
import { api } from '../../client/src/api'
import { configureTransport } from '../../client/src/api/transport.h5'
import { AppProviders } from '../../client/src/app-providers'
import MePage from '../../client/src/pages/me'
import { demoIdentities } from '../../local/seed/demo-data'
import { startTestHost, type TestHost } from './support/local-host'

let host: TestHost

beforeAll(async () => {
  host = await startTestHost()
})

afterAll(async () => {
  await host?.close()
})

// Each test starts like a fresh browser: nothing cached.
beforeEach(() => localStorage.clear())

function actAs(openid: string) {
  configureTransport({ baseUrl: host.url, headers: { 'X-Demo-Openid': openid } })
}

function renderMePage() {
  const view = render(
    <AppProviders>
      <MePage />
    </AppProviders>,
  )
  const shell = () => view.container.querySelector('.page-shell') as HTMLElement
  return { ...view, shell }
}

/** A port nothing listens on: taken from the OS, then released. */
async function closedPort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening))
  const { port } = server.address() as { port: number }
  await new Promise((closed) => server.close(closed))
  return port
}

test('王桂兰 sees her name, community and role, in large text as she chose', async () => {
  actAs(demoIdentities.elderResident)
  const { shell } = renderMePage()

  expect(screen.getByText('正在加载…')).toBeTruthy()
  const name = await screen.findByText('王桂兰')
  expect(name.className).toContain('card-title')

  const community = screen.getByText('我的社区').parentElement as HTMLElement
  expect(within(community).getByText('沁园社区')).toBeTruthy()
  expect(within(community).getByText('城市社区')).toBeTruthy()
  expect(within(community).getByText('淄博市张店区公园街道')).toBeTruthy()

  const roles = screen.getByText('我的身份').parentElement as HTMLElement
  expect(roles.querySelectorAll('.role')).toHaveLength(1)
  expect(within(roles).getByText('居民')).toBeTruthy()
  expect(within(roles).getByText('沁园社区')).toBeTruthy()

  // Her saved preference is 'on'.
  expect(shell().classList.contains('elder')).toBe(true)
  expect(screen.getByText('已开启')).toBeTruthy()
})

test('the 长辈模式 switch changes the page at once and is saved to the account', async () => {
  actAs(demoIdentities.resident)
  const first = renderMePage()
  await screen.findByText('杨丽')
  // 'auto' with no WeChat font scale (a browser) is off.
  expect(first.shell().classList.contains('elder')).toBe(false)
  expect(screen.getByText('已关闭')).toBeTruthy()

  fireEvent.click(screen.getByText('长辈模式'))
  expect(first.shell().classList.contains('elder')).toBe(true)
  expect(screen.getByText('已开启')).toBeTruthy()
  await waitFor(async () => {
    const { person } = await api.account.me()
    expect(person?.preferences.elderMode).toBe('on')
  })
  first.unmount()

  // A new session on another device: no cache, the account decides.
  localStorage.clear()
  const second = renderMePage()
  await screen.findByText('杨丽')
  expect(second.shell().classList.contains('elder')).toBe(true)

  fireEvent.click(screen.getByText('长辈模式'))
  expect(second.shell().classList.contains('elder')).toBe(false)
  await waitFor(async () => {
    const { person } = await api.account.me()
    expect(person?.preferences.elderMode).toBe('off')
  })
})

test('an organisation lead sees every role with what it is held over', async () => {
  actAs(demoIdentities.organisationLead)
  renderMePage()
  await screen.findByText('张建国')
  const roles = screen.getByText('我的身份').parentElement as HTMLElement
  expect(within(roles).getByText('居民')).toBeTruthy()
  expect(within(roles).getByText('组织负责人')).toBeTruthy()
  expect(within(roles).getByText('沁园社区夕阳红助老服务队')).toBeTruthy()

  // His organisation is paired with people on the care register: 我的探访 says how many are due a visit.
  const count = await screen.findByText(/位该探访$/)
  const { people } = await api.care.myVisits()
  const due = people.filter((p) => p.standing !== 'upcoming').length
  expect(due).toBeGreaterThan(0)
  expect(count.textContent).toBe(`${due} 位该探访`)
  expect(within(count.closest('.list-item') as HTMLElement).getByText('我的探访')).toBeTruthy()
})

test('a resident with no volunteer or lead role has no 我的探访', async () => {
  actAs(demoIdentities.resident)
  renderMePage()
  await screen.findByText('我的求助')
  expect(screen.queryByText('我的探访')).toBeNull()
})

test('someone who never joined a community is told what the app does and offered to join', async () => {
  actAs('demo-not-in-any-community')
  renderMePage()
  expect(await screen.findByText('邻居帮邻居，社区来守望')).toBeTruthy()
  expect(screen.getByText('加入我的社区')).toBeTruthy()
  expect(screen.queryByText('我的身份')).toBeNull()
})

test('when the host cannot be reached, 重试 loads the page once it can', async () => {
  configureTransport({
    baseUrl: `http://127.0.0.1:${await closedPort()}`,
    headers: { 'X-Demo-Openid': demoIdentities.elderResident },
  })
  renderMePage()
  expect(await screen.findByText('没有加载出来')).toBeTruthy()
  expect(screen.getByText('网络不通，请稍后再试')).toBeTruthy()

  actAs(demoIdentities.elderResident)
  fireEvent.click(screen.getByText('重试'))
  expect(await screen.findByText('王桂兰')).toBeTruthy()
  expect(screen.queryByText('没有加载出来')).toBeNull()
})

test('the browser build offers 切换演示身份', async () => {
  actAs(demoIdentities.resident)
  renderMePage()
  await screen.findByText('杨丽')
  expect(screen.getByText('切换演示身份')).toBeTruthy()
})
