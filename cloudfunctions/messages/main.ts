import { messagesContract } from '../../shared/contracts/messages'
import { defineHandler } from '../../server/handler'
import { consents, recordConsent, subscribeTemplates } from '../../server/messages/consents'
import { inbox, markRead, unreadCount } from '../../server/messages/inbox'

export const main = defineHandler(messagesContract, {
  inbox,
  unreadCount,
  markRead,
  subscribeTemplates,
  recordConsent,
  consents,
})
