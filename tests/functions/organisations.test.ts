import { demoDataSet, demoIdentities as who, demoPerson as personOf } from '../../local/seed/demo-data'
import { allDocuments, insertAll } from '../../server/data/maintenance'
import type { AuditDoc, RoleDoc } from '../../server/data/documents'
import type { OrganisationApplication } from '../../shared/contracts/organisations'
import { distanceM } from '../../shared/domain/organisation'
import { useLocalReplacements } from '../../local/replacements'
import { freshDatabasePerGroup, snapshotDatabase, type TestDatabase } from '../support/database'
import { callOrganisations as call, failure, ok } from './calls'

const urban = demoDataSet.communities.find((c) => c.kind === 'urban')!
const ledBy = (openid: string) => demoDataSet.roles.find((r) => r.openid === openid && r.role === 'organisation_lead')!.organisationId!
const pendingDemo = demoDataSet.organisations.find((o) => o.status === 'pending')!

const application = (overrides: Partial<OrganisationApplication> = {}): OrganisationApplication => ({
  name: '沁园社区银发读报小组',
  kind: '文体活动类',
  helpKinds: ['精神慰藉', '亲情陪伴'],
  serviceArea: { centre: [118.048, 36.81] },
  capacity: 3,
  contactPhone: '18653312469',
  charterSummary: '每周两次为视力不好的老人读报，讲讲身边的新鲜事。',
  description: '周二、周五上午在社区活动室读报，也可以上门读给行动不便的老人听。',
  ...overrides,
})

/** The organisation's changes, oldest first: not the reads of its member list, which the answers of those changes are too. */
async function auditActions(organisationId: string): Promise<string[]> {
  const entries = (await allDocuments('audit_log')) as AuditDoc[]
  return entries
    .filter((e) => e.organisationId === organisationId && e.action !== 'member.contacts')
    .sort((a, b) => +new Date(a.at) - +new Date(b.at))
    .map((e) => e.action)
}

let database: TestDatabase
const freshDatabase = () => freshDatabasePerGroup((fresh) => (database = fresh))

