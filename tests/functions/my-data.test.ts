/**
 * 我的信息 and 注销 (PIPL Art. 44–47) through the SDK: 徐敏 — a volunteer with service records, a
 * ledger, visits she made — also raises a need with a photo, signs up for an activity, gives and
 * receives time, redeems, takes a certificate, asks to join another organisation and is put on the
 * care register; then she sees it all, corrects, withdraws, exports and closes her account.
 */
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import ExcelJS from 'exceljs'
import { functionMains } from '../../local/host/functions'
import { demoDataSet, demoIdentities as who, demoPerson } from '../../local/seed/demo-data'
import { timebankServiceRecords } from '../../local/seed/timebank-demo'
import { OUTBOX_COLLECTION } from '../../local/outbox'
import { LOCAL_FILE_ID, localFiles } from '../../local/storage'
import type { ActionInput, ActionName, ActionOutput } from '../../shared/contract'
import { accountContract, type AccountContract } from '../../shared/contracts/account'
import type { PersonDoc } from '../../server/data/documents'
import { shanghaiDay } from '../../shared/domain/timebank'
import { dayAfter } from '../../shared/domain/deliberation'
import { allDocuments } from '../../server/data/maintenance'
import manifest from '../../database/collections.json'
import { callAs, freshDatabasePerGroup, snapshotDatabase, testClock, type TestDatabase } from '../support/database'
import { expectLedgerInvariants } from '../support/ledger'
import { linkedBody, tinyPng } from '../support/photo'
import { callActivities, callCare, callCommunity, callNeeds, callOrganisations, callTimebank, failure, ok, place } from './calls'

const callAccount = <A extends ActionName<AccountContract>>(openid: string | null, action: A, data: ActionInput<AccountContract, A>) =>
  callAs<ActionOutput<AccountContract, A>>(functionMains.account, accountContract.name, openid, { action, data })

const xuMin = demoPerson(who.volunteer)
const wangGuilan = demoPerson(who.elderResident)
const yangLi = demoPerson(who.resident)
const urban = demoDataSet.communities.find((c) => c.kind === 'urban')!

let requests = 0
const requestId = () => `req-mydata-${++requests}`

let storageDir: string
/** The photo 徐敏 attached to her need. */
let photoId: string
let needDescription: string

