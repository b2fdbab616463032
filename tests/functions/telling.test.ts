/**
 * The person a decision concerns is told it, and nobody else (docs/decisions/024, 026, 027, 031),
 * through the SDK against the stand-in: 居住核验's answer to the newcomer, a move to the new committee
 * and its answer to the resident, a family request to the one who confirms and the answer to the one
 * who asked, and a need's progress to its requester without a smartphone, by SMS or the committee's call.
 */
import { appPages } from '../../client/src/app-pages'
import { demoDataSet, demoIdentities as who, demoPerson as personOf } from '../../local/seed/demo-data'
import type { DeliveryDoc, InboxDoc, OutboxDoc, PersonDoc } from '../../server/data/documents'
import { allDocuments } from '../../server/data/maintenance'
import type { JoinInput } from '../../shared/contracts/joining'
import type { MessageKind, SubscribeData } from '../../shared/domain/messages'
import { subscribeDataRefusal } from '../../shared/domain/messages'
import { HOME_PAGE } from '../../shared/domain/residence'
import { committeeResidentsPath, FAMILY_PAGE, MOVE_PAGE } from '../../shared/domain/residents'
import { SMS_PARAM_MAX } from '../../shared/domain/sms'
import { committeeNeedPath } from '../../shared/domain/workbench'
import { EVERYONE_CONSENTED, freshDatabasePerGroup, testClock } from '../support/database'
import { callJoining, callMessages, callNeeds, callResidents, joinInput, ok, outbox, place, sentSince } from './calls'

const [urban, rural] = demoDataSet.communities
const committeeOf = (communityId: string) =>
  demoDataSet.roles.filter((r) => r.role === 'committee' && r.communityId === communityId).map((r) => r.openid)
const inboxDocs = async () => (await allDocuments('inbox')) as InboxDoc[]
const deliveries = async () => (await allDocuments('deliveries')) as DeliveryDoc[]
const pages = new Set(appPages())
/** Who got a message of `kind` in their 消息 centre, and what it said; each opens a page the mini-program has. */
const told = async (kind: MessageKind) => {
  const messages = (await inboxDocs()).filter((m) => m.kind === kind)
  for (const m of messages) expect(pages).toContain(m.page?.split('?')[0])
  return messages
}
const line = (message: InboxDoc, title: string) => message.lines.find((l) => l.title === title)?.value
/** Subscribe messages of `kind` in the outbox, each checked against WeChat's rules for its template. */
const subscribed = (sent: OutboxDoc[], kind: MessageKind) => {
  const messages = sent.filter((m) => m.channel === 'subscribeMessage' && m.template === kind)
  for (const m of messages) {
    expect(m.result).toEqual({ status: 'sent' })
    expect(subscribeDataRefusal(kind, m.payload.data as SubscribeData)).toBeNull()
  }
  return messages
}
/** Every message and send that carries `text`, whoever it went to. */
const carrying = async (text: string) => [
  ...(await inboxDocs()).filter((m) => JSON.stringify(m.lines).includes(text)).map((m) => m.openid),
  ...(await outbox()).filter((m) => JSON.stringify(m.payload).includes(text)).map((m) => m.toOpenid ?? m.toPhone),
]

