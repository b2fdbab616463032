/**
 * The care function through the SDK against the stand-in (docs/decisions/011): what each role sees
 * of the register and that every read is audited; registering with consent, pairing, visiting (a
 * worry raises a need), withdrawal; the month's visit rate against figures worked out here from the
 * seeded documents; reminders and escalation, once per due date.
 */
import { demoDataSet, demoIdentities as who, demoPerson } from '../../local/seed/demo-data'
import type {
  AuditDoc,
  CareEntryDoc,
  CareVisitDoc,
  DailyCreditDoc,
  EntryDoc,
  OutboxDoc,
  ServiceRecordDoc,
} from '../../server/data/documents'
import { allDocuments } from '../../server/data/maintenance'
import { runDueWork } from '../../server/scheduler/run'
import type { ActionInput } from '../../shared/contract'
import { visitAssignmentSchema, type CareContract } from '../../shared/contracts/care'
import type { SubscribeData } from '../../shared/domain/messages'
import { inShanghai } from '../../shared/domain/time'
import { DEFAULT_DAILY_CAP_MINUTES, MAX_VISIT_MINUTES, MIN_VISIT_MINUTES, shanghaiDay } from '../../shared/domain/timebank'
import { EVERYONE_CONSENTED, freshDatabasePerGroup, testClock } from '../support/database'
import { callCare as call, callCommunity, callMessages, callNeeds, callTimebank, failure, ok, visitInput } from './calls'

const urban = demoDataSet.communities.find((c) => c.kind === 'urban')!
const rural = demoDataSet.communities.find((c) => c.kind === 'rural')!
const memberId = (organisationId: string, openid: string) =>
  demoDataSet.roles.find((r) => r.organisationId === organisationId && r.openid === openid)!._id
const xiyanghong = 'org-qy-xiyanghong'
/** A volunteer of 夕阳红 paired with nobody. */
const unpairedVolunteer = 'demo-gao-peng'
const otherOffice = demoDataSet.roles.find((r) => r.role === 'civil_affairs' && r.officeId !== urban.officeId)!.openid

const audits = async () => (await allDocuments('audit_log')) as AuditDoc[]
const outbox = async () => (await allDocuments('outbox')) as OutboxDoc[]
const entryDoc = async (id: string) => ((await allDocuments('care_register')) as CareEntryDoc[]).find((e) => e._id === id)!
/** The audit entries written while `work` ran. */
async function auditedBy<T>(work: () => Promise<T>): Promise<{ result: T; written: AuditDoc[] }> {
  const before = new Set((await audits()).map((a) => a._id))
  const result = await work()
  return { result, written: (await audits()).filter((a) => !before.has(a._id)) }
}

const groupNames = ['独居老人', '高龄老人', '低保对象', '残疾人', '失能老人', '特困人员', '农村留守老人', '空巢老人']

