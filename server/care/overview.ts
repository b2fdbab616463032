/** The committee's schedule: a month's visit rate against the 100% target, and who is due, overdue or escalated now. */
import type { CareContract } from '../../shared/contracts/care'
import {
  DUE_SOON_DAYS,
  monthlyVisitRate,
  monthlyVisitRateByGroup,
  percentLabel,
  type RegisterFacts,
  type VisitRate,
} from '../../shared/domain/care'
import { monthRange } from '../../shared/domain/time'
import { inShanghai } from '../../shared/domain/time'
import type { SpecialNeedGroup } from '../../shared/domain/vocabulary'
import { activeRegisterOf, visitsInCommunities, wholeRegisterOf } from '../data/care'
import type { ActionImplementations } from '../handler'
import { authoriseOverCommunity } from '../scopes'
import { auditListRead, registerRows } from './views'

type Action<A extends keyof CareContract['actions']> = ActionImplementations<CareContract>[A]

const rateView = ({ expected, visited, rate }: VisitRate) => ({ expected, visited, rate, rateLabel: percentLabel(rate) })

export const overview: Action<'overview'> = async (context) => {
  const { input, now } = context
  const community = await authoriseOverCommunity(context, input.communityId)
  const { start, end } = monthRange(input.month)
  const [register, visits, due] = await Promise.all([
    wholeRegisterOf([community._id]),
    visitsInCommunities([community._id], start, end),
    activeRegisterOf(
      community._id,
      inShanghai(now)
        .add(Math.max(...Object.values(DUE_SOON_DAYS)), 'day')
        .toDate(),
    ),
  ])
  const facts: RegisterFacts[] = register.map((e) => ({
    id: e._id,
    groups: e.groups,
    registeredAt: new Date(e.registeredAt),
    withdrawnAt: e.withdrawal ? new Date(e.withdrawal.at) : null,
  }))
  const visitFacts = visits.map((v) => ({ registerId: v.entryId, at: new Date(v.visitedAt) }))
  // Read over the widest due-soon window; a weekly visit due in 3 to 7 days is still upcoming, not shown.
  const rows = (await registerRows(due, now)).filter((r) => r.standing !== 'upcoming')
  const shown = new Set(rows.map((r) => r.entryId))
  // The figures name nobody; the rows do, and are a read of each person shown.
  await auditListRead(
    await context.caller(),
    'care.list',
    due.filter((e) => shown.has(e._id)),
    '探访概况名单',
    now,
  )
  return {
    month: input.month,
    overall: rateView(monthlyVisitRate(input.month, facts, visitFacts)),
    byGroup: (Object.entries(monthlyVisitRateByGroup(input.month, facts, visitFacts)) as [SpecialNeedGroup, VisitRate][]).map(
      ([group, rate]) => ({
        group,
        ...rateView(rate),
      }),
    ),
    dueSoon: rows.filter((r) => r.standing === 'due_soon'),
    overdue: rows.filter((r) => r.standing === 'overdue'),
    escalated: rows.filter((r) => r.standing === 'escalated'),
  }
}
