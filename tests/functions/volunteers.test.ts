/**
 * 志愿者资料 and 星级 (issue 18): the profile and its bad input, a pause hiding the volunteer from
 * assignment, who fits first, and stars reached through the time bank's own crediting.
 */
import { demoIdentities as who, demoPerson as personOf } from '../../local/seed/demo-data'
import type { InboxDoc, OutboxDoc, ServiceRecordDoc } from '../../server/data/documents'
import { allDocuments, insertAll } from '../../server/data/maintenance'
import { creditServiceRecords, pendingServiceRecord } from '../../server/timebank/credit'
import type { VolunteerProfileInput } from '../../shared/contracts/organisations'
import { inShanghai } from '../../shared/domain/time'
import { EVERYONE_CONSENTED, freshDatabasePerTest, testClock } from '../support/database'
import { callCare, callNeeds, callOrganisations as call, failure, ok, outbox, sentSince } from './calls'

const urban = 'c-zd-qinyuan'
const xiyanghong = 'org-qy-xiyanghong'
const lead = who.organisationLead
const gaoPeng = 'demo-gao-peng'
const caoLihua = 'demo-cao-lihua'
const memberId = (openid: string) => `r-vol-qy-xiyanghong-${openid.replace('demo-', '')}`

const profile = (fields: Partial<VolunteerProfileInput> = {}): VolunteerProfileInput => ({
  skills: ['助餐'],
  tags: ['会做饭'],
  availability: ['weekend-morning'],
  rangeM: 1000,
  paused: null,
  ...fields,
})
const volunteerDocs = () => allDocuments('volunteers')

/** A need 杨丽 raised, given by the committee to 夕阳红, which accepts it. */
async function acceptedNeed() {
  const { need } = await ok(
    callNeeds(personOf(who.resident).openid, 'raise', {
      helpKind: '亲情陪伴',
      urgency: 'normal',
      description: '想有人来陪我说说话。',
      neighbourhood: '柳泉花园',
      addressDetail: '12号楼1单元1502',
      contactPhone: '18653312469',
    }),
  )
  await ok(callNeeds(who.committeeUrban, 'assign', { needId: need.id, organisationId: xiyanghong }))
  return need.id
}

describe('the volunteer profile', () => {
  freshDatabasePerTest()

  it('starts from the defaults, and reads back what was saved', async () => {
    const first = await ok(call(gaoPeng, 'myProfile', {}))
    expect(first).toMatchObject({ filledIn: false, pausedNow: false, profile: { skills: [], rangeM: 1000, paused: null } })
    const today = inShanghai(testClock.now()).format('YYYY-MM-DD')
    const saved = await ok(call(gaoPeng, 'saveProfile', profile({ paused: { until: today, reason: '  住院  ' } })))
    expect(saved).toMatchObject({
      filledIn: true,
      pausedNow: true,
      profile: { skills: ['助餐'], paused: { until: today, reason: '住院' } },
    })
    expect(await ok(call(gaoPeng, 'myProfile', {}))).toEqual(saved)
  })

  it('refuses bad input with the field at fault, and changes nothing', async () => {
    await ok(call(gaoPeng, 'saveProfile', profile()))
    const before = await volunteerDocs()
    const yesterday = inShanghai(testClock.now()).subtract(1, 'day').format('YYYY-MM-DD')
    const cases: [Partial<VolunteerProfileInput>, { code: string; field: string }][] = [
      [{ skills: ['修电脑' as '助餐'] }, { code: 'INVALID_INPUT', field: 'data.skills.0' }],
      [{ skills: ['助餐', '助餐'] }, { code: 'INVALID_INPUT', field: 'data.skills' }],
      [{ tags: ['一', '二', '三', '四', '五', '六'] }, { code: 'INVALID_INPUT', field: 'data.tags' }],
      [{ tags: ['会做饭会做饭会做饭会做'] }, { code: 'INVALID_INPUT', field: 'data.tags.0' }],
      [{ rangeM: 2000 as 1000 }, { code: 'INVALID_INPUT', field: 'data.rangeM' }],
      [{ availability: ['weekday-night' as 'weekday-evening'] }, { code: 'INVALID_INPUT', field: 'data.availability.0' }],
      [{ paused: { until: yesterday } }, { code: 'INVALID_INPUT', field: 'data.paused.until' }],
      [{ tags: ['会做饭', '带人赌博'] }, { code: 'CONTENT_REJECTED', field: 'data.tags.1' }],
      [{ paused: { reason: '去搞诈骗' } }, { code: 'CONTENT_REJECTED', field: 'data.paused.reason' }],
    ]
    for (const [change, refusal] of cases) expect(await failure(call(gaoPeng, 'saveProfile', profile(change)))).toEqual(refusal)
    expect(await volunteerDocs()).toEqual(before)
    expect((await ok(call(gaoPeng, 'myProfile', {}))).profile.tags).toEqual(['会做饭'])
  })
})

