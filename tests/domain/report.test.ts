import {
  countBy,
  durationSummary,
  minutesBetween,
  nearestRank,
  periodRange,
  presetPeriod,
  reportPeriodSchema,
  weeksOf,
} from '../../shared/domain/report'

const at = (text: string) => new Date(`${text}+08:00`)

describe('report periods', () => {
  it('covers whole Shanghai days, both ends included', () => {
    expect(periodRange({ from: '2026-11-01', to: '2026-11-30' })).toEqual({
      start: at('2026-11-01T00:00:00'),
      end: at('2026-12-01T00:00:00'),
    })
  })

  it('refuses a period that ends before it starts or runs over a year, naming the field', () => {
    const backwards = reportPeriodSchema.safeParse({ from: '2026-11-30', to: '2026-11-01' })
    expect(backwards.success).toBe(false)
    expect(backwards.error?.issues[0].path).toEqual(['to'])
    expect(reportPeriodSchema.safeParse({ from: '2025-01-01', to: '2026-01-01' }).success).toBe(true)
    expect(reportPeriodSchema.safeParse({ from: '2025-01-01', to: '2026-01-02' }).success).toBe(false)
    expect(reportPeriodSchema.safeParse({ from: '2026-02-30', to: '2026-03-01' }).success).toBe(false)
  })
})

describe('weeksOf', () => {
  it('cuts the period into Monday-to-Sunday weeks, the ends clipped', () => {
    // 2026-11-01 is a Sunday; 2026-11-30 a Monday.
    const weeks = weeksOf({ from: '2026-11-01', to: '2026-11-30' })
    expect(weeks.map((w) => w.label)).toEqual(['11月1日', '11月2日', '11月9日', '11月16日', '11月23日', '11月30日'])
    expect(weeks[0]).toEqual({ label: '11月1日', start: at('2026-11-01T00:00:00'), end: at('2026-11-02T00:00:00') })
    expect(weeks[5].end).toEqual(at('2026-12-01T00:00:00'))
    for (let i = 1; i < weeks.length; i++) expect(weeks[i].start).toEqual(weeks[i - 1].end)
  })

  it('gives one week for a single day', () => {
    expect(weeksOf({ from: '2026-11-25', to: '2026-11-25' })).toEqual([
      { label: '11月25日', start: at('2026-11-25T00:00:00'), end: at('2026-11-26T00:00:00') },
    ])
  })
})

describe('waiting times', () => {
  it('takes the median and 90th percentile by nearest rank', () => {
    const values = [30, 5, 10, 20, 15, 25, 35, 40, 45, 50]
    expect(nearestRank(values, 0.5)).toBe(25)
    expect(nearestRank(values, 0.9)).toBe(45)
    expect(durationSummary([7])).toEqual({ count: 1, medianMinutes: 7, p90Minutes: 7 })
    expect(durationSummary([])).toEqual({ count: 0, medianMinutes: null, p90Minutes: null })
  })

  it('counts whole minutes between moments', () => {
    expect(minutesBetween(at('2026-11-01T08:00:00'), at('2026-11-01T09:30:29'))).toBe(90)
  })
})

describe('countBy', () => {
  it('lists every key, in order, with zero for the absent', () => {
    expect(countBy(['solved', 'partly', 'unsolved'] as const, ['solved', 'unsolved', 'solved'])).toEqual({
      solved: 2,
      partly: 0,
      unsolved: 1,
    })
    expect(Object.keys(countBy(['b', 'a'] as const, []))).toEqual(['b', 'a'])
  })
})

describe('preset periods, in Shanghai days', () => {
  // 2026-11-23 01:30 in Shanghai is still 22 November in UTC.
  const now = new Date('2026-11-22T17:30:00Z')
  it.each([
    ['thisMonth', { from: '2026-11-01', to: '2026-11-23' }],
    ['lastMonth', { from: '2026-10-01', to: '2026-10-31' }],
    ['thisQuarter', { from: '2026-10-01', to: '2026-11-23' }],
    ['thisYear', { from: '2026-01-01', to: '2026-11-23' }],
  ] as const)('%s', (preset, period) => {
    expect(presetPeriod(preset, now)).toEqual(period)
    expect(reportPeriodSchema.safeParse(period).success).toBe(true)
  })
  it('last month of January is December of the year before; a quarter starts on its first month', () => {
    expect(presetPeriod('lastMonth', new Date('2026-01-15T04:00:00Z'))).toEqual({ from: '2025-12-01', to: '2025-12-31' })
    expect(presetPeriod('thisQuarter', new Date('2026-03-31T04:00:00Z'))).toEqual({ from: '2026-01-01', to: '2026-03-31' })
  })
})