describe('居住核验: the newcomer hears the committee’s answer, and only they', () => {
  freshDatabasePerGroup()
  const join = async (openid: string, overrides: Partial<JoinInput> = {}) => {
    await ok(callJoining(openid, 'join', joinInput(overrides)))
    // The client asks right after joining, for what the moment `joined` names.
    const { templates } = await ok(callMessages(openid, 'subscribeTemplates', { moment: 'joined' }))
    expect(templates.map((t) => t.template)).toEqual(['residenceDecided'])
    await ok(callMessages(openid, 'recordConsent', { templates: templates.map((t) => t.template) }))
    return ((await allDocuments('people')) as PersonDoc[]).find((p) => p.openid === openid)!
  }

  it('a confirmation, with the corrected 小区, goes to the newcomer and opens 首页', async () => {
    const newcomer = await join('o-newcomer-confirmed')
    const before = await outbox()
    await ok(callJoining(who.committeeUrban, 'confirm', { personId: newcomer._id, neighbourhood: '沁园小区' }))
    const messages = await told('residenceDecided')
    expect(messages.map((m) => m.openid)).toEqual([newcomer.openid])
    expect(messages[0]).toMatchObject({ title: '入驻审核结果通知', page: HOME_PAGE })
    expect([line(messages[0], '社区名称'), line(messages[0], '审核结果'), line(messages[0], '备注')]).toEqual([
      urban.name,
      '已确认',
      '小区更正为沁园小区',
    ])
    const sent = subscribed(await sentSince(before), 'residenceDecided')
    expect(sent.map((m) => [m.toOpenid, m.payload.page])).toEqual([[newcomer.openid, HOME_PAGE]])
  })

  it('a decline’s reason reaches the newcomer alone, on 首页 where they can call the committee or join again', async () => {
    const newcomer = await join('o-newcomer-declined', { name: '刘小东', phone: '13805331235' })
    const reason = '本社区没有这个门牌号，请带身份证到居委会核对后重新申请'
    const before = await outbox()
    await ok(callJoining(who.committeeUrban, 'decline', { personId: newcomer._id, reason }))
    const [message] = (await told('residenceDecided')).filter((m) => m.openid === newcomer.openid)
    expect(message.page).toBe(HOME_PAGE)
    // No longer a resident, they still read it in their 消息 centre.
    expect((await ok(callMessages(newcomer.openid, 'inbox', {}))).messages.map((m) => [m.kind, m.page])).toEqual([
      ['residenceDecided', `/${HOME_PAGE}`],
    ])
    expect(line(message, '审核结果')).toBe('未确认')
    // Cut to WeChat's 20 characters; 首页 shows it whole.
    expect(line(message, '备注')).toBe(`${[...reason].slice(0, 19).join('')}…`)
    expect((await ok(callJoining(newcomer.openid, 'mine', {}))).residence).toMatchObject({ status: 'declined', reason })
    expect(subscribed(await sentSince(before), 'residenceDecided').map((m) => m.toOpenid)).toEqual([newcomer.openid])
    expect(await carrying('本社区没有这个门牌号')).toEqual([newcomer.openid, newcomer.openid])
  })
})

describe('moving house: the new committee hears of the request, the resident of the answer', () => {
  freshDatabasePerGroup(undefined, EVERYONE_CONSENTED)
  const xuMin = personOf(who.volunteer)
  const yangLi = personOf(who.resident)
  let requests = 0
  const moveToRural = () => ({
    toCommunityId: rural._id,
    neighbourhood: '太河村',
    addressDetail: '东街3号',
    location: rural.centre.coordinates,
    requestId: `req-tell-${++requests}-${testClock.now().getTime().toString(36)}`,
  })

  it('the committee moved to is told, once, opening its 迁入 list; the old committee is not', async () => {
    const before = await outbox()
    const input = moveToRural()
    await ok(callResidents(xuMin.openid, 'askMove', input))
    await ok(callResidents(xuMin.openid, 'askMove', input))
    const messages = await told('moveAsked')
    expect(messages.map((m) => m.openid).sort()).toEqual(committeeOf(rural._id).sort())
    expect(messages[0]).toMatchObject({ title: '迁入申请提醒', page: committeeResidentsPath(rural._id).slice(1) })
    expect([line(messages[0], '申请人'), line(messages[0], '原社区'), line(messages[0], '迁入小区')]).toEqual([
      xuMin.name,
      urban.name,
      '太河村',
    ])
    expect(
      subscribed(await sentSince(before), 'moveAsked')
        .map((m) => m.toOpenid)
        .sort(),
    ).toEqual(committeeOf(rural._id).sort())
  })

  it('a confirmation tells the resident what moved with them, once however often it is confirmed', async () => {
    // What the 搬家 page asks consent for while the move waits.
    expect((await ok(callMessages(xuMin.openid, 'subscribeTemplates', { moment: 'moving' }))).templates.map((t) => t.template)).toEqual([
      'moveDecided',
    ])
    const { moves } = await ok(callResidents(who.committeeRural, 'moveRequests', { communityId: rural._id }))
    const before = await outbox()
    await ok(callResidents(who.committeeRural, 'decideMove', { moveId: moves[0].moveId, decision: 'confirm' }))
    const { move } = await ok(callResidents(who.committeeRural, 'decideMove', { moveId: moves[0].moveId, decision: 'confirm' }))
    const messages = await told('moveDecided')
    expect(messages.map((m) => m.openid)).toEqual([xuMin.openid])
    expect(messages[0]).toMatchObject({ page: MOVE_PAGE })
    expect([line(messages[0], '迁入社区'), line(messages[0], '审核结果'), line(messages[0], '备注')]).toEqual([
      rural.name,
      '已迁入',
      `时间余额${move.movedMinutes}分钟已转入`,
    ])
    expect(subscribed(await sentSince(before), 'moveDecided').map((m) => m.toOpenid)).toEqual([xuMin.openid])
  })

  it('a decline’s reason goes to the resident alone', async () => {
    const { move } = await ok(callResidents(yangLi.openid, 'askMove', moveToRural()))
    await ok(callResidents(who.committeeRural, 'decideMove', { moveId: move.moveId, decision: 'decline', reason: '请先到村委会办理登记' }))
    const [message] = (await told('moveDecided')).filter((m) => m.openid === yangLi.openid)
    expect([line(message, '审核结果'), line(message, '备注')]).toEqual(['未同意', '请先到村委会办理登记'])
    expect(await carrying('请先到村委会办理登记')).toEqual([yangLi.openid, yangLi.openid])
  })
})

