import {
  activityFigures,
  approximatePlaces,
  approvedWhenEnded,
  monthsOf,
  needFigures,
  serviceFigures,
  visitRatesOf,
  weeklyTrend,
  type NeedFacts,
} from '../../shared/domain/report-figures'

const at = (text: string) => new Date(`${text}+08:00`)
const november = { from: '2026-11-01', to: '2026-11-30' }

const need = (fields: Partial<NeedFacts>): NeedFacts => ({
  helpKind: '助餐',
  urgency: 'normal',
  status: 'matching',
  createdAt: at('2026-11-10T09:00:00'),
  acceptedAt: null,
  doneAt: null,
  outcome: null,
  location: [118.0478, 36.8098],
  ...fields,
})

describe('needs figures', () => {
  it('counts raised by creation, leaving out what the committee hid', () => {
    const figures = needFigures([need({}), need({ status: 'hidden' }), need({ createdAt: at('2026-10-31T23:59:59') })], november)
    expect(figures.raised).toBe(1)
    expect(figures.byKind).toEqual([{ helpKind: '助餐', raised: 1, accepted: 0, completed: 0 }])
  })

  it('counts the kinds the seeds name that came later too: 防骗维权, 康复护理, 社会融入', () => {
    const figures = needFigures(
      [
        need({ helpKind: '防骗维权' }),
        need({ helpKind: '防骗维权', status: 'accepted', acceptedAt: at('2026-11-10T09:30:00') }),
        need({ helpKind: '康复护理' }),
        need({ helpKind: '社会融入' }),
      ],
      november,
    )
    expect(figures.byKind).toEqual([
      { helpKind: '康复护理', raised: 1, accepted: 0, completed: 0 },
      { helpKind: '防骗维权', raised: 2, accepted: 1, completed: 0 },
      { helpKind: '社会融入', raised: 1, accepted: 0, completed: 0 },
    ])
  })

  it('a need raised before the period and done in it counts as completed, with its whole time to completion', () => {
    const figures = needFigures(
      [
        need({
          status: 'closed',
          createdAt: at('2026-10-31T12:00:00'),
          acceptedAt: at('2026-10-31T13:00:00'),
          doneAt: at('2026-11-01T12:00:00'),
        }),
      ],
      november,
    )
    expect(figures).toMatchObject({
      raised: 0,
      accepted: 0,
      completed: 1,
      toCompletion: { count: 1, medianMinutes: 24 * 60, p90Minutes: 24 * 60 },
    })
  })

  it('a need judged 未解决 and back in matching is judged, not completed', () => {
    const reopened = need({
      status: 'matching',
      doneAt: at('2026-11-11T09:00:00'),
      outcome: { result: 'unsolved', at: at('2026-11-12T09:00:00') },
    })
    const figures = needFigures([reopened], november)
    expect(figures.completed).toBe(0)
    expect(figures.outcomes).toEqual({ solved: 0, partly: 0, unsolved: 1, unrated: 0 })
  })

  it('median and 90th percentile of acceptance by nearest rank', () => {
    const waits = [5, 10, 20, 40, 80, 160, 320, 640, 1280, 2560]
    const needs = waits.map((minutes) =>
      need({ status: 'accepted', acceptedAt: new Date(at('2026-11-10T09:00:00').getTime() + minutes * 60_000) }),
    )
    expect(needFigures(needs, november).toAcceptance).toEqual({ count: 10, medianMinutes: 80, p90Minutes: 1280 })
  })

  it('the trend puts each need in the Monday week it was raised and completed in', () => {
    const trend = weeklyTrend(
      [
        need({ createdAt: at('2026-11-01T10:00:00') }),
        need({ createdAt: at('2026-11-02T00:00:00'), status: 'done', doneAt: at('2026-11-08T23:59:00') }),
      ],
      november,
    )
    expect(trend.slice(0, 2).map(({ label, raised, completed }) => ({ label, raised, completed }))).toEqual([
      { label: '11月1日', raised: 1, completed: 0 },
      { label: '11月2日', raised: 1, completed: 1 },
    ])
  })
})

