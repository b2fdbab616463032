/** Telling people about a need (subscribe messages; the outbox locally) and writing its timeline. */
import { randomBytes } from 'node:crypto'
import { urgencyPhrase, type MessageFields, type MessageKind } from '../../shared/domain/messages'
import { NEED_PAGE, OFFERS_PAGE } from '../../shared/domain/need'
import { committeeNeedPath } from '../../shared/domain/workbench'
import type { NeedDoc, NeedEventDoc } from '../data/documents'
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

/** Counts the events this instance writes: one action writes several at the same moment (its `now`). */
let eventsWritten = 0

/**
 * An event of the need's timeline. One action reads the clock once, so its events share their
 * moment; the id sorts them in the order they were made (the timeline orders by moment, then id),
 * and its random tail keeps two instances writing at the same millisecond apart.
 */
export function needEvent(needId: string, actor: Actor, text: string, at: Date): NeedEventDoc {
  eventsWritten = (eventsWritten + 1) % 1e9
  const _id = `${needId}-${String(at.getTime()).padStart(15, '0')}-${String(eventsWritten).padStart(9, '0')}-${randomBytes(4).toString('hex')}`
  return { _id, needId, at, actorOpenid: actor.openid, actorName: actor.name, text }
}
