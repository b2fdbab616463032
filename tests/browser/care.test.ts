/**
 * 关爱对象与定期探访 end to end in the H5 build: the committee registers a person with their
 * separate consent and pairs a volunteer; the volunteer (and no other) sees the person in 我的探访
 * and records a visit, in 长辈模式, that raises a need (and one more, to someone expected a visit
 * this month); the committee sees the visit and the need; the month's visit rate on the committee's
 * page, this month's and last month's, is the one the register's data gives.
 *
 * Each test registers people of its own, under names no other test uses, through the functions as
 * the committee and the volunteer would.
 */
import { randomUUID } from 'node:crypto'
import type { Page } from 'playwright-core'
import { demoDataSet, demoIdentities, demoPerson as personOf } from '../../local/seed/demo-data'
import { monthlyVisitRate, monthlyVisitRateByGroup, percentLabel, type RegisterFacts } from '../../shared/domain/care'
import { urgencyLabel } from '../../shared/domain/need'
import { inShanghai, monthOf, monthRange } from '../../shared/domain/time'
import {
  callFunction,
  contrastRatioOf,
  openPage,
  screenshot,
  shown,
  signInAs as signInAsDemo,
  tap,
  useBrowserSession,
} from '../support/browser'
import { callHostAs } from '../support/need-service'

/**
 * The host, the phones and the demo data start on the 15th of this month at 10:00 in Shanghai:
 * near a month's edge the people due a visit this month are others, and the expectations below are
 * about the middle of a month. No test leaves the clocks moved.
 */
const session = useBrowserSession({
  startAt: inShanghai().date(15).startOf('day').add(10, 'hour').toDate(),
})
const signInAs = (openid: string) => signInAsDemo(session(), openid)
/** A function call as `openid`, as their page would make it, without opening one. */
const callAs = (openid: string, functionName: string, action: string, data: object) =>
  callHostAs(session().host.url, openid, functionName, action, data)

const committee = personOf(demoIdentities.committeeUrban)
const volunteer = personOf(demoIdentities.volunteer)
const volunteerRole = demoDataSet.roles.find((r) => r.openid === volunteer.openid && r.role === 'volunteer')!
const organisation = demoDataSet.organisations.find((o) => o._id === volunteerRole.organisationId)!
// A member of the same organisation who is not paired with the person.
const otherRole = demoDataSet.roles.find(
  (r) => r.role === 'volunteer' && r.organisationId === organisation._id && r.openid !== volunteer.openid,
)!
const otherVolunteer = personOf(otherRole.openid)

/** What the committee writes about the person; the tests register them under names of their own. */
const registered = {
  name: '刘玉芬',
  phone: '13905331234',
  neighbourhood: '沁园小区',
  addressDetail: '6号楼2单元301',
  groups: ['独居老人', '高龄老人'],
  careNeeds: '腿脚不便，一个人住，记性不太好；每次去看看药吃了没有。',
  contact: { name: '王强', relation: '儿子', phone: '13805337788' },
}
const worry = { helpKind: '助餐', urgency: 'normal' as const, description: '刘奶奶这几天做饭困难，想请人每天中午送一顿饭。' }

/** `name` registered by the committee as the four screens would, with their own written consent; answers the entry's id. */
async function registeredPerson(name: string, frequency: 'monthly' | 'weekly' = 'monthly'): Promise<string> {
  const { entry } = await callAs(committee.openid, 'care', 'register', {
    communityId: committee.communityId,
    name,
    phone: registered.phone,
    neighbourhood: registered.neighbourhood,
    addressDetail: registered.addressDetail,
    groups: registered.groups,
    careNeeds: registered.careNeeds,
    emergencyContact: registered.contact,
    frequency,
    consent: { giver: 'self', giverName: name, method: 'signed_form', at: (await session().now()).toISOString() },
  })
  return entry.entryId
}

