/**
 * 社区活动 end to end in the H5 build: the lead publishes a major activity (60 places for
 * residents, 2 for volunteers) for the next day; the committee sees it in its queue with the reason
 * and approves it; volunteers sign up until the places are gone, the next one is waitlisted, and a
 * cancellation promotes him (and tells him); an elderly resident signs up in 长辈模式. At the door
 * the lead shows the rotating code and a volunteer types its 6 digits; a wrong code, an expired one
 * and too many tries are refused. After the end the lead confirms the measured minutes, which
 * become service records.
 *
 * Each test has an activity of its own, brought by the functions (as the lead, the committee and
 * the people signing up would) to where the test begins. The host's clock and the phones' move
 * together (docs/decisions/014): each test starts at 08:00 on a day after wherever the clocks stand,
 * and moves them to the doors opening, to the next minute's code and past the end, so nothing waits
 * for real time to pass.
 */
import type { Page } from 'playwright-core'
import { create } from 'qrcode/lib/core/qrcode'
import { demoDataSet, demoIdentities, demoPerson as personOf } from '../../local/seed/demo-data'
import { latestOutboxMessages } from '../../local/outbox'
import { ACTIVITY_PAGE, CHECK_IN_OPENS_MINUTES, SHORT_CODE_ATTEMPTS, type SignUpRole } from '../../shared/domain/activity'
import { formatDateTime } from '../../client/src/format'
import { inShanghai } from '../../shared/domain/time'
import { database } from '../../server/data/cloudbase'
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

const session = useBrowserSession()
const signInAs = (openid: string) => signInAsDemo(session(), openid)
/** A function call as `openid`, as their page would make it, without opening one. */
const callAs = (openid: string, functionName: string, action: string, data: object) =>
  callHostAs(session().host.url, openid, functionName, action, data)

const lead = personOf(demoIdentities.organisationLead)
const organisationId = demoDataSet.roles.find((r) => r.openid === lead.openid && r.role === 'organisation_lead')!.organisationId!
/** Two volunteers take the two places; the third waits until the second cancels. */
const firstVolunteer = personOf(demoIdentities.volunteer)
const secondVolunteer = personOf(demoIdentities.resident)
const waitlisted = personOf('demo-gao-peng')
const elder = personOf(demoIdentities.elderResident)

/** Each test's activity has its own title (`what` it is for), so that no card or list entry is another test's. */
const titled = (what: string) => `沁园社区重阳节包饺子（${what}）`
const description = '一起包饺子，给独居老人送去。志愿者帮忙和面、擀皮、送饺子。'
const address = '沁园社区党群服务中心一楼'
const PARTICIPANT_PLACES = 60
const VOLUNTEER_PLACES = 2
const ACTIVITY_MINUTES = 45

/**
 * Moves the clocks to 08:00 (Shanghai) on the day after wherever they stand, and answers the
 * activity's hours: the next day from 09:00 for ACTIVITY_MINUTES (明天, as the publish form first offers).
 */
async function nextMorning() {
  const morning = inShanghai(await session().now())
    .add(1, 'day')
    .startOf('day')
    .add(8, 'hour')
  await session().moveClocks({ set: morning.format() })
  const startAt = morning.add(1, 'day').add(1, 'hour')
  return { startAt, endAt: startAt.add(ACTIVITY_MINUTES, 'minute') }
}

type Activity = Awaited<ReturnType<typeof nextMorning>> & { id: string; title: string }

/** The story's activity, published by the lead through the function as the form would; waiting for the committee. */
async function published(what: string): Promise<Activity> {
  const hours = await nextMorning()
  const title = titled(what)
  const { activity } = await callAs(lead.openid, 'activities', 'publish', {
    organisationId,
    title,
    kind: 'festival',
    description,
    address,
    startAt: hours.startAt.format(),
    endAt: hours.endAt.format(),
    signUpDeadline: hours.startAt.format(),
    participantPlaces: PARTICIPANT_PLACES,
    volunteerPlaces: VOLUNTEER_PLACES,
    volunteerMinutes: ACTIVITY_MINUTES,
  })
  return { ...hours, id: activity.id, title }
}

/** Published and approved by the committee: open for sign-ups. */
async function approved(what: string): Promise<Activity> {
  const activity = await published(what)
  await callAs(demoIdentities.committeeUrban, 'activities', 'decide', { activityId: activity.id, decision: 'approve' })
  return activity
}

