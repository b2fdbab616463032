import {
  ESCALATION_GRACE_DAYS,
  FIRST_VISIT_DAYS,
  monthlyVisitRate,
  monthlyVisitRateByGroup,
  nextVisitDue,
  percentLabel,
  standingChanges,
  visitStanding,
  type RegisterFacts,
} from '../../shared/domain/care'
import { monthOf, monthRange } from '../../shared/domain/time'

const at = (text: string) => new Date(`${text}+08:00`)

describe('nextVisitDue', () => {
  it('asks for a first visit within a week of registration', () => {
    const due = nextVisitDue({ frequency: 'monthly', registeredAt: at('2026-11-03T10:00:00'), lastVisitAt: null })
    expect(due).toEqual(at(`2026-11-${String(3 + FIRST_VISIT_DAYS).padStart(2, '0')}T10:00:00`))
  })

  it('is a calendar month after a monthly visit, landing in the next month even from the 31st', () => {
    expect(nextVisitDue({ frequency: 'monthly', registeredAt: at('2026-01-01T00:00:00'), lastVisitAt: at('2026-01-31T15:00:00') })).toEqual(
      at('2026-02-28T15:00:00'),
    )
    expect(nextVisitDue({ frequency: 'monthly', registeredAt: at('2026-01-01T00:00:00'), lastVisitAt: at('2026-11-05T09:00:00') })).toEqual(
      at('2026-12-05T09:00:00'),
    )
  })

  it('is seven days after a weekly visit', () => {
    expect(nextVisitDue({ frequency: 'weekly', registeredAt: at('2026-01-01T00:00:00'), lastVisitAt: at('2026-11-20T09:00:00') })).toEqual(
      at('2026-11-27T09:00:00'),
    )
  })
})

describe('visitStanding', () => {
  const due = at('2026-11-30T12:00:00')
  it('moves from upcoming to due this week to overdue to escalated after the grace days', () => {
    expect(visitStanding(due, 'monthly', at('2026-11-20T12:00:00'))).toBe('upcoming')
    expect(visitStanding(due, 'monthly', at('2026-11-24T12:00:00'))).toBe('due_soon')
    expect(visitStanding(due, 'monthly', at('2026-11-30T12:00:00'))).toBe('due_soon')
    expect(visitStanding(due, 'monthly', at('2026-11-30T12:00:01'))).toBe('overdue')
    expect(visitStanding(due, 'monthly', at(`2026-12-0${ESCALATION_GRACE_DAYS.monthly}T12:00:00`))).toBe('overdue')
    expect(visitStanding(due, 'monthly', at(`2026-12-0${ESCALATION_GRACE_DAYS.monthly}T12:00:01`))).toBe('escalated')
  })

  it('changes standing exactly at the moments standingChanges names', () => {
    for (const frequency of ['monthly', 'weekly'] as const) {
      const { dueSoonFrom, escalatedAfter } = standingChanges(due, frequency)
      expect(visitStanding(due, frequency, dueSoonFrom)).toBe('upcoming')
      expect(visitStanding(due, frequency, new Date(dueSoonFrom.getTime() + 1))).toBe('due_soon')
      expect(visitStanding(due, frequency, escalatedAfter)).toBe('overdue')
      expect(visitStanding(due, frequency, new Date(escalatedAfter.getTime() + 1))).toBe('escalated')
    }
    expect(standingChanges(due, 'weekly').escalatedAfter).toEqual(at('2026-12-02T12:00:00'))
  })

  it('stands a weekly visit due this week only in its last two days, so one just visited is not due again', () => {
    const visited = at('2026-11-23T12:00:00')
    const next = nextVisitDue({ frequency: 'weekly', registeredAt: at('2026-01-01T00:00:00'), lastVisitAt: visited })
    expect(visitStanding(next, 'weekly', visited)).toBe('upcoming')
    expect(visitStanding(next, 'weekly', at('2026-11-28T12:00:00'))).toBe('upcoming')
    expect(visitStanding(next, 'weekly', at('2026-11-28T12:00:01'))).toBe('due_soon')
    expect(standingChanges(due, 'weekly').dueSoonFrom).toEqual(at('2026-11-28T12:00:00'))
    expect(standingChanges(due, 'monthly').dueSoonFrom).toEqual(at('2026-11-23T12:00:00'))
  })

  it('escalates weekly visits sooner', () => {
    expect(visitStanding(due, 'weekly', at('2026-12-03T12:00:00'))).toBe('escalated')
    expect(visitStanding(due, 'monthly', at('2026-12-03T12:00:00'))).toBe('overdue')
  })
})