describe('registration: apply, approve, reject, suspend, restore', () => {
  freshDatabase()
  let organisationId: string

  it('a resident applies: pending, in their own community, and audited', async () => {
    const { organisation } = await ok(call(who.resident, 'apply', application()))
    organisationId = organisation.id
    expect(organisation).toMatchObject({ status: 'pending', communityId: personOf(who.resident).communityId, memberCount: 0 })
    expect(organisation.serviceArea.radiusM).toBe(1000)
    expect(await auditActions(organisationId)).toEqual(['organisation.apply'])
  })

  it('the committee sees it in the queue, oldest first, with the applicant', async () => {
    const { applications } = await ok(call(who.committeeUrban, 'applications', { communityId: urban._id }))
    expect(applications.map((a) => a.organisation.id)).toEqual([pendingDemo._id, organisationId])
    expect(applications[1]).toMatchObject({ applicantName: personOf(who.resident).name, waitingDays: 0 })
    expect(applications[0].waitingDays).toBeGreaterThan(0)
  })

  it('approval makes the applicant its lead', async () => {
    const { organisation } = await ok(call(who.committeeUrban, 'decide', { organisationId, decision: 'approve' }))
    expect(organisation).toMatchObject({ status: 'approved', memberCount: 1 })
    const roles = (await allDocuments('roles')) as RoleDoc[]
    expect(roles.filter((r) => r.organisationId === organisationId)).toEqual([
      expect.objectContaining({ openid: who.resident, role: 'organisation_lead', communityId: urban._id, grantedBy: who.committeeUrban }),
    ])
    const { organisations } = await ok(call(who.resident, 'mine', {}))
    expect(organisations).toContainEqual(
      expect.objectContaining({ myRole: 'organisation_lead', organisation: expect.objectContaining({ id: organisationId }) }),
    )
    const { organisation: profile } = await ok(call(who.resident, 'profile', { organisationId }))
    expect(profile.approvedAt).not.toBeNull()
    // The lead may now use the lead's actions.
    await ok(call(who.resident, 'invitation', { organisationId }))
  })

  it('a decision that does not apply to the current status is a conflict, and writes nothing', async () => {
    const before = await snapshotDatabase()
    expect(await failure(call(who.committeeUrban, 'decide', { organisationId, decision: 'approve' }))).toEqual({ code: 'CONFLICT' })
    expect(await failure(call(who.committeeUrban, 'decide', { organisationId, decision: 'restore' }))).toEqual({ code: 'CONFLICT' })
    expect(await snapshotDatabase()).toEqual(before)
  })

  it('a committee member of another community may not decide', async () => {
    expect(await failure(call(who.committeeRural, 'decide', { organisationId: pendingDemo._id, decision: 'approve' }))).toEqual({
      code: 'FORBIDDEN',
    })
  })

  it('a rejection needs a reason, and the applicant sees it', async () => {
    const { organisation } = await ok(call(who.ruralResident, 'apply', application({ name: '太河村读报组' })))
    expect(await failure(call(who.committeeRural, 'decide', { organisationId: organisation.id, decision: 'reject' }))).toEqual({
      code: 'INVALID_INPUT',
      field: 'data.reason',
    })
    await ok(
      call(who.committeeRural, 'decide', { organisationId: organisation.id, decision: 'reject', reason: '与太河村庄户剧团重复，建议合并' }),
    )
    const { organisations } = await ok(call(who.ruralResident, 'mine', {}))
    expect(organisations).toEqual([
      expect.objectContaining({
        myRole: 'applicant',
        decisionReason: '与太河村庄户剧团重复，建议合并',
        organisation: expect.objectContaining({
          id: organisation.id,
          status: 'rejected',
          communityId: personOf(who.ruralResident).communityId,
        }),
      }),
    ])
    expect(await auditActions(organisation.id)).toEqual(['organisation.apply', 'organisation.reject'])
  })

  it('a suspended organisation is not found nearby and takes no members; restoring brings it back', async () => {
    const organisationId = ledBy(who.organisationLead)
    const near = async () => (await ok(call(who.resident, 'nearby', {}))).organisations.map((o) => o.id)
    expect(await near()).toContain(organisationId)
    const { code } = await ok(call(who.organisationLead, 'invitation', { organisationId }))
    expect(await failure(call(who.committeeUrban, 'decide', { organisationId, decision: 'suspend' }))).toEqual({
      code: 'INVALID_INPUT',
      field: 'data.reason',
    })
    await ok(call(who.committeeUrban, 'decide', { organisationId, decision: 'suspend', reason: '连续三个月未开展服务' }))
    expect(await near()).not.toContain(organisationId)
    expect(await failure(call(who.resident, 'join', { code }))).toEqual({ code: 'NOT_FOUND', field: 'data.code' })
    const { organisations } = await ok(call(who.organisationLead, 'mine', {}))
    expect(organisations.find((o) => o.organisation.id === organisationId)).toMatchObject({
      myRole: 'organisation_lead',
      decisionReason: '连续三个月未开展服务',
      organisation: { status: 'suspended' },
    })
    await ok(call(who.committeeUrban, 'decide', { organisationId, decision: 'restore' }))
    expect(await near()).toContain(organisationId)
    const restored = (await ok(call(who.organisationLead, 'mine', {}))).organisations.find((o) => o.organisation.id === organisationId)
    expect(restored).toMatchObject({ organisation: { status: 'approved' } })
    expect(restored?.decisionReason).toBeUndefined()
    expect((await auditActions(organisationId)).slice(-2)).toEqual(['organisation.suspend', 'organisation.restore'])
    const audit = ((await allDocuments('audit_log')) as AuditDoc[]).find((e) => e.action === 'organisation.suspend')
    expect(audit).toMatchObject({
      actorName: personOf(who.committeeUrban).name,
      targetName: personOf(who.organisationLead).name,
      reason: '连续三个月未开展服务',
    })
  })

  it('text that fails the content check is refused with its field, and nothing is stored', async () => {
    const before = (await allDocuments('organisations')).length
    expect(await failure(call(who.resident, 'apply', application({ description: '代开发票，量大从优' })))).toEqual({
      code: 'CONTENT_REJECTED',
      field: 'data.description',
    })
    expect(await allDocuments('organisations')).toHaveLength(before)
  })
})

