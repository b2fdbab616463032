/**
 * 社区工作台 and 统计与报表 in the H5 build: the committee sees what waits on it harm first (a
 * banner for 危及生命安全) and taps through to where it is settled, a life alert opens the
 * committee's page of the need, reads its community's figures (the same numbers the API
 * answers, for this month and for last month) in 长辈模式 and downloads the xlsx; civil affairs
 * reads its office's communities and their total, without a resident's name anywhere, and
 * downloads the office's xlsx. Every test opens its own page; what a test raises it checks against
 * the API's answer, so the others' expectations hold whichever ran before.
 */
import ExcelJS from 'exceljs'
import type { Page } from 'playwright-core'
import { demoDataSet, demoIdentities as who } from '../../local/seed/demo-data'
import type { NeedDoc } from '../../server/data/documents'
import { insertAll } from '../../server/data/maintenance'
import { latestOutboxMessages } from '../../local/outbox'
import { harmFirst } from '../../shared/domain/need'
import type { CommunityFigures, Figures, OfficeFigures, WaitingItem } from '../../shared/contracts/reports'
import { presetPeriod, type ReportPeriod } from '../../shared/domain/report'
import { inShanghai } from '../../shared/domain/time'
import { formatDuration, formatWaiting } from '../../client/src/format'
import { callHostAs } from '../support/need-service'
import {
  callFunction,
  contrastRatioOf,
  openPage,
  openWorkbench,
  screenshot,
  shown,
  signInAs,
  tap,
  useBrowserSession,
} from '../support/browser'

// What every test reads and none changes: the needs behind the figures, and the committee
// member's 长辈模式, which the app reads when it starts.
const session = useBrowserSession({
  async prepare({ host }) {
    await insertAll('needs', [...seededNeeds(), lifeNeed])
    await callHostAs(host.url, who.committeeUrban, 'account', 'updatePreferences', { elderMode: 'on' })
  },
})

const urban = demoDataSet.communities.find((c) => c.kind === 'urban')!
const thisMonth = () => presetPeriod('thisMonth', new Date())
const lastMonth = () => presetPeriod('lastMonth', new Date())

/** Needs of this month and last, in several states, with a resident's name, phone and door on each. */
function seededNeeds(): NeedDoc[] {
  const monthStart = inShanghai().startOf('month').toDate()
  const lastStart = inShanghai().startOf('month').subtract(1, 'month').add(2, 'day').toDate()
  const later = (from: Date, minutes: number) => new Date(from.getTime() + minutes * 60_000)
  const kinds = ['助餐', '亲情陪伴', '就医陪诊'] as const
  const need = (i: number, from: Date): NeedDoc => {
    const createdAt = later(from, i * 7)
    const accepted = i % 4 !== 0
    const done = i % 4 >= 2
    return {
      _id: `need-browser-${from.getTime()}-${i}`,
      communityId: urban._id,
      requesterOpenid: who.resident,
      requesterName: '浏览器测试居民',
      helpKind: kinds[i % kinds.length],
      urgency: i % 3 === 0 ? 'urgent' : 'normal',
      description: '测试。',
      location: { type: 'Point', coordinates: [urban.centre.coordinates[0] + i * 0.002, urban.centre.coordinates[1]] },
      neighbourhood: '柳泉花园',
      addressDetail: '8号楼2单元602',
      photos: [],
      timeline: [],
      contactPhone: '13900002222',
      status: done ? 'closed' : accepted ? 'accepted' : 'escalated',
      ...(accepted ? {} : { queue: 'escalated' as const, queuedAt: later(createdAt, 1) }),
      round: 1,
      offeredTo: [],
      ...(accepted
        ? {
            acceptedBy: {
              organisationId: 'org-qy-xiyanghong',
              name: '沁园社区夕阳红助老服务队',
              at: later(createdAt, 3 + i),
              distanceM: 200,
            },
          }
        : {}),
      volunteers: [],
      ...(done
        ? {
            doneAt: later(createdAt, 30 + i * 2),
            outcome: { result: i % 4 === 2 ? ('solved' as const) : ('partly' as const), at: later(createdAt, 40 + i * 2) },
          }
        : {}),
      createdAt,
      updatedAt: createdAt,
    }
  }
  return [...Array.from({ length: 9 }, (_, i) => need(i, monthStart)), ...Array.from({ length: 5 }, (_, i) => need(i + 1, lastStart))]
}

