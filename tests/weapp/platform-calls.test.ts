/**
 * The built mini-program calling WeChat's device and open APIs the way a tap makes it, through the
 * stand-ins that check arguments as WeChat does (support/platform-apis.ts): a need's photo is chosen,
 * uploaded and previewed; the committee's report export is downloaded and opened in WeChat's viewer.
 */
import { demoIdentities } from '../../local/seed/demo-data'
import { startTestHost, type TestHost } from '../client/support/local-host'
import { installPlatform, openPage, restartAppAs, until } from './support/mini-program'
import { takeCalls, takeViolations } from './support/platform-apis'

let host: TestHost

beforeAll(async () => {
  host = await startTestHost()
  installPlatform({ hostUrl: host.url, openid: demoIdentities.resident })
}, 60_000)

afterAll(async () => {
  await host?.close()
})

beforeEach(() => takeCalls())

type Page = ReturnType<typeof openPage>

/** The button showing exactly `label`. */
function button(page: Page, label: string) {
  const found = (page.querySelectorAll('.btn') as { dom: HTMLElement; dispatchEvent(name: string): void }[]).find(
    (b) => b.dom.textContent?.trim() === label,
  )
  if (!found) throw new Error(`no button ${label}`)
  return found
}

test('a photo for a need is chosen, uploaded to storage and previewed full screen', async () => {
  restartAppAs(demoIdentities.resident)
  const page = openPage('pages/needs/raise/index')
  const text = () => page.dom?.textContent ?? ''
  await until(() => text().includes('添加照片'))

  button(page, '添加照片').dispatchEvent('tap')
  await until(() => text().includes('再加一张'))
  const [chosen, uploaded] = takeCalls()
  expect(chosen).toEqual({ api: 'chooseImage', options: { count: 3, sizeType: ['compressed'], sourceType: ['album', 'camera'] } })
  expect(uploaded).toEqual({
    api: 'cloud.uploadFile',
    options: { cloudPath: expect.stringMatching(/^needs\/\d{4}-\d{2}-\d{2}\/\w+\.jpg$/), filePath: 'http://tmp/photo-1.jpg' },
  })

  page.querySelector('.photo-image')?.dispatchEvent('tap')
  await until(() => takeCalls().find((c) => c.api === 'previewImage'))
  expect(takeViolations()).toEqual([])
  page.detach()
})

test('the committee’s export is downloaded from storage and opened as an xlsx', async () => {
  restartAppAs(demoIdentities.committeeUrban)
  const page = openPage('pages/committee/figures/index', { communityId: 'c-zd-qinyuan' })
  const text = () => page.dom?.textContent ?? ''
  await until(() => text().includes('导出 Excel'))

  page.querySelector('#export')?.dispatchEvent('tap')
  await until(() => takeCalls().find((c) => c.api === 'openDocument'))
  expect(text()).toContain('已生成')
  expect(takeViolations()).toEqual([])
  page.detach()
})
