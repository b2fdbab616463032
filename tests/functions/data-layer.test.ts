import { allDocuments, insertAll } from '../../server/data/maintenance'
import type { ActivitySignUpDoc, NeedDoc, PersonDoc } from '../../server/data/documents'
import { needAfter, needById, offersOfNeed } from '../../server/data/needs'
import { inTransaction, increment, patched, unset, whole } from '../../server/data/transaction'
import { officesByIds } from '../../server/data/places'
import { organisationById, updateOrganisationFacts } from '../../server/data/organisations'
import { RECENT_RESPONSES } from '../../shared/domain/organisation'
import { loadCaller } from '../../server/principal'
import { startTestDatabase, type TestDatabase } from '../support/database'

let database: TestDatabase
beforeAll(async () => {
  database = await startTestDatabase({ seedDemo: false })
})
afterAll(() => database.close())

describe('looking documents up by a list of ids', () => {
  it('finds all of them past the 1000 documents CloudBase answers per request', async () => {
    const offices = Array.from({ length: 1100 }, (_, i) => ({
      _id: `office-${i}`,
      name: `民政所 ${i}`,
      level: 'street' as const,
      city: '淄博市',
      district: '张店区',
    }))
    await insertAll('offices', offices)
    const found = await officesByIds([...offices.map((o) => o._id), 'office-0', 'no-such-office'])
    expect(found.size).toBe(1100)
    expect(found.get('office-1099')?.name).toBe('民政所 1099')
  })

  it('answers an empty map for an empty list', async () => {
    expect((await officesByIds([])).size).toBe(0)
  })
})

describe('reading every page of a query', () => {
  it('neither repeats nor skips documents tied on the sort key across the 1000-document pages', async () => {
    // 2500 offers of one need in the same round: every page boundary falls inside the tie.
    const at = new Date('2026-10-01T02:00:00Z')
    const offers = Array.from({ length: 2500 }, (_, i) => ({
      _id: `offer-${String(i).padStart(4, '0')}`,
      needId: 'need-tied',
      organisationId: `org-${i}`,
      communityId: 'c-1',
      round: 1,
      status: 'open',
      distanceM: 100,
      offeredAt: at,
      deadline: at,
    }))
    await insertAll('offers', offers)
    const read = await offersOfNeed('need-tied')
    expect(read).toHaveLength(2500)
    expect(new Set(read.map((o) => o._id)).size).toBe(2500)
  })
})

describe('the document an action answers with after a transaction', () => {
  it('is what the database holds after the patch: whole sub-documents, removed fields, increments and sub-field paths', async () => {
    const createdAt = new Date('2026-10-01T02:00:00Z')
    const need: NeedDoc = {
      _id: 'need-patched',
      communityId: 'c-1',
      requesterOpenid: 'someone',
      requesterName: '某人',
      helpKind: '亲情陪伴',
      urgency: 'urgent',
      description: '想有人陪我说说话',
      location: { type: 'Point', coordinates: [118.05, 36.81] },
      neighbourhood: '沁园小区',
      addressDetail: '1号楼',
      photos: [],
      timeline: [],
      contactPhone: '13800000000',
      status: 'matching',
      queue: 'escalated',
      queuedAt: createdAt,
      round: 2,
      offeredTo: ['org-a'],
      volunteers: [],
      serviceRecordCount: 1,
      createdAt,
      updatedAt: createdAt,
    }
    await insertAll('needs', [need])
    const at = new Date('2026-10-02T03:00:00Z')
    const patch = {
      status: 'accepted' as const,
      acceptedBy: whole({ organisationId: 'org-a', name: '夕阳红', at, distanceM: 300 }),
      queue: unset(),
      queuedAt: unset(),
      serviceRecordCount: increment(2),
      volunteers: [{ memberId: 'm-1', openid: 'v-1', name: '徐敏' }],
      updatedAt: at,
    }
    const answered = await inTransaction(async (tx) => {
      const current = await tx.get('needs', need._id)
      await tx.update('needs', need._id, patch)
      return needAfter(current!, patch)
    })
    expect(answered).toEqual(await needById(need._id))
    expect(answered).toMatchObject({ status: 'accepted', serviceRecordCount: 3, acceptedBy: { organisationId: 'org-a' } })
    expect(answered).not.toHaveProperty('queue')
  })

  it('sets a field of a sub-document by its path and keeps the others', () => {
    const before = { _id: 'x', rating: { sum: 4, count: 1 }, name: '甲' }
    expect(patched(before, { 'rating.sum': increment(5), 'rating.count': increment(1) })).toEqual({
      _id: 'x',
      rating: { sum: 9, count: 2 },
      name: '甲',
    })
  })
})

