/**
 * People's relations through the SDK against the stand-in: moving house (the balance carried between
 * the two pools, once), the committee registering and acting for someone without a smartphone and
 * their take-over, family links that grant nothing until both confirmed; bad input changes nothing.
 */
import { demoDataSet, demoIdentities as who, demoPerson as personOf } from '../../local/seed/demo-data'
import type { AccountDoc, CareEntryDoc, EntryDoc, NeedDoc, OutboxDoc, PersonDoc } from '../../server/data/documents'
import { asGeoPoint } from '../../server/data/geo'
import { allDocuments } from '../../server/data/maintenance'
import { EVERYONE_CONSENTED, freshDatabasePerGroup, snapshotDatabase, testClock } from '../support/database'
import { expectLedgerInvariants } from '../support/ledger'
import { callAccount, callNeeds, callResidents as call, callTimebank, failure, ok, place } from './calls'

const urban = 'c-zd-qinyuan'
const rural = demoDataSet.communities.find((c) => c.kind === 'rural')!
const xuMin = personOf(who.volunteer)
const wangGuilan = personOf(who.elderResident)
const yangLi = personOf(who.resident)

const documents = async <T>(collection: string) => (await allDocuments(collection)) as T[]
const balanceOf = async (openid: string, communityId: string) =>
  (await documents<AccountDoc>('timebank_accounts')).find((a) => a._id === `acct:${communityId}:${openid}`)?.balance ?? 0
const personById = async (id: string) => (await documents<PersonDoc>('people')).find((p) => p._id === id)
const needById = async (id: string) => (await documents<NeedDoc>('needs')).find((n) => n._id === id)!
/** What was sent to `openid` about needs: the link's own request and answer are told too (telling.test.ts). */
const needNewsTo = async (openid: string) =>
  (await documents<OutboxDoc>('outbox')).filter(
    (m) => m.channel === 'subscribeMessage' && m.toOpenid === openid && !m.template?.startsWith('family'),
  )

let requests = 0
const requestId = () => `req-${Date.now().toString(36)}-${++requests}`

const moveToRural = (overrides: object = {}) => ({
  toCommunityId: rural._id,
  neighbourhood: '太河村',
  addressDetail: '东街3号',
  location: rural.centre.coordinates,
  requestId: requestId(),
  ...overrides,
})

const companionship = { helpKind: '亲情陪伴', urgency: 'normal', description: '想有人来陪我说说话。' } as const

