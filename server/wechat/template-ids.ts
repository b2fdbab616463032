import type { MessageKind } from '../../shared/domain/messages'

/**
 * WeChat's id of one of our templates, from deployment config (LINLI_SUBSCRIBE_TEMPLATES, e.g.
 * {"needAccepted": "AbC…"}), or null when none is configured: the server sends with it, and the
 * client asks for consent with it.
 */
export function subscribeTemplateId(template: MessageKind): string | null {
  const ids = JSON.parse(process.env.LINLI_SUBSCRIBE_TEMPLATES ?? '{}') as Record<string, string>
  return ids[template] || null
}