describe('what each role sees of the register', () => {
  freshDatabasePerGroup(undefined, EVERYONE_CONSENTED)
  const urbanActive = [
    'care-wang-guilan',
    'care-zhao-shuzhen',
    'care-li-dezhong',
    'care-sun-xiuying',
    'care-song-guiying',
    'care-zhou-deshun',
  ]

  it('the committee of the community: the whole register, the most overdue first, one audit entry naming the count', async () => {
    const { result, written } = await auditedBy(() => ok(call(who.committeeUrban, 'registerList', { communityId: urban._id })))
    expect(result.entries.map((e) => e.entryId).sort()).toEqual([...urbanActive].sort())
    const due = result.entries.map((e) => new Date(e.nextDueAt!).getTime())
    expect(due).toEqual([...due].sort((a, b) => a - b))
    expect(result.entries.find((e) => e.entryId === 'care-li-dezhong')).toMatchObject({
      standing: 'overdue',
      groups: ['独居老人', '高龄老人', '残疾人'],
    })
    expect(written).toEqual([
      expect.objectContaining({
        action: 'care.list',
        actorOpenid: who.committeeUrban,
        communityId: urban._id,
        reason: '关爱对象名单 6 人',
      }),
    ])
  })

  it('the committee of the community: one whole entry with consent and visits, audited as a read of that person', async () => {
    const { result, written } = await auditedBy(() => ok(call(who.committeeUrban, 'entry', { entryId: 'care-wang-guilan' })))
    expect(result.entry).toMatchObject({
      name: '王桂兰',
      groups: ['独居老人', '高龄老人'],
      linkedResident: true,
      consent: { giverLabel: '本人', giverName: '王桂兰', methodLabel: '书面签字', recordedBy: '周海燕' },
      pairing: { organisation: { id: xiyanghong, name: '沁园社区夕阳红助老服务队' }, volunteers: [{ name: '徐敏' }] },
    })
    expect(result.entry.visits).toHaveLength(3)
    expect(written).toEqual([expect.objectContaining({ action: 'care.view', entryId: 'care-wang-guilan', targetName: '王桂兰' })])
  })

  it('the committee of another community: the same refusal for an entry there as for an id that does not exist', async () => {
    const there = await failure(call(who.committeeRural, 'entry', { entryId: 'care-wang-guilan' }))
    const nowhere = await failure(call(who.committeeRural, 'entry', { entryId: 'care-nobody' }))
    expect(there).toEqual({ code: 'FORBIDDEN' })
    expect(nowhere).toEqual(there)
    // Its own committee asking for a missing id hears the same, so ids of elsewhere cannot be probed either.
    expect(await failure(call(who.committeeUrban, 'entry', { entryId: 'care-li-guixiang' }))).toEqual(there)
    expect(await failure(call(who.committeeRural, 'registerList', { communityId: urban._id }))).toEqual({ code: 'FORBIDDEN' })
    const { entries } = await ok(call(who.committeeRural, 'registerList', { communityId: rural._id }))
    expect(entries.map((e) => e.entryId)).toEqual(['care-li-guixiang'])
  })

  it('the paired volunteer: only their own people, only what a visit needs, audited', async () => {
    const { result, written } = await auditedBy(() => call(who.volunteer, 'myVisits', {}))
    if (!result.ok) throw new Error(result.error.message)
    const { people } = result.data
    expect(people.map((p) => p.name).sort()).toEqual(['孙秀英', '王桂兰', '赵淑珍'].sort())
    for (const person of people) expect(Object.keys(person).every((key) => key in visitAssignmentSchema.shape)).toBe(true)
    // The raw answer, not the parsed one: no groups, no consent, no pairing, anywhere in it.
    const raw = JSON.stringify(result)
    for (const word of [...groupNames, 'groups', 'consent', 'giver', 'pairing', 'registeredAt', '书面签字']) expect(raw).not.toContain(word)
    expect(people.find((p) => p.name === '王桂兰')).toMatchObject({
      phone: '13953318426',
      emergencyContact: { relation: '女儿' },
      addressDetail: '3号楼2单元401',
    })
    // Their own visits only.
    expect(people.flatMap((p) => p.myLastVisits.map((v) => v.visitorName))).toEqual(expect.arrayContaining(['徐敏']))
    expect(new Set(people.flatMap((p) => p.myLastVisits.map((v) => v.visitorName)))).toEqual(new Set(['徐敏']))
    expect(written).toEqual([
      expect.objectContaining({
        action: 'care.assignments',
        actorOpenid: who.volunteer,
        communityId: urban._id,
        reason: '结对探访名单 3 人',
      }),
    ])
  })

  it('the paired volunteer: someone paired with another volunteer answers as an id that does not exist', async () => {
    const visit = { visitedAt: new Date().toISOString(), mode: 'phone', wellbeing: 'good' } as const
    const others = await failure(call(who.volunteer, 'recordVisit', visitInput({ entryId: 'care-song-guiying', ...visit })))
    expect(others).toEqual({ code: 'NOT_FOUND' })
    expect(await failure(call(who.volunteer, 'recordVisit', visitInput({ entryId: 'care-nobody', ...visit })))).toEqual(others)
    expect(await failure(call(who.volunteer, 'entry', { entryId: 'care-wang-guilan' }))).toEqual({ code: 'FORBIDDEN' })
  })

  it('a volunteer of the same organisation paired with nobody: nothing', async () => {
    expect((await ok(call(unpairedVolunteer, 'myVisits', {}))).people).toEqual([])
    const visit = { entryId: 'care-wang-guilan', visitedAt: new Date().toISOString(), mode: 'phone', wellbeing: 'good' } as const
    expect(await failure(call(unpairedVolunteer, 'recordVisit', visitInput(visit)))).toEqual({ code: 'NOT_FOUND' })
  })

  it('the lead of the paired organisation: everyone paired with the organisation, and nobody paired with a volunteer alone', async () => {
    const { people } = await ok(call(who.organisationLead, 'myVisits', {}))
    expect(people.map((p) => p.entryId).sort()).toEqual([
      'care-li-dezhong',
      'care-song-guiying',
      'care-sun-xiuying',
      'care-wang-guilan',
      'care-zhou-deshun',
    ])
    const due = people.map((p) => new Date(p.nextDueAt).getTime())
    expect(due).toEqual([...due].sort((a, b) => a - b))
    expect(people.find((p) => p.entryId === 'care-li-dezhong')).toMatchObject({
      standing: 'overdue',
      standingLabel: '已逾期',
      phone: '0533-2874315',
    })
  })

  it('a resident, the person themselves and civil affairs: refused everything, whether or not the entry exists', async () => {
    for (const openid of [who.resident, who.elderResident, who.civilAffairs, otherOffice]) {
      expect(await failure(call(openid, 'myVisits', {}))).toEqual({ code: 'FORBIDDEN' })
      expect(await failure(call(openid, 'registerList', { communityId: urban._id }))).toEqual({ code: 'FORBIDDEN' })
      expect(await failure(call(openid, 'overview', { communityId: urban._id, month: '2026-11' }))).toEqual({ code: 'FORBIDDEN' })
      for (const entryId of ['care-wang-guilan', 'care-nobody']) {
        expect(await failure(call(openid, 'entry', { entryId }))).toEqual({ code: 'FORBIDDEN' })
        expect(await failure(call(openid, 'withdrawConsent', { entryId, at: new Date().toISOString(), note: '撤回' }))).toEqual({
          code: 'FORBIDDEN',
        })
        expect(
          await failure(
            call(openid, 'recordVisit', visitInput({ entryId, visitedAt: new Date().toISOString(), mode: 'phone', wellbeing: 'good' })),
          ),
        ).toEqual({
          code: 'FORBIDDEN',
        })
      }
    }
  })

  it('civil affairs reads the audit log without the names of people on the register; the committee reads them', async () => {
    await ok(call(who.committeeUrban, 'entry', { entryId: 'care-wang-guilan' }))
    const committee = await ok(callCommunity(who.committeeUrban, 'auditLog', { communityId: urban._id, limit: 50 }))
    const office = await ok(callCommunity(who.civilAffairs, 'auditLog', { communityId: urban._id, limit: 50 }))
    const viewed = (entries: typeof office.entries) => entries.filter((e) => e.action === 'care.view')
    expect(viewed(committee.entries).map((e) => e.targetName)).toContain('王桂兰')
    expect(viewed(committee.entries).every((e) => e.targetName)).toBe(true)
    expect(viewed(office.entries)).toHaveLength(viewed(committee.entries).length)
    expect(viewed(office.entries).map((e) => e.targetName)).toEqual(viewed(office.entries).map(() => undefined))
    expect(JSON.stringify(office)).not.toContain('王桂兰')
  })

  it('every read writes an audit entry, and a refusal writes none', async () => {
    const { written } = await auditedBy(async () => {
      await ok(call(who.committeeUrban, 'registerList', { communityId: urban._id }))
      await ok(call(who.committeeUrban, 'entry', { entryId: 'care-wang-guilan' }))
      await ok(call(who.committeeRural, 'registerList', { communityId: rural._id }))
      await ok(call(who.volunteer, 'myVisits', {}))
      await ok(call(who.organisationLead, 'myVisits', {}))
      await failure(call(who.committeeRural, 'entry', { entryId: 'care-wang-guilan' }))
      await failure(call(who.resident, 'registerList', { communityId: urban._id }))
      await failure(call(unpairedVolunteer, 'entry', { entryId: 'care-wang-guilan' }))
    })
    expect(written.map((a) => [a.action, a.actorOpenid]).sort()).toEqual(
      [
        ['care.list', who.committeeUrban],
        ['care.view', who.committeeUrban],
        ['care.list', who.committeeRural],
        ['care.assignments', who.volunteer],
        ['care.assignments', who.organisationLead],
      ].sort(),
    )
  })
})