describe('family links: the one who confirms hears of the request, the one who asked hears the answer', () => {
  freshDatabasePerGroup(undefined, EVERYONE_CONSENTED)
  const wangGuilan = personOf(who.elderResident)
  const yangLi = personOf(who.resident)
  const zhaoShuzhen = personOf('demo-zhao-shuzhen')

  it('typing a code tells its maker who typed it, masked; confirming tells the typist, by name', async () => {
    const { link } = await ok(callResidents(wangGuilan.openid, 'inviteFamily', { side: 'elder', relation: 'child' }))
    // What the family page asks consent for while a code or a request waits on the other side.
    expect(
      (await ok(callMessages(wangGuilan.openid, 'subscribeTemplates', { moment: 'family' }))).templates.map((t) => t.template),
    ).toEqual(['familyAsked', 'familyAnswered'])
    const before = await outbox()
    await ok(callResidents(yangLi.openid, 'enterFamilyCode', { code: link.code! }))
    const asked = await told('familyAsked')
    expect(asked.map((m) => m.openid)).toEqual([wangGuilan.openid])
    expect(asked[0]).toMatchObject({ title: '亲友关联申请提醒', page: FAMILY_PAGE })
    expect([line(asked[0], '申请人'), line(asked[0], '亲属关系')]).toEqual(['杨*', '子女'])
    expect(subscribed(await sentSince(before), 'familyAsked').map((m) => m.toOpenid)).toEqual([wangGuilan.openid])

    await ok(callResidents(wangGuilan.openid, 'answerFamily', { linkId: link.linkId, accept: true }))
    const answered = await told('familyAnswered')
    expect(answered.map((m) => m.openid)).toEqual([yangLi.openid])
    expect([line(answered[0], '关联对象'), line(answered[0], '确认结果'), line(answered[0], '温馨提示')]).toEqual([
      wangGuilan.name,
      '已关联',
      '现在可以代长辈求助、查看求助进度',
    ])
    expect(answered[0].page).toBe(FAMILY_PAGE)
  })

  it('a refusal tells the one who asked, with the other’s name still masked', async () => {
    const { link } = await ok(callResidents(yangLi.openid, 'inviteFamily', { side: 'relative', relation: 'grandchild' }))
    await ok(callResidents(zhaoShuzhen.openid, 'enterFamilyCode', { code: link.code! }))
    expect((await told('familyAsked')).filter((m) => m.openid === yangLi.openid)).toHaveLength(1)
    await ok(callResidents(yangLi.openid, 'answerFamily', { linkId: link.linkId, accept: false }))
    const [answer] = (await told('familyAnswered')).filter((m) => m.openid !== yangLi.openid)
    expect(answer.openid).toBe(zhaoShuzhen.openid)
    expect([line(answer, '关联对象'), line(answer, '确认结果')]).toEqual(['杨*', '未同意'])
  })
})

