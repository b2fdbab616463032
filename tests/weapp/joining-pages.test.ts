/**
 * The built mini-program's join page in miniprogram-simulate (WeChat's wcc compiler), from the
 * `pages/joining` subpackage, as the committee's QR code opens it (the community's id as the whole
 * scene), for someone WeChat knows but the database does not: WeChat's phone button gives the
 * number, and WeChat's privacy consent is answered with the page's own agree button.
 */
import { demoDataSet, demoIdentities } from '../../local/seed/demo-data'
import { startTestHost, type TestHost } from '../client/support/local-host'
import { installPlatform, loadApp, openPage, privacyRequests, until } from './support/mini-program'

const newcomer = 'o-weapp-newcomer'
const qinyuan = demoDataSet.communities.find((c) => c.name === '沁园社区')!
let host: TestHost

// The host seeds a fresh database first: slow on a busy machine.
beforeAll(async () => {
  host = await startTestHost()
  installPlatform({ hostUrl: host.url, openid: newcomer })
  loadApp()
}, 60_000)

afterAll(async () => {
  await host?.close()
})

async function call(openid: string, functionName: string, action: string, data: object) {
  const response = await fetch(`${host.url}/api/${functionName}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-demo-openid': openid },
    body: JSON.stringify({ action, data }),
  })
  return (await response.json()) as { ok: boolean; data: Record<string, any> } // eslint-disable-line @typescript-eslint/no-explicit-any -- answers of several actions, read field by field
}

type Page = ReturnType<typeof openPage>

/** Types into the input inside `#id`, as WeChat delivers each keystroke. */
function type(page: Page, id: string, value: string) {
  const input = page.querySelector(`#${id}`)
  expect(input).toBeTruthy()
  input?.dispatchEvent('input', { detail: { value } })
}

test('the QR code’s page joins a new WeChat user with the number WeChat gives, after its privacy consent', async () => {
  const page = openPage('pages/joining/community/index', { scene: encodeURIComponent(qinyuan._id) })
  const text = () => page.dom?.textContent ?? ''
  await until(() => text().includes(qinyuan.name))
  expect(text()).toContain('您的姓名和电话')

  // WeChat asks for consent before the phone button: the page shows its own panel, and answers with its agree button.
  const [request] = privacyRequests()
  expect(request).toBeDefined()
  const answers: unknown[] = []
  request((answer) => answers.push(answer))
  await until(() => text().includes('请先看隐私保护指引'))
  page.querySelector('#agree-privacy')?.dispatchEvent('agreeprivacyauthorization')
  await until(() => !text().includes('请先看隐私保护指引'))
  expect(answers).toEqual([{ event: 'exposureAuthorization' }, { event: 'agree', buttonId: 'agree-privacy' }])

  type(page, 'join-name', '陈立新')
  page.querySelector('#wechat-phone')?.dispatchEvent('getphonenumber', { detail: { code: 'local-phone-13805331234' } })
  await until(() => text().includes('已取得微信绑定的手机号'))
  page.querySelector('#step-main')?.dispatchEvent('tap')
  await until(() => text().includes('您住在哪里'))

  type(page, 'join-neighbourhood', '柳泉花园')
  type(page, 'join-building', '12')
  type(page, 'join-room', '1502')
  page.querySelector('#step-main')?.dispatchEvent('tap')
  await until(() => text().includes(`已加入${qinyuan.name}`))

  const { data: mine } = await call(newcomer, 'joining', 'mine', {})
  expect(mine.residence).toMatchObject({ status: 'pending', neighbourhood: '柳泉花园', community: { id: qinyuan._id } })
  const { data: waiting } = await call(demoIdentities.committeeUrban, 'joining', 'newcomers', { communityId: qinyuan._id })
  expect(waiting.newcomers).toContainEqual(
    expect.objectContaining({ name: '陈立新', phone: '13805331234', phoneSource: 'wechat', addressDetail: '12号楼1502' }),
  )
}, 60_000)