describe('members: invite, join, renew, remove, hand over', () => {
  freshDatabase()
  const organisationId = ledBy(who.organisationLead)
  const memberNames = async () => (await ok(call(who.organisationLead, 'members', { organisationId }))).members.map((m) => [m.name, m.role])

  it('lists the lead first, then volunteers by when they joined, with phones', async () => {
    const { members } = await ok(call(who.committeeUrban, 'members', { organisationId }))
    const expected = demoDataSet.roles
      .filter((r) => r.organisationId === organisationId)
      .sort((a, b) => (a.role === b.role ? +a.grantedAt - +b.grantedAt : a.role === 'organisation_lead' ? -1 : 1))
    expect(members.map((m) => m.memberId)).toEqual(expected.map((r) => r._id))
    expect(members[0]).toMatchObject({
      role: 'organisation_lead',
      name: personOf(who.organisationLead).name,
      phone: personOf(who.organisationLead).phone,
    })
  })

  /** Asks to join with `code` and has the lead agree (the request itself: joining.test.ts). */
  async function joinAndApprove(openid: string, code: string) {
    const { organisation } = await ok(call(openid, 'join', { code }))
    const [request] = (await ok(call(who.organisationLead, 'joinRequests', { organisationId }))).requests
    await ok(call(who.organisationLead, 'decideJoin', { organisationId, requestId: request.requestId, decision: 'approve' }))
    return organisation
  }

  let code: string
  it('a resident joins with the invite code (any case) and, once the lead agrees, appears as a volunteer', async () => {
    const invitation = await ok(call(who.organisationLead, 'invitation', { organisationId }))
    code = invitation.code
    expect(invitation.joinPath).toBe(`pages/organisations/join/index?code=${code}`)
    expect(invitation.qrImage).toMatch(/^data:image\/png;base64,[A-Za-z0-9+/]+=*$/)
    const organisation = await joinAndApprove(who.resident, ` ${code.toLowerCase()} `)
    expect(organisation.id).toBe(organisationId)
    expect(await memberNames()).toContainEqual([personOf(who.resident).name, 'volunteer'])
    expect(await failure(call(who.resident, 'join', { code }))).toEqual({ code: 'CONFLICT' })
    expect(await failure(call(who.organisationLead, 'join', { code }))).toEqual({ code: 'CONFLICT' })
    expect((await auditActions(organisationId)).slice(-2)).toEqual(['member.ask', 'member.join'])
  })

  it('a mini-program code WeChat refuses leaves the invite code and link', async () => {
    // Before the first release, with check_path on, WeChat answers 41030 for the join page.
    useLocalReplacements(database.storageDir, { beforeFirstRelease: true })
    const logged = jest.spyOn(console, 'error').mockImplementation(() => {})
    try {
      const invitation = await ok(call(who.organisationLead, 'invitation', { organisationId }))
      expect(invitation).toEqual({ code, joinPath: `pages/organisations/join/index?code=${code}` })
      expect(logged).toHaveBeenCalledWith('[wechat] mini-program code not made', expect.objectContaining({ errCode: 41030 }))
    } finally {
      useLocalReplacements(database.storageDir)
      logged.mockRestore()
    }
  })

  it('a renewed code replaces the old one', async () => {
    const renewed = await ok(call(who.organisationLead, 'renewInvitation', { organisationId }))
    expect(renewed.code).not.toBe(code)
    expect(await failure(call(who.elderResident, 'join', { code }))).toEqual({ code: 'NOT_FOUND', field: 'data.code' })
    await joinAndApprove(who.elderResident, renewed.code)
    expect((await ok(call(who.organisationLead, 'invitation', { organisationId }))).code).toBe(renewed.code)
    expect((await auditActions(organisationId)).slice(-3)).toEqual(['invitation.renew', 'member.ask', 'member.join'])
  })

  it('the lead removes a member, never themself, and only of their own organisation', async () => {
    const { members } = await ok(call(who.organisationLead, 'members', { organisationId }))
    const elder = members.find((m) => m.name === personOf(who.elderResident).name)!
    const after = await ok(call(who.organisationLead, 'removeMember', { organisationId, memberId: elder.memberId }))
    expect(after.members.map((m) => m.memberId)).not.toContain(elder.memberId)
    expect(await failure(call(who.organisationLead, 'removeMember', { organisationId, memberId: members[0].memberId }))).toEqual({
      code: 'CONFLICT',
    })
    const elsewhere = demoDataSet.roles.find((r) => r.organisationId && r.organisationId !== organisationId)!
    expect(await failure(call(who.organisationLead, 'removeMember', { organisationId, memberId: elsewhere._id }))).toEqual({
      code: 'NOT_FOUND',
      field: 'data.memberId',
    })
    const entry = ((await allDocuments('audit_log')) as AuditDoc[]).find((e) => e.action === 'member.remove')
    expect(entry).toMatchObject({
      organisationId,
      targetName: personOf(who.elderResident).name,
      actorName: personOf(who.organisationLead).name,
    })
  })

  it('hands the lead to a volunteer, who then leads while the old lead volunteers', async () => {
    const { members } = await ok(call(who.organisationLead, 'members', { organisationId }))
    const target = members.find((m) => m.name === personOf(who.resident).name)!
    const after = await ok(call(who.organisationLead, 'handOverLead', { organisationId, memberId: target.memberId }))
    expect(after.members[0]).toMatchObject({ memberId: target.memberId, role: 'organisation_lead' })
    expect(after.members.find((m) => m.name === personOf(who.organisationLead).name)?.role).toBe('volunteer')
    expect(after.members.filter((m) => m.role === 'organisation_lead')).toHaveLength(1)
    expect(await failure(call(who.organisationLead, 'invitation', { organisationId }))).toEqual({ code: 'FORBIDDEN' })
    await ok(call(who.resident, 'invitation', { organisationId }))
    const organisation = (await allDocuments('organisations')).find((o) => (o as { _id: string })._id === organisationId)
    expect(organisation).toMatchObject({ leadOpenid: who.resident })
    expect((await auditActions(organisationId)).slice(-1)).toEqual(['lead.handOver'])
  })
})