/** Raised a minute ago and just escalated: it must come first, above months-old applications. */
const lifeNeed: NeedDoc = {
  _id: 'need-browser-life',
  communityId: urban._id,
  requesterOpenid: who.resident,
  requesterName: '浏览器测试居民',
  helpKind: '紧急救助',
  urgency: 'life',
  description: '老人在家摔倒了。',
  location: urban.centre,
  neighbourhood: '柳泉花园',
  addressDetail: '8号楼2单元602',
  photos: [],
  timeline: [],
  contactPhone: '13900002222',
  status: 'escalated',
  queue: 'escalated',
  queuedAt: new Date(),
  round: 1,
  offeredTo: [],
  volunteers: [],
  createdAt: new Date(Date.now() - 60_000),
  updatedAt: new Date(),
}

const personalStrings = [
  '浏览器测试居民',
  '13900002222',
  '8号楼2单元602',
  ...demoDataSet.people.flatMap((p) => [p.name, p.phone ?? ''].filter(Boolean)),
]

const answer = async <T>(page: Page, action: string, data: object): Promise<T> => {
  const envelope = await callFunction(page, 'reports', action, data)
  if (!envelope.ok) throw new Error(JSON.stringify(envelope.error))
  return envelope.data as T
}

const texts = (page: Page, selector: string) => shown(page).locator(selector).allInnerTexts()

/** What FiguresView shows, read off the page, in the shape the API's figures can be reduced to. */
async function shownFigures(page: Page, within = '') {
  const bars = async (card: string) =>
    (await shown(page).locator(`${within} ${card} .bar-row`).all()).length === 0
      ? []
      : (await texts(page, `${within} ${card} .bar-row`)).map((t) => t.replace(/\s+/g, ' ').trim())
  return {
    needs: await texts(page, `${within} #figure-needs .stat-value`),
    outcomes: await bars('#figure-outcomes'),
    trend: await texts(page, `${within} #figure-trend .trend-number`),
    kinds: await bars('#figure-kinds'),
    organisations: (await texts(page, `${within} #figure-organisations .coverage-figure`))[0],
    activities: await texts(page, `${within} #figure-activities .stat-value`),
    visits: await texts(page, `${within} #figure-visits .bar-value`),
    visitNotes: await texts(page, `${within} #figure-visits .bar-note`),
  }
}

function expectedShown(figures: Figures) {
  const { needs } = figures
  return {
    needs: [
      String(needs.raised),
      String(needs.accepted),
      String(needs.completed),
      formatDuration(needs.toAcceptance.medianMinutes),
      formatDuration(needs.toAcceptance.p90Minutes),
      formatDuration(needs.toCompletion.medianMinutes),
      formatDuration(needs.toCompletion.p90Minutes),
    ],
    outcomes: needs.outcomes.map((o) => `${o.label} ${o.count} 件`),
    trend: figures.trend.flatMap((w) => [String(w.raised), String(w.completed)]),
    kinds: [
      ...needs.byKind.filter((k) => k.raised > 0).map((k) => `${k.helpKind} ${k.raised} 件`),
      ...needs.byUrgency.map((u) => `${u.label} ${u.raised} 件`),
    ],
    organisations: `${figures.organisations.approved} 个，目标 ${figures.organisations.target} 个`,
    activities: [
      `${figures.activities.held} 场`,
      `${figures.activities.participants} 人次`,
      `${figures.activities.checkedIn} 人次`,
      `${figures.activities.volunteers} 人次`,
    ],
    visits: figures.visits.map((m) => m.rateLabel),
    visitNotes: figures.visits.map((m) => (m.expected === 0 ? '当月没有整月在册的人' : `应探访 ${m.expected} 人，已探访 ${m.visited} 人`)),
  }
}

