import { insertAll } from '../../server/data/maintenance'
import type { NeedDoc } from '../../server/data/documents'
import { needAfter, needById, timelineOf } from '../../server/data/needs'
import { inTransaction, increment, patched, unset, whole } from '../../server/data/transaction'
import { officesByIds } from '../../server/data/places'
import { organisationById, updateOrganisationFacts } from '../../server/data/organisations'
import { RECENT_RESPONSES } from '../../shared/domain/organisation'
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
    // 2500 events of one need at the same moment: every page boundary falls inside the tie.
    const at = new Date('2026-10-01T02:00:00Z')
    const events = Array.from({ length: 2500 }, (_, i) => ({
      _id: `ev-${String(i).padStart(4, '0')}`,
      needId: 'need-tied',
      at,
      actorOpenid: 'system',
      actorName: '系统',
      text: `第${i}条`,
    }))
    await insertAll('need_events', events)
    const timeline = await timelineOf('need-tied')
    expect(timeline).toHaveLength(2500)
    expect(new Set(timeline.map((e) => e._id)).size).toBe(2500)
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
      volunteers: [{ memberId: 'm-1', openid: 'v-1' }],
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