describe('moving house', () => {
  freshDatabasePerGroup(undefined, EVERYONE_CONSENTED)

  it('the new community’s committee confirms; the balance moves between the pools once, and both still sum to zero', async () => {
    const before = await balanceOf(xuMin.openid, urban)
    expect(before).toBeGreaterThan(0)
    const { move } = await ok(call(xuMin.openid, 'askMove', moveToRural()))
    expect(move).toMatchObject({ status: 'asked', from: { id: urban }, to: { id: rural._id } })

    // The old community's committee has no say over who comes into another.
    expect(await failure(call(who.committeeUrban, 'decideMove', { moveId: move.moveId, decision: 'confirm' }))).toEqual({
      code: 'FORBIDDEN',
    })
    expect((await personById(xuMin._id))?.communityId).toBe(urban)

    const { moves } = await ok(call(who.committeeRural, 'moveRequests', { communityId: rural._id }))
    expect(moves.find((m) => m.moveId === move.moveId)?.person).toEqual({ name: xuMin.name, phone: xuMin.phone })

    // Twice at once, then once more: one move of the balance.
    const answers = await Promise.all([
      ok(call(who.committeeRural, 'decideMove', { moveId: move.moveId, decision: 'confirm' })),
      ok(call(who.committeeRural, 'decideMove', { moveId: move.moveId, decision: 'confirm' })),
    ])
    expect(answers.map((a) => a.move.status)).toEqual(['confirmed', 'confirmed'])
    const retried = await ok(call(who.committeeRural, 'decideMove', { moveId: move.moveId, decision: 'confirm' }))
    expect(retried.move.movedMinutes).toBe(before)

    expect(await balanceOf(xuMin.openid, urban)).toBe(0)
    expect(await balanceOf(xuMin.openid, rural._id)).toBe(before)
    const entries = (await documents<EntryDoc>('timebank_entries')).filter((e) => e._id.endsWith(move.moveId))
    expect(entries.map((e) => [e.kind, e.communityId, e.minutes]).sort()).toEqual([
      ['moveIn', rural._id, before],
      ['moveOut', urban, before],
    ])
    await expectLedgerInvariants()
    expect(await personById(xuMin._id)).toMatchObject({ communityId: rural._id, neighbourhood: '太河村', addressDetail: '东街3号' })
  })

  it('a resident moves only themselves, and withdraws only their own move', async () => {
    expect(await failure(call(yangLi.openid, 'askMove', { ...moveToRural(), personId: wangGuilan._id } as never))).toEqual({
      code: 'INVALID_INPUT',
      field: 'data.personId',
    })
    const { move } = await ok(call(wangGuilan.openid, 'askMove', moveToRural()))
    const snapshot = await snapshotDatabase()
    expect(await failure(call(yangLi.openid, 'withdrawMove', { moveId: move.moveId }))).toEqual({ code: 'NOT_FOUND', field: 'data.moveId' })
    expect(await snapshotDatabase()).toEqual(snapshot)
    expect((await ok(call(wangGuilan.openid, 'withdrawMove', { moveId: move.moveId }))).move.status).toBe('withdrawn')
  })

  it('a retried request is the same move; a second one waits until the first is answered', async () => {
    const input = moveToRural()
    const first = await ok(call(yangLi.openid, 'askMove', input))
    expect((await ok(call(yangLi.openid, 'askMove', input))).move.moveId).toBe(first.move.moveId)
    expect(await failure(call(yangLi.openid, 'askMove', moveToRural()))).toEqual({ code: 'CONFLICT' })
    // Declining needs a reason, which the resident reads.
    expect(await failure(call(who.committeeRural, 'decideMove', { moveId: first.move.moveId, decision: 'decline' }))).toEqual({
      code: 'INVALID_INPUT',
      field: 'data.reason',
    })
    await ok(call(who.committeeRural, 'decideMove', { moveId: first.move.moveId, decision: 'decline', reason: '请先到村委会办理登记' }))
    const { moves } = await ok(call(yangLi.openid, 'myMoves', {}))
    expect(moves[0]).toMatchObject({ status: 'declined', declineReason: '请先到村委会办理登记' })
    expect((await personById(yangLi._id))?.communityId).toBe(urban)
  })

  it('open needs stay where they were raised; the old care-register entry ends', async () => {
    const { need } = await ok(
      callNeeds(wangGuilan.openid, 'raise', {
        ...companionship,
        neighbourhood: '沁园小区',
        addressDetail: '3号楼2单元401',
        contactPhone: wangGuilan.phone!,
      }),
    )
    const { move } = await ok(call(wangGuilan.openid, 'askMove', moveToRural()))
    await ok(call(who.committeeRural, 'decideMove', { moveId: move.moveId, decision: 'confirm' }))
    expect((await needById(need.id)).communityId).toBe(urban)
    expect((await ok(callNeeds(wangGuilan.openid, 'mine', {}))).needs.map((n) => n.id)).toContain(need.id)
    const entry = (await documents<CareEntryDoc>('care_register')).find((e) => e.residentId === wangGuilan._id)!
    expect(entry).toMatchObject({ active: false, withdrawal: { note: `已迁往${rural.name}` } })
    expect(entry.nextDueAt).toBeUndefined()
    await expectLedgerInvariants()
  })

  it('a place outside the new community, or moving to one’s own community, changes nothing', async () => {
    const snapshot = await snapshotDatabase()
    expect(await failure(call(yangLi.openid, 'askMove', moveToRural({ location: place(0) })))).toEqual({
      code: 'OUTSIDE_SERVICE_AREA',
      field: 'data.location',
    })
    expect(await failure(call(yangLi.openid, 'askMove', moveToRural({ toCommunityId: urban, location: place(0) })))).toEqual({
      code: 'CONFLICT',
      field: 'data.toCommunityId',
    })
    expect(await failure(call(yangLi.openid, 'askMove', moveToRural({ requestId: 'x' })))).toEqual({
      code: 'INVALID_INPUT',
      field: 'data.requestId',
    })
    expect(await snapshotDatabase()).toEqual(snapshot)
  })
})