/** Registered and paired with 徐敏 of her organisation. */
async function pairedPerson(name: string, frequency?: 'monthly' | 'weekly'): Promise<string> {
  const entryId = await registeredPerson(name, frequency)
  await callAs(committee.openid, 'care', 'pair', { entryId, organisationId: organisation._id, volunteerMemberIds: [volunteerRole._id] })
  return entryId
}

/**
 * Paired a month ago, so expected a visit this month (the month's rate counts those registered
 * before it began): the clocks go back a month for the registration, then on to where they would be.
 */
async function pairedLastMonth(name: string): Promise<string> {
  const now = await session().now()
  const back = await session().moveClocks({ set: inShanghai(now).subtract(1, 'month').format() })
  const entryId = await pairedPerson(name)
  const spent = (await session().now()).getTime() - back.getTime()
  await session().moveClocks({ set: new Date(now.getTime() + spent).toISOString() })
  return entryId
}

/** 徐敏 records a home visit that found the person unwell, as her visit screen would, and with `raisingWorry` raises the worry. */
async function visitedPoorly(entryId: string, raisingWorry = false) {
  return callAs(volunteer.openid, 'care', 'recordVisit', {
    entryId,
    visitedAt: (await session().now()).toISOString(),
    mode: 'in_person',
    wellbeing: 'poor',
    notes: '精神还行，就是做饭吃力，冰箱里没什么菜。',
    minutes: 30,
    requestId: randomUUID(),
    ...(raisingWorry ? { worry } : {}),
  })
}

const queryOf = (page: Page, name: string) => new URL(page.url().replace('#/', '')).searchParams.get(name)!
const fontSize = (page: Page, selector: string) =>
  shown(page)
    .locator(selector)
    .first()
    .evaluate((el) => parseFloat(getComputedStyle(el).fontSize))
/** The field whose label is `label`, for what is said beside it. */
const fieldOf = (page: Page, label: string) =>
  shown(page)
    .locator('.field')
    .filter({ has: page.getByText(label, { exact: true }) })