describe('nearby', () => {
  freshDatabase()
  const approved = demoDataSet.organisations.filter((o) => o.status === 'approved')
  /** What the answer should be, computed from the demo data rather than by the function. */
  const covering = (point: [number, number]) =>
    approved
      .map((o) => ({ id: o._id, helpKinds: o.helpKinds as string[], d: distanceM(o.serviceArea.centre.coordinates, point) }))
      .filter((o) => o.d <= demoDataSet.organisations.find((x) => x._id === o.id)!.serviceArea.radiusM)
      .sort((a, b) => a.d - b.d)

  it('finds the approved organisations whose area covers the caller’s home, nearest first', async () => {
    const home = personOf(who.elderResident).location!.coordinates
    const { organisations } = await ok(call(who.elderResident, 'nearby', {}))
    const expected = covering(home)
    expect(expected.length).toBeGreaterThan(3)
    expect(organisations.map((o) => o.id)).toEqual(expected.map((o) => o.id))
    expect(organisations.map((o) => o.distanceM)).toEqual(expected.map((o) => o.d))
    expect(organisations.map((o) => o.id)).not.toContain(pendingDemo._id)
  })

  it('searches around a given point, filtered by kind of help', async () => {
    const village = demoDataSet.communities.find((c) => c.kind === 'rural')!.centre.coordinates
    const { organisations } = await ok(call('o-not-registered', 'nearby', { centre: village, helpKind: '亲情陪伴' }))
    const expected = covering(village).filter((o) => o.helpKinds.includes('亲情陪伴'))
    expect(expected.length).toBeGreaterThan(0)
    expect(organisations.map((o) => o.id)).toEqual(expected.map((o) => o.id))
  })

  it('reads through the geo index, not the whole collection', async () => {
    // 600 organisations in a city 500 km away: none should be read for a search in 沁园社区.
    const far = Array.from({ length: 600 }, (_, i) => ({
      ...approved[0],
      _id: `org-far-${i}`,
      inviteCode: `FAR${String(i).padStart(3, '0')}`,
      serviceArea: { centre: { type: 'Point', coordinates: [113 + (i % 30) * 0.01, 34 + Math.floor(i / 30) * 0.01] }, radiusM: 5000 },
    }))
    await insertAll('organisations', far)
    const total = (await allDocuments('organisations')).length
    const before = database.standin.stats().documentsRead
    const { organisations } = await ok(call(who.resident, 'nearby', {}))
    const read = database.standin.stats().documentsRead - before
    expect(organisations.length).toBeGreaterThan(0)
    // The covering organisations, their communities and members' role documents: a few dozen.
    expect(read).toBeLessThan(total / 5)
  })

  it('asks for a place when the caller has none', async () => {
    expect(await failure(call('o-not-registered', 'nearby', {}))).toEqual({ code: 'INVALID_INPUT', field: 'data.centre' })
  })
})

