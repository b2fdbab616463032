import Taro from '@tarojs/taro'
import type { MessageKind } from '../../../shared/domain/messages'

export async function askToSubscribe(templates: { template: MessageKind; templateId: string | null }[]): Promise<MessageKind[]> {
  // A template the deployment has no id for cannot be asked for (README: LINLI_SUBSCRIBE_TEMPLATES).
  const known = templates.filter((t): t is { template: MessageKind; templateId: string } => t.templateId !== null)
  if (known.length === 0) return []
  const answer = (await Taro.requestSubscribeMessage({
    tmplIds: known.map((t) => t.templateId),
  } as Taro.requestSubscribeMessage.Option)) as unknown as Record<string, string>
  return known.filter((t) => answer[t.templateId] === 'accept').map((t) => t.template)
}
