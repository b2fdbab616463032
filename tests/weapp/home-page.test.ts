/**
 * The built mini-program's 首页 in miniprogram-simulate (WeChat's wcc compiler): a volunteer's
 * 我的任务, made through the functions, shows with the emergency numbers; 首页's tab badge is set
 * to what account.home counts, and a tap on the task opens it.
 */
import { demoDataSet, demoIdentities as who } from '../../local/seed/demo-data'
import { taskPath } from '../../shared/domain/need'
import { startTestHost, type TestHost } from '../client/support/local-host'
import { callHostAs } from '../support/need-service'
import { installPlatform, loadApp, openPage, recordPageChanges, until } from './support/mini-program'
import { takeCalls, takeViolations } from './support/platform-apis'

const XIYANGHONG = 'org-qy-xiyanghong'
let host: TestHost
let navigatedTo: string[]

beforeAll(async () => {
  host = await startTestHost()
  installPlatform({ hostUrl: host.url, openid: who.volunteer })
  ;({ navigatedTo } = recordPageChanges())
  loadApp()
})

afterAll(async () => {
  await host?.close()
})

test('首页 shows a volunteer the task their lead assigned, with 紧急电话; its tab badge is the count; a tap opens the task', async () => {
  const resident = demoDataSet.people.find((p) => p.openid === who.resident)!
  const { need } = await callHostAs(host.url, who.resident, 'needs', 'raise', {
    helpKind: '就医陪诊',
    urgency: 'urgent',
    description: '明天上午要去医院复查，想请人陪我去。',
    location: resident.location!.coordinates,
    neighbourhood: resident.neighbourhood,
    addressDetail: resident.addressDetail,
    contactPhone: resident.phone,
  })
  await callHostAs(host.url, who.committeeUrban, 'needs', 'assign', { needId: need.id, organisationId: XIYANGHONG })
  const memberId = demoDataSet.roles.find((r) => r.openid === who.volunteer && r.organisationId === XIYANGHONG)!._id
  await callHostAs(host.url, who.organisationLead, 'needs', 'assignVolunteers', {
    organisationId: XIYANGHONG,
    needId: need.id,
    memberIds: [memberId],
  })
  const { badge } = await callHostAs(host.url, who.volunteer, 'account', 'home', {})
  takeCalls()

  const page = openPage('pages/home/index')
  const text = () => page.dom?.textContent ?? ''
  const task = () => page.querySelector(`#home-task-${need.id}`)
  await until(() => task())
  expect(task()?.dom?.textContent).toContain('我的任务')
  expect(task()?.dom?.textContent).toContain(`就医陪诊（${resident.neighbourhood}）`)
  for (const number of ['110', '120', '119']) expect(page.querySelector('#emergency-strip')?.dom?.textContent).toContain(number)
  expect(text()).toContain('我要求助')
  expect(page.querySelector('#home-visits-visits')?.dom?.textContent).toContain('该探访了')

  // 首页 is the first tab: its badge says how many things wait.
  await until(() => takeCalls().some((c) => c.api === 'setTabBarBadge' && c.options.index === 0 && c.options.text === String(badge)))
  expect(badge).toBeGreaterThanOrEqual(2)

  task()?.dispatchEvent('tap')
  await until(() => navigatedTo.length > 0)
  expect(navigatedTo).toEqual([taskPath(XIYANGHONG, need.id)])
  expect(takeViolations()).toEqual([])
})