/** What 徐敏 leaves across the collections, made the way the product makes it. */
async function seedHerTraces(): Promise<void> {
  photoId = localFiles(storageDir).save('png', tinyPng)
  needDescription = '家里水管漏水，想请人帮忙看看。'
  await ok(
    callNeeds(xuMin.openid, 'raise', {
      helpKind: '亲情陪伴',
      urgency: 'normal',
      description: needDescription,
      location: place(300),
      neighbourhood: xuMin.neighbourhood!,
      addressDetail: xuMin.addressDetail!,
      contactPhone: xuMin.phone!,
      photos: [photoId],
    }),
  )
  await ok(callActivities(xuMin.openid, 'signUp', { activityId: 'act-qy-wenti-neighbour-feast', role: 'participant' }))
  await ok(callTimebank(xuMin.openid, 'give', { toName: wangGuilan.name, toPhone: wangGuilan.phone!, minutes: 10, requestId: requestId() }))
  // 邓浩 earned time too (the demo ledger): he gives some to her, which she accepts.
  const { gift } = await ok(
    callTimebank('demo-deng-hao', 'give', { toName: xuMin.name, toPhone: xuMin.phone!, minutes: 5, requestId: requestId() }),
  )
  await ok(callTimebank(xuMin.openid, 'acceptGift', { giftId: gift.id }))
  await ok(callTimebank(xuMin.openid, 'redeem', { itemId: 'item-qy-haircut', requestId: requestId() }))
  // Her real name for the certificate: what closing the account must take away with the rest.
  // 议事协商 (decision 050): a proposal of hers (her 附议), and her word and vote on the committee's topic.
  const today = shanghaiDay(testClock.now())
  const topic = { communityId: xuMin.communityId!, title: '楼道照明', question: '是否换声控灯', background: '楼道太暗。' }
  await ok(callCommunity(xuMin.openid, 'proposeTopic', { ...topic, votingFrom: dayAfter(today, 2), votingUntil: dayAfter(today, 3) }))
  const { topicId } = await ok(
    callCommunity(who.committeeUrban, 'openTopic', { ...topic, votingFrom: today, votingUntil: dayAfter(today, 1) }),
  )
  await ok(callCommunity(xuMin.openid, 'commentOnTopic', { topicId, text: '赞成换灯。' }))
  await ok(callCommunity(xuMin.openid, 'voteOnTopic', { topicId, choice: 0 }))
  await ok(callTimebank(xuMin.openid, 'registerRealName', { name: xuMin.name, idNumber: '11010519491231002X', consent: true }))
  await ok(
    callTimebank(xuMin.openid, 'issueCertificate', {
      from: '2026-01-01',
      to: shanghaiDay(testClock.now()),
      issuer: { kind: 'organisation', id: 'org-qy-xiyanghong' },
    }),
  )
  await ok(callOrganisations(xuMin.openid, 'join', { code: 'QMHEB8' }))
  const { entry } = await ok(
    callCare(who.committeeUrban, 'register', {
      communityId: urban._id,
      residentId: xuMin._id,
      name: xuMin.name,
      phone: xuMin.phone,
      neighbourhood: xuMin.neighbourhood!,
      addressDetail: xuMin.addressDetail!,
      groups: ['残疾人'],
      careNeeds: '腿脚不便，需要有人帮忙买菜。',
      emergencyContact: { name: '徐军', relation: '哥哥', phone: '13953301846' },
      consent: {
        giver: 'self',
        giverName: xuMin.name,
        method: 'signed_form',
        at: new Date(testClock.now().getTime() - 3_600_000).toISOString(),
      },
    }),
  )
  // Reads of her phone: her lead's member list, the feast's roster, the hand-overs waiting, and her care entry.
  await ok(callOrganisations(who.organisationLead, 'members', { organisationId: 'org-qy-xiyanghong' }))
  await ok(callActivities('demo-liu-meihua', 'roster', { organisationId: 'org-qy-wenti', activityId: 'act-qy-wenti-neighbour-feast' }))
  await ok(callTimebank(who.committeeUrban, 'handovers', { communityId: urban._id }))
  await ok(callCare(who.committeeUrban, 'entry', { entryId: entry.entryId }))
}

const textOf = (value: unknown) => JSON.stringify(value)

