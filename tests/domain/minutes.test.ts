/** How the pages (and the functions' messages) say an amount of time: the balance, a movement, a price. */
import { formatDay, formatMonth, formatTimeLeft } from '../../client/src/format'
import { formatMinutes, formatSignedMinutes } from '../../shared/domain/time'

describe('minutes in words', () => {
  it.each([
    [0, '0 分钟'],
    [45, '45 分钟'],
    [60, '1 小时'],
    [150, '2 小时 30 分钟'],
    [6001, '100 小时 1 分钟'],
    [-30, '−30 分钟'],
    [-90, '−1 小时 30 分钟'],
  ])('says %i minutes as %s', (minutes, words) => {
    expect(formatMinutes(minutes)).toBe(words)
  })

  it('marks a movement in with + and a movement out with −', () => {
    expect(formatSignedMinutes(90)).toBe('+1 小时 30 分钟')
    expect(formatSignedMinutes(-60)).toBe('−1 小时')
    expect(formatSignedMinutes(0)).toBe('0 分钟')
  })

  it('counts down a deadline in the same words', () => {
    const now = Date.parse('2026-11-23T08:00:00Z')
    expect(formatTimeLeft('2026-11-23T10:00:00Z', now)).toBe('还剩 2 小时')
    expect(formatTimeLeft('2026-11-23T09:29:30Z', now)).toBe('还剩 1 小时 30 分钟')
  })
})

describe('days and months as the time bank sends them', () => {
  it('says a calendar day and a month without shifting them by a time zone', () => {
    expect(formatDay('2026-01-01')).toBe('2026年1月1日')
    expect(formatMonth('2026-11')).toBe('2026年11月')
  })
})
