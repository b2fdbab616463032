/** The 消息 centre: each person reads and marks only their own messages (the caller's openid is the filter). */
import type { InboxMessage } from '../../shared/contracts/messages'
import { harmRank, urgencyLabel } from '../../shared/domain/need'
import { iso } from '../../shared/domain/time'
import type { InboxDoc } from '../data/documents'
import { inboxOf, markRead as markReadIn, unreadCountOf } from '../data/messages'
import type { ActionContext } from '../handler'

/** More than a person reads at one sitting is not listed; what is older stays stored. */
const INBOX_LIMIT = 100

function inboxView(doc: InboxDoc): InboxMessage {
  return {
    id: doc._id,
    kind: doc.kind,
    title: doc.title,
    lines: doc.lines,
    // Subscribe messages name a page without its leading slash; navigation needs one.
    page: doc.page ? `/${doc.page.replace(/^\//, '')}` : undefined,
    urgency: doc.urgency,
    urgencyLabel: doc.urgency ? urgencyLabel[doc.urgency] : undefined,
    createdAt: iso(doc.createdAt),
    read: doc.readAt !== undefined,
  }
}

/**
 * Unread first, the most harm first among them (危及生命安全, then 紧急), then newest first; the
 * read ones after, newest first.
 */
function inboxOrder(a: InboxDoc, b: InboxDoc): number {
  const unread = (d: InboxDoc) => (d.readAt === undefined ? 0 : 1)
  const harm = (d: InboxDoc) => (d.readAt === undefined ? harmRank(d.urgency) : 0)
  return unread(a) - unread(b) || harm(a) - harm(b) || new Date(b.createdAt).getTime() - new Date(a.createdAt).getTime()
}

export async function inbox({ openid }: ActionContext<Record<string, never>>) {
  const [docs, unread] = await Promise.all([inboxOf(openid, INBOX_LIMIT), unreadCountOf(openid)])
  return { messages: [...docs].sort(inboxOrder).map(inboxView), unread }
}

export async function unreadCount({ openid }: ActionContext<Record<string, never>>) {
  return { unread: await unreadCountOf(openid) }
}

export async function markRead({ openid, input, now }: ActionContext<{ ids?: string[] }>) {
  const marked = await markReadIn(openid, input.ids ?? null, now)
  return { marked, unread: await unreadCountOf(openid) }
}