describe('我的信息', () => {
  freshDatabasePerGroup((database: TestDatabase) => (storageDir = database.storageDir))
  beforeAll(seedHerTraces)

  it('shows everything stored about her, from every collection that holds something of hers', async () => {
    const data = await ok(callAccount(xuMin.openid, 'myData', {}))
    expect(data.person).toMatchObject({
      name: xuMin.name,
      phone: xuMin.phone,
      neighbourhood: xuMin.neighbourhood,
      addressDetail: xuMin.addressDetail,
      communityName: urban.name,
      hasLocation: true,
    })
    expect(data.roles.map((r) => r.role).sort()).toEqual(['resident', 'volunteer', 'volunteer'])
    expect(data.needs).toEqual([expect.objectContaining({ description: needDescription, contactPhone: xuMin.phone, photos: 1 })])
    const ownRecords = timebankServiceRecords.filter((r) => r.openid === xuMin.openid)
    expect(data.serviceRecords).toHaveLength(ownRecords.length)
    expect(data.serviceRecords.length).toBeGreaterThan(0)
    expect(data.timeBank.accounts).toEqual([{ communityName: urban.name, balance: expect.any(Number) }])
    expect(data.timeBank.entries.map((e) => e.title)).toEqual(
      expect.arrayContaining([`转赠给${wangGuilan.name}`, expect.stringMatching(/^兑换：/), expect.stringMatching(/^志愿服务：/)]),
    )
    expect(data.timeBank.gifts.map((g) => [g.given, g.minutes])).toEqual(
      expect.arrayContaining([
        [true, 10],
        [false, 5],
      ]),
    )
    expect(data.timeBank.redemptions).toHaveLength(1)
    expect(data.timeBank.certificates).toHaveLength(1)
    expect(data.timeBank.realName).toMatchObject({ name: xuMin.name, maskedIdNumber: '**************002X' })
    // Her 志愿者资料 is kept for her too: the running total behind her stars, whatever she filled in.
    expect(data.timeBank.volunteer).toMatchObject({ countedMinutes: expect.any(Number) })
    expect(data.timeBank.volunteer!.countedMinutes).toBeGreaterThan(0)
    expect(data.activities).toEqual([expect.objectContaining({ roleLabel: '参与者', statusLabel: '已报名' })])
    expect(data.joinRequests).toEqual([
      expect.objectContaining({ organisationName: '沁园社区“和为贵”调解工作室', statusLabel: '等待负责人同意' }),
    ])
    expect(data.care).toMatchObject({ name: xuMin.name, phone: xuMin.phone, active: true, careNeeds: '腿脚不便，需要有人帮忙买菜。' })
    expect(data.photos).toEqual([expect.objectContaining({ of: '求助' })])
    expect(data.consents.map((c) => c.kind).sort()).toEqual(['care', 'location'])
  })

  it('lists who saw her phone or address, and not her own reads', async () => {
    const lead = demoPerson(who.organisationLead)
    const committee = demoPerson(who.committeeUrban)
    const { viewers } = await ok(callAccount(xuMin.openid, 'myData', {}))
    expect(viewers).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: lead.name, what: '查看成员名单（含电话）', organisationName: '沁园社区夕阳红助老服务队' }),
        expect.objectContaining({
          name: demoPerson('demo-liu-meihua').name,
          what: '查看活动报名名单（含电话）',
          organisationName: '沁园社区舞动夕阳文体队',
        }),
        expect.objectContaining({ name: committee.name, what: '查看兑换人名单（含电话）' }),
        expect.objectContaining({ name: committee.name, what: '查看关爱对象信息' }),
      ]),
    )
    expect(viewers.some((v) => v.name === xuMin.name)).toBe(false)
    // 杨丽's phone was in no list anyone read: nobody is named.
    expect((await ok(callAccount(yangLi.openid, 'myData', {}))).viewers).toEqual([])
  })

  it('shows each person only their own: another resident sees nothing of hers, and no one can name whose to read', async () => {
    const theirs = textOf(await ok(callAccount(yangLi.openid, 'myData', {})))
    for (const word of [xuMin.phone!, xuMin.addressDetail!, needDescription, '腿脚不便']) expect(theirs).not.toContain(word)
    const committee = textOf(await ok(callAccount(who.committeeUrban, 'myData', {})))
    for (const word of [xuMin.phone!, needDescription]) expect(committee).not.toContain(word)
    expect(
      await failure(callAs(functionMains.account, 'account', who.committeeUrban, { action: 'myData', data: { openid: xuMin.openid } })),
    ).toEqual({
      code: 'INVALID_INPUT',
      field: 'data.openid',
    })
    expect(await failure(callAccount('o-never-joined', 'myData', {}))).toEqual({ code: 'NOT_FOUND' })
  })

  it('exports her data in an xlsx she can keep, and nobody else’s', async () => {
    const file = await ok(callAccount(xuMin.openid, 'exportData', {}))
    expect(file.fileName).toMatch(/^我的信息 .*\.xlsx$/)
    const book = new ExcelJS.Workbook()
    await book.xlsx.load(linkedBody(storageDir, file.url, testClock.now()))
    const cells: string[] = []
    book.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell((cell) => cells.push(String(cell.value)))))
    const text = cells.join('\n')
    for (const word of [xuMin.name, xuMin.phone!, xuMin.addressDetail!, needDescription, '腿脚不便，需要有人帮忙买菜。'])
      expect(text).toContain(word)
    for (const word of [yangLi.phone!, yangLi.addressDetail!, wangGuilan.phone!, wangGuilan.addressDetail!])
      expect(text).not.toContain(word)
  })
})

