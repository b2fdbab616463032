import { demoDataSet, demoIdentities as who, demoPerson as personOf } from '../../local/seed/demo-data'
import { allDocuments, insertAll } from '../../server/data/maintenance'
import type { AuditDoc } from '../../server/data/documents'
import { organisationTarget } from '../../shared/domain/community'
import { startTestDatabase, type TestDatabase } from '../support/database'
import { callCommunity as call, callOrganisations, failure, ok } from './calls'

const urban = demoDataSet.communities.find((c) => c.kind === 'urban')!
const rural = demoDataSet.communities.find((c) => c.kind === 'rural')!
const officeOf = (openid: string) => demoDataSet.roles.find((r) => r.openid === openid && r.role === 'civil_affairs')!.officeId!

let database: TestDatabase
beforeAll(async () => {
  database = await startTestDatabase()
})
afterAll(() => database.close())

describe('coverage', () => {
  /** The row a community should have, counted from the demo data. */
  const expectedRow = (community: (typeof demoDataSet.communities)[number]) => {
    const count = (status: string) => demoDataSet.organisations.filter((o) => o.communityId === community._id && o.status === status).length
    const approved = count('approved')
    const target = organisationTarget[community.kind]
    return {
      communityId: community._id,
      approved,
      pending: count('pending'),
      suspended: count('suspended'),
      target,
      met: approved >= target,
      shortfall: Math.max(0, target - approved),
    }
  }

  it('gives a committee member their own community', async () => {
    const { communities } = await ok(call(who.committeeUrban, 'coverage', {}))
    expect(communities).toEqual([expect.objectContaining(expectedRow(urban))])
  })

  it('gives a civil-affairs officer every community of their office', async () => {
    const office = officeOf(who.civilAffairs)
    const { communities } = await ok(call(who.civilAffairs, 'coverage', {}))
    const expected = demoDataSet.communities.filter((c) => c.officeId === office).map(expectedRow)
    expect(expected.length).toBeGreaterThan(0)
    expect(communities).toEqual(expected.map((row) => expect.objectContaining(row)))
    const rows = await ok(call(who.committeeRural, 'coverage', {}))
    expect(rows.communities).toEqual([expect.objectContaining({ ...expectedRow(rural), kindLabel: '农村社区' })])
  })

  it('gives an officer of an office with no communities yet an empty list', async () => {
    const officer = 'test-officer-new-district'
    await insertAll('people', [
      { _id: 'p-officer-new-district', openid: officer, name: '新区民政', preferences: { elderMode: 'auto' }, createdAt: new Date() },
    ])
    await insertAll('roles', [
      {
        _id: 'r-civil-new-district',
        openid: officer,
        role: 'civil_affairs',
        officeId: 'office-new-district',
        grantedBy: 'test',
        grantedAt: new Date(),
      },
    ])
    expect(await ok(call(officer, 'coverage', {}))).toEqual({ communities: [] })
  })
})