const signUp = (openid: string, activity: Activity, role: SignUpRole) =>
  callAs(openid, 'activities', 'signUp', { activityId: activity.id, role })

/** The clocks at half an hour before the start, when checking in has opened. */
const beforeTheStart = (activity: Activity) => session().moveClocks({ set: activity.startAt.subtract(30, 'minute').format() })
/** The clocks just after the end, for checking out (the due work has finished the activity). */
const afterTheEnd = (activity: Activity) => session().moveClocks({ set: activity.endAt.add(1, 'minute').format() })

/** `openid` types this minute's code from the lead's page. */
async function attendByCode(openid: string, activity: Activity, purpose: 'check_in' | 'check_out') {
  const { shortCode } = await callAs(lead.openid, 'activities', 'checkInCode', { organisationId, activityId: activity.id, purpose })
  await callAs(openid, 'activities', 'checkIn', { activityId: activity.id, purpose, shortCode })
}

/** The lead ticks `person` in by hand on the roster. */
async function checkedInByHand(person: { name: string }, activity: Activity) {
  const { entries } = await callAs(lead.openid, 'activities', 'roster', { organisationId, activityId: activity.id })
  const { signUpId } = entries.find((e: { name: string; status: string }) => e.name === person.name && e.status === 'confirmed')
  await callAs(lead.openid, 'activities', 'markAttendance', { organisationId, activityId: activity.id, signUpId, purpose: 'check_in' })
}

/** Until nothing under `element` is moving: its transitions and animations have run to the end. */
const still = (element: Element) => Promise.all(element.getAnimations({ subtree: true }).map((a) => a.finished))

/** Taro's H5 time picker is a wheel: drag each column a few rows at a time until it shows the time. */
async function pickTime(page: Page, fieldId: string, time: string) {
  const ROW_PX = 34
  const EDGE_PX = 12
  await shown(page).locator(`#${fieldId}`).click()
  const picker = page.locator('.weui-picker:visible')
  await picker.waitFor()
  // It slides up from the bottom; measure once it is still.
  await picker.evaluate(still)
  const target = time.split(':').map(Number)
  for (const [column, value] of target.entries()) {
    const wheel = picker.locator('taro-picker-group').nth(column)
    const box = (await wheel.boundingBox())!
    const x = box.x + box.width / 2
    for (;;) {
      const showing = await wheel.evaluate((group, row) => {
        const offset = Number(
          /translate3d\(0px, (-?[\d.]+)px/.exec((group.querySelector('.weui-picker__content') as HTMLElement).style.transform)![1],
        )
        return Number(group.querySelectorAll('.weui-picker__item')[Math.round((102 - offset) / row)].textContent)
      }, ROW_PX)
      if (showing === value) break
      // Within the wheel's own box: leaving it ends the drag.
      const rows = Math.max(-6, Math.min(6, value - showing))
      const from = rows > 0 ? box.y + box.height - EDGE_PX : box.y + EDGE_PX
      await page.mouse.move(x, from)
      await page.mouse.down()
      await page.mouse.move(x, from - rows * ROW_PX, { steps: 6 })
      await page.mouse.up()
      // It snaps to a row: read it again once it rests on one.
      await wheel.evaluate(async (group, row) => {
        const content = group.querySelector('.weui-picker__content') as HTMLElement
        for (;;) {
          await new Promise(requestAnimationFrame)
          const moving = group.getAnimations({ subtree: true })
          if (moving.length > 0) await Promise.all(moving.map((a) => a.finished))
          const offset = Number(/translate3d\(0px, (-?[\d.]+)px/.exec(content.style.transform)![1])
          if (Number.isInteger((102 - offset) / row)) return
        }
      }, ROW_PX)
    }
  }
  await picker.getByText('确定', { exact: true }).click()
  await shown(page).locator(`#${fieldId}`).getByText(time).waitFor()
}

const activityPage = (page: Page, activity: Activity) => openPage(session(), page, `${ACTIVITY_PAGE}?id=${activity.id}`)
const mySignUp = (page: Page, role: 'participant' | 'volunteer') => shown(page).locator(`#my-sign-up-${role}`)

/** The dark modules drawn on the check-in code page, as rows of 0 and 1 without the quiet zone. */
async function drawnModules(page: Page): Promise<string[]> {
  const rows = await shown(page)
    .locator('#check-in-qr .qr-row')
    .evaluateAll((elements) =>
      elements.map((row) =>
        Array.from(row.children)
          .map((run) => (run.className.includes('qr-dark') ? '1' : '0').repeat(Math.round(run.getBoundingClientRect().width)))
          .join(''),
      ),
    )
  const modulePx = rows.length > 0 ? rows[0].length / rows.length : 1
  const perModule = rows.map((row) => row.replace(new RegExp(`(.){${modulePx}}`, 'g'), '$1'))
  return perModule.slice(4, -4).map((row) => row.slice(4, -4))
}

function encodedModules(payload: string): string[] {
  const { modules } = create([{ data: Array.from(payload, (c) => c.charCodeAt(0)), mode: 'byte' }], { errorCorrectionLevel: 'M' })
  return Array.from({ length: modules.size }, (_, row) =>
    Array.from({ length: modules.size }, (_, col) => (modules.get(row, col) ? '1' : '0')).join(''),
  )
}

/** The code on the lead's page, checked against the one the function gives for this minute. */
async function readCode(page: Page, activity: Activity, purpose: 'check_in' | 'check_out') {
  for (;;) {
    const shortCode = (await shown(page).locator('#short-code').textContent())!.trim()
    const { data } = await callFunction(page, 'activities', 'checkInCode', { organisationId, activityId: activity.id, purpose })
    if (data.shortCode === shortCode) return { shortCode, qrPayload: data.qrPayload as string, rotatesAt: data.rotatesAt as string }
    // The minute turned between the two: the page renews itself at rotatesAt; read it once it has.
    await page.waitForFunction(
      (previous) =>
        Array.from(document.querySelectorAll('.taro_router > .taro_page')).pop()?.querySelector('#short-code')?.textContent?.trim() !==
        previous,
      shortCode,
    )
  }
}

/** Types the 6 digits and taps 签到 (or 签退); answers what the function said. */
async function typeCode(page: Page, code: string, word: '签到' | '签退') {
  await shown(page).locator('#short-code input').fill(code)
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/api/activities') && (r.request().postData() ?? '').includes('"checkIn"')),
    tap(page, word),
  ])
  return response.json() as Promise<{ ok: boolean; error?: { code: string; message: string; field?: string } }>
}

