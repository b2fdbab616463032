/** Telling people about a need (subscribe messages; the outbox locally) and writing its timeline. */
import { NEED_PAGE, OFFERS_PAGE, urgencyLabel } from '../../shared/domain/need'
import { committeeNeedPath } from '../../shared/domain/workbench'
import type { NeedDoc, NeedEventDoc } from '../data/documents'
import { committeeOf } from '../data/memberships'
import { tellEach } from '../wechat'

/** Our template names; the deployment maps them to WeChat template ids (LINLI_SUBSCRIBE_TEMPLATES). */
export type NeedTemplate = 'newOffer' | 'taskAssigned' | 'needAccepted' | 'needDone' | 'needEscalated' | 'lifeAlert' | 'finishDue' | 'needOverdue'

/**
 * Sends one template about `need` to each person (see `tellEach` for failures). The page it opens
 * is the requester's unless `page` says otherwise; leads' offers open their offers.
 */
export async function notify(openids: string[], template: NeedTemplate, need: NeedDoc, extra: Record<string, string> = {}, page?: string): Promise<void> {
  const forLeads = template === 'newOffer' || template === 'taskAssigned'
  await tellEach(openids, {
    template,
    page: page ?? (forLeads ? OFFERS_PAGE : `${NEED_PAGE}?id=${need._id}`),
    data: { helpKind: need.helpKind, urgency: urgencyLabel[need.urgency], neighbourhood: need.neighbourhood, ...extra },
  })
}

/** Opens the committee's own page of the need (call the requester, assign an organisation), not the requester's. */
export async function notifyCommittee(need: NeedDoc, template: NeedTemplate, extra: Record<string, string> = {}): Promise<void> {
  const committee = await committeeOf(need.communityId)
  // Subscribe messages name a page without the leading slash.
  await notify(committee.map((r) => r.openid), template, need, extra, committeeNeedPath(need._id, need.queue).slice(1))
}

/** Who an event is by: a person, or the matching itself. */
export interface Actor {
  openid: string
  name: string
}
export const SYSTEM: Actor = { openid: 'system', name: '系统' }

export function actorOf(caller: { openid: string; person: { name: string } | null }): Actor {
  return { openid: caller.openid, name: caller.person?.name ?? '' }
}

export function needEvent(needId: string, actor: Actor, text: string, at: Date): Omit<NeedEventDoc, '_id'> {
  return { needId, at, actorOpenid: actor.openid, actorName: actor.name, text }
}