describe('correcting 我的信息', () => {
  freshDatabasePerGroup((database: TestDatabase) => (storageDir = database.storageDir))

  it('changes her name, phone and address, and 我的 reads them back', async () => {
    const { person } = await ok(callAccount(yangLi.openid, 'correct', { phone: '13800000001', addressDetail: '12号楼1单元1602' }))
    expect(person).toMatchObject({ name: yangLi.name, phone: '13800000001', address: `${yangLi.neighbourhood} 12号楼1单元1602` })
    expect((await ok(callAccount(yangLi.openid, 'myData', {}))).person).toMatchObject({
      phone: '13800000001',
      addressDetail: '12号楼1单元1602',
    })
  })

  const bad: [string, object, string][] = [
    ['a phone that is no number', { phone: '12345' }, 'data.phone'],
    ['an empty name', { name: '   ' }, 'data.name'],
    ['a name with signs', { name: '杨丽<script>' }, 'data.name'],
    ['an address too long', { addressDetail: '楼'.repeat(101) }, 'data.addressDetail'],
    ['nothing to change', {}, 'data.name'],
    ['a field that is not hers to set', { name: '杨丽', communityId: 'c-zc-taihe' }, 'data.communityId'],
    ['an operator where text belongs', { name: { $ne: '' } }, 'data.name'],
  ]
  it.each(bad)('refuses %s at its field and changes nothing', async (_name, data, field) => {
    const before = await snapshotDatabase()
    const answer = await callAs(functionMains.account, 'account', yangLi.openid, { action: 'correct', data })
    expect(answer).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field } })
    expect(await snapshotDatabase()).toEqual(before)
  })

  it('refuses an address the content check flags, at its field, and changes nothing but the check’s own record', async () => {
    const ours = async () => {
      const { [OUTBOX_COLLECTION]: _checks, ...rest } = await snapshotDatabase()
      return rest
    }
    const before = await ours()
    expect(await failure(callAccount(yangLi.openid, 'correct', { neighbourhood: '聚众赌博小区' }))).toEqual({
      code: 'CONTENT_REJECTED',
      field: 'data.neighbourhood',
    })
    expect(await ours()).toEqual(before)
  })
})

describe('withdrawing consent', () => {
  freshDatabasePerGroup()

  it('forgets her home’s position, says what that does first, and a second withdrawal has nothing to withdraw', async () => {
    const { consents } = await ok(callAccount(wangGuilan.openid, 'myData', {}))
    expect(consents.find((c) => c.kind === 'location')?.effect).toMatch(/删除保存的家庭位置/)
    const after = await ok(callAccount(wangGuilan.openid, 'withdrawConsent', { consent: 'location' }))
    expect(after.consents.map((c) => c.kind)).toEqual(['care'])
    const stored = (await allDocuments('people')).find((p) => (p as PersonDoc).openid === wangGuilan.openid) as PersonDoc
    expect(stored.location).toBeUndefined()
    expect(await failure(callAccount(wangGuilan.openid, 'withdrawConsent', { consent: 'location' }))).toEqual({
      code: 'CONFLICT',
      field: 'data.consent',
    })
  })

  it('takes her off the care register herself: no more visits due, recorded as her withdrawal', async () => {
    const { consents } = await ok(callAccount(wangGuilan.openid, 'withdrawConsent', { consent: 'care' }))
    expect(consents).toEqual([])
    const { care } = await ok(callAccount(wangGuilan.openid, 'myData', {}))
    expect(care).toMatchObject({ active: false, withdrawal: expect.stringContaining('撤回同意') })
    expect((await ok(callCare(who.volunteer, 'myVisits', {}))).people.map((p) => p.name)).not.toContain(wangGuilan.name)
  })
})

