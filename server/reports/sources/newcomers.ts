/** 居住核验 as a source of the waiting list: newcomers by name, longest waiting first; below every need (decision 024). */
import { newcomersPath } from '../../../shared/domain/residence'
import { newcomersOf } from '../../data/people'
import { waitingItem, type WaitingSource } from '../waiting-item'

export async function waitingNewcomers(communityId: string, now: Date, limit: number): Promise<WaitingSource> {
  const { newcomers, total } = await newcomersOf(communityId, limit)
  return {
    items: newcomers.map((person) =>
      waitingItem(now, {
        kind: 'newcomer',
        id: person._id,
        title: person.name,
        detail: [person.neighbourhood, person.addressDetail].filter(Boolean).join(' '),
        since: new Date(person.residence!.askedAt),
        page: newcomersPath(communityId),
      }),
    ),
    counts: { newcomer: total },
  }
}
