/**
 * The visit schedule as stored on each entry: the next due date, and the moments the scheduled work
 * (./due-work.ts) reminds the paired people (`remindAt`) and tells the committee (`escalateAt`).
 */
import { nextVisitDue, standingChanges, type VisitFrequency } from '../../shared/domain/care'
import type { CareEntryDoc } from '../data/documents'

type ScheduleFields = { nextDueAt: Date; remindAt: Date; escalateAt: Date }

/** The schedule from a due date: its reminder and escalation moments start unsent. */
export function scheduleFrom(nextDueAt: Date, frequency: VisitFrequency): ScheduleFields {
  const { dueSoonFrom, escalatedAfter } = standingChanges(nextDueAt, frequency)
  return { nextDueAt, remindAt: dueSoonFrom, escalateAt: escalatedAfter }
}

/**
 * The schedule after a change of frequency or a new last visit. An unchanged due date keeps its
 * moments as they are, so that what was sent for it is not sent again.
 */
export function scheduleAfter(
  entry: Pick<CareEntryDoc, 'nextDueAt'>,
  person: { frequency: VisitFrequency; registeredAt: Date; lastVisitAt: Date | null },
): Partial<ScheduleFields> {
  const due = nextVisitDue(person)
  if (entry.nextDueAt && new Date(entry.nextDueAt).getTime() === due.getTime()) return {}
  return scheduleFrom(due, person.frequency)
}
