/** Telling people about a need (subscribe messages; the outbox locally) and writing its timeline. */
import { urgencyPhrase, type MessageFields, type MessageKind } from '../../shared/domain/messages'
import { NEED_PAGE, OFFERS_PAGE } from '../../shared/domain/need'
import { committeeNeedPath } from '../../shared/domain/workbench'
import type { NeedDoc, NeedEvent } from '../data/documents'
import { relativesFollowing } from '../data/family'
import { committeeOf } from '../data/memberships'
import { peopleByOpenids } from '../data/residents'
import { tellEach, textEach } from '../wechat'
import { isRequesterTemplate, tellRequesterWithoutApp } from './no-app'

/** The message kinds about a need (shared/domain/messages.ts). */
export type NeedTemplate = Extract<
  MessageKind,
  'newOffer' | 'taskAssigned' | 'needAccepted' | 'needDone' | 'needEscalated' | 'lifeAlert' | 'finishDue' | 'needOverdue'
>

/** What every message about a need may say of it; each kind takes the fields its template has. */
const needFacts = (need: NeedDoc) => ({
  helpKind: need.helpKind,
  urgency: urgencyPhrase[need.urgency],
  neighbourhood: need.neighbourhood,
  raisedAt: new Date(need.createdAt),
})
/** The fields of a kind that the need itself does not give. */
export type NeedExtra<K extends NeedTemplate> = Omit<MessageFields<K>, keyof ReturnType<typeof needFacts>>

/**
 * Sends one template about `need` to each person (see `tellEach` for failures). The page it opens
 * is the requester's unless `page` says otherwise; leads' offers open their offers. What the requester
 * is told, the relatives she lets follow her needs are told too, and a requester without the app by
 * SMS or the committee's call (no-app.ts).
 */
export async function notify<K extends NeedTemplate>(
  openids: string[],
  template: K,
  need: NeedDoc,
  extra: NeedExtra<K>,
  page?: string,
): Promise<void> {
  const forLeads = template === 'newOffer' || template === 'taskAssigned'
  const fields = { ...needFacts(need), ...extra } as unknown as MessageFields<K>
  const toRequester = openids.includes(need.requesterOpenid)
  const followers = toRequester ? await relativesFollowing(need.requesterOpenid) : []
  await tellEach([...openids, ...followers], template, fields, page ?? (forLeads ? OFFERS_PAGE : `${NEED_PAGE}?id=${need._id}`))
  if (toRequester && isRequesterTemplate(template)) await tellRequesterWithoutApp(need, template, fields as MessageFields<typeof template>)
}

/** Opens the committee's own page of the need (call the requester, assign an organisation), not the requester's. */
export async function notifyCommittee<K extends NeedTemplate>(need: NeedDoc, template: K, extra: NeedExtra<K>): Promise<void> {
  const committee = await committeeOf(need.communityId)
  // Subscribe messages name a page without the leading slash.
  await notify(
    committee.map((r) => r.openid),
    template,
    need,
    extra,
    committeeNeedPath(need._id, need.queue).slice(1),
  )
}

/**
 * The last resort, by SMS to the committee on duty: every committee member of the need's community
 * with a mainland mobile on record (docs/decisions/029). For a 危及生命安全 need as it is raised, and
 * for a 紧急 need no organisation accepted in its first round.
 */
export async function textCommitteeOnDuty(need: NeedDoc, kind: 'lifeSafetyText' | 'urgentUnacceptedText'): Promise<void> {
  const committee = await committeeOf(need.communityId)
  const people = await peopleByOpenids(committee.map((r) => r.openid))
  const recipients = committee.map((r) => ({ openid: r.openid, phone: people.get(r.openid)?.phone }))
  const fields = { neighbourhood: need.neighbourhood, helpKind: need.helpKind }
  if (kind === 'lifeSafetyText') await textEach(recipients, kind, { ...fields, phone: need.contactPhone })
  else await textEach(recipients, kind, fields)
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

/** A line of the need's timeline; an action reads the clock once, so its lines share their moment and keep their order in the array. */
export function needEvent(actor: Actor, text: string, at: Date): NeedEvent {
  return { at, actorOpenid: actor.openid, actorName: actor.name, text }
}
