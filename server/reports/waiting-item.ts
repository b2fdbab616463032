import type { WaitingItem } from '../../shared/contracts/reports'
import type { Urgency } from '../../shared/domain/need'
import { waitingKindLabel, type WaitingKind } from '../../shared/domain/workbench'

/** What one source (organisations, needs, …) has waiting on the committee: the first items and how many in all. */
export interface WaitingSource {
  items: WaitingItem[]
  counts: Partial<Record<WaitingKind, number>>
}

export function waitingItem(
  now: Date,
  item: { kind: WaitingKind; id: string; title: string; detail?: string; urgency?: Urgency; since: Date; page: string },
): WaitingItem {
  return {
    ...item,
    kindLabel: waitingKindLabel[item.kind],
    since: item.since.toISOString(),
    // Whole minutes waited so far, as needs.queue counts them.
    waitingMinutes: Math.max(0, Math.floor((now.getTime() - item.since.getTime()) / 60_000)),
  }
}
