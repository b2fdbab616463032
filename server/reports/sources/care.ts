/**
 * 关爱对象与定期探访 as a source of the report: the monthly visit rate's facts, and the people whose
 * visit is overdue past the grace days. The waiting list names no one (the 小区 and the schedule):
 * opening the person is the committee's audited read (decision 011).
 */
import { ESCALATION_GRACE_DAYS, standingChanges, visitFrequencyLabel, visitStanding, type RegisterFacts } from '../../../shared/domain/care'
import { inShanghai } from '../../../shared/domain/time'
import { carePersonPath } from '../../../shared/domain/workbench'
import {
  addVisitMark,
  emptyVisitTally,
  mergeVisitTallies,
  visitMarksOf,
  type VisitMark,
  type VisitTally,
} from '../../../shared/domain/visit-tally'
import { activeRegisterOf, visitChanges, visitsInCommunities } from '../../data/care'
import type { CareEntryDoc, CareVisitDoc } from '../../data/documents'
import type { RolledSource } from '../rollups'
import { waitingItem, type WaitingSource } from '../waiting-item'

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

/** The visits as a rolled source of the monthly visit rate (decision 054). */
export const rolledVisits: RolledSource<CareVisitDoc, VisitMark, VisitTally> = {
  name: 'visits',
  forOffices: true,
  marksOf: (visit) => visitMarksOf(visitFacts(visit)),
  emptyTally: emptyVisitTally,
  addMark: addVisitMark,
  mergeTallies: mergeVisitTallies,
  ...visitChanges,
  countingIn: (communityIds, range) => visitsInCommunities(communityIds, range.start, range.end),
}
