/**
 * WeChat's server APIs as the local host and the tests plug them in (local/replacements.ts):
 * every message is recorded in the outbox collection instead of being sent, and shown at
 * /local/outbox. Never deployed: production uses server/wechat/cloud.ts.
 */
import { randomUUID } from 'node:crypto'
import QRCode from 'qrcode'
import { ARGUMENT_INVALID_ERRCODE, NO_CONSENT_ERRCODE, resultOfErrcode, subscribeDataRefusal } from '../shared/domain/messages'
import { miniProgramCodeRefusal } from '../shared/domain/mini-program-code'
import { smsRefusal } from '../shared/domain/sms'
import { appPages } from '../client/src/app-pages'
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

/** WeChat's width when none is asked for. */
const DEFAULT_CODE_WIDTH = 430

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

  /**
   * Answers as Tencent Cloud SMS would for what can be checked here: a mainland mobile, the
   * template's number of parameters, each within its length. Recorded as SendSms takes it.
   */
  async sendSms({ toPhone, template, params }) {
    const refusal = smsRefusal(template, toPhone, params)
    const result = refusal
      ? ({ status: 'refused', errcode: refusal.code, errmsg: refusal.message } as const)
      : ({ status: 'sent' } as const)
    await recordInOutbox({ channel: 'sms', toPhone, template, payload: { TemplateParamSet: params, PhoneNumberSet: [toPhone] }, result })
    return result
  },

  /**
   * WeChat's phone button is not there locally: a code `local-phone-<number>` (what the weapp tests'
   * button answers) stands for that number, anything else is refused as WeChat refuses a bad code.
   */
  async phoneNumber({ code }) {
    const number = /^local-phone-(1[3-9]\d{9})$/.exec(code)?.[1] ?? null
    await recordInOutbox({ channel: 'phoneNumber', payload: { code, answered: number } })
    return number
  },

  /**
   * A plain QR code of the page path, `width` pixels wide: scannable with any camera, and readable in tests.
   * What WeChat would refuse (the scene, a page the mini-program does not have, the width) is refused the same way.
   */
  async miniProgramCode({ page, scene, width }) {
    const refusal: { errcode: number; errmsg: string } | null = options.beforeFirstRelease
      ? { errcode: INVALID_PAGE_ERRCODE, errmsg: 'invalid page' }
      : miniProgramCodeRefusal({ page, scene, width }, appPages())
    if (refusal) {
      // Thrown the way wx-server-sdk throws WeChat's errcode.
      const errMsg = `openapi.wxacode.getUnlimited:fail ${refusal.errcode} ${refusal.errmsg}`
      throw Object.assign(new Error(errMsg), { errCode: refusal.errcode, errMsg })
    }
    return QRCode.toDataURL(`${page}?${scene}`, { type: 'image/png', margin: 2, width: width ?? DEFAULT_CODE_WIDTH })
  },
})
