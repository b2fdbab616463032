/** 迁入 and 认领 as sources of the waiting list: by name, longest waiting first; below every need (decisions 026, 027). */
import { committeeResidentsPath } from '../../../shared/domain/residents'
import { movesWaitingFor } from '../../data/moves'
import { takeoversWaitingIn } from '../../data/proxy'
import { waitingItem, type WaitingSource } from '../waiting-item'

export async function waitingResidents(communityId: string, now: Date, limit: number): Promise<WaitingSource> {
  const [moves, takeovers] = await Promise.all([movesWaitingFor(communityId, limit), takeoversWaitingIn(communityId, limit)])
  const page = committeeResidentsPath(communityId)
  return {
    items: [
      ...moves.map((move) =>
        waitingItem(now, {
          kind: 'move_in',
          id: move._id,
          title: move.name,
          detail: [move.neighbourhood, move.addressDetail].filter(Boolean).join(' '),
          since: new Date(move.askedAt),
          page,
        }),
      ),
      ...takeovers.map((takeover) =>
        waitingItem(now, { kind: 'takeover', id: takeover._id, title: takeover.name, since: new Date(takeover.askedAt), page }),
      ),
    ],
    counts: { move_in: moves.length, takeover: takeovers.length },
  }
}
