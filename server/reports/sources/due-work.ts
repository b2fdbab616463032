/**
 * The scheduled work as a source of the waiting list: records it kept failing on (server/scheduler),
 * named by the work and the number of attempts only; the page is where the committee sees to the
 * record by hand while the scheduler keeps trying.
 */
import { failuresShownIn } from '../../data/due-work'
import { SHOWN_AFTER_ATTEMPTS } from '../../due-work'
import { waitingItem, type WaitingSource } from '../waiting-item'

export async function waitingDueWork(communityId: string, now: Date, limit: number): Promise<WaitingSource> {
  const { failures, total } = await failuresShownIn(communityId, SHOWN_AFTER_ATTEMPTS, limit)
  return {
    items: failures.map((failure) =>
      waitingItem(now, {
        kind: 'due_work',
        id: failure._id,
        title: failure.title,
        detail: `已失败 ${failure.attempts} 次，系统会继续重试`,
        since: new Date(failure.firstFailedAt),
        page: failure.page,
      }),
    ),
    counts: { due_work: total },
  }
}