async function readDownload(page: Page, start: () => Promise<void>): Promise<{ name: string; workbook: ExcelJS.Workbook }> {
  const [download] = await Promise.all([page.waitForEvent('download'), start()])
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.readFile((await download.path())!)
  return { name: download.suggestedFilename(), workbook }
}

const valueIn = (workbook: ExcelJS.Workbook, label: string, column = 2) => {
  let value: unknown
  workbook.getWorksheet('统计数字')!.eachRow((row) => {
    if (row.getCell(1).value === label) value = row.getCell(column).value
  })
  return value
}

/** 统计与报表 of the urban community, as its committee sees it first: this month. */
async function openFigures() {
  const { page, errors } = await signInAs(session(), who.committeeUrban)
  await openPage(session(), page, `pages/committee/figures/index?communityId=${urban._id}`)
  await shown(page).locator('#figure-needs').waitFor()
  return { page, errors }
}

async function showLastMonth(page: Page) {
  await tap(page, '上月')
  await shown(page)
    .locator('.section-hint', { hasText: `${Number(lastMonth().from.slice(5, 7))}月1日 至` })
    .waitFor()
  await shown(page).locator('#figure-needs').waitFor()
}

describe('社区工作台 as a committee member', () => {
  it('lists what waits on the committee harm first (危及生命安全 with a banner), then oldest first, with ages, as the API answers it', async () => {
    const { page, errors } = await openWorkbench(session(), who.committeeUrban)
    const waiting = shown(page).locator(`#waiting-${urban._id}`)
    await waiting.locator('.list-item').first().waitFor()
    const api = await answer<{ items: WaitingItem[]; total: number }>(page, 'waiting', { communityId: urban._id })
    expect(api.items.length).toBeGreaterThan(2)
    // The life-safety need raised a minute ago comes above the demo's application that has waited months.
    expect(api.items[0]).toMatchObject({ id: lifeNeed._id, urgency: 'life' })
    // Newcomers to confirm come after everything that can harm (docs/decisions/024).
    const newcomers = api.items.filter((i) => i.kind === 'newcomer')
    expect(api.items.map((i) => i.id)).toEqual(
      [...api.items.filter((i) => i.kind !== 'newcomer').sort(harmFirst), ...newcomers].map((i) => i.id),
    )
    expect(api.items.some((i) => i.kind === 'organisation' && i.waitingMinutes > 30 * 24 * 60)).toBe(true)
    const banner = waiting.locator('#life-banner')
    expect(await banner.innerText()).toContain('有危及生命安全的求助')
    const [bannerBox, firstBox] = await Promise.all([banner.boundingBox(), waiting.locator('.list-item').first().boundingBox()])
    expect(bannerBox!.y).toBeLessThan(firstBox!.y)
    expect(await waiting.locator('.list-item-title').allInnerTexts()).toEqual(api.items.map((i) => `${i.kindLabel}：${i.title}`))
    const ages = await waiting.locator('.list-item-extra').allInnerTexts()
    // A minute may pass between the page's call and the test's.
    ages.forEach((age, i) =>
      expect([formatWaiting(api.items[i].waitingMinutes), formatWaiting(Math.max(0, api.items[i].waitingMinutes - 1))]).toContain(age),
    )
    // The waiting list comes before every community's card.
    const [listBox, cardBox] = await Promise.all([waiting.boundingBox(), shown(page).locator('.coverage-figure').first().boundingBox()])
    expect(listBox!.y).toBeLessThan(cardBox!.y)
    await screenshot(page, 'workbench-waiting.png')

    await tap(page, '马上处理')
    await page.waitForURL((url) => url.href.endsWith(api.items[0].page))
    await shown(page).getByText('给求助人打电话', { exact: false }).first().waitFor()
    expect(errors).toEqual([])
  })

  it('the alert of a life-safety need opens the committee’s page for it: call the requester, assign an organisation, in plain words', async () => {
    const requester = demoDataSet.people.find((p) => p.openid === who.resident)!
    // The committee member accepted alerts of life-safety needs: the subscribe message goes out.
    await callHostAs(session().host.url, who.committeeUrban, 'messages', 'recordConsent', { templates: ['lifeAlert'] })
    const { need } = await callHostAs(session().host.url, who.resident, 'needs', 'raise', {
      helpKind: '紧急救助',
      urgency: 'life',
      description: '老伴在家摔倒了，起不来。',
      location: requester.location!.coordinates,
      neighbourhood: requester.neighbourhood,
      addressDetail: requester.addressDetail,
      contactPhone: requester.phone,
    })
    const alert = (await latestOutboxMessages(100)).find(
      (m) => m.template === 'lifeAlert' && m.toOpenid === who.committeeUrban && String(m.payload.page).includes(need.id),
    )!
    expect(alert.payload.page).toBe(`pages/committee/need/index?id=${need.id}`)
    const { page, errors } = await signInAs(session(), who.committeeUrban)
    await openPage(session(), page, String(alert.payload.page))
    await shown(page).getByText(`给求助人打电话 ${requester.phone}`).waitFor()
    await shown(page).getByText('指派给这个组织').first().waitFor()
    const text = await shown(page).innerText()
    expect(text).not.toContain('取消求助')
    // Distances are from the requester, and the scores stay folded away.
    expect(text).toContain('离求助人')
    expect(text).not.toContain('离你')
    expect(text).not.toMatch(/得分|\d\.\d\d/)
    await tap(page, '为什么派给它')
    await shown(page).locator('.why-offered-reasons').first().waitFor()
    expect(await shown(page).locator('.why-offered-reasons').first().innerText()).toMatch(/距离[\s\S]*(很近|不算远|较远)/)
    await screenshot(page, 'committee-need-from-alert.png')
    expect(errors).toEqual([])
  })

  it('本社区求助 lists the open needs harm first, narrows by urgency, and maps the open ones', async () => {
    const { page, errors } = await signInAs(session(), who.committeeUrban)
    await openPage(session(), page, `pages/committee/community-needs/index?communityId=${urban._id}`)
    const list = shown(page).locator('#community-needs')
    await list.locator('.card-title').first().waitFor()
    const api = (await callFunction(page, 'needs', 'communityNeeds', { communityId: urban._id })).data
    expect(api.needs[0].urgency).toBe('life')
    expect(await list.locator('.card-title').allInnerTexts()).toEqual(api.needs.map((n: { helpKind: string }) => n.helpKind))
    expect(await shown(page).locator('#open-needs-map .plotted-need').count()).toBe(api.map.length)
    // The need cards carry the same words as tags: tap the filter's own chip.
    await shown(page).locator('#need-filters taro-button-core', { hasText: '紧急（今天）' }).click()
    const urgent = (await callFunction(page, 'needs', 'communityNeeds', { communityId: urban._id, urgency: 'urgent' })).data
    await shown(page).getByText(`共 ${urgent.total} 件`).waitFor()
    expect(new Set((await list.locator('.tag').allInnerTexts()).filter((t) => t.includes('紧急') || t.includes('危及')))).toEqual(
      new Set(['紧急（今天）']),
    )
    expect(errors).toEqual([])
  })

  it('shows this month’s figures, the same as the API, and last month’s at a tap', async () => {
    const { page, errors } = await openFigures()
    const now = await answer<CommunityFigures & { period: ReportPeriod }>(page, 'figures', { communityId: urban._id, period: thisMonth() })
    expect(now.figures.needs.raised).toBeGreaterThanOrEqual(9)
    // The demo's care register: someone expected this month is not visited yet.
    expect(now.figures.visits[0].expected).toBeGreaterThan(now.figures.visits[0].visited)
    expect(await shownFigures(page)).toEqual(expectedShown(now.figures))
    expect(await shown(page).locator('.plotted-need').count()).toBe(now.figures.map.needs.length)
    expect(await shown(page).locator('.plotted-organisation').count()).toBe(now.figures.map.organisations.length)
    // 长辈模式: big targets, legible text.
    expect(await shown(page).getAttribute('class')).toContain('elder')
    expect((await shown(page).locator('.choice').first().boundingBox())!.height).toBeGreaterThanOrEqual(60)
    expect((await shown(page).locator('#export').boundingBox())!.height).toBeGreaterThanOrEqual(60)
    expect(await contrastRatioOf(page, '#export')).toBeGreaterThanOrEqual(4.5)
    expect(await contrastRatioOf(page, '#figure-outcomes .bar-value')).toBeGreaterThanOrEqual(4.5)
    await screenshot(page, 'figures-this-month-elder.png')

    await showLastMonth(page)
    const before = await answer<CommunityFigures>(page, 'figures', { communityId: urban._id, period: lastMonth() })
    expect(before.figures.needs.raised).toBe(5)
    expect(await shownFigures(page)).toEqual(expectedShown(before.figures))
    expect(errors).toEqual([])
  })

  it('导出 downloads the xlsx the function made, holding the figures shown', async () => {
    const { page, errors } = await openFigures()
    await showLastMonth(page)
    const { name, workbook } = await readDownload(page, () => tap(page, '导出 Excel'))
    const period = lastMonth()
    expect(name).toBe(`沁园社区统计 ${period.from} 至 ${period.to}.xlsx`)
    const { figures } = await answer<CommunityFigures>(page, 'figures', { communityId: urban._id, period })
    expect(valueIn(workbook, '求助：提出（件）')).toBe(figures.needs.raised)
    expect(valueIn(workbook, '求助：完成（件）')).toBe(figures.needs.completed)
    expect(valueIn(workbook, '接单用时中位数（分钟）')).toBe(figures.needs.toAcceptance.medianMinutes)
    await shown(page).getByText(`已生成：${name}`).waitFor()
    expect(errors).toEqual([])
  })
})

