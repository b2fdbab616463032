/**
 * The calendar rules at every moment of the table (tests/support/moments.ts), with the process in
 * Shanghai and in UTC: CloudBase runs functions in UTC, the phones in Shanghai, and the answer must
 * not depend on either. Each expectation is counted here with plain arithmetic on the wall clock
 * of Shanghai (UTC+8 all year), not with the code under test.
 */
import { monthlyVisitRate, nextVisitDue, visitStanding } from '../../shared/domain/care'
import { periodPresets, periodRange, presetPeriod, weeksOf } from '../../shared/domain/report'
import { monthsOf } from '../../shared/domain/report-figures'
import { reminderDue } from '../../shared/domain/activity'
import { shanghaiDay } from '../../shared/domain/timebank'
import { monthOf, monthRange } from '../../shared/domain/time'
import { calendarMoments } from '../support/moments'

const HOUR = 3600_000
const DAY = 24 * HOUR

/** The Shanghai wall clock of a moment, as UTC fields of a shifted Date. */
const wall = (at: Date) => new Date(at.getTime() + 8 * HOUR)
const ymd = (at: Date) => wall(at).toISOString().slice(0, 10)
const ym = (at: Date) => wall(at).toISOString().slice(0, 7)
const daysInMonth = (year: number, monthIndex: number) => new Date(Date.UTC(year, monthIndex + 1, 0)).getUTCDate()

describe.each(['Asia/Shanghai', 'UTC'])('with the process in %s', (zone) => {
  const before = process.env.TZ
  beforeAll(() => {
    process.env.TZ = zone
  })
  afterAll(() => {
    process.env.TZ = before
  })

  describe.each(calendarMoments)('at $name', ({ at }) => {
    it('names the Shanghai day and month of the moment, and a minute earlier only across midnight', () => {
      expect(shanghaiDay(at)).toBe(ymd(at))
      expect(monthOf(at)).toBe(ym(at))
      const minuteBefore = new Date(at.getTime() - 60_000)
      expect(shanghaiDay(minuteBefore) === shanghaiDay(at)).toBe(ymd(minuteBefore) === ymd(at))
      const { start, end } = monthRange(monthOf(at))
      expect(start.getTime()).toBeLessThanOrEqual(at.getTime())
      expect(end.getTime()).toBeGreaterThan(at.getTime())
      expect(ymd(start).slice(8)).toBe('01')
      expect(wall(start).getUTCHours()).toBe(0)
    })

    it('gives every preset period whole days that end today at the latest, and this month, quarter and year contain now', () => {
      for (const preset of periodPresets) {
        const period = presetPeriod(preset, at)
        expect(period.from <= period.to).toBe(true)
        expect(period.to <= ymd(at)).toBe(true)
        const range = periodRange(period)
        if (preset === 'lastMonth') {
          expect(range.end.getTime()).toBe(monthRange(monthOf(at)).start.getTime())
          expect(period.from.slice(8)).toBe('01')
        } else {
          expect(period.to).toBe(ymd(at))
          expect(range.start.getTime()).toBeLessThanOrEqual(at.getTime())
          expect(range.end.getTime()).toBeGreaterThan(at.getTime())
        }
      }
    })

    it('splits this month into Monday-to-Sunday weeks that cover each day once, and knows its months', () => {
      const period = presetPeriod('thisMonth', at)
      const weeks = weeksOf(period)
      const { start, end } = periodRange(period)
      expect(weeks[0].start.getTime()).toBe(start.getTime())
      expect(weeks[weeks.length - 1].end.getTime()).toBe(end.getTime())
      weeks.forEach((week, i) => {
        if (i > 0) {
          expect(week.start.getTime()).toBe(weeks[i - 1].end.getTime())
          expect(wall(week.start).getUTCDay()).toBe(1)
        }
        expect(week.end.getTime() - week.start.getTime()).toBeLessThanOrEqual(7 * DAY)
      })
      expect(monthsOf(presetPeriod('thisYear', at))).toHaveLength(wall(at).getUTCMonth() + 1)
    })

    it('asks for a monthly visit in the next calendar month, on the same day or the month’s last', () => {
      const due = nextVisitDue({ frequency: 'monthly', registeredAt: new Date(at.getTime() - 90 * DAY), lastVisitAt: at })
      const from = wall(at)
      const year = from.getUTCFullYear() + (from.getUTCMonth() === 11 ? 1 : 0)
      const month = (from.getUTCMonth() + 1) % 12
      expect(wall(due).getUTCFullYear()).toBe(year)
      expect(wall(due).getUTCMonth()).toBe(month)
      expect(wall(due).getUTCDate()).toBe(Math.min(from.getUTCDate(), daysInMonth(year, month)))
      expect(wall(due).getUTCHours()).toBe(from.getUTCHours())
      expect(nextVisitDue({ frequency: 'weekly', registeredAt: at, lastVisitAt: at }).getTime() - at.getTime()).toBe(7 * DAY)
    })

    it('stands a visit due around now as the schedule says, counted in whole days', () => {
      const standingIn = (days: number) => visitStanding(new Date(at.getTime() + days * DAY), 'monthly', at)
      expect(standingIn(8)).toBe('upcoming')
      expect(standingIn(6.99)).toBe('due_soon')
      expect(standingIn(0.01)).toBe('due_soon')
      expect(standingIn(-0.01)).toBe('overdue')
      expect(standingIn(-6.99)).toBe('overdue')
      expect(standingIn(-7.01)).toBe('escalated')
      expect(visitStanding(new Date(at.getTime() - 2.01 * DAY), 'weekly', at)).toBe('escalated')
      expect(visitStanding(new Date(at.getTime() + 7 * DAY), 'weekly', at)).toBe('upcoming')
      expect(visitStanding(new Date(at.getTime() + 2.01 * DAY), 'weekly', at)).toBe('upcoming')
      expect(visitStanding(new Date(at.getTime() + 1.99 * DAY), 'weekly', at)).toBe('due_soon')
    })

    it('counts a visit at this moment in this month’s rate and one just before the month began in none of it', () => {
      const { start } = monthRange(monthOf(at))
      const register = [
        { id: 'a', groups: ['空巢老人' as const], registeredAt: new Date(start.getTime() - 40 * DAY), withdrawnAt: null },
        { id: 'b', groups: ['空巢老人' as const], registeredAt: new Date(start.getTime() - 40 * DAY), withdrawnAt: null },
      ]
      const rate = monthlyVisitRate(monthOf(at), register, [
        { registerId: 'a', at },
        { registerId: 'b', at: new Date(start.getTime() - 60_000) },
      ])
      expect(rate).toEqual({ expected: 2, visited: 1, rate: 0.5, notVisited: ['b'] })
    })

    it('sends the day reminder a day before an activity and the hour reminder an hour before, once each', () => {
      expect(reminderDue(new Date(at.getTime() + DAY - 60_000), undefined, at)).toBe('day')
      expect(reminderDue(new Date(at.getTime() + DAY - 60_000), 'day', at)).toBeNull()
      expect(reminderDue(new Date(at.getTime() + HOUR - 60_000), 'day', at)).toBe('hour')
      expect(reminderDue(new Date(at.getTime() + DAY + 60_000), undefined, at)).toBeNull()
      expect(reminderDue(new Date(at.getTime() - 60_000), undefined, at)).toBeNull()
    })
  })
})