describe('the committee', () => {
  const committeeOf = (communityId: string) => demoDataSet.roles.filter((r) => r.role === 'committee' && r.communityId === communityId)

  it('lists the committee members of a community', async () => {
    const { members } = await ok(call(who.civilAffairs, 'committeeMembers', { communityId: urban._id }))
    expect(members.map((m) => m.memberId).sort()).toEqual(
      committeeOf(urban._id)
        .map((r) => r._id)
        .sort(),
    )
    expect(members.map((m) => m.name)).toContain(personOf(who.committeeUrban).name)
  })

  it('a committee member appoints a resident of their community, who can then act as committee', async () => {
    const person = personOf(who.resident)
    expect(await failure(callOrganisations(who.resident, 'applications', { communityId: urban._id }))).toEqual({ code: 'FORBIDDEN' })
    const { memberId } = await ok(call(who.committeeUrban, 'appointCommittee', { communityId: urban._id, personId: person._id }))
    const { members } = await ok(call(who.committeeUrban, 'committeeMembers', { communityId: urban._id }))
    expect(members).toContainEqual(
      expect.objectContaining({ memberId, name: person.name, grantedByName: personOf(who.committeeUrban).name }),
    )
    await ok(callOrganisations(who.resident, 'applications', { communityId: urban._id }))
    expect(await failure(call(who.committeeUrban, 'appointCommittee', { communityId: urban._id, personId: person._id }))).toEqual({
      code: 'CONFLICT',
    })
  })

  it('refuses to appoint someone who lives elsewhere', async () => {
    const villager = personOf(who.ruralResident)
    expect(await failure(call(who.committeeUrban, 'appointCommittee', { communityId: urban._id, personId: villager._id }))).toEqual({
      code: 'NOT_FOUND',
      field: 'data.personId',
    })
  })

  it('civil affairs revokes with a reason, but never the last member', async () => {
    const officer = demoDataSet.roles.find((r) => r.role === 'civil_affairs' && r.officeId === rural.officeId)!.openid
    const [first, last] = committeeOf(rural._id)
    await ok(call(officer, 'revokeCommittee', { communityId: rural._id, memberId: first._id, reason: '换届' }))
    expect(await failure(call(officer, 'revokeCommittee', { communityId: rural._id, memberId: last._id, reason: '换届' }))).toEqual({
      code: 'CONFLICT',
    })
    expect(await failure(call(officer, 'revokeCommittee', { communityId: rural._id, memberId: first._id, reason: '换届' }))).toEqual({
      code: 'NOT_FOUND',
      field: 'data.memberId',
    })
    const { members } = await ok(call(officer, 'committeeMembers', { communityId: rural._id }))
    expect(members.map((m) => m.memberId)).toEqual([last._id])
    const entry = ((await allDocuments('audit_log')) as AuditDoc[]).find((e) => e.action === 'committee.revoke')
    expect(entry).toMatchObject({
      communityId: rural._id,
      reason: '换届',
      targetName: personOf(first.openid).name,
      actorName: personOf(officer).name,
    })
  })
})

describe('residents', () => {
  it('finds residents of the community by part of their name', async () => {
    const { residents } = await ok(call(who.committeeUrban, 'residents', { communityId: urban._id, nameContains: '桂' }))
    const expected = demoDataSet.people.filter((p) => p.communityId === urban._id && p.name.includes('桂'))
    expect(residents.map((r) => r.personId).sort()).toEqual(expected.map((p) => p._id).sort())
    expect(residents[0]).toEqual({ personId: expect.any(String), name: expect.stringContaining('桂'), neighbourhood: expect.any(String) })
  })

  it('takes the name as plain text, not as a pattern', async () => {
    const { residents } = await ok(call(who.committeeUrban, 'residents', { communityId: urban._id, nameContains: '.*' }))
    expect(residents).toEqual([])
  })
})

describe('the audit log', () => {
  it('pages newest first through every change, and only of the community asked about', async () => {
    const all = ((await allDocuments('audit_log')) as AuditDoc[]).filter((e) => e.communityId === urban._id)
    expect(all.length).toBeGreaterThanOrEqual(1)
    const seen: string[] = []
    let before: string | undefined
    for (let page = 0; page < 10; page++) {
      const answer = await ok(call(who.civilAffairs, 'auditLog', { communityId: urban._id, limit: 1, ...(before ? { before } : {}) }))
      seen.push(...answer.entries.map((e) => e.id))
      before = answer.nextBefore
      if (!before) break
    }
    const newestFirst = [...all].sort((a, b) => +new Date(b.at) - +new Date(a.at)).map((e) => e._id)
    expect(seen).toEqual(newestFirst)
    const { entries } = await ok(call(who.committeeUrban, 'auditLog', { communityId: urban._id }))
    expect(entries[0]).toMatchObject({ action: 'committee.appoint', actionLabel: '任命两委成员', targetName: personOf(who.resident).name })
  })
})