describe('registering with consent, pairing, visiting, withdrawing', () => {
  freshDatabasePerGroup(undefined, EVERYONE_CONSENTED)
  const yangLi = demoDataSet.people.find((p) => p.openid === who.resident)!
  const consent = () =>
    ({
      giver: 'self',
      giverName: '杨丽',
      method: 'signed_form',
      at: new Date(testClock.now().getTime() - 3_600_000).toISOString(),
    }) as const
  const person = (): ActionInput<CareContract, 'register'> => ({
    communityId: urban._id,
    residentId: yangLi._id,
    name: '杨丽',
    phone: '18653312469',
    neighbourhood: '柳泉花园',
    addressDetail: '12号楼1单元1502',
    groups: ['残疾人'],
    careNeeds: '坐轮椅，出门需要有人帮忙推一下。',
    emergencyContact: { name: '杨军', relation: '哥哥', phone: '13953301846' },
    consent: consent(),
  })
  /** The same person as a register entry of its own, not linked to a resident (so any test may add one), at her home. */
  const unlinked = (): ActionInput<CareContract, 'register'> => {
    const { residentId: _, ...rest } = person()
    return { ...rest, location: yangLi.location!.coordinates }
  }
  /** A fresh entry of this test's own, paired with the volunteer when asked, through 夕阳红 when `throughOrganisation`. */
  async function anEntry(
    options: { pairedWith?: string; name?: string; throughOrganisation?: boolean } = {},
  ): Promise<{ entryId: string; registeredAt: number }> {
    const { entry } = await ok(call(who.committeeUrban, 'register', { ...unlinked(), ...(options.name ? { name: options.name } : {}) }))
    if (options.pairedWith)
      await ok(
        call(who.committeeUrban, 'pair', {
          entryId: entry.entryId,
          ...(options.throughOrganisation ? { organisationId: xiyanghong } : {}),
          volunteerMemberIds: [memberId(xiyanghong, options.pairedWith)],
        }),
      )
    return { entryId: entry.entryId, registeredAt: (await entryDoc(entry.entryId)).registeredAt.getTime() }
  }
  const visitNow = (entryId: string) =>
    ok(
      call(
        who.volunteer,
        'recordVisit',
        visitInput({ entryId, visitedAt: testClock.now().toISOString(), mode: 'in_person', wellbeing: 'good' }),
      ),
    )

  it('the committee registers a resident with their separate consent; the place is their home; a first visit is due within a week', async () => {
    const before = testClock.now().getTime()
    const given = person()
    const { entry } = await ok(call(who.committeeUrban, 'register', given))
    const registeredAt = (await entryDoc(entry.entryId)).registeredAt.getTime()
    expect(registeredAt).toBeGreaterThanOrEqual(before)
    expect(entry).toMatchObject({
      active: true,
      linkedResident: true,
      location: yangLi.location!.coordinates,
      frequency: 'monthly',
      consent: { giverLabel: '本人', giverName: '杨丽', methodLabel: '书面签字', at: given.consent.at, recordedBy: '周海燕' },
      pairing: { volunteers: [] },
      visits: [],
    })
    expect(new Date(entry.nextDueAt!).getTime()).toBe(registeredAt + 7 * 86_400_000)
    // From the moment after registration she is due this week.
    const { entries } = await ok(call(who.committeeUrban, 'registerList', { communityId: urban._id, standing: 'due_soon' }))
    expect(entries.map((e) => e.entryId)).toContain(entry.entryId)
    expect((await audits()).filter((a) => a.entryId === entry.entryId).map((a) => a.action)).toEqual(['care.register'])
  })

  it('someone without the mini-program is placed at the community centre', async () => {
    const { residentId: _, ...withoutResident } = person()
    const { entry } = await ok(
      call(who.committeeUrban, 'register', {
        ...withoutResident,
        name: '陈桂芳',
        phone: undefined,
        consent: { ...consent(), giver: 'guardian', giverName: '陈军' },
      }),
    )
    expect(entry).toMatchObject({
      linkedResident: false,
      location: urban.centre.coordinates,
      consent: { giverLabel: '监护人', giverName: '陈军' },
    })
    expect(entry.phone).toBeUndefined()
  })

  it('refuses a place outside the community’s service area, where no worry of a visit could be raised', async () => {
    const { entryId } = await anEntry()
    const village = rural.centre.coordinates
    expect(await failure(call(who.committeeUrban, 'register', { ...unlinked(), name: '陈桂芳', location: village }))).toEqual({
      code: 'OUTSIDE_SERVICE_AREA',
      field: 'data.location',
    })
    expect(await failure(call(who.committeeUrban, 'update', { entryId, location: village }))).toEqual({
      code: 'OUTSIDE_SERVICE_AREA',
      field: 'data.location',
    })
  })

  it('refuses the same resident twice, a resident elsewhere, consent in the future and flagged care needs', async () => {
    // A resident nobody else here registers, so that this test alone decides she is on the register once.
    const maXiaodong = { ...person(), residentId: demoDataSet.people.find((p) => p.openid === 'demo-ma-xiaodong')!._id, name: '马晓东' }
    await ok(call(who.committeeUrban, 'register', maXiaodong))
    expect(await failure(call(who.committeeUrban, 'register', maXiaodong))).toEqual({ code: 'CONFLICT', field: 'data.residentId' })
    const elsewhere = demoDataSet.people.find((p) => p.communityId === rural._id)!
    expect(await failure(call(who.committeeUrban, 'register', { ...person(), residentId: elsewhere._id }))).toEqual({
      code: 'NOT_FOUND',
      field: 'data.residentId',
    })
    const tomorrow = new Date(testClock.now().getTime() + 86_400_000).toISOString()
    expect(await failure(call(who.committeeUrban, 'register', { ...unlinked(), consent: { ...consent(), at: tomorrow } }))).toEqual({
      code: 'INVALID_INPUT',
      field: 'data.consent.at',
    })
    expect(await failure(call(who.committeeUrban, 'register', { ...unlinked(), careNeeds: '帮他戒赌博' }))).toEqual({
      code: 'CONTENT_REJECTED',
      field: 'data.careNeeds',
    })
  })

  it('pairs only approved organisations of the community and their members', async () => {
    const { entryId } = await anEntry()
    const pair = (data: { organisationId?: string; volunteerMemberIds?: string[] }) =>
      call(who.committeeUrban, 'pair', { entryId, ...data })
    expect(await failure(pair({ organisationId: 'org-th-qiaosao' }))).toEqual({ code: 'NOT_FOUND', field: 'data.organisationId' })
    expect(await failure(pair({ organisationId: 'org-qy-shuhua' }))).toEqual({ code: 'NOT_FOUND', field: 'data.organisationId' })
    const ruralMember = memberId('org-th-qiaosao', 'demo-pu-xiaojuan')
    expect(await failure(pair({ volunteerMemberIds: [memberId(xiyanghong, unpairedVolunteer), ruralMember] }))).toEqual({
      code: 'NOT_FOUND',
      field: 'data.volunteerMemberIds.1',
    })
    const { entry } = await ok(pair({ organisationId: xiyanghong, volunteerMemberIds: [memberId(xiyanghong, unpairedVolunteer)] }))
    expect(entry.pairing).toEqual({
      organisation: { id: xiyanghong, name: '沁园社区夕阳红助老服务队' },
      volunteers: [{ memberId: memberId(xiyanghong, unpairedVolunteer), name: '高鹏' }],
    })
    expect((await ok(call(unpairedVolunteer, 'myVisits', {}))).people.map((p) => p.entryId)).toEqual([entryId])
  })

  it('re-pairing replaces the pairing: the volunteer left out no longer sees the person', async () => {
    const { entryId } = await anEntry({ pairedWith: unpairedVolunteer })
    await ok(
      call(who.committeeUrban, 'pair', {
        entryId,
        organisationId: xiyanghong,
        volunteerMemberIds: [memberId(xiyanghong, unpairedVolunteer)],
      }),
    )
    expect((await ok(call(unpairedVolunteer, 'myVisits', {}))).people.map((p) => p.entryId)).toContain(entryId)
    const { entry } = await ok(call(who.committeeUrban, 'pair', { entryId, volunteerMemberIds: [memberId(xiyanghong, who.volunteer)] }))
    expect(entry.pairing).toEqual({ volunteers: [{ memberId: memberId(xiyanghong, who.volunteer), name: '徐敏' }] })
    expect((await ok(call(unpairedVolunteer, 'myVisits', {}))).people.map((p) => p.entryId)).not.toContain(entryId)
    expect((await ok(call(who.volunteer, 'myVisits', {}))).people.map((p) => p.entryId)).toContain(entryId)
    // No longer paired with the organisation either: its lead does not see her.
    expect((await ok(call(who.organisationLead, 'myVisits', {}))).people.map((p) => p.entryId)).not.toContain(entryId)
  })

  it('a visit may not be in the future, before registration, or carry flagged notes', async () => {
    const { entryId, registeredAt } = await anEntry({ pairedWith: who.volunteer })
    const visit = (data: object) =>
      call(
        who.volunteer,
        'recordVisit',
        visitInput({
          entryId,
          visitedAt: testClock.now().toISOString(),
          mode: 'in_person',
          wellbeing: 'good',
          ...data,
        }),
      )
    expect(await failure(visit({ visitedAt: new Date(testClock.now().getTime() + 3_600_000).toISOString() }))).toEqual({
      code: 'INVALID_INPUT',
      field: 'data.visitedAt',
    })
    expect(await failure(visit({ visitedAt: new Date(registeredAt - 60_000).toISOString() }))).toEqual({
      code: 'INVALID_INPUT',
      field: 'data.visitedAt',
    })
    expect(await failure(visit({ notes: '他说楼下有人聚众赌博' }))).toEqual({ code: 'CONTENT_REJECTED', field: 'data.notes' })
    expect((await allDocuments('care_visits')).filter((v) => (v as CareVisitDoc).entryId === entryId)).toEqual([])
  })

  it('the paired volunteer records a visit: last visit and next due move on, and the read is audited', async () => {
    const { entryId } = await anEntry({ pairedWith: who.volunteer })
    const visitedAt = testClock.now()
    const { result, written } = await auditedBy(() =>
      ok(
        call(
          who.volunteer,
          'recordVisit',
          visitInput({
            entryId,
            visitedAt: visitedAt.toISOString(),
            mode: 'in_person',
            wellbeing: 'good',
            notes: '聊了很久，情绪不错。',
          }),
        ),
      ),
    )
    expect(result.visit).toMatchObject({
      modeLabel: '上门探访',
      wellbeingLabel: '良好',
      visitorName: '徐敏',
      notes: '聊了很久，情绪不错。',
    })
    expect(result.visit.needId).toBeUndefined()
    const nextMonth = inShanghai(visitedAt).add(1, 'month').toISOString()
    expect(result.person).toMatchObject({ lastVisitAt: visitedAt.toISOString(), nextDueAt: nextMonth, standing: 'upcoming' })
    expect(result.person.myLastVisits.map((v) => v.visitId)).toEqual([result.visit.visitId])
    expect(written).toEqual([expect.objectContaining({ action: 'care.visit', entryId, actorOpenid: who.volunteer })])
  })

  it('a worry becomes a need in the same step, raised by the volunteer for the person, at her place with her phone', async () => {
    const { entryId } = await anEntry({ pairedWith: who.volunteer })
    const { visit } = await ok(
      call(
        who.volunteer,
        'recordVisit',
        visitInput({
          entryId,
          visitedAt: testClock.now().toISOString(),
          mode: 'in_person',
          wellbeing: 'poor',
          worry: { helpKind: '助残', urgency: 'urgent', description: '轮椅的刹车坏了，出门很危险，想请人帮忙修一下。' },
        }),
      ),
    )
    expect(visit.needId).toEqual(expect.any(String))
    const { need } = await ok(callNeeds(who.committeeUrban, 'detail', { needId: visit.needId! }))
    expect(need).toMatchObject({
      helpKind: '助残',
      urgency: 'urgent',
      communityId: urban._id,
      requesterName: '徐敏',
      forNeighbour: { name: '杨丽' },
      neighbourhood: '柳泉花园',
      addressDetail: '12号楼1单元1502',
      contactPhone: '18653312469',
      location: yangLi.location!.coordinates,
    })
    // Matched like any need.
    expect(need.status).toBe('matching')
    const { entry } = await ok(call(who.committeeUrban, 'entry', { entryId }))
    expect(entry.visits.find((v) => v.visitId === visit.visitId)?.needId).toBe(visit.needId)
  })

  describe('a visit earns its 服务时长 in the time bank', () => {
    // 高鹏 visits in these tests only: his day's credits are theirs.
    const gaoPeng = unpairedVolunteer
    const records = async (visitId: string) =>
      ((await allDocuments('service_records')) as ServiceRecordDoc[]).filter((r) => r.source.kind === 'visit' && r.source.id === visitId)
    const entriesOf = async (recordId: string) =>
      ((await allDocuments('timebank_entries')) as EntryDoc[]).filter((e) => e._id === `service:${recordId}`)
    const creditedToday = async (openid: string) =>
      ((await allDocuments('timebank_daily')) as DailyCreditDoc[]).find((d) => d._id === `day:${openid}:${shanghaiDay(testClock.now())}`)
        ?.minutes ?? 0
    const visitBy = (entryId: string, fields: Partial<ActionInput<CareContract, 'recordVisit'>> = {}) =>
      visitInput({ entryId, visitedAt: testClock.now().toISOString(), mode: 'in_person', wellbeing: 'good', ...fields })

    it('credits the minutes once, however often the page sends the same visit; the organisation paired for it recorded it', async () => {
      const { entryId } = await anEntry({ pairedWith: gaoPeng, throughOrganisation: true })
      const input = visitBy(entryId, { minutes: 45 })
      const first = await ok(call(gaoPeng, 'recordVisit', input))
      expect(first.visit.minutes).toBe(45)
      // A retry after a lost answer, and two racing replays: the same visit, one record, one credit.
      const again = await ok(call(gaoPeng, 'recordVisit', input))
      const racing = await Promise.all([ok(call(gaoPeng, 'recordVisit', input)), ok(call(gaoPeng, 'recordVisit', input))])
      expect([again, ...racing].map((a) => a.visit.visitId)).toEqual(Array(3).fill(first.visit.visitId))
      const visits = ((await allDocuments('care_visits')) as CareVisitDoc[]).filter((v) => v.entryId === entryId)
      expect(visits).toHaveLength(1)
      const [record] = await records(first.visit.visitId)
      expect(await records(first.visit.visitId)).toHaveLength(1)
      expect(record).toMatchObject({ openid: gaoPeng, organisationId: xiyanghong, minutes: 45, confirmedByOpenid: gaoPeng })
      // Until the time bank's due work comes round (within the minute), the volunteer sees it on its way.
      const waiting = await ok(callTimebank(gaoPeng, 'serviceHours', {}))
      expect(waiting.records.find((r) => r.id === record._id)).toMatchObject({ countedMinutes: 0, statusLabel: '正在入账，稍后自动计入' })
      await Promise.all([runDueWork(testClock.now()), runDueWork(testClock.now())])
      expect((await records(first.visit.visitId))[0].credit.status).toBe('credited')
      expect((await entriesOf(record._id)).map((e) => e.minutes)).toEqual([45])
      // The same request id sent for someone else is not taken for a new visit.
      const other = await anEntry({ pairedWith: gaoPeng, throughOrganisation: true })
      expect(await failure(call(gaoPeng, 'recordVisit', { ...input, entryId: other.entryId }))).toEqual({
        code: 'CONFLICT',
        field: 'data.requestId',
      })
      // The due work finds nothing left to credit.
      await runDueWork(testClock.now())
      expect(await entriesOf(record._id)).toHaveLength(1)
      const hours = await ok(callTimebank(gaoPeng, 'serviceHours', {}))
      expect(hours.records.find((r) => r.id === record._id)).toEqual({
        id: record._id,
        service: expect.objectContaining({
          kind: 'visit',
          kindLabel: '探访',
          organisationId: xiyanghong,
          organisationName: '沁园社区夕阳红助老服务队',
        }),
        recordedMinutes: 45,
        countedMinutes: 45,
        statusLabel: '已入账',
        confirmedByName: demoPerson(gaoPeng).name,
      })
    })

    it('over the day’s cap, the rest waits for the committee', async () => {
      const { entryId } = await anEntry({ pairedWith: gaoPeng, throughOrganisation: true })
      const before = await creditedToday(gaoPeng)
      await ok(callTimebank(who.committeeUrban, 'settings', { communityId: urban._id, dailyCapMinutes: before + 60 }))
      try {
        const { visit } = await ok(call(gaoPeng, 'recordVisit', visitBy(entryId, { minutes: 90 })))
        await runDueWork(testClock.now())
        const [record] = await records(visit.visitId)
        expect(record.credit).toMatchObject({ status: 'held', heldMinutes: 30 })
        expect((await entriesOf(record._id)).map((e) => e.minutes)).toEqual([60])
        const { held } = await ok(callTimebank(who.committeeUrban, 'heldCredits', { communityId: urban._id }))
        expect(held.find((h) => h.id === `held:${record._id}`)).toMatchObject({ heldMinutes: 30, service: { kind: 'visit' } })
      } finally {
        await ok(callTimebank(who.committeeUrban, 'settings', { communityId: urban._id, dailyCapMinutes: DEFAULT_DAILY_CAP_MINUTES }))
      }
    })

    it('refuses minutes a visit could not take, naming the field, and records nothing', async () => {
      const { entryId } = await anEntry({ pairedWith: gaoPeng, throughOrganisation: true })
      for (const minutes of [MIN_VISIT_MINUTES - 1, MAX_VISIT_MINUTES + 1, 30.5, -30]) {
        expect(await failure(call(gaoPeng, 'recordVisit', visitBy(entryId, { minutes })))).toEqual({
          code: 'INVALID_INPUT',
          field: 'data.minutes',
        })
      }
      expect(((await allDocuments('care_visits')) as CareVisitDoc[]).filter((v) => v.entryId === entryId)).toEqual([])
    })

    it('a visit no organisation was paired for is the committee’s to certify, for its minutes only', async () => {
      const { entryId } = await anEntry({ pairedWith: gaoPeng })
      const { visit } = await ok(call(gaoPeng, 'recordVisit', visitBy(entryId, { minutes: 25 })))
      await runDueWork(testClock.now())
      const [record] = await records(visit.visitId)
      expect(record.organisationId).toBeUndefined()
      const committee = { kind: 'committee' as const, id: urban._id, name: '沁园社区居民委员会' }
      const hours = await ok(callTimebank(gaoPeng, 'serviceHours', {}))
      expect(hours.byIssuer).toContainEqual({ issuer: committee, minutes: 25 })
      const day = shanghaiDay(testClock.now())
      const { certificate } = await ok(
        callTimebank(gaoPeng, 'issueCertificate', { from: day, to: day, issuer: { kind: 'committee', id: urban._id } }),
      )
      expect(certificate).toMatchObject({
        totalMinutes: 25,
        issuer: { kind: 'committee', communityId: urban._id, name: committee.name },
        services: [`探访：结对探访（${unlinked().neighbourhood}）`],
      })
      // Never the name of the person visited: anyone with the number reads the certificate.
      expect(JSON.stringify(certificate)).not.toContain(unlinked().name)
    })
  })

  it('withdrawing consent takes her off the active register, ends the pairing and the schedule, and keeps the history', async () => {
    const { entryId } = await anEntry({ pairedWith: who.volunteer })
    await visitNow(entryId)
    await visitNow(entryId)
    const { entry } = await ok(
      call(who.committeeUrban, 'withdrawConsent', {
        entryId,
        at: testClock.now().toISOString(),
        note: '本人搬去女儿家住，电话里说不再需要。',
      }),
    )
    expect(entry).toMatchObject({
      active: false,
      pairing: { volunteers: [] },
      withdrawal: { note: '本人搬去女儿家住，电话里说不再需要。', recordedBy: '周海燕' },
    })
    expect(entry.nextDueAt).toBeUndefined()
    expect(entry.standing).toBeUndefined()
    expect(entry.visits).toHaveLength(2)
    expect(entry.consent.giverName).toBe('杨丽')
    const stored = await entryDoc(entryId)
    expect([stored.nextDueAt, stored.remindAt, stored.escalateAt, stored.pairedOpenids]).toEqual([undefined, undefined, undefined, []])
    expect((await audits()).find((a) => a.action === 'care.withdraw' && a.entryId === entryId)?.reason).toBe('结对解除：徐敏')
  })

  it('after withdrawal: no visits, no pairing, off the list unless asked for, nothing due ever again', async () => {
    // A name of her own, so that no other entry's reminders are taken for hers.
    const name = '钱桂香'
    const { entryId } = await anEntry({ pairedWith: who.volunteer, name })
    await ok(call(who.committeeUrban, 'withdrawConsent', { entryId, at: testClock.now().toISOString(), note: '不再需要。' }))
    expect((await ok(call(who.volunteer, 'myVisits', {}))).people.map((p) => p.entryId)).not.toContain(entryId)
    const visit = { entryId, visitedAt: testClock.now().toISOString(), mode: 'phone', wellbeing: 'good' } as const
    expect(await failure(call(who.volunteer, 'recordVisit', visitInput(visit)))).toEqual({ code: 'NOT_FOUND' })
    expect(await failure(call(who.committeeUrban, 'pair', { entryId, organisationId: xiyanghong }))).toEqual({ code: 'CONFLICT' })
    expect(await failure(call(who.committeeUrban, 'update', { entryId, frequency: 'weekly' }))).toEqual({ code: 'CONFLICT' })
    expect(
      await failure(call(who.committeeUrban, 'withdrawConsent', { entryId, at: testClock.now().toISOString(), note: '再次' })),
    ).toEqual({ code: 'CONFLICT' })
    const active = await ok(call(who.committeeUrban, 'registerList', { communityId: urban._id }))
    expect(active.entries.map((e) => e.entryId)).not.toContain(entryId)
    const all = await ok(call(who.committeeUrban, 'registerList', { communityId: urban._id, includeWithdrawn: true }))
    const rows = all.entries.filter((e) => !e.active)
    // Asked for, the withdrawn come last, hers with the seeded one.
    expect(rows.map((e) => e.entryId)).toEqual(expect.arrayContaining([entryId, 'care-qian-yuzhen']))
    expect(all.entries.slice(-rows.length)).toEqual(rows)
    const sent = (await outbox()).length
    await runDueWork(new Date(testClock.now().getTime() + 400 * 86_400_000))
    expect((await outbox()).slice(sent).filter((m) => m.payload.data && (m.payload.data as SubscribeData).name1?.value === name)).toEqual(
      [],
    )
  })

  it('the committee changes the frequency: the schedule follows', async () => {
    const { entry } = await ok(
      call(who.committeeUrban, 'update', { entryId: 'care-song-guiying', frequency: 'weekly', careNeeds: '耳朵背，敲门要用力。' }),
    )
    const last = new Date(entry.lastVisitAt!)
    expect(entry).toMatchObject({ frequency: 'weekly', frequencyLabel: '每周探访', careNeeds: '耳朵背，敲门要用力。' })
    expect(new Date(entry.nextDueAt!).getTime()).toBe(last.getTime() + 7 * 86_400_000)
    expect((await audits()).filter((a) => a.entryId === 'care-song-guiying').map((a) => a.action)).toEqual(['care.update'])
  })
})