describe('代登记, 代办 and taking the record over', () => {
  freshDatabasePerGroup(undefined, EVERYONE_CONSENTED)

  const registration = (overrides: object = {}) => ({
    communityId: urban,
    name: '陈桂芳',
    phone: '13953301847',
    neighbourhood: '沁园小区',
    addressDetail: '2号楼1单元101',
    location: place(60),
    consent: { method: 'verbal', witnessName: '周海燕', at: testClock.now().toISOString() },
    tellBy: 'phone',
    ...overrides,
  })

  it('bad input, or another community’s committee, registers nobody', async () => {
    const snapshot = await snapshotDatabase()
    const future = new Date(testClock.now().getTime() + 24 * 3600_000).toISOString()
    expect(
      await failure(
        call(
          who.committeeUrban,
          'registerPerson',
          registration({ consent: { method: 'verbal', witnessName: '周海燕', at: future } }) as never,
        ),
      ),
    ).toEqual({ code: 'INVALID_INPUT', field: 'data.consent.at' })
    expect(
      await failure(
        call(
          who.committeeUrban,
          'registerPerson',
          registration({ consent: { method: 'verbal', at: testClock.now().toISOString() } }) as never,
        ),
      ),
    ).toEqual({ code: 'INVALID_INPUT', field: 'data.consent.witnessName' })
    expect(await failure(call(who.committeeUrban, 'registerPerson', registration({ phone: '123' }) as never))).toEqual({
      code: 'INVALID_INPUT',
      field: 'data.phone',
    })
    expect(await failure(call(who.committeeRural, 'registerPerson', registration() as never))).toEqual({ code: 'FORBIDDEN' })
    expect(await failure(call(yangLi.openid, 'registerPerson', registration() as never))).toEqual({ code: 'FORBIDDEN' })
    expect(await snapshotDatabase()).toEqual(snapshot)
  })

  let personId = ''
  let needId = ''
  let strangerRequest = ''

  it('the committee registers her with how she consented, who witnessed it and when', async () => {
    const { person } = await ok(call(who.committeeUrban, 'registerPerson', registration() as never))
    personId = person.personId
    expect(person).toMatchObject({
      name: '陈桂芳',
      tellBy: 'phone',
      consent: { methodLabel: '口头同意', witnessName: '周海燕', recordedByName: '周海燕' },
    })
    const stored = (await personById(personId))!
    expect(stored.openid.startsWith('noapp:')).toBe(true)
    expect(stored.proxy?.consent).toMatchObject({ method: 'verbal', witnessName: '周海燕', recordedByOpenid: who.committeeUrban })
    // One record per phone: the phone is how she takes it over.
    expect(await failure(call(who.committeeUrban, 'registerPerson', registration({ name: '陈桂英' }) as never))).toEqual({
      code: 'CONFLICT',
      field: 'data.phone',
    })
    expect((await ok(call(who.committeeUrban, 'registeredPeople', { communityId: urban }))).people.map((p) => p.personId)).toEqual([
      personId,
    ])
  })

  it('代办: the committee raises a need that is hers, at her home, and nothing is sent to a WeChat she has not', async () => {
    const sentBefore = (await documents<OutboxDoc>('outbox')).length
    const { need } = await ok(call(who.committeeUrban, 'raiseFor', { personId, need: companionship }))
    needId = need.id
    const stored = await needById(needId)
    expect(stored).toMatchObject({
      requesterName: '陈桂芳',
      raisedBy: { openid: who.committeeUrban, as: 'committee' },
      neighbourhood: '沁园小区',
      addressDetail: '2号楼1单元101',
      contactPhone: '13953301847',
    })
    expect(asGeoPoint(stored.location).coordinates).toEqual(place(60))
    expect(stored.requesterOpenid).toBe((await personById(personId))!.openid)
    await ok(callNeeds(who.committeeUrban, 'assign', { needId, organisationId: 'org-qy-xiyanghong' }))
    const sent = (await documents<OutboxDoc>('outbox')).slice(sentBefore)
    expect(sent.some((m) => m.toOpenid?.startsWith('noapp:'))).toBe(false)
    const { person, needs } = await ok(call(who.committeeUrban, 'needsOf', { personId }))
    expect(person.tellByLabel).toBe('打电话告知')
    expect(needs.map((n) => n.id)).toEqual([needId])
    // Another community's committee acts for nobody here.
    expect(await failure(call(who.committeeRural, 'raiseFor', { personId, need: companionship }))).toEqual({ code: 'FORBIDDEN' })
  })

  it('a stranger typing her phone learns nothing and gets nothing without the committee', async () => {
    const stranger = 'o-stranger'
    const right = await ok(call(stranger, 'askTakeover', { name: '陈桂芳', phone: '13953301847' }))
    const wrong = await ok(call('o-someone-else', 'askTakeover', { name: '陈桂芳', phone: '13953301999' }))
    expect(right).toEqual(wrong)
    expect(await ok(call(stranger, 'myTakeover', {}))).toEqual(await ok(call('o-someone-else', 'myTakeover', {})))
    // Nor can they confirm it themselves; the request that matched nobody is no committee's.
    const { requests } = await ok(call(who.committeeUrban, 'takeovers', { communityId: urban }))
    expect(requests).toHaveLength(1)
    expect(await failure(call(stranger, 'decideTakeover', { takeoverId: requests[0].takeoverId, decision: 'confirm' }))).toEqual({
      code: 'FORBIDDEN',
    })
    expect((await ok(callAccount(stranger, 'me', {}))).person).toBeNull()
    expect(await failure(callNeeds(stranger, 'detail', { needId }))).toEqual({ code: 'NOT_FOUND' })
    strangerRequest = requests[0].takeoverId
  })

  it('with the committee’s confirmation she takes it over: her record, her need, her minutes, once', async () => {
    await ok(
      callTimebank(who.committeeUrban, 'grant', { communityId: urban, personId, minutes: 30, reason: '关怀', requestId: requestId() }),
    )
    const newOpenid = 'o-chen-guifang'
    await ok(call(newOpenid, 'askTakeover', { name: '陈桂芳', phone: '13953301847' }))
    const { requests } = await ok(call(who.committeeUrban, 'takeovers', { communityId: urban }))
    // The stranger's request waits beside hers, alike: the committee phones her and confirms only hers.
    expect(requests.map((r) => [r.name, r.phone, r.person.personId])).toEqual([
      ['陈桂芳', '13953301847', personId],
      ['陈桂芳', '13953301847', personId],
    ])
    const hers = requests.find((r) => r.takeoverId !== strangerRequest)!
    const former = (await personById(personId))!.openid
    expect((await ok(call(who.committeeUrban, 'decideTakeover', { takeoverId: hers.takeoverId, decision: 'confirm' }))).status).toBe(
      'confirmed',
    )
    expect((await ok(call(who.committeeUrban, 'decideTakeover', { takeoverId: hers.takeoverId, decision: 'confirm' }))).status).toBe(
      'confirmed',
    )

    expect(await personById(personId)).toMatchObject({ openid: newOpenid, noApp: false, name: '陈桂芳' })
    expect((await ok(callAccount(newOpenid, 'me', {}))).person?.community?.id).toBe(urban)
    expect((await ok(callNeeds(newOpenid, 'mine', {}))).needs.map((n) => n.id)).toEqual([needId])
    expect(await balanceOf(newOpenid, urban)).toBe(30)
    expect(await balanceOf(former, urban)).toBe(0)
    await expectLedgerInvariants()
    // The stranger's request can no longer take anything.
    expect((await ok(call(who.committeeUrban, 'takeovers', { communityId: urban }))).requests).toEqual([])
    expect(await failure(call(who.committeeUrban, 'decideTakeover', { takeoverId: strangerRequest, decision: 'confirm' }))).toEqual({
      code: 'CONFLICT',
    })
  })
})

