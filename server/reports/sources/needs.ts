/** 急难愁盼 as a source of the report: the facts behind the needs figures, and the needs waiting on the committee. */
import { urgencyLabel } from '../../../shared/domain/need'
import type { NeedFacts } from '../../../shared/domain/report-figures'
import { committeeNeedPath, type WaitingKind } from '../../../shared/domain/workbench'
import type { QueueReason } from '../../data/documents'
import type { NeedDoc } from '../../data/documents'
import { addMark, byWeeks, emptyTally, marksOf, mergeTallies, type NeedMark, type NeedTally } from '../../../shared/domain/need-tally'
import { lifeNeedsUnaccepted, needsForFigures, queueCounts, queuedIn, type NeedForFigures } from '../../data/needs'
import { needChanges } from '../../data/report-rollups'
import {
  addWorkMark,
  emptyWorkTally,
  mergeWorkTallies,
  workMarksOf,
  type WorkFacts,
  type WorkMark,
  type WorkTally,
} from '../../../shared/domain/work-tally'
import type { RolledSource } from '../rollups'
import { waitingItem, type WaitingSource } from '../waiting-item'

export function needFacts(need: NeedForFigures): NeedFacts {
  return {
    helpKind: need.helpKind,
    urgency: need.urgency,
    status: need.status,
    createdAt: new Date(need.createdAt),
    acceptedAt: need.acceptedBy ? new Date(need.acceptedBy.at) : null,
    doneAt: need.doneAt ? new Date(need.doneAt) : null,
    outcome: need.outcome ? { result: need.outcome.result, at: new Date(need.outcome.at) } : null,
    location: need.location.coordinates,
  }
}

const kindOfReason: Record<QueueReason, WaitingKind> = {
  review: 'need_review',
  flagged: 'need_flagged',
  duplicate: 'need_duplicate',
  escalated: 'need_escalated',
  overdue: 'need_overdue',
}

/** A need as the committee's list shows it: by kind of help, urgency and 小区 (no names). */
function needItem(now: Date, need: NeedDoc, kind: WaitingKind) {
  return waitingItem(now, {
    kind,
    id: need._id,
    title: need.helpKind,
    detail: `${urgencyLabel[need.urgency]} · ${need.neighbourhood}`,
    urgency: need.urgency,
    // The requester has waited since raising it, however recently it reached the committee.
    since: new Date(need.createdAt),
    page: committeeNeedPath(need._id, need.queue),
  })
}

/**
 * The committee's queue of needs, the most harmful first, and every 危及生命安全 need no organisation
 * has accepted yet: it is the committee's to watch from the moment it is raised.
 */
export async function waitingNeeds(communityId: string, now: Date, limit: number): Promise<WaitingSource> {
  const reasons = Object.keys(kindOfReason) as QueueReason[]
  const [queued, counts, life] = await Promise.all([
    queuedIn(communityId, reasons, limit),
    queueCounts(communityId),
    lifeNeedsUnaccepted(communityId, limit),
  ])
  // One already in the queue (a duplicate, say) is listed there, once.
  const lifeOnly = life.filter((need) => !need.queue)
  return {
    items: [
      ...lifeOnly.map((need) => needItem(now, need, 'need_life')),
      ...queued.map((need) => needItem(now, need, kindOfReason[need.queue!])),
    ],
    counts: { need_life: lifeOnly.length, ...Object.fromEntries(reasons.map((reason) => [kindOfReason[reason], counts[reason]])) },
  }
}

/** The needs as a rolled source of the figures (decision 040). */
export const rolledNeeds: RolledSource<NeedForFigures, NeedMark, NeedTally> = {
  name: 'needs',
  forOffices: true,
  marksOf: (need) => marksOf(needFacts(need)),
  emptyTally,
  addMark,
  mergeTallies,
  summed: byWeeks,
  ...needChanges,
  countingIn: needsForFigures,
}

/** A need with whose work it is: who accepted it, and whose work its judgement judged. */
export const workFacts = (need: NeedForFigures): WorkFacts => ({
  ...needFacts(need),
  acceptedBy: need.acceptedBy?.organisationId ?? null,
  judgedOrganisation: need.outcome?.organisationId ?? null,
})

/** The needs as a rolled source of each organisation's work (decision 055); no office reads it. */
export const rolledWork: RolledSource<NeedForFigures, WorkMark, WorkTally> = {
  name: 'work',
  forOffices: false,
  marksOf: (need) => workMarksOf(workFacts(need)),
  emptyTally: emptyWorkTally,
  addMark: addWorkMark,
  mergeTallies: mergeWorkTallies,
  ...needChanges,
  countingIn: needsForFigures,
}