describe('the month’s visit rate and the schedule, against the seeded register', () => {
  freshDatabasePerGroup(undefined, EVERYONE_CONSENTED)

  /** [start, end) of a `YYYY-MM` month in Shanghai (UTC+8, no daylight saving), worked out by hand. */
  function shanghaiMonth(month: string): [number, number] {
    const [year, m] = month.split('-').map(Number)
    return [Date.UTC(year, m - 1, 1) - 8 * 3_600_000, Date.UTC(year, m, 1) - 8 * 3_600_000]
  }
  const monthOfNow = (monthsBack: number) => {
    const shanghai = new Date(Date.now() + 8 * 3_600_000)
    const d = new Date(Date.UTC(shanghai.getUTCFullYear(), shanghai.getUTCMonth() - monthsBack, 1))
    return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`
  }

  /** The rate as the seeds define it: those on the register the whole month, visited at least once in it. */
  async function expectedRate(month: string, group?: string) {
    const [start, end] = shanghaiMonth(month)
    const entries = ((await allDocuments('care_register')) as CareEntryDoc[]).filter(
      (e) =>
        e.communityId === urban._id &&
        (!group || (e.groups as string[]).includes(group)) &&
        new Date(e.registeredAt).getTime() < start &&
        (!e.withdrawal || new Date(e.withdrawal.at).getTime() >= end),
    )
    const visits = (await allDocuments('care_visits')) as CareVisitDoc[]
    const visited = entries.filter((e) =>
      visits.some((v) => v.entryId === e._id && new Date(v.visitedAt).getTime() >= start && new Date(v.visitedAt).getTime() < end),
    )
    return { expected: entries.length, visited: visited.length }
  }

  it.each([
    ['this month', 0],
    ['last month', 1],
  ])('%s: overall and for every group, the figures match the seeded documents', async (_, back) => {
    const month = monthOfNow(back)
    const overview = await ok(call(who.committeeUrban, 'overview', { communityId: urban._id, month }))
    const overall = await expectedRate(month)
    expect(overview.overall).toMatchObject({ ...overall, rate: overall.visited / overall.expected })
    expect(overview.overall.rateLabel).toBe(`${Math.floor((100 * overall.visited) / overall.expected)}%`)
    for (const group of groupNames) {
      const figures = await expectedRate(month, group)
      const row = overview.byGroup.find((g) => g.group === group)
      if (figures.expected === 0) expect(row).toBeUndefined()
      else expect(row).toMatchObject(figures)
    }
    expect(overview.byGroup.length).toBeGreaterThan(1)
  })

  it('this month the coverage is below 100%, 李德忠 is overdue, and the rows are audited', async () => {
    const { result, written } = await auditedBy(() =>
      ok(call(who.committeeUrban, 'overview', { communityId: urban._id, month: monthOfNow(0) })),
    )
    expect(result.overall.rate).toBeLessThan(1)
    expect(result.overall.expected).toBeGreaterThanOrEqual(5)
    expect(result.overdue.map((r) => r.name)).toContain('李德忠')
    const shown = result.dueSoon.length + result.overdue.length + result.escalated.length
    expect(written).toEqual([expect.objectContaining({ action: 'care.list', reason: `探访概况名单 ${shown} 人` })])
    // The withdrawn and the rural person are in none of the lists.
    const names = [...result.dueSoon, ...result.overdue, ...result.escalated].map((r) => r.name)
    expect(names).not.toContain('钱玉珍')
    expect(names).not.toContain('李桂香')
  })

  it('a month with nobody on the register all month has no rate', async () => {
    const overview = await ok(call(who.committeeUrban, 'overview', { communityId: urban._id, month: '2020-01' }))
    expect(overview.overall).toEqual({ expected: 0, visited: 0, rate: null, rateLabel: '—' })
    expect(overview.byGroup).toEqual([])
  })
})

describe('reminders and escalation: once per due date', () => {
  const messagesAbout = async (name: string, template: string) =>
    (await outbox())
      .filter((m) => m.template === template && m.result?.status === 'sent' && (m.payload.data as SubscribeData).name1.value === name)
      .map((m) => m.toOpenid)
  const dueOfWangGuilan = async () => (await entryDoc('care-wang-guilan')).nextDueAt!
  const committee = demoDataSet.roles.filter((r) => r.role === 'committee' && r.communityId === urban._id).map((r) => r.openid)

  describe('the seeded register', () => {
    freshDatabasePerGroup(undefined, EVERYONE_CONSENTED)
    it('nothing is sent for due dates the seeded register has already been reminded of', async () => {
      const done = await runDueWork(testClock.now())
      expect([done.visitReminders, done.careEscalations]).toEqual([0, 0])
    })
  })

  describe('a visit turning due', () => {
    freshDatabasePerGroup(undefined, EVERYONE_CONSENTED)
    it('the volunteers and the lead are reminded once when a visit turns due this week', async () => {
      const due = await dueOfWangGuilan()
      await runDueWork(new Date(due.getTime() - 7 * 86_400_000 - 60_000))
      expect(await messagesAbout('王桂兰', 'careVisitDue')).toEqual([])
      await runDueWork(new Date(due.getTime() - 7 * 86_400_000 + 60_000))
      await runDueWork(new Date(due.getTime() - 6 * 86_400_000))
      expect((await messagesAbout('王桂兰', 'careVisitDue')).sort()).toEqual([who.volunteer, who.organisationLead].sort())
    })
  })

  describe('a visit overdue', () => {
    freshDatabasePerGroup(undefined, EVERYONE_CONSENTED)
    it('the committee is told once when it turns escalated, and again once they accept after nobody could be told', async () => {
      const due = await dueOfWangGuilan()
      await runDueWork(new Date(due.getTime() + 7 * 86_400_000 - 60_000))
      expect(await messagesAbout('王桂兰', 'careEscalated')).toEqual([])
      // Nobody on the committee has consent left: WeChat answers 43101, so the escalation stays due.
      process.env.LINLI_OUTBOX_NO_CONSENT = committee.join(',')
      await runDueWork(new Date(due.getTime() + 7 * 86_400_000 + 30_000))
      delete process.env.LINLI_OUTBOX_NO_CONSENT
      const refused = (await outbox()).filter(
        (m) => m.template === 'careEscalated' && (m.payload.data as SubscribeData).name1.value === '王桂兰',
      )
      expect(refused.map((m) => m.result)).toEqual(committee.map(() => expect.objectContaining({ status: 'noConsent', errcode: 43101 })))
      expect((await entryDoc('care-wang-guilan')).escalateAt).toEqual(expect.any(Date))
      // WeChat said none is left, so none is counted: nothing is tried until they accept again.
      await runDueWork(new Date(due.getTime() + 7 * 86_400_000 + 45_000))
      expect(await messagesAbout('王桂兰', 'careEscalated')).toEqual([])
      for (const openid of committee) await ok(callMessages(openid, 'recordConsent', { templates: ['careEscalated'] }))
      await runDueWork(new Date(due.getTime() + 7 * 86_400_000 + 60_000))
      await runDueWork(new Date(due.getTime() + 30 * 86_400_000))
      expect((await messagesAbout('王桂兰', 'careEscalated')).sort()).toEqual(committee.sort())
      const message = (await outbox()).find(
        (m) => m.template === 'careEscalated' && (m.payload.data as SubscribeData).name1.value === '王桂兰',
      )!
      expect(message.payload.page).toBe('pages/committee/care-person/index?id=care-wang-guilan')
    })
  })

  describe('a visit after one', () => {
    freshDatabasePerGroup(undefined, EVERYONE_CONSENTED)
    it('a visit gives a new due date, which is reminded of and escalated once again', async () => {
      const due = await dueOfWangGuilan()
      // The first due date runs its course: reminded, then escalated.
      await runDueWork(new Date(due.getTime() - 6 * 86_400_000))
      await runDueWork(new Date(due.getTime() + 7 * 86_400_000 + 60_000))
      const reminded = await messagesAbout('王桂兰', 'careVisitDue')
      const escalated = await messagesAbout('王桂兰', 'careEscalated')
      expect([reminded.length, escalated.length]).toEqual([2, committee.length])

      await ok(
        call(
          who.volunteer,
          'recordVisit',
          visitInput({
            entryId: 'care-wang-guilan',
            visitedAt: testClock.now().toISOString(),
            mode: 'in_person',
            wellbeing: 'good',
          }),
        ),
      )
      const next = (await entryDoc('care-wang-guilan')).nextDueAt!
      expect(next.getTime()).toBeGreaterThan(due.getTime())
      await runDueWork(new Date(next.getTime() + 30 * 86_400_000))
      await runDueWork(new Date(next.getTime() + 31 * 86_400_000))
      expect(await messagesAbout('王桂兰', 'careVisitDue')).toHaveLength(2 * reminded.length)
      expect(await messagesAbout('王桂兰', 'careEscalated')).toHaveLength(2 * escalated.length)
    })
  })
})
