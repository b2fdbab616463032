import Taro from '@tarojs/taro'
import type { MessageKind } from '../../../shared/domain/messages'

/** No WeChat here: one question of ours stands for its dialog, and 接收 accepts every template asked for. */
export async function askToSubscribe(templates: { template: MessageKind }[], purpose: string): Promise<MessageKind[]> {
  const { confirm } = await Taro.showModal({
    title: '接收微信提醒',
    content: purpose,
    confirmText: '接收',
    cancelText: '不用了',
    confirmColor: '#1f5fa8',
  })
  return confirm ? templates.map((t) => t.template) : []
}
