/**
 * The messages function and every send behind it, through the SDK against the stand-in: each message
 * lands in its recipients' 消息 centre whatever WeChat answers, only the reader lists and marks their
 * own, a consent gives one subscribe message, each send's result is kept, and SMS reaches the
 * committee for a life-safety need and for an urgent need nobody accepted in its first round.
 */
import { localOutbox } from '../../local/outbox'
import { demoDataSet, demoIdentities as who } from '../../local/seed/demo-data'
import { allDocuments } from '../../server/data/maintenance'
import type { DeliveryDoc, InboxDoc, OutboxDoc } from '../../server/data/documents'
import { runDueWork } from '../../server/scheduler/run'
import { messagesContract } from '../../shared/contracts/messages'
import type { FunctionName } from '../../shared/contracts'
import { MAX_CONSENTS_PER_TEMPLATE, subscribeDataRefusal, type SubscribeData } from '../../shared/domain/messages'
import { offerWindowMinutes } from '../../shared/domain/need'
import { SMS_PARAM_MAX, SmsErrorCode } from '../../shared/domain/sms'
import { appPages } from '../../client/src/app-pages'
import { functionMains } from '../../local/host/functions'
import type { ActionInput, ActionName, ActionOutput } from '../../shared/contract'
import { callAs, freshDatabasePerGroup, testClock } from '../support/database'
import { callNeeds, failure, ok, place, raiseInput } from './calls'

const callMessages = <A extends ActionName<typeof messagesContract>>(
  openid: string,
  action: A,
  data: ActionInput<typeof messagesContract, A>,
) => callAs<ActionOutput<typeof messagesContract, A>>(functionMains['messages' as FunctionName], 'messages', openid, { action, data })

const urban = demoDataSet.communities.find((c) => c.kind === 'urban')!
const committee = demoDataSet.roles.filter((r) => r.role === 'committee' && r.communityId === urban._id).map((r) => r.openid)
const outbox = async () => (await allDocuments('outbox')) as OutboxDoc[]
const deliveries = async () => (await allDocuments('deliveries')) as DeliveryDoc[]
const inboxDocs = async () => (await allDocuments('inbox')) as InboxDoc[]
const inbox = (openid: string) => ok(callMessages(openid, 'inbox', {}))
const unread = async (openid: string) => (await ok(callMessages(openid, 'unreadCount', {}))).unread
const remaining = async (openid: string, template: string) =>
  (await ok(callMessages(openid, 'consents', {}))).consents.find((c) => c.template === template)?.remaining ?? 0
/** Raises a need as 杨丽, `eastM` metres east of the centre (apart from each other, so none is a duplicate). */
const raise = async (eastM: number, urgency: 'life' | 'urgent' | 'normal' = 'normal') =>
  (await ok(callNeeds(who.resident, 'raise', raiseInput({ location: place(eastM), urgency })))).need
/** Whoever the new offers went to, as their 消息 centres say. */
const offeredLeads = async () => [...new Set((await inboxDocs()).filter((m) => m.kind === 'newOffer').map((m) => m.openid))]

describe('the 消息 centre', () => {
  freshDatabasePerGroup()
  afterAll(() => testClock.reset())

  it('gets every message, to every recipient, even when nothing could go out through WeChat', async () => {
    const before = (await outbox()).length
    const need = await raise(0)
    const told = (await inboxDocs()).filter((m) => m.kind === 'newOffer')
    expect(told.length).toBeGreaterThan(0)
    // Nobody has consented yet: nothing was sent, and each send is kept as not attempted.
    expect((await outbox()).slice(before).filter((m) => m.channel === 'subscribeMessage')).toEqual([])
    const kept = (await deliveries()).filter((d) => d.template === 'newOffer')
    expect(kept.map((d) => d.toOpenid).sort()).toEqual(told.map((m) => m.openid).sort())
    for (const d of kept) expect(d).toMatchObject({ channel: 'subscribeMessage', attempted: false, result: { status: 'noConsent' } })
    for (const openid of told.map((m) => m.openid)) {
      const { messages } = await inbox(openid)
      expect(messages[0]).toMatchObject({
        kind: 'newOffer',
        title: '新求助待接单提醒',
        page: '/pages/needs/offers/index',
        read: false,
        lines: expect.arrayContaining([{ title: '求助类型', value: need.helpKind }]),
      })
    }
  })

  it('lists only the reader’s own, counts their unread, and lets only them mark one read', async () => {
    const [lead] = await offeredLeads()
    const theirs = (await inbox(lead)).messages[0]
    expect(await unread(lead)).toBeGreaterThan(0)
    const countBefore = await unread(lead)
    // Someone else naming the lead's message marks nothing, and never sees it.
    expect(await ok(callMessages(who.resident, 'markRead', { ids: [theirs.id] }))).toMatchObject({ marked: 0 })
    expect((await inbox(who.resident)).messages.map((m) => m.id)).not.toContain(theirs.id)
    expect(await unread(lead)).toBe(countBefore)
    expect(await ok(callMessages(lead, 'markRead', { ids: [theirs.id] }))).toEqual({ marked: 1, unread: countBefore - 1 })
    expect((await inbox(lead)).messages.find((m) => m.id === theirs.id)).toMatchObject({ read: true })
    await ok(callMessages(lead, 'markRead', {}))
    expect(await unread(lead)).toBe(0)
  })

  it('opens pages the mini-program has', async () => {
    const pages = new Set(appPages())
    const messages = await inboxDocs()
    expect(messages.length).toBeGreaterThan(0)
    for (const m of messages) expect(pages).toContain(m.page!.split('?')[0])
  })

  it('refuses ids that are not ids', async () => {
    expect(await failure(callMessages(who.resident, 'markRead', { ids: ['a b'] }))).toEqual({ code: 'INVALID_INPUT', field: 'data.ids.0' })
  })
})