describe('关爱对象与定期探访 in the browser', () => {
  it('lets the committee register a person in four screens, the last their separate consent', async () => {
    const { page, errors } = await signInAs(committee.openid)
    await openPage(session(), page, 'pages/me/index')
    await tap(page, '社区工作台')
    await page.waitForURL('**/pages/committee/workbench/index')
    await tap(page, '关爱对象')
    await page.waitForURL('**/pages/committee/care/index?communityId=*')
    expect(queryOf(page, 'communityId')).toBe(committee.communityId)
    await tap(page, '登记关爱对象')
    await page.waitForURL('**/pages/committee/care-add/index?communityId=*')

    // She does not use the mini-program: found by name, a resident may be linked, and unlinked again.
    const resident = personOf(demoIdentities.resident)
    await shown(page).locator('#care-resident input').fill(resident.name)
    await tap(page, '查找')
    await tap(page, '就是这位')
    await shown(page).getByText(`已关联：${resident.name}`).waitFor()
    expect(await shown(page).locator('#care-name input').inputValue()).toBe(resident.name)
    await tap(page, '取消关联')
    await shown(page).locator('#care-resident').waitFor()
    await shown(page).locator('#care-name input').fill(registered.name)
    await shown(page).locator('#care-phone input').fill(registered.phone)
    await shown(page).locator('#care-neighbourhood input').fill(registered.neighbourhood)
    await shown(page).locator('#care-address input').fill(registered.addressDetail)
    await tap(page, '下一步')

    // A screen is checked before the next: no group is said beside the groups.
    await shown(page).getByText('第 2 步，共 4 步').waitFor()
    await tap(page, '下一步')
    await fieldOf(page, '属于哪几类').getByText('至少选一类').waitFor()
    for (const group of registered.groups) await tap(page, group)
    await shown(page).locator('#care-needs textarea').fill(registered.careNeeds)
    await tap(page, '下一步')

    await shown(page).locator('#care-contact-name input').fill(registered.contact.name)
    await shown(page).locator('#care-contact-relation input').fill(registered.contact.relation)
    await shown(page).locator('#care-contact-phone input').fill(registered.contact.phone)
    expect(await fieldOf(page, '多久探访一次').locator('.choice-on').allTextContents()).toEqual([expect.stringContaining('每月探访')])
    await tap(page, '下一步')

    // The consent screen says what is consented to before asking who agreed and how.
    const explained = await shown(page).locator('#consent-explained').textContent()
    for (const words of ['只有社区两委能看', '结对的志愿者只看到探访要用的', '随时可以说不同意']) expect(explained).toContain(words)
    await tap(page, '登记')
    await fieldOf(page, '是谁同意的').getByText('请选是谁同意的').waitFor()
    await fieldOf(page, '怎么同意的').getByText('请选怎么同意的').waitFor()
    await tap(page, '本人')
    expect(await shown(page).locator('#consent-name input').inputValue()).toBe(registered.name)
    await tap(page, '书面签字')
    await screenshot(page, 'care-consent.png')
    await tap(page, '登记')

    await page.waitForURL('**/pages/committee/care-person/index?id=*')
    const entryId = queryOf(page, 'id')
    const consent = shown(page).locator('#consent')
    await consent.getByText(`${registered.name}（本人）`).waitFor()
    await consent.getByText('书面签字').waitFor()
    await consent.getByText(committee.name).waitFor()
    await shown(page).locator('#pairing').getByText('还没有结对').waitFor()
    await shown(page).getByText('还没有探访记录').waitFor()

    // What was stored is what was typed.
    const { data } = await callFunction(page, 'care', 'entry', { entryId })
    expect(data.entry).toMatchObject({
      name: registered.name,
      phone: registered.phone,
      neighbourhood: registered.neighbourhood,
      addressDetail: registered.addressDetail,
      groups: registered.groups,
      careNeeds: registered.careNeeds,
      emergencyContact: registered.contact,
      frequency: 'monthly',
      active: true,
      linkedResident: false,
      consent: { giverLabel: '本人', giverName: registered.name, methodLabel: '书面签字', recordedBy: committee.name },
    })
    expect(errors).toEqual([])
  })

  it('lets the committee pair a volunteer of an organisation of the community', async () => {
    const entryId = await registeredPerson('赵秀兰')
    const { page, errors } = await signInAs(committee.openid)
    await openPage(session(), page, `pages/committee/care-person/index?id=${entryId}`)
    await tap(page, '安排结对')
    await page.waitForURL('**/pages/committee/care-pair/index?*')
    await tap(page, organisation.name)
    await tap(page, volunteer.name)
    await shown(page).getByText('已选 1 位').waitFor()
    await screenshot(page, 'care-pair.png')
    await tap(page, '确定结对')

    await page.waitForURL('**/pages/committee/care-person/index?*')
    await shown(page).locator('#pairing').getByText(`${organisation.name}、${volunteer.name}`).waitFor()
    const { data } = await callFunction(page, 'care', 'entry', { entryId })
    expect(data.entry.pairing).toEqual({
      organisation: { id: organisation._id, name: organisation.name },
      volunteers: [{ memberId: volunteerRole._id, name: volunteer.name }],
    })
    expect(errors).toEqual([])
  })

  it('lets the committee change the person to weekly visits through the same screens, filled in', async () => {
    const entryId = await registeredPerson('钱桂芝')
    const { page, errors } = await signInAs(committee.openid)
    await openPage(session(), page, `pages/committee/care-person/index?id=${entryId}`)
    await tap(page, '修改信息')
    await page.waitForURL(`**/pages/committee/care-edit/index?id=${entryId}`)
    expect(await shown(page).locator('#care-address input').inputValue()).toBe(registered.addressDetail)
    await tap(page, '下一步')
    expect(await shown(page).locator('.choice-on').allTextContents()).toEqual(registered.groups.map((g) => `✓ ${g}`))
    await tap(page, '下一步')
    expect(await shown(page).locator('#care-contact-phone input').inputValue()).toBe(registered.contact.phone)
    await tap(page, '每周探访')
    await tap(page, '保存')

    await page.waitForURL('**/pages/committee/care-person/index?*')
    await shown(page).getByText('（每周探访）', { exact: false }).waitFor()
    const { data } = await callFunction(page, 'care', 'entry', { entryId })
    expect(data.entry).toMatchObject({ frequency: 'weekly', addressDetail: registered.addressDetail, groups: registered.groups })
    expect(errors).toEqual([])
  })

  it('shows the paired volunteer the person in 我的探访 with what a visit needs, and nothing more', async () => {
    const name = '孙凤霞'
    const entryId = await pairedPerson(name, 'weekly')
    const { page, errors } = await signInAs(volunteer.openid)
    const { data } = await callFunction(page, 'care', 'myVisits', {})
    const mine = data.people.find((p: { entryId: string }) => p.entryId === entryId)
    expect(mine).toBeDefined()
    // Never the groups nor the consent record: they can say more than a visit needs.
    expect(mine).not.toHaveProperty('groups')
    expect(mine).not.toHaveProperty('consent')
    const due = data.people.filter((p: { standing: string }) => p.standing !== 'upcoming').length
    expect(due).toBeGreaterThan(0)

    await openPage(session(), page, 'pages/me/index')
    const entry = shown(page).locator('taro-button-core.list-item', { hasText: '我的探访' })
    await entry.getByText(`${due} 位该探访`).waitFor()
    await entry.click()
    await page.waitForURL('**/pages/care/visits/index')

    const card = shown(page).locator('.care-person', { hasText: name })
    await card.waitFor()
    const text = (await card.textContent())!
    for (const shownFact of [
      `${registered.neighbourhood} ${registered.addressDetail}`,
      registered.phone,
      registered.careNeeds,
      `${registered.contact.name}（${registered.contact.relation}）${registered.contact.phone}`,
      // Weekly now, first visit due in 7 days: due this week only in the last two of them.
      '未到探访时间',
    ]) {
      expect(text).toContain(shownFact)
    }
    for (const group of registered.groups) expect(text).not.toContain(group)
    await card.getByText(`打给${name} ${registered.phone}`).waitFor()
    await screenshot(page, 'care-my-visits.png')
    expect(errors).toEqual([])
  })

  it('does not show the person to a volunteer who is not paired, nor open the entry to them', async () => {
    const name = '李素芬'
    const entryId = await pairedPerson(name)
    const { page, errors } = await signInAs(otherVolunteer.openid)
    const { data } = await callFunction(page, 'care', 'myVisits', {})
    expect(data.people.map((p: { entryId: string }) => p.entryId)).not.toContain(entryId)
    const refused = await callFunction(page, 'care', 'entry', { entryId })
    expect(refused).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })

    await openPage(session(), page, 'pages/care/visits/index')
    await shown(page).locator('.status, #my-visits').first().waitFor()
    expect(await shown(page).textContent()).not.toContain(name)
    expect(errors).toEqual([])
  })

  it('lets the volunteer record a visit in 长辈模式 that raises a need for the person', async () => {
    const name = '周桂珍'
    const entryId = await pairedPerson(name)
    const { page, errors } = await signInAs(volunteer.openid)
    await openPage(session(), page, 'pages/me/index')
    // 徐敏 follows the phone's font size, which a browser does not have: she switches 长辈模式 on (many volunteers are older too).
    await page.click('#elder-mode-switch')
    await shown(page).getByText('已开启').waitFor()
    await tap(page, '我的探访')
    await page.waitForURL('**/pages/care/visits/index')
    await shown(page).locator('.care-person', { hasText: name }).locator('taro-button-core', { hasText: '记录探访' }).click()
    await page.waitForURL(`**/pages/care/visit/index?id=${entryId}`)
    await shown(page).getByText(`探访 ${name}`).waitFor()

    // 长辈模式 on the form: text ≥ 18 px, targets ≥ 60 px, contrast ≥ 4.5.
    expect(await shown(page).getAttribute('class')).toContain('elder')
    for (const selector of ['.field-label', '.field-hint', '.choice', '#visit-notes textarea', '#visit-send']) {
      expect(await fontSize(page, selector)).toBeGreaterThanOrEqual(18)
    }
    for (const selector of ['#visit-send', '.choice', '#visit-notes textarea']) {
      expect((await shown(page).locator(selector).first().boundingBox())!.height).toBeGreaterThanOrEqual(60)
    }
    for (const selector of ['#visit-send', '.field-hint', '.field-label', '.choice']) {
      expect(await contrastRatioOf(page, `.taro_page:last-child ${selector}`)).toBeGreaterThanOrEqual(4.5)
    }

    // Nothing chosen: said beside each choice.
    await tap(page, '记录探访')
    await fieldOf(page, '怎么探访的').getByText('请选上门还是电话').waitFor()
    await fieldOf(page, '本人情况怎么样').getByText('请选本人情况怎么样').waitFor()

    await tap(page, '上门探访')
    await tap(page, '较差')
    expect(await contrastRatioOf(page, '.taro_page:last-child .choice-on')).toBeGreaterThanOrEqual(4.5)
    await shown(page).locator('#visit-notes textarea').fill('精神还行，就是做饭吃力，冰箱里没什么菜。')
    expect(await shown(page).locator('#visit-worry').count()).toBe(0)
    await tap(page, '有困难需要帮助')
    await shown(page).locator('#visit-worry').waitFor()
    await tap(page, worry.helpKind)
    await tap(page, urgencyLabel[worry.urgency])
    await shown(page).locator('#visit-worry-description textarea').fill(worry.description)
    await screenshot(page, 'care-visit-form.png')
    await tap(page, '记录探访并发起求助')

    await shown(page).getByText('探访已记录').waitFor()
    await shown(page)
      .locator('#visit-need')
      .getByText(/^已替.+发起求助$/)
      .waitFor()
    await screenshot(page, 'care-visit-recorded.png')
    await tap(page, '看这条求助的进展')
    await page.waitForURL('**/pages/needs/detail/index?id=*')
    await shown(page).getByText(worry.description).waitFor()
    await shown(page).getByText(worry.helpKind, { exact: true }).first().waitFor()
    // Back to her own setting: the other tests see her pages as she keeps them.
    await callAs(volunteer.openid, 'account', 'updatePreferences', { elderMode: volunteer.preferences.elderMode })
    expect(errors).toEqual([])
  })

  it('lets the volunteer record a phone visit with no worry for someone expected a visit this month', async () => {
    const name = '吴秀云'
    const entryId = await pairedLastMonth(name)
    const { page, errors } = await signInAs(volunteer.openid)
    await openPage(session(), page, 'pages/care/visits/index')
    await shown(page).locator('.care-person', { hasText: name }).locator('taro-button-core', { hasText: '记录探访' }).click()
    await page.waitForURL(`**/pages/care/visit/index?id=${entryId}`)
    await tap(page, '电话探访')
    await tap(page, '良好')
    await tap(page, '记录探访')
    await shown(page).getByText('探访已记录').waitFor()
    await shown(page).getByText(`${name}：电话探访，情况良好。`).waitFor()
    expect(await shown(page).locator('#visit-need').count()).toBe(0)

    // Back on the list, her last visit is today and she is no longer due.
    await tap(page, '回到我的探访')
    await page.waitForURL('**/pages/care/visits/index')
    const card = shown(page).locator('.care-person', { hasText: name })
    await card
      .getByText(inShanghai(await session().now()).format('YYYY年M月D日'))
      .first()
      .waitFor()
    expect(await card.locator('.standing').textContent()).toBe('未到探访时间')
    expect(errors).toEqual([])
  })

  it('shows the committee the visit and the need it raised on the person’s behalf', async () => {
    const entryId = await pairedPerson('郑玉梅')
    const needId: string = (await visitedPoorly(entryId, true)).visit.needId
    const { page, errors } = await signInAs(committee.openid)
    const { data } = await callFunction(page, 'needs', 'detail', { needId })
    expect(data.need).toMatchObject({ helpKind: worry.helpKind, description: worry.description, communityName: expect.any(String) })

    await openPage(session(), page, `pages/committee/care-person/index?id=${entryId}`)
    const visit = shown(page).locator('#visits .visit').first()
    await visit.getByText(`情况较差 · ${volunteer.name}`).waitFor()
    expect(await visit.textContent()).toContain('上门探访')
    await visit.locator('taro-button-core', { hasText: '看这次发起的求助' }).click()
    await page.waitForURL(`**/pages/committee/need/index?id=${needId}`)
    await shown(page).getByText(worry.description).waitFor()
    expect(errors).toEqual([])
  })
  it("shows the committee the month's visit rate, by group and against 100%, as the register's data gives it", async () => {
    // One registered this month, and one expected a visit this month whom 徐敏 has just visited.
    const newcomer = await registeredPerson('冯桂荣')
    const visited = await pairedLastMonth('韩月娥')
    await visitedPoorly(visited)
    const thisMonth = monthOf(await session().now())
    const { start: monthStart } = monthRange(thisMonth)
    const { page, errors } = await signInAs(committee.openid)
    const communityId = committee.communityId!
    const { data: list } = await callFunction(page, 'care', 'registerList', { communityId, includeWithdrawn: true })
    const entries = await Promise.all(
      list.entries.map(
        async (row: { entryId: string }) => (await callFunction(page, 'care', 'entry', { entryId: row.entryId })).data.entry,
      ),
    )
    const facts: RegisterFacts[] = entries.map((entry) => ({
      id: entry.entryId,
      groups: entry.groups,
      registeredAt: new Date(entry.registeredAt),
      withdrawnAt: entry.withdrawal ? new Date(entry.withdrawal.at) : null,
    }))
    const visits = entries.flatMap((entry) =>
      entry.visits.map((v: { visitedAt: string }) => ({ registerId: entry.entryId, at: new Date(v.visitedAt) })),
    )
    const lastMonth = inShanghai(monthStart).subtract(1, 'month').format('YYYY-MM')

    const now = monthlyVisitRate(thisMonth, facts, visits)
    // Registered this month: counted from the next. Visited this month: counted now.
    expect(facts.find((f) => f.id === newcomer)!.registeredAt >= monthStart).toBe(true)
    expect(now.expected).toBeGreaterThan(0)
    expect(now.notVisited).not.toContain(visited)
    expect(facts.map((f) => f.id)).toContain(visited)

    await openPage(session(), page, 'pages/me/index')
    await tap(page, '社区工作台')
    await page.waitForURL('**/pages/committee/workbench/index')
    await tap(page, '探访情况')
    await page.waitForURL('**/pages/committee/care-overview/index?communityId=*')

    async function expectMonth(month: string) {
      const rate = month === thisMonth ? now : monthlyVisitRate(month, facts, visits)
      await shown(page)
        .locator('#care-month')
        .getByText(inShanghai(`${month}-01T00:00:00+08:00`).format('YYYY年M月'))
        .waitFor()
      await shown(page).locator('#care-rate-figure').getByText(percentLabel(rate.rate), { exact: true }).waitFor()
      expect(await shown(page).locator('#care-rate-counts').textContent()).toBe(`应探访 ${rate.expected} 人，已探访 ${rate.visited} 人`)
      const missing = rate.expected - rate.visited
      expect(await shown(page).locator('#care-rate .coverage-verdict').textContent()).toBe(missing === 0 ? '已达标' : `还差 ${missing} 人`)
      const byGroup = monthlyVisitRateByGroup(month, facts, visits)
      const rows = await shown(page)
        .locator('#care-groups .rate-row-head')
        .evaluateAll((heads) => heads.map((h) => h.textContent))
      expect(rows.sort()).toEqual(
        Object.entries(byGroup)
          .map(([group, r]) => `${group}${percentLabel(r!.rate)}（${r!.visited}/${r!.expected} 人）`)
          .sort(),
      )
    }

    await expectMonth(thisMonth)
    // Nothing to see in months to come.
    expect(await shown(page).locator('taro-button-core', { hasText: '下个月' }).getAttribute('disabled')).not.toBeNull()

    // Who to follow up now, as the register's standings say.
    for (const [standing, id] of [
      ['escalated', '#care-escalated'],
      ['overdue', '#care-overdue'],
      ['due_soon', '#care-due-soon'],
    ]) {
      const names = list.entries.filter((row: { standing?: string }) => row.standing === standing).map((row: { name: string }) => row.name)
      const shownNames = names.length === 0 ? [] : await shown(page).locator(`${id} .care-row .card-title`).allTextContents()
      expect(shownNames.sort()).toEqual(names.sort())
    }

    await tap(page, '‹ 上个月')
    await expectMonth(lastMonth)
    await tap(page, '下个月 ›')
    await expectMonth(thisMonth)
    // The month's buttons, its name and the figure fit across the phone, side by side.
    for (const part of [
      shown(page).locator('.month-step').first(),
      shown(page).locator('#care-month'),
      shown(page).locator('.month-step').last(),
      shown(page).locator('#care-rate'),
    ]) {
      const box = (await part.boundingBox())!
      expect(box.x).toBeGreaterThanOrEqual(0)
      expect(box.x + box.width).toBeLessThanOrEqual(375)
    }
    await screenshot(page, 'care-overview.png')
    expect(errors).toEqual([])
  })

  it('lets the committee record that the person withdrew consent: off the register, no more visits', async () => {
    const name = '陈素珍'
    const entryId = await pairedPerson(name)
    await visitedPoorly(entryId)
    const { page, errors } = await signInAs(committee.openid)
    await openPage(session(), page, `pages/committee/care-person/index?id=${entryId}`)
    await tap(page, '撤回同意')
    await shown(page).getByText('不再探访，结对也一并解除', { exact: false }).waitFor()
    await tap(page, '确定撤回同意')
    await shown(page).getByText('请写明理由').waitFor()
    await shown(page).locator('.confirm textarea').fill('本人电话告知，女儿接她去外地住了。')
    await tap(page, '确定撤回同意')

    const withdrawn = shown(page).locator('#withdrawn')
    await withdrawn.getByText('本人电话告知，女儿接她去外地住了。').waitFor()
    expect(await shown(page).locator('#pairing').count()).toBe(0)
    expect(await shown(page).getByText('修改信息').count()).toBe(0)
    // The consent and the visits stay on record.
    await shown(page).locator('#consent').getByText(`${name}（本人）`).waitFor()
    expect(await shown(page).locator('#visits .visit').count()).toBe(1)

    // On the register she is listed apart; 徐敏 no longer has her to visit.
    await openPage(session(), page, `pages/committee/care/index?communityId=${committee.communityId}`)
    await shown(page).locator('#register-withdrawn .care-row', { hasText: name }).waitFor()
    const active = shown(page).locator('#register > .card-button .care-row')
    expect(await active.count()).toBeGreaterThan(0)
    expect(await active.filter({ hasText: name }).count()).toBe(0)
    const { page: volunteerPage } = await signInAs(volunteer.openid)
    const { data } = await callFunction(volunteerPage, 'care', 'myVisits', {})
    expect(data.people.map((p: { entryId: string }) => p.entryId)).not.toContain(entryId)
    expect(errors).toEqual([])
  })
})
