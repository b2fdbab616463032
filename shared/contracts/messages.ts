import { z } from 'zod'
import { action, defineFunction } from '../contract'
import { idSchema, isoDateTimeSchema } from '../domain/fields'
import { consentMoments, MAX_CONSENTS_PER_TEMPLATE, messageKinds, TEMPLATES_PER_REQUEST, type MessageKind } from '../domain/messages'
import { urgencySchema } from '../domain/need'

const messageKindSchema = z.enum(Object.keys(messageKinds) as [MessageKind, ...MessageKind[]])
const consentMomentSchema = z.enum(Object.keys(consentMoments) as [keyof typeof consentMoments, ...(keyof typeof consentMoments)[]])

/** One message in the reader's 消息 centre, as the subscribe message said it. */
export const inboxMessageSchema = z.object({
  id: z.string(),
  kind: messageKindSchema,
  title: z.string(),
  lines: z.array(z.object({ title: z.string(), value: z.string() })),
  /** The page it opens, with its query and a leading slash; absent: none. */
  page: z.string().optional(),
  urgency: urgencySchema.optional(),
  urgencyLabel: z.string().optional(),
  createdAt: isoDateTimeSchema,
  read: z.boolean(),
})
export type InboxMessage = z.infer<typeof inboxMessageSchema>

export const consentViewSchema = z.object({
  template: messageKindSchema,
  /** How many more of this template the person may be sent (one per accepted request). */
  remaining: z.number().int().min(0).max(MAX_CONSENTS_PER_TEMPLATE),
})
export type ConsentView = z.infer<typeof consentViewSchema>

export const messagesContract = defineFunction('messages', {
  inbox: action(
    '消息：我的消息（未读的在前，危急的在最前）',
    z.strictObject({}),
    z.object({ messages: z.array(inboxMessageSchema), unread: z.number().int().min(0) }),
  ),
  unreadCount: action('消息：未读条数', z.strictObject({}), z.object({ unread: z.number().int().min(0) })),
  markRead: action(
    '消息：标为已读（不给 ids 即全部）',
    z.strictObject({ ids: z.array(idSchema).min(1).max(100).optional() }),
    z.object({ marked: z.number().int().min(0), unread: z.number().int().min(0) }),
  ),
  subscribeTemplates: action(
    '订阅消息：某个时机要请求的模板及其微信模板 ID',
    z.strictObject({ moment: consentMomentSchema }),
    z.object({ templates: z.array(z.object({ template: messageKindSchema, templateId: z.string().nullable() })) }),
  ),
  recordConsent: action(
    '订阅消息：记录用户同意接收的模板（每次同意可收一条）',
    z.strictObject({ templates: z.array(messageKindSchema).min(1).max(TEMPLATES_PER_REQUEST) }),
    z.object({ consents: z.array(consentViewSchema) }),
  ),
  consents: action('订阅消息：我还能收到几条', z.strictObject({}), z.object({ consents: z.array(consentViewSchema) })),
})
export type MessagesContract = typeof messagesContract
