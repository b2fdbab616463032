/**
 * Issue 14, 入驻 and 居住核验 (decision 024) through the functions: anyone in WeChat finds a community
 * and joins it; they may raise a need at once; only that community's committee confirms, corrects or
 * declines them, never the person themself; until confirmed they may not join an organisation or
 * move time; bad input, a second join and a closed community change nothing.
 */
import { demoDataSet, demoIdentities as who, demoPerson as personOf } from '../../local/seed/demo-data'
import type { AuditDoc, PersonDoc } from '../../server/data/documents'
import { allDocuments, insertAll } from '../../server/data/maintenance'
import type { JoinInput } from '../../shared/contracts/joining'
import { PRIVACY_POLICY_VERSION } from '../../shared/domain/residence'
import { freshDatabasePerGroup, snapshotDatabase, testClock } from '../support/database'
import {
  callJoining as call,
  callNeeds,
  callOrganisations,
  callReports,
  callTimebank,
  failure,
  joinInput,
  ok,
  place,
  raiseInput,
} from './calls'

const [urban, rural] = demoDataSet.communities
const personWith = async (openid: string) => ((await allDocuments('people')) as PersonDoc[]).find((p) => p.openid === openid)
/** Everything but the outbox, where the content check and the phone exchange leave their record. */
async function stored() {
  const { outbox: _outbox, ...rest } = await snapshotDatabase()
  return rest
}

describe('finding a community', () => {
  freshDatabasePerGroup()

  it('lists the communities near where the person is, nearest first, with how far', async () => {
    const near = async (point: [number, number]) => (await ok(call('o-newcomer-find', 'find', { near: point }))).communities
    // The two demo communities are 33 km apart: each is found from its own centre only.
    expect(await near(rural.centre.coordinates)).toEqual([
      expect.objectContaining({ name: rural.name, distanceM: 0, kindLabel: '农村社区' }),
    ])
    expect((await near(place(800))).map((c) => [c.name, c.distanceM])).toEqual([[urban.name, 800]])
  })

  it('finds by city, district or name, and answers nothing for a name nobody has', async () => {
    const names = async (text: string) => (await ok(call('o-newcomer-find', 'find', { text }))).communities.map((c) => c.name)
    expect(await names('张店')).toEqual([urban.name])
    expect(await names('淄博市')).toEqual(expect.arrayContaining([urban.name, rural.name]))
    expect(await names('太河')).toEqual([rural.name])
    expect(await names('.*')).toEqual([])
  })

  it('asks for words or a place, in Chinese beside the field', async () => {
    expect(await failure(call('o-newcomer-find', 'find', {}))).toEqual({ code: 'INVALID_INPUT', field: 'data.text' })
  })

  it('opens a community from its link, and answers a missing or closed one alike', async () => {
    expect((await ok(call('o-newcomer-find', 'community', { communityId: urban._id }))).community.name).toBe(urban.name)
    await insertAll('communities', [{ ...urban, _id: 'c-closed', name: '已撤并社区', suspendedAt: testClock.now() }])
    for (const communityId of ['c-closed', 'c-nowhere']) {
      expect(await failure(call('o-newcomer-find', 'community', { communityId }))).toEqual({ code: 'NOT_FOUND', field: 'data.communityId' })
    }
    expect((await ok(call('o-newcomer-find', 'find', { text: '社区' }))).communities.map((c) => c.id)).not.toContain('c-closed')
  })
})