describe('people without a smartphone hear of their needs: by SMS, or by the committee’s call', () => {
  freshDatabasePerGroup(undefined, EVERYONE_CONSENTED)
  const organisationId = 'org-qy-xiyanghong'
  const lead = demoDataSet.organisations.find((o) => o._id === organisationId)!.leadOpenid
  const companionship = { helpKind: '亲情陪伴', urgency: 'normal', description: '想有人来陪我说说话。' } as const
  const register = async (name: string, phone: string, tellBy: 'phone' | 'sms', eastM: number) => {
    const { person } = await ok(
      callResidents(who.committeeUrban, 'registerPerson', {
        communityId: urban._id,
        name,
        phone,
        neighbourhood: '沁园小区',
        addressDetail: '2号楼1单元101',
        location: place(eastM),
        consent: { method: 'verbal', witnessName: '周海燕', at: testClock.now().toISOString() },
        tellBy,
      }),
    )
    const { need } = await ok(callResidents(who.committeeUrban, 'raiseFor', { personId: person.personId, need: companionship }))
    const key = ((await allDocuments('people')) as PersonDoc[]).find((p) => p._id === person.personId)!.openid
    return { needId: need.id, key }
  }

  it('tellBy sms: accepted and done each reach her phone in the template, saying nothing of who or where', async () => {
    const { needId, key } = await register('陈桂芳', '13953301847', 'sms', 60)
    const before = await outbox()
    await ok(callNeeds(who.committeeUrban, 'assign', { needId, organisationId }))
    await ok(callNeeds(lead, 'markDone', { organisationId, needId, summary: '上门陪老人聊了一下午。', service: [] }))
    const texts = (await sentSince(before)).filter((m) => m.channel === 'sms')
    expect(texts.map((m) => [m.template, m.toPhone, m.result])).toEqual([
      ['needProgressText', '+8613953301847', { status: 'sent' }],
      ['needProgressText', '+8613953301847', { status: 'sent' }],
    ])
    // Both at the test clock's one moment: the outbox's order between them says nothing.
    expect(texts.map((m) => m.payload.TemplateParamSet)).toEqual(
      expect.arrayContaining([
        ['亲情陪伴', '已有组织接单', urban.committeePhone.replace('-', '')],
        ['亲情陪伴', '服务已完成', urban.committeePhone.replace('-', '')],
      ]),
    )
    for (const p of texts.flatMap((m) => m.payload.TemplateParamSet as string[])) expect([...p].length).toBeLessThanOrEqual(SMS_PARAM_MAX)
    expect(JSON.stringify(texts)).not.toMatch(/陈桂芳|沁园小区|2号楼/)
    expect((await deliveries()).filter((d) => d.channel === 'sms' && d.toOpenid === key)).toHaveLength(2)
    // Told by SMS, so nobody is asked to call her.
    expect(await told('callResident')).toEqual([])
  })

  it('tellBy phone: the committee is told whom to call and what to say, opening its page of the need; she gets no SMS', async () => {
    const { needId } = await register('李秀英', '13953301848', 'phone', 120)
    const before = await outbox()
    await ok(callNeeds(who.committeeUrban, 'assign', { needId, organisationId }))
    const messages = await told('callResident')
    expect(messages.map((m) => m.openid).sort()).toEqual(committeeOf(urban._id).sort())
    expect(messages[0]).toMatchObject({ title: '电话告知提醒', page: committeeNeedPath(needId).slice(1) })
    const say = [...`亲情陪伴：${demoDataSet.organisations.find((o) => o._id === organisationId)!.name}已指派`]
    expect([line(messages[0], '居民姓名'), line(messages[0], '联系电话'), line(messages[0], '告知内容')]).toEqual([
      '李秀英',
      '13953301848',
      say.length <= 20 ? say.join('') : `${say.slice(0, 19).join('')}…`,
    ])
    const sent = await sentSince(before)
    expect(sent.filter((m) => m.channel === 'sms')).toEqual([])
    expect(
      subscribed(sent, 'callResident')
        .map((m) => m.toOpenid)
        .sort(),
    ).toEqual(committeeOf(urban._id).sort())
  })
})
