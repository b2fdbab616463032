/** 消息: the inbox, the count of subscribe consents each person gave, and what became of each send. */
import { createHash } from 'node:crypto'
import { MAX_CONSENTS_PER_TEMPLATE, type MessageKind } from '../../shared/domain/messages'
import { database, documentsWhereIn } from './cloudbase'
import type { ConsentDoc, DeliveryDoc, InboxDoc } from './documents'
import { inTransaction } from './transaction'

const inbox = () => database().collection('inbox')
const consents = () => database().collection('subscribe_consents')
const deliveries = () => database().collection('deliveries')

const hashId = (...parts: string[]) => createHash('sha256').update(parts.join('\n')).digest('hex').slice(0, 32)

/** The id of a message sent once per person for `once` (a reminder retried until it reaches someone). */
export const inboxIdOnce = (once: string, openid: string) => hashId('inbox', once, openid)

/**
 * Adds the messages in one write (CloudBase inserts an array at once), so that a message reaches
 * every inbox or none. With `once`, messages whose id is already there are left out: a retried
 * reminder is listed once.
 */
export async function addToInboxes(messages: InboxDoc[], once: boolean): Promise<void> {
  const existing = once
    ? new Set(
        (
          await documentsWhereIn(
            'inbox',
            '_id',
            messages.map((m) => m._id),
          )
        ).map((d) => (d as InboxDoc)._id),
      )
    : null
  const fresh = existing ? messages.filter((m) => !existing.has(m._id)) : messages
  if (fresh.length > 0) await inbox().add(fresh)
}

/** The reader's messages, newest first. */
export async function inboxOf(openid: string, limit: number): Promise<InboxDoc[]> {
  const { data } = await inbox().where({ openid }).orderBy('createdAt', 'desc').limit(limit).get()
  return data as InboxDoc[]
}

export async function unreadCountOf(openid: string): Promise<number> {
  const _ = database().command
  const { total } = await inbox()
    .where({ openid, readAt: _.exists(false) })
    .count()
  return total
}

/** Marks the reader's own unread messages among `ids` read (all of them without ids); answers how many. */
export async function markRead(openid: string, ids: string[] | null, at: Date): Promise<number> {
  const _ = database().command
  const { updated } = (await inbox()
    .where({ openid, readAt: _.exists(false), ...(ids ? { _id: _.in(ids) } : {}) })
    .update({ readAt: at })) as { updated: number }
  return updated
}

/** One document per person and template. */
export const consentId = (openid: string, template: MessageKind) => hashId('consent', openid, template)

/** One more allowance of each template, up to MAX_CONSENTS_PER_TEMPLATE; answers what each now holds. */
export async function addConsents(openid: string, templates: readonly MessageKind[], now: Date): Promise<Map<MessageKind, number>> {
  const held = new Map<MessageKind, number>()
  for (const template of new Set(templates)) {
    const _id = consentId(openid, template)
    const remaining = await inTransaction(async (tx) => {
      const current = await tx.get('subscribe_consents', _id)
      const next = Math.min(MAX_CONSENTS_PER_TEMPLATE, (current?.remaining ?? 0) + 1)
      if (current) await tx.update('subscribe_consents', _id, { remaining: next, updatedAt: now })
      else await tx.add('subscribe_consents', { _id, openid, template, remaining: next, updatedAt: now })
      return next
    })
    held.set(template, remaining)
  }
  return held
}

/** What the person still holds of each template they ever consented to. */
export async function consentsOf(openid: string): Promise<ConsentDoc[]> {
  const { data } = await consents().where({ openid }).limit(100).get()
  return data as ConsentDoc[]
}

/** Takes one allowance if the person has one left: true when taken. One conditional update, so two sends cannot take the same one. */
export async function takeConsent(openid: string, template: MessageKind, now: Date): Promise<boolean> {
  const _ = database().command
  const { updated } = (await consents()
    .where({ _id: consentId(openid, template), remaining: _.gt(0) })
    .update({ remaining: _.inc(-1), updatedAt: now })) as { updated: number }
  return updated === 1
}

/** Gives back an allowance WeChat did not use (it refused the message for another reason). */
export async function giveConsentBack(openid: string, template: MessageKind, now: Date): Promise<void> {
  const _ = database().command
  await consents()
    .where({ _id: consentId(openid, template), remaining: _.lt(MAX_CONSENTS_PER_TEMPLATE) })
    .update({ remaining: _.inc(1), updatedAt: now })
}

/** WeChat said 43101: whatever we counted, the person holds none. */
export async function clearConsent(openid: string, template: MessageKind, now: Date): Promise<void> {
  await consents().doc(consentId(openid, template)).update({ remaining: 0, updatedAt: now })
}

/** Keeps what became of each send, in one write. */
export async function recordDeliveries(records: Omit<DeliveryDoc, '_id'>[]): Promise<void> {
  if (records.length > 0) await deliveries().add(records)
}
