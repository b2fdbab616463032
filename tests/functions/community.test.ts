import { demoDataSet, demoIdentities as who, demoPerson as personOf } from '../../local/seed/demo-data'
import { allDocuments, insertAll } from '../../server/data/maintenance'
import type { AuditDoc } from '../../server/data/documents'
import { organisationTarget } from '../../shared/domain/community'
import { startTestDatabase, testClock, type TestDatabase } from '../support/database'
import { aNewResident, callCommunity as call, callOrganisations, failure, ok } from './calls'

const urban = demoDataSet.communities.find((c) => c.kind === 'urban')!
const rural = demoDataSet.communities.find((c) => c.kind === 'rural')!
const officeOf = (openid: string) => demoDataSet.roles.find((r) => r.openid === openid && r.role === 'civil_affairs')!.officeId!

let database: TestDatabase
beforeAll(async () => {
  database = await startTestDatabase()
})
afterAll(() => database.close())
afterAll(() => testClock.reset())

let villagesMade = 0
/**
 * A village of its own under an office of its own, with its officer and two committee members:
 * what a test lists or revokes there is its own, and the demo's committees stay as they are.
 */
async function aVillageWithItsCommittee() {
  const n = ++villagesMade
  const now = testClock.now()
  const office = { ...demoDataSet.offices.find((o) => o._id === rural.officeId)!, _id: `office-test-${n}`, name: `测试区${n}民政局` }
  const village = { ...rural, _id: `c-test-village-${n}`, name: `测试村${n}`, officeId: office._id }
  const person = (openid: string, name: string, communityId?: string) => ({
    _id: `p-${openid}`,
    openid,
    name,
    ...(communityId ? { communityId } : {}),
    preferences: { elderMode: 'auto' as const },
    createdAt: now,
  })
  const officer = person(`test-officer-${n}`, `测试民政${n}`)
  const members = [
    person(`test-committee-${n}-a`, `测试两委${n}甲`, village._id),
    person(`test-committee-${n}-b`, `测试两委${n}乙`, village._id),
  ]
  const committee = members.map((m) => ({
    _id: `r-committee-${m.openid}`,
    openid: m.openid,
    role: 'committee' as const,
    communityId: village._id,
    grantedBy: 'test',
    grantedAt: now,
  }))
  await insertAll('offices', [office])
  await insertAll('communities', [village])
  await insertAll('people', [officer, ...members])
  await insertAll('roles', [
    {
      _id: `r-civil-${officer.openid}`,
      openid: officer.openid,
      role: 'civil_affairs',
      officeId: office._id,
      grantedBy: 'test',
      grantedAt: now,
    },
    ...committee,
  ])
  return { village, officer, members, committee }
}

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
      { _id: 'p-officer-new-district', openid: officer, name: '新区民政', preferences: { elderMode: 'auto' }, createdAt: testClock.now() },
    ])
    await insertAll('roles', [
      {
        _id: 'r-civil-new-district',
        openid: officer,
        role: 'civil_affairs',
        officeId: 'office-new-district',
        grantedBy: 'test',
        grantedAt: testClock.now(),
      },
    ])
    expect(await ok(call(officer, 'coverage', {}))).toEqual({ communities: [] })
  })
})

describe('the committee', () => {
  it('lists the committee members of a community', async () => {
    const { village, officer, members, committee } = await aVillageWithItsCommittee()
    const listed = (await ok(call(officer.openid, 'committeeMembers', { communityId: village._id }))).members
    expect(listed.map((m) => m.memberId).sort()).toEqual(committee.map((r) => r._id).sort())
    expect(listed.map((m) => m.name).sort()).toEqual(members.map((m) => m.name).sort())
  })

  it('a committee member appoints a resident of their community, who can then act as committee', async () => {
    const person = await aNewResident()
    expect(await failure(callOrganisations(person.openid, 'applications', { communityId: urban._id }))).toEqual({ code: 'FORBIDDEN' })
    const { memberId } = await ok(call(who.committeeUrban, 'appointCommittee', { communityId: urban._id, personId: person.personId }))
    const { members } = await ok(call(who.committeeUrban, 'committeeMembers', { communityId: urban._id }))
    expect(members).toContainEqual(
      expect.objectContaining({ memberId, name: person.name, grantedByName: personOf(who.committeeUrban).name }),
    )
    await ok(callOrganisations(person.openid, 'applications', { communityId: urban._id }))
    expect(await failure(call(who.committeeUrban, 'appointCommittee', { communityId: urban._id, personId: person.personId }))).toEqual({
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
    const { village, officer, members, committee } = await aVillageWithItsCommittee()
    const [first, last] = committee
    const revoke = (memberId: string) => call(officer.openid, 'revokeCommittee', { communityId: village._id, memberId, reason: '换届' })
    await ok(revoke(first._id))
    expect(await failure(revoke(last._id))).toEqual({ code: 'CONFLICT' })
    expect(await failure(revoke(first._id))).toEqual({ code: 'NOT_FOUND', field: 'data.memberId' })
    const listed = (await ok(call(officer.openid, 'committeeMembers', { communityId: village._id }))).members
    expect(listed.map((m) => m.memberId)).toEqual([last._id])
    const entries = ((await allDocuments('audit_log')) as AuditDoc[]).filter(
      (e) => e.action === 'committee.revoke' && e.communityId === village._id,
    )
    expect(entries).toEqual([expect.objectContaining({ reason: '换届', targetName: members[0].name, actorName: officer.name })])
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
    const appointed = [await aNewResident(), await aNewResident()]
    // Both at the same moment, as one request's changes are: a page may end between them.
    for (const person of appointed)
      await ok(call(who.committeeUrban, 'appointCommittee', { communityId: urban._id, personId: person.personId }))
    const villager = await aNewResident(who.ruralResident)
    await ok(call(who.committeeRural, 'appointCommittee', { communityId: rural._id, personId: villager.personId }))
    const all = ((await allDocuments('audit_log')) as AuditDoc[]).filter((e) => e.communityId === urban._id)
    expect(all.length).toBeGreaterThanOrEqual(appointed.length)
    const seen: string[] = []
    let cursor: string | undefined
    for (let page = 0; page < 10; page++) {
      const answer = await ok(call(who.civilAffairs, 'auditLog', { communityId: urban._id, limit: 1, ...(cursor ? { cursor } : {}) }))
      seen.push(...answer.entries.map((e) => e.id))
      cursor = answer.nextCursor
      if (!cursor) break
    }
    const newestFirst = [...all].sort((a, b) => +new Date(b.at) - +new Date(a.at) || (a._id < b._id ? 1 : -1)).map((e) => e._id)
    expect(seen).toEqual(newestFirst)
    const { entries } = await ok(call(who.committeeUrban, 'auditLog', { communityId: urban._id }))
    expect(entries[0]).toMatchObject({ action: 'committee.appoint', actionLabel: '任命两委成员', targetName: appointed[1].name })
  })
})
