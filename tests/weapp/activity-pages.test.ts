/**
 * The built mini-program's activity pages in miniprogram-simulate (WeChat's wcc compiler), from
 * the `pages/activity` subpackage: an activity's page signs the person up through
 * `wx.cloud.callFunction`, and the lead's check-in code page draws the QR code with views (no
 * canvas), module for module the code of the payload the function issued.
 */
import { create } from 'qrcode/lib/core/qrcode'
import { demoIdentities } from '../../local/seed/demo-data'
import { inShanghai } from '../../shared/domain/time'
import { startTestHost, type TestHost } from '../client/support/local-host'
import { installPlatform, loadApp, openPage, until } from './support/mini-program'

const lead = demoIdentities.organisationLead
const organisationId = 'org-qy-xiyanghong'
let host: TestHost

beforeAll(async () => {
  host = await startTestHost()
  installPlatform({ hostUrl: host.url, openid: lead })
  loadApp()
})

afterAll(async () => {
  await host?.close()
})

async function call(action: string, data: object) {
  const response = await fetch(`${host.url}/api/activities`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-demo-openid': lead },
    body: JSON.stringify({ action, data }),
  })
  return (await response.json()) as { ok: boolean; data: Record<string, any> } // eslint-disable-line @typescript-eslint/no-explicit-any -- answers of several actions, read field by field
}

type Node = { dom: HTMLElement }

test('an activity’s page signs the person up, and says so', async () => {
  const page = openPage('pages/activity/detail/index', { id: 'act-qy-wenti-neighbour-feast' })
  const text = () => page.dom?.textContent ?? ''
  await until(() => text().includes('邻里节·百家宴'))
  expect(text()).toContain('参加名额：还剩 37 个（共 40 个）')

  page.querySelector('#sign-up-participant')?.dispatchEvent('tap')
  await until(() => text().includes('已报名'))
  expect(text()).toContain('参加名额：还剩 36 个（共 40 个）')
  const { data } = await call('detail', { activityId: 'act-qy-wenti-neighbour-feast' })
  expect(data.activity.mySignUps).toEqual([expect.objectContaining({ role: 'participant', status: 'confirmed' })])
})

test('the check-in code page draws the issued QR code with views and shows its 6 digits', async () => {
  // An activity within the check-in hour: starting in half an hour.
  const start = Math.ceil((Date.now() + 30 * 60_000) / 60_000) * 60_000
  const published = await call('publish', {
    organisationId,
    title: '楼道大扫除',
    kind: 'volunteering',
    description: '一起打扫沁园小区 3 号楼楼道。',
    address: '沁园小区 3 号楼',
    startAt: inShanghai(start).format(),
    endAt: inShanghai(start + 60 * 60_000).format(),
    signUpDeadline: inShanghai(start).format(),
    participantPlaces: 0,
    volunteerPlaces: 4,
    volunteerMinutes: 60,
  })
  expect(published.data.activity.status).toBe('published')
  const activityId = published.data.activity.id

  const page = openPage('pages/activity/check-in-code/index', { organisationId, id: activityId })
  const text = () => page.dom?.textContent ?? ''
  const digits = await until(() => /\b(\d{6})\b/.exec(text())?.[1])
  expect(page.dom?.innerHTML).not.toContain('canvas')

  // The same minute's payload from the function; the page asks again as each minute turns.
  const { data } = await call('checkInCode', { organisationId, activityId, purpose: 'check_in' })
  expect(data.shortCode).toBe(digits)
  const { modules } = create([{ data: Array.from(data.qrPayload as string, (c) => c.charCodeAt(0)), mode: 'byte' }], {
    errorCorrectionLevel: 'M',
  })
  const expected = Array.from({ length: modules.size }, (_, row) =>
    Array.from({ length: modules.size }, (_, col) => (modules.get(row, col) ? '1' : '0')).join(''),
  )

  const rows = page.querySelectorAll('.qr-row') as Node[]
  const widthOf = (run: Element) => Number(/width:\s*(\d+)px/.exec(run.getAttribute('style') ?? '')![1])
  const drawn = rows.map((row) => {
    const runs = Array.from(row.dom.querySelectorAll('[class*="qr-run"]'))
    // Each row is the code's width plus a margin of 4 modules on either side.
    const modulePx = runs.reduce((sum, run) => sum + widthOf(run), 0) / (modules.size + 8)
    return runs.map((run) => (run.getAttribute('class')!.includes('qr-dark') ? '1' : '0').repeat(widthOf(run) / modulePx)).join('')
  })
  expect(drawn.slice(4, -4).map((row) => row.slice(4, -4))).toEqual(expected)
})