describe('joining', () => {
  freshDatabasePerGroup()
  const newcomer = 'o-newcomer-chen'

  it('refuses bad input, a missing or closed community and an old privacy version, and stores nothing', async () => {
    await insertAll('communities', [{ ...urban, _id: 'c-closed', name: '已撤并社区', suspendedAt: testClock.now() }])
    const before = await stored()
    const refusals: [Partial<JoinInput>, { code: string; field?: string }][] = [
      [{ name: '  ' }, { code: 'INVALID_INPUT', field: 'data.name' }],
      [{ phone: '12345' }, { code: 'INVALID_INPUT', field: 'data.phone' }],
      [{ phone: undefined }, { code: 'INVALID_INPUT', field: 'data.phone' }],
      [{ room: '' }, { code: 'INVALID_INPUT', field: 'data.room' }],
      [{ privacyVersion: '2020-01-01' }, { code: 'INVALID_INPUT', field: 'data.privacyVersion' }],
      [{ communityId: 'c-nowhere' }, { code: 'NOT_FOUND', field: 'data.communityId' }],
      [{ communityId: 'c-closed' }, { code: 'NOT_FOUND', field: 'data.communityId' }],
      [
        { phone: undefined, phoneCode: 'made-up' },
        { code: 'INVALID_INPUT', field: 'data.phone' },
      ],
    ]
    for (const [overrides, refusal] of refusals) expect(await failure(call(newcomer, 'join', joinInput(overrides)))).toEqual(refusal)
    expect(await failure(call(newcomer, 'join', { ...joinInput(), openid: 'someone-else' } as JoinInput))).toEqual({
      code: 'INVALID_INPUT',
      field: 'data.openid',
    })
    expect(await stored()).toEqual(before)
    expect(await ok(call(newcomer, 'mine', {}))).toEqual({ residence: null })
  })

  it('makes a person of anyone in WeChat, pending, with the privacy version and moment they agreed', async () => {
    const { residence } = await ok(call(newcomer, 'join', joinInput({ phone: undefined, phoneCode: 'local-phone-13805331234' })))
    expect(residence).toMatchObject({ status: 'pending', statusLabel: '等社区确认', community: { id: urban._id, name: urban.name } })
    const person = await personWith(newcomer)
    expect(person).toMatchObject({
      name: '陈立新',
      phone: '13805331234',
      phoneSource: 'wechat',
      communityId: urban._id,
      neighbourhood: '柳泉花园',
      addressDetail: '12号楼1单元1502',
      residence: { status: 'pending', communityId: urban._id },
      privacyAgreed: { version: PRIVACY_POLICY_VERSION },
    })
    // Agreed when joining: the same moment as the request to the committee.
    expect(person!.privacyAgreed!.at).toEqual(person!.residence!.askedAt)
    expect((await ok(call(newcomer, 'mine', {}))).residence?.status).toBe('pending')
  })

  it('refuses a second join, to any community, and changes nothing', async () => {
    const before = await stored()
    expect(await failure(call(newcomer, 'join', joinInput()))).toEqual({ code: 'CONFLICT' })
    expect(await failure(call(newcomer, 'join', joinInput({ communityId: rural._id })))).toEqual({ code: 'CONFLICT' })
    expect(await failure(call(who.resident, 'join', joinInput()))).toEqual({ code: 'CONFLICT' })
    expect(await stored()).toEqual(before)
  })

  it('two taps of 加入 at once make one person', async () => {
    const answers = await Promise.all([call('o-newcomer-twice', 'join', joinInput()), call('o-newcomer-twice', 'join', joinInput())])
    expect(answers.filter((a) => a.ok)).toHaveLength(1)
    expect(((await allDocuments('people')) as PersonDoc[]).filter((p) => p.openid === 'o-newcomer-twice')).toHaveLength(1)
  })

  it('lets the newcomer raise a need at once: safety is never held up by paperwork', async () => {
    const raised = await ok(callNeeds(newcomer, 'raise', raiseInput({ location: place(120) })))
    expect(raised.need.status).toBeDefined()
  })

  it('refuses what waits for 居住核验 with its own code and says why', async () => {
    const organisation = demoDataSet.organisations.find((o) => o.communityId === urban._id && o.status === 'approved')!
    const refusal = await ok(callOrganisations(who.organisationLead, 'invitation', { organisationId: organisation._id })).then(({ code }) =>
      callOrganisations(newcomer, 'join', { code }),
    )
    expect(refusal).toMatchObject({
      ok: false,
      error: { code: 'RESIDENCE_UNCONFIRMED', message: expect.stringContaining('社区还没有确认') },
    })
    expect(
      await failure(
        callTimebank(newcomer, 'give', { toName: '杨丽', toPhone: '18653312469', minutes: 10, requestId: 'newcomer-gives-ten' }),
      ),
    ).toEqual({
      code: 'RESIDENCE_UNCONFIRMED',
    })
  })
})