describe('注销', () => {
  freshDatabasePerGroup((database: TestDatabase) => (storageDir = database.storageDir))
  beforeAll(seedHerTraces)

  it('says what stops a lead from closing, and closing then changes nothing', async () => {
    const closing = await ok(callAccount(who.organisationLead, 'closing', {}))
    expect(closing.blockers).toEqual([expect.stringContaining('负责人')])
    const before = await snapshotDatabase()
    expect(await failure(callAccount(who.organisationLead, 'close', { confirm: true }))).toEqual({ code: 'CONFLICT' })
    expect(await snapshotDatabase()).toEqual(before)
  })

  it('tells her beforehand what closing will do to her in particular', async () => {
    const closing = await ok(callAccount(xuMin.openid, 'closing', {}))
    expect(closing).toMatchObject({ blockers: [], openNeeds: 1, upcomingActivities: 1, onCareRegister: true })
    expect(closing.balanceMinutes).toBeGreaterThan(0)
    expect(closing.roles).toHaveLength(2)
  })

  it('refuses without the confirmation', async () => {
    expect(await failure(callAs(functionMains.account, 'account', xuMin.openid, { action: 'close', data: {} }))).toEqual({
      code: 'INVALID_INPUT',
      field: 'data.confirm',
    })
  })

  it('erases her name, phone and address from every collection; the time bank of every community still sums to zero', async () => {
    await ok(callAccount(xuMin.openid, 'close', { confirm: true }))
    const words = [xuMin.name, xuMin.phone!, xuMin.addressDetail!, xuMin.openid]
    const found: string[] = []
    // Every collection of the manifest, so a new one is scanned too; the outbox stands in for WeChat's own servers.
    for (const collection of Object.keys(manifest.collections).filter((c) => c !== OUTBOX_COLLECTION)) {
      for (const document of await allDocuments(collection)) {
        const text = textOf(document)
        for (const word of words) if (text.includes(word)) found.push(`${collection}: ${word} in ${text.slice(0, 300)}`)
      }
    }
    expect(found).toEqual([])
    await expectLedgerInvariants()
    expect(existsSync(join(storageDir, photoId.slice(LOCAL_FILE_ID.length)))).toBe(false)
  })

  it('keeps what others rely on: her service records and ledger entries under one anonymous id, the audit log’s lines', async () => {
    const records = (await allDocuments('service_records')) as { openid: string; _id: string }[]
    const hers = timebankServiceRecords.filter((r) => r.openid === xuMin.openid).map((h) => records.find((r) => r._id === h._id)!)
    expect(new Set(hers.map((r) => r.openid)).size).toBe(1)
    expect(hers[0].openid).toMatch(/^erased-/)
    const audit = (await allDocuments('audit_log')) as { action: string; actorName: string }[]
    expect(audit.filter((a) => a.action === 'account.close')).toEqual([expect.objectContaining({ actorName: '已注销用户' })])
  })

  it('withdrew what others were waiting on: her open need, her place at the activity, her care registration', async () => {
    const needs = (await allDocuments('needs')) as { description: string; status: string }[]
    expect(needs.filter((n) => n.description === '（内容已随账号注销删除）').map((n) => n.status)).toEqual(['cancelled'])
    const { activity } = await ok(callActivities(yangLi.openid, 'detail', { activityId: 'act-qy-wenti-neighbour-feast' }))
    expect(activity.participants.taken).toBe(3)
  })

  it('opening the app again, she is a new user', async () => {
    expect(await ok(callAccount(xuMin.openid, 'me', {}))).toEqual({ person: null })
    expect((await ok(callNeeds(xuMin.openid, 'mine', {}))).needs).toEqual([])
    expect((await ok(callActivities(xuMin.openid, 'mine', {}))).activities).toEqual([])
    expect(await failure(callAccount(xuMin.openid, 'myData', {}))).toEqual({ code: 'NOT_FOUND' })
  })
})