/** The error written beside the code field, once the page shows `message`. */
async function saidBesideCode(page: Page, message: string) {
  await shown(page).locator('#check-in .field-invalid').filter({ hasText: '位' }).getByText(message, { exact: false }).waitFor()
}

describe('社区活动 in the browser', () => {
  it('lets the lead publish a major activity from the team page; it waits for the committee, with the reason', async () => {
    const { startAt, endAt } = await nextMorning()
    const title = titled('发布')
    const { page, errors } = await signInAs(lead.openid)
    await openPage(session(), page, `pages/organisations/team/index?id=${organisationId}`)
    await tap(page, '本组织的活动')
    await page.waitForURL((url) => url.hash.includes(`/pages/activity/manage/index?organisationId=${organisationId}`))
    await tap(page, '发布活动')
    await page.waitForURL('**/pages/activity/publish/index?*')

    // A missing title and kind are said beside their fields.
    await tap(page, '下一步')
    await shown(page).locator('.field-invalid').filter({ hasText: '活动名称' }).getByText('不能为空').waitFor()
    await shown(page).locator('.field-invalid').filter({ hasText: '活动类型' }).getByText('请选活动类型').waitFor()
    await shown(page).locator('#activity-title input').fill(title)
    await tap(page, '节日活动')
    await shown(page).locator('#activity-description textarea').fill(description)
    await tap(page, '下一步')

    // A start already past (today at 07:00; the clocks say 08:00) is said on this screen, not after the last one.
    await tap(page, '今天')
    await pickTime(page, 'activity-start', '07:00')
    await tap(page, '下一步')
    await shown(page).locator('.field-invalid').filter({ hasText: '哪一天' }).getByText('开始时间已经过去了，请选以后的时间').waitFor()
    await tap(page, '明天')
    await shown(page).getByText('开始时间已经过去了，请选以后的时间').waitFor({ state: 'detached' })

    // Tomorrow for ACTIVITY_MINUTES; sign-ups until the start.
    await pickTime(page, 'activity-start', startAt.format('HH:mm'))
    await pickTime(page, 'activity-end', endAt.format('HH:mm'))
    await tap(page, '活动开始时')
    await shown(page).locator('#activity-address input').fill(address)
    await shown(page).getByText('地点：组织服务范围的中心').waitFor()
    await tap(page, '下一步')

    // Places beyond what the form takes are refused beside the field, in words.
    await shown(page).locator('#participant-places input').fill('5000')
    await shown(page).locator('#volunteer-places input').fill(String(VOLUNTEER_PLACES))
    await tap(page, '发布活动')
    await shown(page).locator('.field-invalid').filter({ hasText: '参加的居民' }).getByText('请填 0 到 2000 之间的整数').waitFor()
    await shown(page).locator('#participant-places input').fill(String(PARTICIPANT_PLACES))
    // Volunteers earn at most the activity's length, which the form offers as it is.
    await shown(page).locator('#volunteer-minutes').getByText(`${ACTIVITY_MINUTES} 分钟`).waitFor()
    await screenshot(page, 'activity-publish-places.png')
    await tap(page, '发布活动')

    await shown(page).getByText('已交社区两委审批').waitFor()
    await shown(page).getByText(`参与名额 ${PARTICIPANT_PLACES} 人，达到社区规定的 50 人`, { exact: false }).waitFor()
    await screenshot(page, 'activity-published.png')

    await tap(page, '看本组织的活动')
    await page.waitForURL('**/pages/activity/manage/index?*')
    const card = shown(page).locator('.card', { hasText: title })
    await card.getByText('待审批：', { exact: false }).waitFor()
    const { data } = await callFunction(page, 'activities', 'organisationActivities', { organisationId })
    const published = data.activities.find((a: { title: string }) => a.title === title)
    expect(published).toMatchObject({ status: 'pending_approval', startAt: expect.any(String), volunteerMinutes: ACTIVITY_MINUTES })
    expect(new Date(published.startAt).getTime()).toBe(startAt.valueOf())
    expect(new Date(published.endAt).getTime()).toBe(endAt.valueOf())
    expect(new Date(published.signUpDeadline).getTime()).toBe(startAt.valueOf())
    expect(errors).toEqual([])
  })

  it('keeps it from residents until the committee approves it from its queue, which says why and how long it waited', async () => {
    const activity = await published('审批')
    const { page: residentPage } = await signInAs(secondVolunteer.openid)
    const hidden = await callFunction(residentPage, 'activities', 'browse', {})
    expect(hidden.data.activities.map((a: { id: string }) => a.id)).not.toContain(activity.id)

    const { page, errors } = await signInAs(demoIdentities.committeeUrban)
    await openPage(session(), page, 'pages/me/index')
    await tap(page, '社区工作台')
    await page.waitForURL('**/pages/committee/workbench/index')
    await tap(page, '活动审批')
    await page.waitForURL('**/pages/committee/activities/index?communityId=*')
    const card = shown(page).locator('.card', { hasText: activity.title })
    await card.getByText(`参与名额 ${PARTICIPANT_PLACES} 人，达到社区规定的 50 人`).waitFor()
    expect(await card.locator('.countdown').textContent()).toMatch(/^已等 \d+ 分钟$/)
    // The community's rule is shown as stored: the default 50, no kinds marked.
    expect(await shown(page).locator('#major-threshold input').inputValue()).toBe('50')
    await screenshot(page, 'committee-activity-approvals.png')

    await card
      .locator('taro-button-core')
      .filter({ has: page.getByText('批准', { exact: true }) })
      .click()
    await card.waitFor({ state: 'detached' })

    const shownNow = await callFunction(residentPage, 'activities', 'browse', {})
    expect(shownNow.data.activities.map((a: { id: string }) => a.id)).toContain(activity.id)
    expect(errors).toEqual([])
  })

  it('lets volunteers sign up until the places are gone, waitlists the next, and promotes him when one cancels', async () => {
    const activity = await approved('报名')
    // The first, through the 活动 tab: the card says what is left.
    const first = await signInAs(firstVolunteer.openid)
    await openPage(session(), first.page, 'pages/activities/index')
    const card = shown(first.page).locator('.card-button', { hasText: activity.title })
    await card.getByText(`志愿者名额：还剩 2 个（共 2 个）`).waitFor()
    expect(await card.textContent()).toContain(activity.startAt.format('HH:mm'))
    // The filters: another kind hides it, its own kind and day show it.
    const chip = (filter: string, label: string) =>
      shown(first.page)
        .locator(`#${filter} taro-button-core`)
        .filter({ has: first.page.getByText(label, { exact: true }) })
    await chip('activity-kinds', '志愿服务').click()
    await card.waitFor({ state: 'detached' })
    await chip('activity-kinds', '节日活动').click()
    await card.waitFor()
    await screenshot(first.page, 'activities-tab.png')
    await card.click()
    await first.page.waitForURL((url) => url.hash.includes(`${ACTIVITY_PAGE}?id=${activity.id}`))
    await tap(first.page, '做志愿者')
    await mySignUp(first.page, 'volunteer').getByText('已报名').waitFor()
    await shown(first.page).getByText('志愿者名额：还剩 1 个（共 2 个）').waitFor()

    // The second through the function, as her page would.
    const second = await signInAs(secondVolunteer.openid)
    const taken = await callFunction(second.page, 'activities', 'signUp', { activityId: activity.id, role: 'volunteer' })
    expect(taken.data.activity.mySignUps).toEqual([expect.objectContaining({ role: 'volunteer', status: 'confirmed' })])
    expect(taken.data.activity.volunteers).toMatchObject({ total: 2, taken: 2, left: 0 })

    // The third finds it full and joins the waitlist.
    const third = await signInAs(waitlisted.openid)
    await activityPage(third.page, activity)
    await shown(third.page).getByText('志愿者名额：已满，可以候补').waitFor()
    await tap(third.page, '候补做志愿者')
    await mySignUp(third.page, 'volunteer').getByText('候补第 1 位').waitFor()
    await screenshot(third.page, 'activity-waitlisted.png')
    // 我的活动, from 我的, says the same.
    await openPage(session(), third.page, 'pages/me/index')
    await tap(third.page, '我的活动')
    await third.page.waitForURL('**/pages/activity/mine/index')
    await shown(third.page).locator('.card-button', { hasText: activity.title }).getByText('：候补第 1 位').waitFor()
    await activityPage(third.page, activity)

    // She accepts to be told (as WeChat's dialog would record it); the second cancels on her page; the third is promoted and told.
    expect((await callFunction(third.page, 'messages', 'recordConsent', { templates: ['activityPromoted'] })).ok).toBe(true)
    await activityPage(second.page, activity)
    await mySignUp(second.page, 'volunteer').getByText('已报名').waitFor()
    await tap(second.page, '取消报名')
    await tap(second.page, '确定取消报名')
    await shown(second.page).locator('#sign-up').waitFor()
    expect(await mySignUp(second.page, 'volunteer').count()).toBe(0)

    await third.page.reload()
    await mySignUp(third.page, 'volunteer').getByText('已报名').waitFor()
    const told = (await latestOutboxMessages(100)).filter(
      (m) => m.template === 'activityPromoted' && m.toOpenid === waitlisted.openid && JSON.stringify(m.payload).includes(activity.id),
    )
    expect(told).toHaveLength(1)
    expect((told[0].payload as { page: string }).page).toContain(ACTIVITY_PAGE)
    for (const { errors } of [first, second, third]) expect(errors).toEqual([])
  })

  it('shows an elderly resident the activity in 长辈模式: large text, large buttons, strong contrast; she signs up', async () => {
    const activity = await approved('长辈')
    const { page, errors } = await signInAs(elder.openid)
    await activityPage(page, activity)
    await shown(page).locator('#sign-up-participant').waitFor()
    expect(await shown(page).getAttribute('class')).toContain('elder')
    const fontSize = (selector: string) =>
      shown(page)
        .locator(selector)
        .first()
        .evaluate((el) => parseFloat(getComputedStyle(el).fontSize))
    for (const selector of ['.card-title', '.activity-time', '.places', '.fact-value', '.activity-description', '#sign-up-participant']) {
      expect(await fontSize(selector)).toBeGreaterThanOrEqual(18)
    }
    expect(await fontSize('.card-title')).toBeGreaterThanOrEqual(24)
    expect((await shown(page).locator('#sign-up-participant').boundingBox())!.height).toBeGreaterThanOrEqual(60)
    expect((await shown(page).locator('#sign-up-volunteer').boundingBox())!.height).toBeGreaterThanOrEqual(60)
    for (const selector of ['#sign-up-participant', '#sign-up-volunteer', '.activity-time', '.fact-label', '.card-label']) {
      expect(await contrastRatioOf(page, selector)).toBeGreaterThanOrEqual(4.5)
    }
    await screenshot(page, 'activity-elder.png')
    await tap(page, '报名参加')
    await mySignUp(page, 'participant').getByText('已报名').waitFor()
    expect(errors).toEqual([])
  })

  it('checks volunteers in with the code that changes every minute: typed on H5, ticked by hand for one who cannot', async () => {
    // Its two volunteers as the sign-ups left them (the second cancelled, the waitlisted one promoted), and the elderly resident.
    const activity = await approved('签到')
    for (const person of [firstVolunteer, secondVolunteer, waitlisted]) await signUp(person.openid, activity, 'volunteer')
    await callAs(secondVolunteer.openid, 'activities', 'cancelSignUp', { activityId: activity.id, role: 'volunteer' })
    await signUp(elder.openid, activity, 'participant')
    await beforeTheStart(activity)

    const leadSession = await signInAs(lead.openid)
    const leadPage = leadSession.page
    await openPage(session(), leadPage, `pages/activity/roster/index?organisationId=${organisationId}&id=${activity.id}`)
    await tap(leadPage, '出示签到码')
    await leadPage.waitForURL('**/pages/activity/check-in-code/index?*')
    await shown(leadPage).locator('#short-code').waitFor()
    const code = await readCode(leadPage, activity, 'check_in')
    expect(code.shortCode).toMatch(/^\d{6}$/)
    // The QR code drawn with Views is the payload's own: the same modules as the encoder gives.
    expect(await drawnModules(leadPage)).toEqual(encodedModules(code.qrPayload))
    expect(
      await shown(leadPage)
        .locator('#short-code')
        .evaluate((el) => parseFloat(getComputedStyle(el).fontSize)),
    ).toBeGreaterThanOrEqual(48)
    await screenshot(leadPage, 'activity-check-in-code.png')

    // A wrong code is said beside the field, and changes nothing.
    const volunteer = await signInAs(firstVolunteer.openid)
    await activityPage(volunteer.page, activity)
    const wrong = code.shortCode === '000000' ? '111111' : '000000'
    expect(await typeCode(volunteer.page, wrong, '签到')).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', field: 'data.shortCode' },
    })
    await saidBesideCode(volunteer.page, '数字不对，请核对负责人手机上的 6 位数字')
    expect(await mySignUp(volunteer.page, 'volunteer').textContent()).not.toContain('已签到')
    await screenshot(volunteer.page, 'activity-check-in-wrong.png')

    await typeCode(volunteer.page, code.shortCode, '签到')
    await mySignUp(volunteer.page, 'volunteer')
      .getByText(/^已签到 \d\d:\d\d$/)
      .waitFor()
    // Checked in: the next thing to do is check out.
    await shown(volunteer.page).getByText('到场签退').waitFor()

    // Guessing is cut off after a few tries, and the page says who can help.
    const guesser = await signInAs(waitlisted.openid)
    await activityPage(guesser.page, activity)
    const answers: string[] = []
    for (let attempt = 0; attempt <= SHORT_CODE_ATTEMPTS; attempt++) answers.push((await typeCode(guesser.page, wrong, '签到')).error!.code)
    expect(answers).toEqual([...Array(SHORT_CODE_ATTEMPTS).fill('INVALID_INPUT'), 'RATE_LIMITED'])
    await saidBesideCode(guesser.page, '也可以请负责人在名单上帮您签到')
    await screenshot(guesser.page, 'activity-check-in-limited.png')
    // Even the right code now waits.
    const limited = await callFunction(guesser.page, 'activities', 'checkIn', {
      activityId: activity.id,
      purpose: 'check_in',
      shortCode: code.shortCode,
    })
    expect(limited).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } })

    // The lead ticks him and the elderly resident by hand on the roster.
    await leadPage.goBack()
    await leadPage.waitForURL('**/pages/activity/roster/index?*')
    for (const person of [waitlisted, elder]) {
      const entry = shown(leadPage).locator('.roster-entry', { hasText: person.name })
      await entry.locator('taro-button-core', { hasText: '代签到' }).click()
      await entry.getByText('（负责人代签）', { exact: false }).waitFor()
    }
    // Ticking by hand while the roster was still reloading must not leave her check-in unshown.
    await shown(leadPage)
      .locator('.roster-entry', { hasText: firstVolunteer.name })
      .filter({ hasText: /已报名 · 签到 \d\d:\d\d/ })
      .waitFor()
    // The one who cancelled is no longer on it.
    expect(await shown(leadPage).locator('.roster-entry', { hasText: secondVolunteer.name }).count()).toBe(0)
    await screenshot(leadPage, 'activity-roster.png')
    for (const { errors } of [leadSession, volunteer, guesser]) expect(errors).toEqual([])
  })

  it('tells the lead when the codes open, not a failure, and shows them by itself at that moment', async () => {
    const activity = await approved('开放')
    const { page: leadPage, errors } = await signInAs(lead.openid)
    await openPage(session(), leadPage, `pages/activity/check-in-code/index?organisationId=${organisationId}&id=${activity.id}`)
    const opensAt = activity.startAt.subtract(CHECK_IN_OPENS_MINUTES, 'minute')
    await shown(leadPage)
      .getByText(`签到码 ${formatDateTime(opensAt.toISOString())} 开放`)
      .waitFor()
    const text = await shown(leadPage).textContent()
    for (const failure of ['没有加载出来', '重试']) expect(text).not.toContain(failure)
    await screenshot(leadPage, 'activity-check-in-code-not-yet.png')
    // The page waits for the opening itself: no reload.
    await session().moveClocks({ set: opensAt.format() })
    await shown(leadPage).locator('#short-code').waitFor()
    expect(errors).toEqual([])
  })

  it('renews the code as each minute turns, and refuses an expired one', async () => {
    const activity = await approved('签退')
    await signUp(firstVolunteer.openid, activity, 'volunteer')
    await beforeTheStart(activity)
    await attendByCode(firstVolunteer.openid, activity, 'check_in')

    await afterTheEnd(activity)
    const { page: leadPage, errors } = await signInAs(lead.openid)
    await openPage(session(), leadPage, `pages/activity/check-in-code/index?organisationId=${organisationId}&id=${activity.id}`)
    await tap(leadPage, '签退')
    await shown(leadPage).getByText('请来签退的人扫一扫').waitFor()
    const old = await readCode(leadPage, activity, 'check_out')
    // The page renews itself at rotatesAt, which the next minute passes; a code stays good for its minute and the next.
    await session().moveClocks({ advanceMinutes: 1 })
    await shown(leadPage).locator('#short-code').filter({ hasNotText: old.shortCode }).waitFor()
    const fresh = await readCode(leadPage, activity, 'check_out')
    expect(fresh.shortCode).not.toBe(old.shortCode)
    expect(await drawnModules(leadPage)).toEqual(encodedModules(fresh.qrPayload))

    // Two minutes more: the first code is past its minute and the next, and said to have expired.
    const volunteer = await signInAs(firstVolunteer.openid)
    const later = await session().moveClocks({ advanceMinutes: 2 })
    expect(later.getTime()).toBeGreaterThan(new Date(old.rotatesAt).getTime() + 60_000)
    await activityPage(volunteer.page, activity)
    await typeCode(volunteer.page, old.shortCode, '签退')
    await saidBesideCode(volunteer.page, '这组数字已过期，请输入负责人手机上最新的 6 位数字')
    await screenshot(volunteer.page, 'activity-check-out-expired.png')

    await leadPage.reload()
    await tap(leadPage, '签退')
    const now = await readCode(leadPage, activity, 'check_out')
    await typeCode(volunteer.page, now.shortCode, '签退')
    await mySignUp(volunteer.page, 'volunteer')
      .getByText(/^已签退 \d\d:\d\d$/)
      .waitFor()
    for (const e of [errors, volunteer.errors]) expect(e).toEqual([])
  })

  it('lets the lead confirm the measured minutes after the end; they are credited to the time bank, once', async () => {
    // Both volunteers checked in before the start, one by code and one by the lead's hand; the first checked out by code after the end.
    const activity = await approved('确认时长')
    for (const person of [firstVolunteer, waitlisted]) await signUp(person.openid, activity, 'volunteer')
    await beforeTheStart(activity)
    await attendByCode(firstVolunteer.openid, activity, 'check_in')
    await checkedInByHand(waitlisted, activity)
    await afterTheEnd(activity)
    await attendByCode(firstVolunteer.openid, activity, 'check_out')

    // One after the other: two first loads of the app at once can outlast a step's 8 s on a busy machine.
    const volunteerPages = [await signInAs(firstVolunteer.openid), await signInAs(waitlisted.openid)]
    const balances = async () =>
      Promise.all(volunteerPages.map(async ({ page }) => (await callFunction(page, 'timebank', 'account', {})).data.total as number))
    const before = await balances()
    const { page, errors } = await signInAs(lead.openid)
    await openPage(session(), page, `pages/activity/roster/index?organisationId=${organisationId}&id=${activity.id}`)
    // The volunteer ticked in by hand is ticked out by hand too.
    const ticked = shown(page).locator('.roster-entry', { hasText: waitlisted.name })
    await ticked.locator('taro-button-core', { hasText: '代签退' }).click()
    await ticked.getByText(/签退 \d\d:\d\d/).waitFor()

    // Both checked in before the start and out after the end: the activity's whole length, pre-filled.
    const form = shown(page).locator('#confirm-hours')
    await form.waitFor()
    for (const person of [firstVolunteer, waitlisted]) await form.getByText(`${person.name}（实际 ${ACTIVITY_MINUTES} 分钟）`).waitFor()
    expect(await form.locator('.stepper-value').allTextContents()).toEqual([`${ACTIVITY_MINUTES} 分钟`, `${ACTIVITY_MINUTES} 分钟`])
    await screenshot(page, 'activity-confirm-hours.png')
    await tap(page, '确认服务时长')
    await form.waitFor({ state: 'detached' })
    for (const person of [firstVolunteer, waitlisted]) {
      await shown(page)
        .locator('.roster-entry', { hasText: person.name })
        .getByText(`已确认 ${ACTIVITY_MINUTES} 分钟`, { exact: false })
        .waitFor()
    }

    // One record per volunteer, with the confirmed minutes, credited to the time bank within the minute.
    await session().moveClocks({ advanceMinutes: 1 })
    const { data: roster } = await callFunction(page, 'activities', 'roster', { organisationId, activityId: activity.id })
    const served = roster.entries.filter((e: { role: string; status: string }) => e.role === 'volunteer' && e.status === 'confirmed')
    const openidOf = (name: string) => [firstVolunteer, waitlisted].find((p) => p.name === name)!.openid
    const expected = served.map((e: { signUpId: string; name: string }) => ({
      _id: `activity-${activity.id}-${e.signUpId}`,
      openid: openidOf(e.name),
      minutes: ACTIVITY_MINUTES,
    }))
    const records = async () => (await database().collection('service_records').where({ 'source.id': activity.id }).get()).data
    expect(await records()).toEqual(
      expect.arrayContaining(
        expected.map((e: object) => expect.objectContaining({ ...e, credit: expect.objectContaining({ status: 'credited' }) })),
      ),
    )
    expect(await records()).toHaveLength(2)
    expect(await balances()).toEqual(before.map((minutes) => minutes + ACTIVITY_MINUTES))

    // Confirming again pays nothing twice, whatever it answers.
    await callFunction(page, 'activities', 'confirmHours', {
      organisationId,
      activityId: activity.id,
      hours: served.map((e: { signUpId: string }) => ({ signUpId: e.signUpId, minutes: 1 })),
    })
    await session().moveClocks({ advanceMinutes: 1 })
    expect((await records()).map((r: { minutes: number }) => r.minutes)).toEqual([ACTIVITY_MINUTES, ACTIVITY_MINUTES])
    expect(await balances()).toEqual(before.map((minutes) => minutes + ACTIVITY_MINUTES))

    // The volunteer's 时间银行 tab says where the time came from.
    const volunteer = volunteerPages[0]
    await openPage(session(), volunteer.page, 'pages/time-bank/index')
    const latest = shown(volunteer.page).locator('#recent .entry').first()
    await latest.getByText(activity.title, { exact: false }).waitFor()
    expect(await latest.textContent()).toContain(`+${ACTIVITY_MINUTES} 分钟`)
    for (const e of [errors, ...volunteerPages.map((v) => v.errors)]) expect(e).toEqual([])
  })

  it('lets the elderly resident who took part rate it once it has finished', async () => {
    // She signed up, and the lead ticked her in by hand at the door.
    const activity = await approved('评价')
    await signUp(elder.openid, activity, 'participant')
    await beforeTheStart(activity)
    await checkedInByHand(elder, activity)
    await afterTheEnd(activity)

    const { page, errors } = await signInAs(elder.openid)
    await activityPage(page, activity)
    await shown(page).getByText('活动已结束', { exact: true }).waitFor()
    await shown(page).locator('#star-5').click()
    await shown(page).locator('#rate-comment textarea').fill('饺子很好吃，谢谢志愿者。')
    await tap(page, '提交评价')
    await shown(page).locator('#comments').getByText('5 星：饺子很好吃，谢谢志愿者。').waitFor()
    // Others see her surname only.
    expect(await shown(page).locator('#comments .timeline-meta').textContent()).toMatch(/^王\*+ · /)
    expect(errors).toEqual([])
  })
})
