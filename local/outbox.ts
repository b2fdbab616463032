/**
 * WeChat's server APIs as the local host and the tests plug them in (local/replacements.ts):
 * every message is recorded in the outbox collection instead of being sent, and shown at
 * /local/outbox. Never deployed: production uses server/wechat/cloud.ts.
 */
import QRCode from 'qrcode'
import { database } from '../server/data/cloudbase'
import type { OutboxDoc } from '../server/data/documents'
import type { WeChatOpenApi } from '../server/wechat'

/**
 * Stands in for msgSecCheck: a short list of words that WeChat would surely flag, enough to
 * exercise the flagged-text paths without a WeChat account.
 */
const flaggedWords = ['赌博', '毒品', '诈骗', '色情', '枪支', '代开发票']

async function recordInOutbox(message: Omit<OutboxDoc, '_id' | 'createdAt'>): Promise<void> {
  const db = database()
  await db.collection('outbox').add({ ...message, createdAt: db.serverDate() })
}

export async function latestOutboxMessages(limit: number): Promise<OutboxDoc[]> {
  const { data } = await database().collection('outbox').orderBy('createdAt', 'desc').limit(limit).get()
  return data as OutboxDoc[]
}

export const outboxOpenApi: WeChatOpenApi = {
  async checkText({ openid, text, scene }) {
    const verdict = flaggedWords.some((word) => text.includes(word)) ? 'risky' : 'pass'
    await recordInOutbox({ channel: 'contentSecurity', toOpenid: openid, payload: { scene, text, verdict } })
    return verdict
  },

  async sendSubscribeMessage({ toOpenid, template, page, data }) {
    await recordInOutbox({ channel: 'subscribeMessage', toOpenid, template, payload: { page, data } })
  },

  /** A plain QR code of the page path: scannable with any camera, and readable in tests. */
  async miniProgramCode({ page, scene }) {
    return QRCode.toDataURL(`${page}?${scene}`, { type: 'image/png', margin: 2, width: 280 })
  },
}
