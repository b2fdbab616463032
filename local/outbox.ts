/**
 * WeChat's server APIs as the local host and the tests plug them in (local/replacements.ts):
 * every message is recorded in the outbox collection instead of being sent, and shown at
 * /local/outbox. Never deployed: production uses server/wechat/cloud.ts.
 */
import { randomUUID } from 'node:crypto'
import QRCode from 'qrcode'
import { ARGUMENT_INVALID_ERRCODE, NO_CONSENT_ERRCODE, resultOfErrcode, subscribeDataRefusal } from '../shared/domain/messages'
import { database } from '../server/data/cloudbase'
import type { OutboxDoc } from '../server/data/documents'
import type { WeChatOpenApi } from '../server/wechat'

/**
 * Stands in for msgSecCheck: a short list of words that WeChat would surely flag, enough to
 * exercise the flagged-text paths without a WeChat account.
 */
const flaggedWords = ['赌博', '毒品', '诈骗', '色情', '枪支', '代开发票']

/** What WeChat received, kept locally in place of WeChat's own servers: no such collection exists in production. */
export const OUTBOX_COLLECTION = 'outbox'

async function recordInOutbox(message: Omit<OutboxDoc, '_id' | 'createdAt'>): Promise<void> {
  const db = database()
  await db.collection(OUTBOX_COLLECTION).add({ ...message, createdAt: db.serverDate() })
}

export async function latestOutboxMessages(limit: number): Promise<OutboxDoc[]> {
  const { data } = await database().collection(OUTBOX_COLLECTION).orderBy('createdAt', 'desc').limit(limit).get()
  return data as OutboxDoc[]
}

export interface OutboxOptions {
  /**
   * Answer as WeChat does before the mini-program's first release, for a deployment that leaves
   * check_path on: no page is published yet, so wxacode refuses every code with 41030.
   */
  beforeFirstRelease?: boolean
}

/** wxacode's answer for a page no released version has (check_path on). */
const INVALID_PAGE_ERRCODE = 41030

export const localOutbox = (options: OutboxOptions = {}): WeChatOpenApi => ({
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
    if (!openid || ![1, 2, 3, 4].includes(scene) || !fileId.startsWith('cloud://'))
      throw new Error(`mediaCheckAsync would refuse ${fileId}`)
    const traceId = randomUUID()
    await recordInOutbox({ channel: 'mediaCheck', toOpenid: openid, payload: { scene, fileId, traceId } })
    return { traceId }
  },

  /**
   * Answers as WeChat would: 47003 for data its template refuses, 43101 for a person listed in
   * LINLI_OUTBOX_NO_CONSENT (comma-separated openids: people who gave no consent). Every send is
   * recorded with its result.
   */
  async sendSubscribeMessage({ toOpenid, template, page, data }) {
    const refusal = subscribeDataRefusal(template, data)
    const withoutConsent = (process.env.LINLI_OUTBOX_NO_CONSENT ?? '').split(',').includes(toOpenid)
    const result = refusal
      ? resultOfErrcode(ARGUMENT_INVALID_ERRCODE, refusal)
      : withoutConsent
        ? resultOfErrcode(NO_CONSENT_ERRCODE, 'user refuse to accept the msg')
        : resultOfErrcode(0, 'ok')
    await recordInOutbox({ channel: 'subscribeMessage', toOpenid, template, payload: { page, data }, result })
    return result
  },

  /** A plain QR code of the page path: scannable with any camera, and readable in tests. */
  async miniProgramCode({ page, scene }) {
    if (options.beforeFirstRelease) {
      // Thrown the way wx-server-sdk throws WeChat's errcode.
      const errMsg = `openapi.wxacode.getUnlimited:fail ${INVALID_PAGE_ERRCODE} invalid page`
      throw Object.assign(new Error(errMsg), { errCode: INVALID_PAGE_ERRCODE, errMsg })
    }
    return QRCode.toDataURL(`${page}?${scene}`, { type: 'image/png', margin: 2, width: 280 })
  },
})