describe('months in Shanghai', () => {
  it('names the month of a moment by Shanghai time, not UTC', () => {
    expect(monthOf(new Date('2026-11-30T16:30:00Z'))).toBe('2026-12')
    expect(monthOf(new Date('2026-11-30T15:59:59Z'))).toBe('2026-11')
  })

  it('gives the month as a half-open range', () => {
    expect(monthRange('2026-12')).toEqual({ start: at('2026-12-01T00:00:00'), end: at('2027-01-01T00:00:00') })
  })
})

describe('monthlyVisitRate', () => {
  const person = (
    id: string,
    registeredAt: string,
    withdrawnAt: string | null = null,
    groups: RegisterFacts['groups'] = ['独居老人'],
  ): RegisterFacts => ({
    id,
    groups,
    registeredAt: at(registeredAt),
    withdrawnAt: withdrawnAt === null ? null : at(withdrawnAt),
  })
  const register = [
    person('a', '2026-09-01T09:00:00'),
    person('b', '2026-09-01T09:00:00', null, ['独居老人', '残疾人']),
    person('c', '2026-10-15T09:00:00', null, ['残疾人']),
    // Registered during November: due a first visit, not part of November's rate.
    person('d', '2026-11-10T09:00:00'),
    // Withdrew during November: not to be visited, so not expected.
    person('e', '2026-09-01T09:00:00', '2026-11-20T09:00:00'),
    // Withdrew in December: was on the register all of November.
    person('f', '2026-09-01T09:00:00', '2026-12-02T09:00:00'),
  ]
  const visits = [
    { registerId: 'a', at: at('2026-11-01T00:00:00') },
    { registerId: 'a', at: at('2026-11-15T10:00:00') },
    { registerId: 'b', at: at('2026-10-31T23:59:59') },
    { registerId: 'c', at: at('2026-11-30T23:59:59') },
    { registerId: 'd', at: at('2026-11-12T10:00:00') },
    { registerId: 'f', at: at('2026-12-01T00:00:00') },
  ]

  it('counts those on the register all month, visited at least once inside it', () => {
    expect(monthlyVisitRate('2026-11', register, visits)).toEqual({ expected: 4, visited: 2, rate: 0.5, notVisited: ['b', 'f'] })
  })

  it('has no rate when nobody was expected', () => {
    expect(monthlyVisitRate('2026-08', register, visits)).toEqual({ expected: 0, visited: 0, rate: null, notVisited: [] })
  })

  it('splits by group, counting a person in each of their groups', () => {
    const byGroup = monthlyVisitRateByGroup('2026-11', register, visits)
    expect(Object.keys(byGroup).sort()).toEqual(['残疾人', '独居老人'])
    expect(byGroup['残疾人']).toEqual({ expected: 2, visited: 1, rate: 0.5, notVisited: ['b'] })
    expect(byGroup['独居老人']).toEqual({ expected: 3, visited: 1, rate: 1 / 3, notVisited: ['b', 'f'] })
  })

  it('never shows a rate just short of the target as met', () => {
    expect(percentLabel(0.996)).toBe('99%')
    expect(percentLabel(1)).toBe('100%')
    expect(percentLabel(null)).toBe('—')
  })
})