describe('map cells', () => {
  it('counts points in cells of 0.005°, shown at the cell centre, never at a point', () => {
    const cells = approximatePlaces([
      [118.0478, 36.8098],
      [118.0461, 36.8051],
      [118.0521, 36.8098],
    ])
    expect(cells).toEqual([
      { centre: [118.0475, 36.8075], count: 2 },
      { centre: [118.0525, 36.8075], count: 1 },
    ])
  })
})

describe('organisations at the period’s end', () => {
  const organisation = (status: 'approved' | 'suspended' | 'pending', approvedAt: string | null, suspendedAt?: string) => ({
    status,
    approvedAt: approvedAt ? at(approvedAt) : null,
    decision: suspendedAt ? { decision: 'suspend' as const, at: at(suspendedAt) } : null,
  })

  it('counts those approved before it ended and not suspended by then', () => {
    const counted = approvedWhenEnded(
      [
        organisation('approved', '2026-01-01T09:00:00'),
        organisation('approved', '2026-12-01T00:00:00'),
        organisation('suspended', '2026-01-01T09:00:00', '2026-11-20T09:00:00'),
        organisation('suspended', '2026-01-01T09:00:00', '2026-12-02T09:00:00'),
        organisation('pending', null),
      ],
      november,
    )
    expect(counted).toHaveLength(2)
  })
})

describe('volunteer service', () => {
  it('sums the minutes the time bank counted for service given in the period; a record with none counted is no record', () => {
    const record = (countedMinutes: number, servedAt: string, openid = 'a', sourceKind: 'need' | 'activity' = 'need') => ({
      openid,
      countedMinutes,
      servedAt: at(servedAt),
      sourceKind,
    })
    expect(
      serviceFigures(
        [
          record(60, '2026-11-03T09:00:00'),
          record(30, '2026-11-04T09:00:00', 'b', 'activity'),
          record(0, '2026-11-05T09:00:00', 'c'),
          record(45, '2026-12-01T00:00:00'),
        ],
        november,
      ),
    ).toEqual({ minutes: 90, volunteers: 2, records: 2, needMinutes: 60, activityMinutes: 30 })
  })
})

describe('activities held', () => {
  const activity = (status: 'finished' | 'cancelled' | 'published', endAt: string, participants = 10, checkedIn = 6) => ({
    status,
    endAt: at(endAt),
    participants,
    volunteers: 2,
    checkedIn,
  })
  it('counts the finished ones that ended in the period, with their head counts', () => {
    expect(
      activityFigures(
        [
          activity('finished', '2026-11-01T00:00:00'),
          activity('finished', '2026-12-01T00:00:00'),
          activity('cancelled', '2026-11-10T10:00:00'),
          activity('published', '2026-11-20T10:00:00'),
          activity('finished', '2026-11-30T23:59:00', 4, 4),
        ],
        november,
      ),
    ).toEqual({ held: 2, participants: 14, checkedIn: 10, volunteers: 4 })
  })
})

describe('visit rates of the period', () => {
  it('one rate per calendar month the period touches, each month counted whole', () => {
    expect(monthsOf({ from: '2026-10-15', to: '2026-12-01' })).toEqual(['2026-10', '2026-11', '2026-12'])
    const register = [
      { id: 'a', groups: ['独居老人' as const], registeredAt: at('2026-09-01T10:00:00'), withdrawnAt: null },
      { id: 'b', groups: ['独居老人' as const], registeredAt: at('2026-10-20T10:00:00'), withdrawnAt: null },
    ]
    const visits = [
      { registerId: 'a', at: at('2026-10-02T10:00:00') },
      { registerId: 'b', at: at('2026-11-05T10:00:00') },
    ]
    expect(visitRatesOf({ from: '2026-10-15', to: '2026-11-10' }, register, visits)).toEqual([
      { month: '2026-10', expected: 1, visited: 1, rate: 1 },
      { month: '2026-11', expected: 2, visited: 1, rate: 0.5 },
    ])
  })
})