describe('assigning work', () => {
  freshDatabasePerTest()

  it('hides a paused volunteer from assignment and refuses them by id, for a need and for a visit', async () => {
    const needId = await acceptedNeed()
    await ok(call(gaoPeng, 'saveProfile', profile({ paused: { reason: '住院' } })))
    const { candidates, pausedCount } = await ok(call(lead, 'candidates', { organisationId: xiyanghong, needId }))
    expect(candidates.map((c) => c.memberId)).not.toContain(memberId(gaoPeng))
    expect(candidates.map((c) => c.memberId)).toContain(memberId(caoLihua))
    expect(pausedCount).toBe(1)

    const before = await allDocuments('needs')
    expect(
      await failure(
        callNeeds(lead, 'assignVolunteers', { organisationId: xiyanghong, needId, memberIds: [memberId(caoLihua), memberId(gaoPeng)] }),
      ),
    ).toEqual({ code: 'CONFLICT', field: 'data.memberIds.1' })
    expect(await allDocuments('needs')).toEqual(before)

    const forVisit = await ok(call(who.committeeUrban, 'candidates', { organisationId: xiyanghong, careEntryId: 'care-li-dezhong' }))
    expect(forVisit.candidates.map((c) => c.memberId)).not.toContain(memberId(gaoPeng))
    expect(
      await failure(callCare(who.committeeUrban, 'pair', { entryId: 'care-li-dezhong', volunteerMemberIds: [memberId(gaoPeng)] })),
    ).toEqual({ code: 'CONFLICT', field: 'data.volunteerMemberIds.0' })

    // The lead sees why; the committee only that they pause.
    const asLead = (await ok(call(lead, 'members', { organisationId: xiyanghong }))).members.find((m) => m.memberId === memberId(gaoPeng))
    expect(asLead).toMatchObject({ paused: true, pause: { reason: '住院' } })
    const asCommittee = (await ok(call(who.committeeUrban, 'members', { organisationId: xiyanghong }))).members.find(
      (m) => m.memberId === memberId(gaoPeng),
    )
    expect(asCommittee?.paused).toBe(true)
    expect(asCommittee?.pause).toBeUndefined()

    // Back from the pause: assignable again.
    await ok(call(gaoPeng, 'saveProfile', profile()))
    await ok(callNeeds(lead, 'assignVolunteers', { organisationId: xiyanghong, needId, memberIds: [memberId(gaoPeng)] }))
  })

  it('lists who fits first, saying why and what each already carries', async () => {
    const needId = await acceptedNeed()
    await ok(
      call(
        caoLihua,
        'saveProfile',
        profile({
          skills: ['亲情陪伴'],
          availability: [
            'weekday-morning',
            'weekday-afternoon',
            'weekday-evening',
            'weekend-morning',
            'weekend-afternoon',
            'weekend-evening',
          ],
          rangeM: 5000,
        }),
      ),
    )
    await ok(call(gaoPeng, 'saveProfile', profile({ skills: ['法律援助'], availability: [] })))
    const loadOf = async (openid: string) =>
      (await ok(call(lead, 'candidates', { organisationId: xiyanghong, needId }))).candidates.find((c) => c.memberId === memberId(openid))!
        .load
    const gaoBefore = await loadOf(gaoPeng)
    await ok(callNeeds(lead, 'assignVolunteers', { organisationId: xiyanghong, needId, memberIds: [memberId(gaoPeng)] }))
    const { candidates } = await ok(call(lead, 'candidates', { organisationId: xiyanghong, needId }))
    expect(candidates[0]).toMatchObject({ memberId: memberId(caoLihua), fits: { skill: true, free: true, near: true } })
    expect(candidates[0].reasons.slice(0, 3)).toEqual([
      '擅长亲情陪伴',
      expect.stringMatching(/^(工作日|周末)(上午|下午|晚上)有空$/),
      expect.stringMatching(/^离得近/),
    ])
    const gao = candidates.find((c) => c.memberId === memberId(gaoPeng))!
    expect(gao).toMatchObject({ fits: { skill: false, free: false }, load: gaoBefore + 1 })
    expect(gao.reasons.at(-1)).toBe(`手上 ${gaoBefore + 1} 件`)
    // Someone who never filled in a profile comes after those who fit.
    const xuMin = candidates.findIndex((c) => c.memberId === memberId(who.volunteer))
    expect(xuMin).toBeGreaterThan(0)
    expect(candidates[xuMin].reasons).toContain('还没填志愿者资料')
  })

  it('ranks only for a need of the organisation and a person on the caller’s own register', async () => {
    expect(await failure(call(lead, 'candidates', { organisationId: xiyanghong, needId: 'no-such-need' }))).toEqual({
      code: 'NOT_FOUND',
      field: 'data.needId',
    })
    expect(await failure(call(lead, 'candidates', { organisationId: xiyanghong, careEntryId: 'care-li-dezhong' }))).toEqual({
      code: 'FORBIDDEN',
      field: 'data.careEntryId',
    })
  })
})

