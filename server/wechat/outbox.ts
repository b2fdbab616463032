import { randomUUID } from 'node:crypto'
import QRCode from 'qrcode'
import { recordInOutbox } from '../data/outbox'
import type { WeChatOpenApi } from './index'

/**
 * Stands in for msgSecCheck locally: a short list of words that WeChat would surely flag,
 * enough to exercise the flagged-text paths without a WeChat account.
 */
const flaggedWords = ['赌博', '毒品', '诈骗', '色情', '枪支', '代开发票']

export const outboxOpenApi: WeChatOpenApi = {
  async checkText({ openid, text, scene }) {
    const verdict = flaggedWords.some((word) => text.includes(word)) ? 'risky' : 'pass'
    await recordInOutbox({ channel: 'contentSecurity', toOpenid: openid, payload: { scene, text, verdict } })
    return verdict
  },

  /**
   * Records the request as WeChat would take it, and answers a trace id; the verdict is delivered
   * later through the function's message push, by the local host or a test, as WeChat's would be.
   */
  async checkMedia({ openid, fileId, scene }) {
    // WeChat's own rules: the user's openid, a scene of 1–4, and a photo it can fetch.
    if (!openid || ![1, 2, 3, 4].includes(scene) || !fileId.startsWith('cloud://')) throw new Error(`mediaCheckAsync would refuse ${fileId}`)
    const traceId = randomUUID()
    await recordInOutbox({ channel: 'mediaCheck', toOpenid: openid, payload: { scene, fileId, traceId } })
    return { traceId }
  },

  async sendSubscribeMessage({ toOpenid, template, page, data }) {
    await recordInOutbox({ channel: 'subscribeMessage', toOpenid, template, payload: { page, data } })
  },

  /** A plain QR code of the page path: scannable with any camera, and readable in tests. */
  async miniProgramCode({ page, scene }) {
    return QRCode.toDataURL(`${page}?${scene}`, { type: 'image/png', margin: 2, width: 280 })
  },
}