describe('profile and record', () => {
  freshDatabase()

  it('shows a pending organisation only to its applicant and its committee', async () => {
    const organisationId = pendingDemo._id
    await ok(call(who.pendingApplicant, 'profile', { organisationId }))
    await ok(call(who.committeeUrban, 'profile', { organisationId }))
    for (const stranger of [who.resident, who.committeeRural, who.civilAffairs, 'o-not-registered']) {
      expect(await failure(call(stranger, 'profile', { organisationId }))).toEqual({ code: 'NOT_FOUND' })
    }
    expect(await failure(call(who.resident, 'profile', { organisationId: 'org-does-not-exist' }))).toEqual({ code: 'NOT_FOUND' })
  })

  it('shows an approved organisation to anyone, with members counted and no personal data', async () => {
    const organisationId = ledBy(who.organisationLead)
    const { organisation } = await ok(call('o-not-registered', 'profile', { organisationId }))
    const demo = demoDataSet.organisations.find((o) => o._id === organisationId)!
    expect(organisation).toMatchObject({
      name: demo.name,
      contactPhone: demo.contactPhone,
      memberCount: demoDataSet.roles.filter((r) => r.organisationId === organisationId).length,
      tasksCompleted: 0,
      activitiesHeld: 0,
      rating: { average: null, count: 0 },
    })
    expect(JSON.stringify(organisation)).not.toContain(personOf(who.volunteer).phone!)
  })

  it('gives the committee and the civil-affairs office the record, with its history', async () => {
    const organisationId = pendingDemo._id
    await ok(call(who.committeeUrban, 'decide', { organisationId, decision: 'approve' }))
    const { record } = await ok(call(who.civilAffairs, 'record', { organisationId }))
    expect(record.tasks).toEqual({ offered: 0, accepted: 0, declined: 0, completed: 0, medianResponseMinutes: null })
    expect(record.history).toEqual([expect.objectContaining({ actionLabel: '通过备案', actorName: personOf(who.committeeUrban).name })])
    expect(record.organisation.status).toBe('approved')
  })
})

describe('the service area’s centre, when the applicant gives none', () => {
  freshDatabase()
  const withoutCentre = (name: string) => application({ name, serviceArea: {} })

  it('is the applicant’s home', async () => {
    const { organisation } = await ok(call(who.elderResident, 'apply', withoutCentre('沁园社区老伙伴聊天队')))
    expect(organisation.serviceArea).toEqual({ centre: personOf(who.elderResident).location!.coordinates, radiusM: 1000 })
  })

  it('is their community’s centre when they gave no home', async () => {
    const { location, ...homeless } = personOf(who.resident)
    expect(location).toBeDefined()
    await insertAll('people', [{ ...homeless, _id: 'p-no-home', openid: 'o-no-home' }])
    const { organisation } = await ok(call('o-no-home', 'apply', withoutCentre('沁园社区读书会')))
    expect(organisation.serviceArea.centre).toEqual(urban.centre.coordinates)
  })
})

describe('list: a community’s organisations for the committee and civil affairs', () => {
  freshDatabase()
  const names = (organisations: { name: string }[]) => organisations.map((o) => o.name)
  const demoNamesOf = (status: string) =>
    demoDataSet.organisations
      .filter((o) => o.communityId === urban._id && o.status === status)
      .map((o) => o.name)
      .sort((a, b) => a.localeCompare(b, 'zh-CN'))

  it('lists every organisation of the community, by status (pending first) then by name in pinyin order', async () => {
    const { organisations } = await ok(call(who.committeeUrban, 'list', { communityId: urban._id }))
    expect(names(organisations)).toEqual([...demoNamesOf('pending'), ...demoNamesOf('approved')])
    expect(organisations.every((o) => o.communityId === urban._id && o.communityName === urban.name)).toBe(true)
    // The civil-affairs office over the community sees the same list.
    expect(await ok(call(who.civilAffairs, 'list', { communityId: urban._id }))).toEqual({ organisations })
  })

  it('filters by status: a suspended organisation is found under suspended, and back under approved once restored', async () => {
    const organisationId = ledBy(who.organisationLead)
    const listed = async (status: 'approved' | 'suspended') =>
      (await ok(call(who.committeeUrban, 'list', { communityId: urban._id, status }))).organisations.map((o) => o.id)
    expect(await listed('suspended')).toEqual([])
    await ok(call(who.committeeUrban, 'decide', { organisationId, decision: 'suspend', reason: '核查中' }))
    expect(await listed('suspended')).toEqual([organisationId])
    expect(await listed('approved')).not.toContain(organisationId)
    const all = (await ok(call(who.committeeUrban, 'list', { communityId: urban._id }))).organisations
    expect(all.at(-1)).toMatchObject({ id: organisationId, status: 'suspended', statusLabel: '已暂停' })
    await ok(call(who.committeeUrban, 'decide', { organisationId, decision: 'restore' }))
    expect(await listed('suspended')).toEqual([])
    expect(await listed('approved')).toContain(organisationId)
  })

  it('is refused to the committee of another community', async () => {
    expect(await failure(call(who.committeeRural, 'list', { communityId: urban._id }))).toEqual({ code: 'FORBIDDEN' })
  })
})
