/**
 * Types of asking a person to accept subscribe messages. The implementation is picked by Taro's
 * file-suffix resolution: `subscribe.weapp.ts` (WeChat's own dialog) or `subscribe.h5.ts` (the
 * local host, which has none: a dialog of ours in its place).
 */
import type { MessageKind } from '../../../shared/domain/messages'

/**
 * Asks for the templates in one dialog; answers the ones the person accepted. Call it first thing
 * in a tap's handler: WeChat shows the dialog only for a tap.
 */
export function askToSubscribe(templates: { template: MessageKind; templateId: string | null }[], purpose: string): Promise<MessageKind[]>