describe('星级 through the time bank', () => {
  freshDatabasePerTest(EVERYONE_CONSENTED)

  let records = 0
  /** A confirmed service of `minutes` on day `day` of 2025 (far from any demo service), credited as needs and activities do. */
  async function serve(openid: string, minutes: number, day: number) {
    const served = inShanghai('2025-01-01T10:00:00+08:00').add(day, 'day').toDate()
    const record: ServiceRecordDoc = pendingServiceRecord({
      _id: `star-service-${++records}`,
      openid,
      communityId: urban,
      organisationId: xiyanghong,
      source: { kind: 'activity', id: `star-activity-${records}`, title: `测试活动 ${records}` },
      minutes,
      servedAt: served,
      confirmedByOpenid: lead,
      confirmedAt: served,
    })
    await insertAll('service_records', [record])
    expect(await creditServiceRecords([record._id], testClock.now())).toEqual(['credited'])
  }
  const starMessages = async (openid: string) =>
    ((await allDocuments('inbox')) as InboxDoc[]).filter((m) => m.kind === 'starReached' && m.openid === openid)

  it('reaches one star at 100:00 hours, not at 99:59, with exactly one message; the member list shows it', async () => {
    const already = (await ok(call(gaoPeng, 'myProfile', {}))).stars.countedMinutes
    // Under the 12-hour daily cap: a day at a time.
    let left = 100 * 60 - 1 - already
    for (let day = 0; left > 0; day++) {
      await serve(gaoPeng, Math.min(left, 600), day)
      left -= Math.min(left, 600)
    }
    expect((await ok(call(gaoPeng, 'myProfile', {}))).stars).toEqual({
      stars: 0,
      label: '',
      countedMinutes: 5999,
      minutesToNext: 1,
      nextLabel: '一星志愿者',
    })
    expect(await starMessages(gaoPeng)).toEqual([])

    const sentBefore = await outbox()
    await serve(gaoPeng, 1, 100)
    expect((await ok(call(gaoPeng, 'myProfile', {}))).stars).toEqual({
      stars: 1,
      label: '一星志愿者',
      countedMinutes: 6000,
      minutesToNext: 200 * 60,
      nextLabel: '二星志愿者',
    })
    const [message, ...more] = await starMessages(gaoPeng)
    expect(more).toEqual([])
    expect(message.lines.map((l) => l.value)).toEqual(['一星志愿者', '累计 100 小时', '感谢您为邻里付出的每一小时'])
    const sent = (await sentSince(sentBefore)).filter((m: OutboxDoc) => m.template === 'starReached')
    expect(sent.map((m) => [m.toOpenid, m.result?.status])).toEqual([[gaoPeng, 'sent']])

    // Another hour is no new star, and no message.
    await serve(gaoPeng, 60, 101)
    expect(await starMessages(gaoPeng)).toHaveLength(1)

    const { members } = await ok(call(lead, 'members', { organisationId: xiyanghong }))
    expect(members.find((m) => m.memberId === memberId(gaoPeng))?.stars).toMatchObject({ stars: 1, label: '一星志愿者' })
    expect(members.find((m) => m.memberId === memberId(caoLihua))?.stars).toMatchObject({ stars: 0, label: '' })
  })
})
