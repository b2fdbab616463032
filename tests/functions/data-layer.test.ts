import { insertAll } from '../../server/data/maintenance'
import { timelineOf } from '../../server/data/needs'
import { officesByIds } from '../../server/data/places'
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
