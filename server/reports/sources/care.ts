/**
 * 关爱对象与定期探访 as a source of the report: the monthly visit rate's facts, and the people whose
 * visit is overdue past the grace days. The waiting list names no one (the 小区 and the schedule):
 * opening the person is the committee's audited read (decision 011).
 */
import { ESCALATION_GRACE_DAYS, standingChanges, visitFrequencyLabel, visitStanding, type RegisterFacts } from '../../../shared/domain/care'
import { inShanghai } from '../../../shared/domain/time'
import { carePersonPath } from '../../../shared/domain/workbench'
import { activeRegisterOf, visitsInCommunities, wholeRegisterOf } from '../../data/care'
import type { CareEntryDoc, CareVisitDoc } from '../../data/documents'
import { waitingItem, type WaitingSource } from '../waiting-item'

export interface CareOfPeriod {
  register: CareEntryDoc[]
  visits: CareVisitDoc[]
}

/** The whole registers (the withdrawn too: they count for the months before) and the visits of the months. */
export async function careOfMonths(communityIds: string[], months: { start: Date; end: Date }): Promise<CareOfPeriod> {
  const [register, visits] = await Promise.all([wholeRegisterOf(communityIds), visitsInCommunities(communityIds, months.start, months.end)])
  return { register, visits }
}

export function registerFacts(entry: CareEntryDoc): RegisterFacts {
  return {
    id: entry._id,
    groups: entry.groups,
    registeredAt: new Date(entry.registeredAt),
    withdrawnAt: entry.withdrawal ? new Date(entry.withdrawal.at) : null,
  }
}

export const visitFacts = (visit: CareVisitDoc) => ({ registerId: visit.entryId, at: new Date(visit.visitedAt) })

/** The shortest grace: nobody due later than this long ago can be escalated yet. */
const SHORTEST_GRACE_DAYS = Math.min(...Object.values(ESCALATION_GRACE_DAYS))

export async function waitingVisits(communityId: string, now: Date): Promise<WaitingSource> {
  const due = await activeRegisterOf(communityId, inShanghai(now).subtract(SHORTEST_GRACE_DAYS, 'day').toDate())
  const escalated = due.filter((entry) => visitStanding(new Date(entry.nextDueAt!), entry.frequency, now) === 'escalated')
  return {
    items: escalated.map((entry) =>
      waitingItem(now, {
        kind: 'visit',
        id: entry._id,
        title: entry.neighbourhood,
        detail: `${visitFrequencyLabel[entry.frequency]} · ${inShanghai(entry.nextDueAt!).format('M月D日')}应探访`,
        since: standingChanges(new Date(entry.nextDueAt!), entry.frequency).escalatedAfter,
        page: carePersonPath(entry._id),
      }),
    ),
    counts: { visit: escalated.length },
  }
}
