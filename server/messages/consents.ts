/**
 * Consents to subscribe messages. WeChat tells the client, not the server, which templates a person
 * accepted, so what the client says is taken only as far as it can do harm: at most three templates
 * a call (WeChat's own limit), one each, and never more than MAX_CONSENTS_PER_TEMPLATE held.
 * Over-claiming gains nothing: WeChat refuses a send beyond the real consents with 43101, and then
 * the count is cleared (server/wechat tellEach).
 */
import type { ConsentView } from '../../shared/contracts/messages'
import { consentMoments, type ConsentMoment, type MessageKind } from '../../shared/domain/messages'
import type { ConsentDoc } from '../data/documents'
import { addConsents, consentsOf } from '../data/messages'
import type { ActionContext } from '../handler'
import { subscribeTemplateId } from '../wechat/template-ids'

const consentView = (doc: Pick<ConsentDoc, 'template' | 'remaining'>): ConsentView => ({ template: doc.template, remaining: doc.remaining })

export async function subscribeTemplates({ input }: ActionContext<{ moment: ConsentMoment }>) {
  return { templates: consentMoments[input.moment].map((template) => ({ template, templateId: subscribeTemplateId(template) })) }
}

export async function recordConsent({ openid, input, now }: ActionContext<{ templates: MessageKind[] }>) {
  const held = await addConsents(openid, input.templates, now)
  return { consents: [...held].map(([template, remaining]) => consentView({ template, remaining })) }
}

export async function consents({ openid }: ActionContext<Record<string, never>>) {
  return { consents: (await consentsOf(openid)).map(consentView) }
}
