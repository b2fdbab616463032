/**
 * The care function through the SDK against the stand-in (docs/decisions/011): what each role sees
 * of the register and that every read is audited; registering with consent, pairing, visiting (a
 * worry raises a need), withdrawal; the month's visit rate against figures worked out here from the
 * seeded documents; reminders and escalation, once per due date.
 */
import { demoDataSet, demoIdentities as who } from '../../local/seed/demo-data'
import type { AuditDoc, CareEntryDoc, CareVisitDoc, OutboxDoc } from '../../server/data/documents'
import { allDocuments } from '../../server/data/maintenance'
import { runDueWork } from '../../server/needs/deadlines'
import { visitAssignmentSchema } from '../../shared/contracts/care'
import { freshDatabasePerGroup } from '../support/database'
import { callCare as call, callCommunity, callNeeds, failure, ok } from './calls'

const urban = demoDataSet.communities.find((c) => c.kind === 'urban')!
const rural = demoDataSet.communities.find((c) => c.kind === 'rural')!
const memberId = (organisationId: string, openid: string) => demoDataSet.roles.find((r) => r.organisationId === organisationId && r.openid === openid)!._id
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
  freshDatabasePerGroup()
  const urbanActive = ['care-wang-guilan', 'care-zhao-shuzhen', 'care-li-dezhong', 'care-sun-xiuying', 'care-song-guiying', 'care-zhou-deshun']

  it('the committee of the community: the whole register, the most overdue first, one audit entry naming the count', async () => {
    const { result, written } = await auditedBy(() => ok(call(who.committeeUrban, 'registerList', { communityId: urban._id })))
    expect(result.entries.map((e) => e.entryId).sort()).toEqual([...urbanActive].sort())
    const due = result.entries.map((e) => new Date(e.nextDueAt!).getTime())
    expect(due).toEqual([...due].sort((a, b) => a - b))
    expect(result.entries.find((e) => e.entryId === 'care-li-dezhong')).toMatchObject({ standing: 'overdue', groups: ['独居老人', '高龄老人', '残疾人'] })
    expect(written).toEqual([expect.objectContaining({ action: 'care.list', actorOpenid: who.committeeUrban, communityId: urban._id, reason: '关爱对象名单 6 人' })])
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
    expect(people.find((p) => p.name === '王桂兰')).toMatchObject({ phone: '13953318426', emergencyContact: { relation: '女儿' }, addressDetail: '3号楼2单元401' })
    // Their own visits only.
    expect(people.flatMap((p) => p.myLastVisits.map((v) => v.visitorName))).toEqual(expect.arrayContaining(['徐敏']))
    expect(new Set(people.flatMap((p) => p.myLastVisits.map((v) => v.visitorName)))).toEqual(new Set(['徐敏']))
    expect(written).toEqual([expect.objectContaining({ action: 'care.assignments', actorOpenid: who.volunteer, communityId: urban._id, reason: '结对探访名单 3 人' })])
  })

  it('the paired volunteer: someone paired with another volunteer answers as an id that does not exist', async () => {
    const visit = { visitedAt: new Date().toISOString(), mode: 'phone', wellbeing: 'good' } as const
    const others = await failure(call(who.volunteer, 'recordVisit', { entryId: 'care-song-guiying', ...visit }))
    expect(others).toEqual({ code: 'NOT_FOUND' })
    expect(await failure(call(who.volunteer, 'recordVisit', { entryId: 'care-nobody', ...visit }))).toEqual(others)
    expect(await failure(call(who.volunteer, 'entry', { entryId: 'care-wang-guilan' }))).toEqual({ code: 'FORBIDDEN' })
  })

  it('a volunteer of the same organisation paired with nobody: nothing', async () => {
    expect((await ok(call(unpairedVolunteer, 'myVisits', {}))).people).toEqual([])
    const visit = { entryId: 'care-wang-guilan', visitedAt: new Date().toISOString(), mode: 'phone', wellbeing: 'good' } as const
    expect(await failure(call(unpairedVolunteer, 'recordVisit', visit))).toEqual({ code: 'NOT_FOUND' })
  })

  it('the lead of the paired organisation: everyone paired with the organisation, and nobody paired with a volunteer alone', async () => {
    const { people } = await ok(call(who.organisationLead, 'myVisits', {}))
    expect(people.map((p) => p.entryId).sort()).toEqual(['care-li-dezhong', 'care-song-guiying', 'care-sun-xiuying', 'care-wang-guilan', 'care-zhou-deshun'])
    const due = people.map((p) => new Date(p.nextDueAt).getTime())
    expect(due).toEqual([...due].sort((a, b) => a - b))
    expect(people.find((p) => p.entryId === 'care-li-dezhong')).toMatchObject({ standing: 'overdue', standingLabel: '已逾期', phone: '0533-2874315' })
  })

  it('a resident, the person themselves and civil affairs: refused everything, whether or not the entry exists', async () => {
    for (const openid of [who.resident, who.elderResident, who.civilAffairs, otherOffice]) {
      expect(await failure(call(openid, 'myVisits', {}))).toEqual({ code: 'FORBIDDEN' })
      expect(await failure(call(openid, 'registerList', { communityId: urban._id }))).toEqual({ code: 'FORBIDDEN' })
      expect(await failure(call(openid, 'overview', { communityId: urban._id, month: '2026-11' }))).toEqual({ code: 'FORBIDDEN' })
      for (const entryId of ['care-wang-guilan', 'care-nobody']) {
        expect(await failure(call(openid, 'entry', { entryId }))).toEqual({ code: 'FORBIDDEN' })
        expect(await failure(call(openid, 'withdrawConsent', { entryId, at: new Date().toISOString(), note: '撤回' }))).toEqual({ code: 'FORBIDDEN' })
        expect(await failure(call(openid, 'recordVisit', { entryId, visitedAt: new Date().toISOString(), mode: 'phone', wellbeing: 'good' }))).toEqual({
          code: 'FORBIDDEN',
        })
      }
    }
  })

  it('civil affairs reads the audit log without the names of people on the register; the committee reads them', async () => {
    const committee = await ok(callCommunity(who.committeeUrban, 'auditLog', { communityId: urban._id, limit: 50 }))
    const office = await ok(callCommunity(who.civilAffairs, 'auditLog', { communityId: urban._id, limit: 50 }))
    const viewed = (entries: typeof office.entries) => entries.filter((e) => e.action === 'care.view')
    expect(viewed(committee.entries).map((e) => e.targetName)).toEqual(['王桂兰'])
    expect(viewed(office.entries)).toHaveLength(1)
    expect(viewed(office.entries)[0].targetName).toBeUndefined()
    expect(JSON.stringify(office)).not.toContain('王桂兰')
  })

  it('every read wrote an audit entry, and none was written for a refusal', async () => {
    const care = (await audits()).filter((a) => a.action.startsWith('care.'))
    expect(care.map((a) => [a.action, a.actorOpenid]).sort()).toEqual(
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