describe('各社区统计 as civil affairs', () => {
  it('shows each community of the office and the total as the API answers, with no resident’s personal data', async () => {
    const { page, errors } = await openWorkbench(session(), who.civilAffairs)
    // Civil affairs sits on no committee: no waiting list.
    expect(await shown(page).locator('[id^="waiting-"]').count()).toBe(0)
    await tap(page, '各社区统计')
    await page.waitForURL('**/pages/committee/office/index')
    await shown(page).locator('#figure-needs').waitFor()

    const { offices } = await answer<{ offices: OfficeFigures[] }>(page, 'officeFigures', { period: thisMonth() })
    const [office] = offices
    expect(await texts(page, '.list-item-title')).toEqual(office.communities.map((c) => c.community.name))
    const [detail] = await texts(page, '.list-item-detail')
    const first = office.communities[0].figures
    expect(detail).toContain(
      `组织 ${first.organisations.approved}/${first.organisations.target} 个 · 求助 ${first.needs.raised} 件，完成 ${first.needs.completed} 件`,
    )
    expect(await shownFigures(page)).toEqual(expectedShown(office.total))
    const pageText = await shown(page).innerText()
    expect(personalStrings.filter((s) => pageText.includes(s))).toEqual([])

    expect((await shown(page).locator('.choice').first().boundingBox())!.height).toBeGreaterThanOrEqual(48)
    expect((await shown(page).locator('#export').boundingBox())!.height).toBeGreaterThanOrEqual(48)
    await screenshot(page, 'figures-office.png')

    const { name, workbook } = await readDownload(page, () => tap(page, '导出 Excel'))
    expect(name).toBe(`张店区民政局统计 ${thisMonth().from} 至 ${thisMonth().to}.xlsx`)
    expect(valueIn(workbook, '求助：提出（件）', 2 + office.communities.length)).toBe(office.total.needs.raised)
    const sheetText = workbook.worksheets.map((s) => s.getSheetValues().flat().join(' ')).join(' ')
    expect(personalStrings.filter((s) => sheetText.includes(s))).toEqual([])
    expect(errors).toEqual([])
  })
})