describe('居住核验 by the committee', () => {
  freshDatabasePerGroup()
  const newcomer = personOf(who.newcomer)
  const other = demoDataSet.people.find((p) => p.residence?.status === 'pending' && p.communityId === urban._id && p._id !== newcomer._id)!

  it('lists newcomers to the community’s own committee, and on its waiting list below every need', async () => {
    const { newcomers } = await ok(call(who.committeeUrban, 'newcomers', { communityId: urban._id }))
    expect(newcomers.map((n) => n.name)).toEqual([newcomer.name, other.name])
    expect(newcomers[0]).toMatchObject({ phone: newcomer.phone, phoneSource: 'wechat', addressDetail: newcomer.addressDetail })
    expect(await failure(call(who.committeeRural, 'newcomers', { communityId: urban._id }))).toEqual({ code: 'FORBIDDEN' })
    expect(await failure(call(newcomer.openid, 'newcomers', { communityId: urban._id }))).toEqual({ code: 'FORBIDDEN' })

    // A need raised just now still ranks above the newcomers who have waited since February.
    await ok(callNeeds(who.resident, 'raise', raiseInput()))
    const { items } = await ok(callReports(who.committeeUrban, 'waiting', { communityId: urban._id }))
    const kinds = items.map((i) => i.kind)
    expect(kinds.slice(-2)).toEqual(['newcomer', 'newcomer'])
    expect(items.at(-1)).toMatchObject({ kindLabel: '新居民待确认居住', page: `/pages/committee/newcomers/index?communityId=${urban._id}` })
  })

  it('lets no other committee, resident or newcomer answer, and a refused answer changes nothing', async () => {
    const before = await stored()
    expect(await failure(call(who.committeeRural, 'confirm', { personId: newcomer._id }))).toEqual({ code: 'FORBIDDEN' })
    expect(await failure(call(who.resident, 'confirm', { personId: newcomer._id }))).toEqual({ code: 'FORBIDDEN' })
    expect(await failure(call(newcomer.openid, 'confirm', { personId: newcomer._id }))).toEqual({ code: 'FORBIDDEN' })
    expect(await failure(call(who.committeeUrban, 'decline', { personId: newcomer._id, reason: ' ' }))).toEqual({
      code: 'INVALID_INPUT',
      field: 'data.reason',
    })
    expect(await failure(call(who.committeeUrban, 'confirm', { personId: 'p-nobody' }))).toEqual({
      code: 'NOT_FOUND',
      field: 'data.personId',
    })
    // Someone the committee registered itself has nothing to confirm.
    expect(await failure(call(who.committeeUrban, 'confirm', { personId: personOf(who.resident)._id }))).toEqual({ code: 'CONFLICT' })
    expect(await stored()).toEqual(before)
  })

  it('never lets a committee member confirm themself', async () => {
    // Appointed to the committee while their own residence still waits: another member answers, not they.
    const self = 'o-newcomer-on-committee'
    await ok(call(self, 'join', joinInput()))
    const member = (await personWith(self))!
    await insertAll('roles', [
      {
        _id: 'r-newcomer-on-committee',
        openid: self,
        role: 'committee',
        communityId: urban._id,
        grantedBy: 'test',
        grantedAt: testClock.now(),
      },
    ])
    expect(await failure(call(self, 'confirm', { personId: member._id }))).toEqual({ code: 'FORBIDDEN', field: 'data.personId' })
    expect((await personWith(self))!.residence!.status).toBe('pending')
  })

  it('confirms, correcting the 小区, once; the resident may then join an organisation', async () => {
    await ok(call(who.committeeUrban, 'confirm', { personId: other._id, neighbourhood: '沁园小区' }))
    const confirmed = (await personWith(other.openid))!
    expect(confirmed).toMatchObject({ neighbourhood: '沁园小区', residence: { status: 'confirmed', decidedBy: who.committeeUrban } })
    expect(await failure(call(who.committeeUrban, 'confirm', { personId: other._id }))).toEqual({ code: 'CONFLICT' })
    expect((await ok(call(other.openid, 'mine', {}))).residence).toMatchObject({ status: 'confirmed', neighbourhood: '沁园小区' })
    const audit = ((await allDocuments('audit_log')) as AuditDoc[]).filter((e) => e.action === 'residence.confirm')
    expect(audit).toEqual([expect.objectContaining({ targetOpenid: other.openid, reason: '小区更正为沁园小区', communityId: urban._id })])

    const organisation = demoDataSet.organisations.find((o) => o.communityId === urban._id && o.status === 'approved')!
    const { code } = await ok(callOrganisations(who.organisationLead, 'invitation', { organisationId: organisation._id }))
    expect((await ok(callOrganisations(other.openid, 'join', { code }))).status).toBe('pending')
  })

  it('declines with a reason the person reads; they are no longer a resident and may join again', async () => {
    await ok(call(who.committeeUrban, 'decline', { personId: newcomer._id, reason: '本社区没有这个门牌号，请核对后重新申请' }))
    const { residence } = await ok(call(newcomer.openid, 'mine', {}))
    expect(residence).toMatchObject({ status: 'declined', reason: '本社区没有这个门牌号，请核对后重新申请', community: { id: urban._id } })
    expect(await failure(callNeeds(newcomer.openid, 'raise', raiseInput({ location: place(240) })))).toEqual({ code: 'NOT_REGISTERED' })
    expect(await failure(call(who.committeeUrban, 'decline', { personId: newcomer._id, reason: '再拒一次' }))).toEqual({ code: 'CONFLICT' })

    await ok(call(newcomer.openid, 'join', joinInput({ name: newcomer.name, room: '602' })))
    expect(await personWith(newcomer.openid)).toMatchObject({
      _id: newcomer._id,
      residence: { status: 'pending' },
      addressDetail: '12号楼1单元602',
    })
  })

  it('gives the committee its community’s link and QR code to print', async () => {
    const invitation = await ok(call(who.committeeUrban, 'invitation', { communityId: urban._id }))
    expect(invitation).toEqual({
      joinPath: `pages/joining/community/index?communityId=${urban._id}`,
      qrImage: expect.stringMatching(/^data:image\/png;base64,/),
    })
    expect(await failure(call(who.committeeRural, 'invitation', { communityId: urban._id }))).toEqual({ code: 'FORBIDDEN' })
  })
})