describe('family links', () => {
  freshDatabasePerGroup(undefined, EVERYONE_CONSENTED)

  let linkId = ''
  let needId = ''

  it('a code alone links nobody: the one who made it confirms who typed it, and until then nothing is granted', async () => {
    ;({
      need: { id: needId },
    } = await ok(
      callNeeds(wangGuilan.openid, 'raise', {
        ...companionship,
        neighbourhood: '沁园小区',
        addressDetail: '3号楼2单元401',
        contactPhone: wangGuilan.phone!,
      }),
    ))
    const { link } = await ok(call(wangGuilan.openid, 'inviteFamily', { side: 'elder', relation: 'child' }))
    linkId = link.linkId
    expect(link.code).toMatch(/^\d{6}$/)
    const asked = await ok(call(yangLi.openid, 'enterFamilyCode', { code: link.code! }))
    expect(asked.link).toMatchObject({ status: 'asked', mySide: 'relative', waitingForMe: false, otherName: '王*兰' })
    // The code is spent.
    expect(await failure(call(personOf('demo-zhao-shuzhen').openid, 'enterFamilyCode', { code: link.code! }))).toEqual({
      code: 'NOT_FOUND',
      field: 'data.code',
    })

    expect(await failure(call(yangLi.openid, 'elderNeeds', { linkId }))).toEqual({ code: 'NOT_FOUND', field: 'data.linkId' })
    expect(await failure(callNeeds(yangLi.openid, 'detail', { needId }))).toEqual({ code: 'NOT_FOUND' })
    expect(await failure(call(yangLi.openid, 'raiseForElder', { linkId, need: companionship }))).toEqual({
      code: 'NOT_FOUND',
      field: 'data.linkId',
    })
    // Only the one who made the code confirms.
    expect(await failure(call(yangLi.openid, 'answerFamily', { linkId, accept: true }))).toEqual({ code: 'CONFLICT' })

    const { links } = await ok(call(wangGuilan.openid, 'family', {}))
    expect(links.find((l) => l.linkId === linkId)).toMatchObject({ waitingForMe: true, otherName: '杨*' })
    expect((await ok(call(wangGuilan.openid, 'answerFamily', { linkId, accept: true }))).link).toMatchObject({
      status: 'linked',
      otherName: '杨丽',
    })
  })

  it('wrong codes are limited', async () => {
    const caller = personOf('demo-li-dezhong').openid
    for (let i = 0; i < 5; i++) expect((await failure(call(caller, 'enterFamilyCode', { code: '000001' }))).code).toBe('NOT_FOUND')
    expect(await failure(call(caller, 'enterFamilyCode', { code: '000001' }))).toEqual({ code: 'RATE_LIMITED', field: 'data.code' })
    expect(await failure(call(caller, 'enterFamilyCode', { code: '12345' }))).toEqual({ code: 'INVALID_INPUT', field: 'data.code' })
  })

  it('once linked, the relative follows the elder’s needs and raises one that is hers, at her home', async () => {
    expect((await ok(call(yangLi.openid, 'elderNeeds', { linkId }))).needs.map((n) => n.id)).toEqual([needId])
    expect((await ok(callNeeds(yangLi.openid, 'detail', { needId }))).need.access).toBe('full')
    const { need } = await ok(
      call(yangLi.openid, 'raiseForElder', { linkId, need: { ...companionship, helpKind: '生活照料', description: '灯泡坏了。' } }),
    )
    const stored = await needById(need.id)
    expect(stored).toMatchObject({
      requesterOpenid: wangGuilan.openid,
      requesterName: wangGuilan.name,
      raisedBy: { openid: yangLi.openid, as: 'family' },
      addressDetail: wangGuilan.addressDetail,
    })
    expect(asGeoPoint(stored.location).coordinates).toEqual(wangGuilan.location!.coordinates)
    expect((await ok(callNeeds(wangGuilan.openid, 'mine', {}))).needs.map((n) => n.id)).toContain(need.id)
    // Only the elder's needs: nothing else of hers, nor anyone else's.
    expect((await ok(callNeeds(yangLi.openid, 'mine', {}))).needs.map((n) => n.id)).not.toContain(need.id)
  })

  it('the elder’s switch decides whether the relative hears of her needs', async () => {
    expect(await failure(call(yangLi.openid, 'shareUpdates', { linkId, share: true }))).toEqual({ code: 'FORBIDDEN' })
    await ok(callNeeds(who.committeeUrban, 'assign', { needId, organisationId: 'org-qy-xiyanghong' }))
    expect(await needNewsTo(yangLi.openid)).toEqual([])

    await ok(call(wangGuilan.openid, 'shareUpdates', { linkId, share: true }))
    const { needs } = await ok(call(yangLi.openid, 'elderNeeds', { linkId }))
    const other = needs.find((n) => n.id !== needId)!
    await ok(callNeeds(who.committeeUrban, 'assign', { needId: other.id, organisationId: 'org-qy-xiyanghong' }))
    expect((await needNewsTo(yangLi.openid)).map((m) => m.template)).toEqual(['needAccepted'])
  })

  it('either side unlinks, and that revokes everything', async () => {
    await ok(call(yangLi.openid, 'unlinkFamily', { linkId }))
    expect(await failure(call(yangLi.openid, 'elderNeeds', { linkId }))).toEqual({ code: 'NOT_FOUND', field: 'data.linkId' })
    expect(await failure(callNeeds(yangLi.openid, 'detail', { needId }))).toEqual({ code: 'NOT_FOUND' })
    expect(await failure(call(wangGuilan.openid, 'shareUpdates', { linkId, share: true }))).toEqual({ code: 'CONFLICT' })
    // Someone on neither side sees nothing of it.
    expect(await failure(call(xuMin.openid, 'unlinkFamily', { linkId }))).toEqual({ code: 'NOT_FOUND', field: 'data.linkId' })
  })
})