describe('consents to subscribe messages', () => {
  freshDatabasePerGroup()
  afterAll(() => {
    testClock.reset()
    delete process.env.LINLI_OUTBOX_NO_CONSENT
  })

  it('one consent gives one message; the next is not attempted (no consent left) but reaches the inbox', async () => {
    const member = committee[0]
    const alertsTo = async () => (await outbox()).filter((m) => m.channel === 'subscribeMessage' && m.toOpenid === member)
    await raise(0, 'life')
    expect(await alertsTo()).toEqual([])
    expect(await ok(callMessages(member, 'recordConsent', { templates: ['lifeAlert'] }))).toEqual({
      consents: [{ template: 'lifeAlert', remaining: 1 }],
    })

    await raise(60, 'life')
    const sent = await alertsTo()
    expect(sent).toHaveLength(1)
    expect(sent[0]).toMatchObject({ template: 'lifeAlert', result: { status: 'sent' } })
    expect(subscribeDataRefusal('lifeAlert', sent[0].payload.data as SubscribeData)).toBeNull()
    expect(await remaining(member, 'lifeAlert')).toBe(0)

    await raise(120, 'life')
    expect(await alertsTo()).toHaveLength(1)
    expect((await inbox(member)).messages.filter((m) => m.kind === 'lifeAlert')).toHaveLength(3)
    const kept = (await deliveries())
      .filter((d) => d.channel === 'subscribeMessage' && d.toOpenid === member && d.template === 'lifeAlert')
      .sort((a, b) => new Date(a.at).getTime() - new Date(b.at).getTime())
    expect(kept.map((d) => [d.attempted, d.result.status])).toEqual([
      [false, 'noConsent'],
      [true, 'sent'],
      [false, 'noConsent'],
    ])
  })

  it('takes at most three templates a call, only ours, and holds no more than the limit', async () => {
    const templates = ['newOffer', 'taskAssigned', 'needDone', 'needAccepted'] as const
    expect(await failure(callMessages(who.volunteer, 'recordConsent', { templates: [...templates] }))).toMatchObject({
      code: 'INVALID_INPUT',
      field: 'data.templates',
    })
    expect((await failure(callMessages(who.volunteer, 'recordConsent', { templates: ['nope' as 'newOffer'] }))).field).toBe(
      'data.templates.0',
    )
    for (let i = 0; i < MAX_CONSENTS_PER_TEMPLATE + 3; i++)
      await ok(callMessages(who.volunteer, 'recordConsent', { templates: ['needDone'] }))
    expect(await remaining(who.volunteer, 'needDone')).toBe(MAX_CONSENTS_PER_TEMPLATE)
    // The same template twice in one call counts once.
    expect(await ok(callMessages(who.resident, 'recordConsent', { templates: ['needDone', 'needDone'] }))).toEqual({
      consents: [{ template: 'needDone', remaining: 1 }],
    })
  })

  it('answers the template ids the client asks with, from the deployment config', async () => {
    process.env.LINLI_SUBSCRIBE_TEMPLATES = JSON.stringify({ needAccepted: 'tmpl-accepted' })
    try {
      expect(await ok(callMessages(who.resident, 'subscribeTemplates', { moment: 'needRaised' }))).toEqual({
        templates: [
          { template: 'needAccepted', templateId: 'tmpl-accepted' },
          { template: 'needEscalated', templateId: null },
          { template: 'needDone', templateId: null },
        ],
      })
    } finally {
      delete process.env.LINLI_SUBSCRIBE_TEMPLATES
    }
  })

  it('a refusal for no consent (43101) clears the count: WeChat knows better than the client', async () => {
    await ok(callMessages(who.resident, 'recordConsent', { templates: ['needAccepted'] }))
    await ok(callMessages(who.resident, 'recordConsent', { templates: ['needAccepted'] }))
    expect(await remaining(who.resident, 'needAccepted')).toBe(2)
    process.env.LINLI_OUTBOX_NO_CONSENT = who.resident
    const before = testClock.now().getTime()
    const need = await raise(180)
    const [lead] = (await inboxDocs())
      .filter((m) => m.kind === 'newOffer' && new Date(m.createdAt).getTime() >= before)
      .map((m) => m.openid)
    const organisation = demoDataSet.organisations.find((o) => o.leadOpenid === lead)!
    const { offers } = await ok(callNeeds(lead, 'offers', { organisationId: organisation._id }))
    const offer = offers.find((o) => o.need.id === need.id)!
    await ok(callNeeds(lead, 'accept', { organisationId: organisation._id, offerId: offer.offerId }))
    const kept = (await deliveries()).find((d) => d.toOpenid === who.resident && d.template === 'needAccepted')
    expect(kept).toMatchObject({ attempted: true, result: { status: 'noConsent', errcode: 43101 } })
    expect(await remaining(who.resident, 'needAccepted')).toBe(0)
    expect((await inbox(who.resident)).messages[0]).toMatchObject({ kind: 'needAccepted', read: false })
  })
})