describe('the caller, read in one round trip', () => {
  const at = new Date('2026-10-01T02:00:00Z')
  const role = (id: string, openid: string, role: 'volunteer' | 'civil_affairs', scope: object) => ({
    _id: id,
    openid,
    role,
    ...scope,
    grantedBy: 'seed',
    grantedAt: at,
  })
  const person: PersonDoc = {
    _id: 'caller-person',
    openid: 'caller-with-person',
    name: '王芳',
    communityId: 'c-1',
    preferences: { elderMode: 'auto' },
    createdAt: at,
  }
  beforeAll(async () => {
    await insertAll('people', [person])
    await insertAll('roles', [
      role('caller-role-1', 'caller-with-person', 'volunteer', { communityId: 'c-1', organisationId: 'org-1' }),
      role('caller-role-2', 'caller-without-person', 'civil_affairs', { officeId: 'office-1' }),
      role('caller-role-3', 'someone-else', 'volunteer', { communityId: 'c-1', organisationId: 'org-1' }),
    ])
  })

  it('is the person with their own roles, the person as stored', async () => {
    const caller = await loadCaller('caller-with-person')
    expect(caller.person).toEqual(person)
    expect(caller.roles.map((r) => r._id)).toEqual(['caller-role-1'])
    // Their community is read with them: none here, as no community c-1 is stored.
    expect(caller.home).toBeNull()
    expect(caller.grants).toEqual([{ role: 'volunteer', communityId: 'c-1', organisationId: 'org-1' }])
  })

  it('finds the roles of someone without a person document, and nothing for a stranger', async () => {
    const staff = await loadCaller('caller-without-person')
    expect(staff.person).toBeNull()
    expect(staff.roles.map((r) => r._id)).toEqual(['caller-role-2'])
    const stranger = await loadCaller('nobody')
    expect([stranger.person, stranger.roles, stranger.isResident]).toEqual([null, [], false])
  })
})

describe('a whole document set in a transaction', () => {
  it('is added when absent and replaces every field when present, without a read', async () => {
    const at = new Date('2026-10-01T02:00:00Z')
    const base = { activityId: 'a-set', openid: 'o-set', role: 'participant' as const, signedUpAt: at }
    await inTransaction((tx) => tx.set('activity_sign_ups', 'su-new', { ...base, status: 'confirmed', promotedAt: at }))
    await insertAll('activity_sign_ups', [{ _id: 'su-old', ...base, status: 'cancelled', cancelledAt: at }])
    await inTransaction((tx) => tx.set('activity_sign_ups', 'su-old', { ...base, status: 'confirmed' }))
    const stored = (await allDocuments('activity_sign_ups')) as ActivitySignUpDoc[]
    expect(stored.filter((d) => d.activityId === 'a-set').sort((a, b) => a._id.localeCompare(b._id))).toEqual([
      { _id: 'su-new', ...base, status: 'confirmed', promotedAt: at },
      { _id: 'su-old', ...base, status: 'confirmed' },
    ])
  })
})

describe("an organisation's facts", () => {
  it('keeps the latest acceptance times, oldest dropped, without reading them first; counters add up across organisations', async () => {
    const organisation = (id: string) => ({
      _id: id,
      name: id,
      inviteCode: id,
      serviceArea: { centre: { type: 'Point' as const, coordinates: [118.05, 36.81] }, radiusM: 1000 },
      taskCounters: { offered: 0, accepted: 0, declined: 0, completed: 0 },
    })
    await insertAll('organisations', [organisation('org-facts-a'), organisation('org-facts-b')])
    for (let minutes = 1; minutes <= RECENT_RESPONSES + 5; minutes++) {
      await updateOrganisationFacts(['org-facts-a'], { counters: { accepted: 1 }, acceptedAfterMinutes: minutes })
    }
    await updateOrganisationFacts(['org-facts-a', 'org-facts-b'], {
      counters: { offered: 1 },
      lastOfferedAt: new Date('2026-10-01T02:00:00Z'),
    })
    const [a, b] = await Promise.all([organisationById('org-facts-a'), organisationById('org-facts-b')])
    expect(a?.acceptanceMinutes).toEqual(Array.from({ length: RECENT_RESPONSES }, (_, i) => i + 6))
    expect(a?.taskCounters).toEqual({ offered: 1, accepted: RECENT_RESPONSES + 5, declined: 0, completed: 0 })
    expect(b?.taskCounters).toEqual({ offered: 1, accepted: 0, declined: 0, completed: 0 })
    expect(new Date(b!.lastOfferedAt!).toISOString()).toBe('2026-10-01T02:00:00.000Z')
  })
})