describe('SMS to the committee on duty', () => {
  freshDatabasePerGroup()
  afterAll(() => testClock.reset())
  const sms = async () => (await outbox()).filter((m) => m.channel === 'sms')
  const phones = committee.map((openid) => demoDataSet.people.find((p) => p.openid === openid)!.phone!)

  it('a 危及生命安全 need is texted to every committee member of its community at once, within Tencent’s rules', async () => {
    const need = await raise(0, 'life')
    const texts = (await sms()).filter((m) => m.template === 'lifeSafetyText')
    expect(texts.map((m) => m.toPhone).sort()).toEqual(phones.map((p) => `+86${p}`).sort())
    for (const m of texts) {
      expect(m.result).toEqual({ status: 'sent' })
      const params = m.payload.TemplateParamSet as string[]
      expect(params).toEqual(['柳泉花园', need.helpKind, '18653312469'])
      for (const p of params) expect([...p].length).toBeLessThanOrEqual(SMS_PARAM_MAX)
    }
    const kept = (await deliveries()).filter((d) => d.channel === 'sms' && d.template === 'lifeSafetyText')
    expect(kept.map((d) => d.toOpenid).sort()).toEqual([...committee].sort())
    // The committee's 消息 centre lists it above anything less urgent.
    const { messages } = await inbox(committee[0])
    expect(messages[0]).toMatchObject({ kind: 'lifeAlert', urgency: 'life' })
  })

  it('a 紧急 need nobody accepted in its first round is texted too, once, when its offers lapse', async () => {
    const need = await raise(60, 'urgent')
    expect((await sms()).filter((m) => m.template === 'urgentUnacceptedText')).toEqual([])
    testClock.advance((offerWindowMinutes.urgent + 1) * 60_000)
    await runDueWork(testClock.now())
    await runDueWork(testClock.now())
    const texts = (await sms()).filter((m) => m.template === 'urgentUnacceptedText')
    expect(texts.map((m) => m.toPhone).sort()).toEqual(phones.map((p) => `+86${p}`).sort())
    expect(texts[0].payload.TemplateParamSet).toEqual(['柳泉花园', need.helpKind])
    // Unread, the life-safety alert stays above the newer urgent word.
    const { messages } = await inbox(committee[0])
    expect(messages.slice(0, 2).map((m) => m.urgency)).toEqual(['life', 'urgent'])
  })

  it('the outbox refuses what Tencent would: a long parameter, a landline, a wrong count', async () => {
    await expect(
      localOutbox().sendSms({
        toPhone: '+8618653312469',
        template: 'urgentUnacceptedText',
        params: ['柳泉花园北区东门十二号楼三单元', '亲情陪伴'],
      }),
    ).resolves.toMatchObject({
      status: 'refused',
      errcode: SmsErrorCode.paramLength,
    })
    await expect(
      localOutbox().sendSms({ toPhone: '+8605332874315', template: 'urgentUnacceptedText', params: ['柳泉花园', '亲情陪伴'] }),
    ).resolves.toMatchObject({
      status: 'refused',
      errcode: SmsErrorCode.phone,
    })
    await expect(
      localOutbox().sendSms({ toPhone: '+8618653312469', template: 'lifeSafetyText', params: ['柳泉花园'] }),
    ).resolves.toMatchObject({
      status: 'refused',
      errcode: SmsErrorCode.paramCount,
    })
  })
})
