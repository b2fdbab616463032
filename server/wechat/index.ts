/**
 * WeChat's server APIs, and Tencent Cloud SMS beside them, behind one interface: wx-server-sdk and
 * tencentcloud-sdk-nodejs-sms in production. Where the functions are assembled outside CloudBase
 * (the local host, the tests), `useWeChat` plugs in the local outbox (local/outbox.ts) instead; the
 * functions themselves never choose.
 */
import { randomUUID } from 'node:crypto'
import {
  messageKinds,
  messageLines,
  subscribeData,
  urgencyOfFields,
  type MessageFields,
  type MessageKind,
  type SendResult,
  type SubscribeData,
} from '../../shared/domain/messages'
import type { CodeRequest } from '../../shared/domain/mini-program-code'
import { smsParams, smsPhone, type SmsFields, type SmsKind } from '../../shared/domain/sms'
import { AppError, ErrorCode } from '../../shared/errors'
import { isNoAppKey } from '../../shared/domain/residents'
import { now } from '../clock'
import type { DeliveryDoc, InboxDoc } from '../data/documents'
import { addToInboxes, clearConsent, giveConsentBack, inboxIdOnce, recordDeliveries, takeConsent } from '../data/messages'
import { cloudOpenApi } from './cloud'

/** msgSecCheck v2's verdict: `review` and `risky` both go to the committee. */
export type TextVerdict = 'pass' | 'review' | 'risky'

/** 1 资料, 2 评论, 3 论坛, 4 社交日志: WeChat's scenes for msgSecCheck. */
export type TextScene = 1 | 2 | 3 | 4

export interface SubscribeMessage {
  toOpenid: string
  /** Our name for the template; the deployment maps it to WeChat's template id. */
  template: MessageKind
  /** The mini-program page the message opens. */
  page?: string
  /** Built by `subscribeData`: the template's keywords, as WeChat takes them. */
  data: SubscribeData
}

export interface SmsMessage {
  /** A mainland mobile in E.164 (+86…). */
  toPhone: string
  /** Our name for the template; the deployment maps it to Tencent's template id. */
  template: SmsKind
  /** TemplateParamSet, built by `smsParams`. */
  params: string[]
}

export interface WeChatOpenApi {
  checkText(input: { openid: string; text: string; scene: TextScene }): Promise<TextVerdict>
  /**
   * mediaCheckAsync v2 on a photo (`cloud://` file id): answers WeChat's trace id at once; the verdict
   * comes later as a `wxa_media_check` message push, carrying that id (docs/decisions/022).
   */
  checkMedia(input: { openid: string; fileId: string; scene: TextScene }): Promise<{ traceId: string }>
  /** WeChat's answer as a result: a refusal is not thrown, so that each one can be kept. */
  sendSubscribeMessage(message: SubscribeMessage): Promise<SendResult>
  /** One SMS of an approved template (Tencent Cloud SMS SendSms); Tencent's refusal is answered, not thrown. */
  sendSms(message: SmsMessage): Promise<SendResult>
  /**
   * A mini-program code (wxacode.getUnlimited) that opens `page` with `scene` (at most 32 characters), `width`
   * pixels wide (WeChat's default 430), as a PNG data: URL. Throws WeChat's refusal (errCode) as wx-server-sdk does.
   */
  miniProgramCode(input: CodeRequest): Promise<string>
  /**
   * The phone number behind the one-time code of `<button open-type="getPhoneNumber">`
   * (phonenumber.getPhoneNumber), or null when WeChat refuses the code (used, expired, made up).
   */
  phoneNumber(input: { code: string }): Promise<string | null>
}

let chosen: WeChatOpenApi = cloudOpenApi

export function wechat(): WeChatOpenApi {
  return chosen
}

/** Only where the functions are assembled outside CloudBase: the local host and the tests. */
export function useWeChat(openApi: WeChatOpenApi): void {
  chosen = openApi
}

/** A mini-program code, or none when WeChat refused or failed: the link and what is typed work without it. */
export async function miniProgramCodeIfAny(page: string, scene: string, width?: number): Promise<string | undefined> {
  try {
    return await wechat().miniProgramCode({ page, scene, ...(width ? { width } : {}) })
  } catch (error) {
    console.error('[wechat] mini-program code not made', error)
    return undefined
  }
}

/** The first of `texts` (by key) that content security does not pass, or null when all pass. */
export async function firstFlagged<K extends string>(
  openid: string,
  texts: Partial<Record<K, string>>,
  scene: TextScene,
): Promise<K | null> {
  const entries = Object.entries(texts).filter((e): e is [K, string] => typeof e[1] === 'string')
  const verdicts = await Promise.all(entries.map(([, text]) => wechat().checkText({ openid, text, scene })))
  const index = verdicts.findIndex((v) => v !== 'pass')
  return index === -1 ? null : entries[index][0]
}

/**
 * Tells each person one message of `kind`: it lands in every recipient's 消息 centre first (one
 * write), then goes out as a subscribe message to each who has a consent left. Each send's result
 * is kept (deliveries) and answered. A refusal must not undo the change it reports, so failures
 * are answered and logged, not thrown. `once` names a message retried until it reaches someone (a
 * reminder): its inbox entry is written once per person.
 */
export async function tellEach<K extends MessageKind>(
  openids: readonly string[],
  kind: K,
  fields: MessageFields<K>,
  page?: string,
  once?: string,
): Promise<SendResult[]> {
  const data = subscribeData(kind, fields)
  const at = now()
  const people = [...new Set(openids)]
  const urgency = urgencyOfFields(fields)
  const messages: InboxDoc[] = people.map((openid) => ({
    _id: once ? inboxIdOnce(once, openid) : randomUUID().replace(/-/g, ''),
    openid,
    kind,
    title: messageKinds[kind].title,
    lines: messageLines(kind, data),
    ...(page ? { page } : {}),
    ...(urgency ? { urgency } : {}),
    createdAt: at,
  }))
  // The inbox and WeChat at once: neither waits for the other, and the delivery names the inbox entry by its id.
  const [, sent] = await Promise.all([
    addToInboxes(messages, once !== undefined).catch((error: unknown) => console.error(`[messages] ${kind} not put in the inbox`, error)),
    Promise.all(messages.filter((m) => !isNoAppKey(m.openid)).map((message) => sendSubscribed(message, data, at))),
  ])
  await keep(sent)
  // No consent left is the usual case for a message, kept with the deliveries; only a real failure is logged.
  for (const { attempted, result } of sent) {
    if (result.status !== 'sent' && (attempted || result.status === 'failed')) console.error(`[wechat] ${kind} not sent`, result)
  }
  return sent.map((d) => d.result)
}

type Delivery = Omit<DeliveryDoc, '_id'>

/** One subscribe message, only with a consent left; the consent is used only by a message WeChat took. */
async function sendSubscribed(message: InboxDoc, data: SubscribeData, at: Date): Promise<Delivery> {
  const { openid, kind: template, page } = message
  const delivery = { channel: 'subscribeMessage' as const, toOpenid: openid, template, inboxId: message._id, at }
  try {
    if (!(await takeConsent(openid, template, at))) {
      return { ...delivery, attempted: false, result: { status: 'noConsent', errmsg: '没有剩余的订阅次数，未发送' } }
    }
    const result = await wechat()
      .sendSubscribeMessage({ toOpenid: openid, template, page, data })
      .catch((error: unknown): SendResult => ({ status: 'failed', errmsg: String(error) }))
    if (result.status === 'noConsent') await clearConsent(openid, template, at)
    else if (result.status !== 'sent') await giveConsentBack(openid, template, at)
    return { ...delivery, attempted: true, result }
  } catch (error) {
    return { ...delivery, attempted: false, result: { status: 'failed', errmsg: String(error) } }
  }
}

async function keep(deliveries: Delivery[]): Promise<void> {
  await recordDeliveries(deliveries).catch((error: unknown) => console.error('[messages] deliveries not kept', error))
}

/**
 * Sends one SMS of `kind` to each person with a mainland mobile on record: the last resort, for
 * what must not wait for someone to open the app (docs/decisions/029). People without one are
 * kept as not attempted. Like `tellEach`, failures are answered and kept, not thrown.
 */
export async function textEach<K extends SmsKind>(
  people: readonly { openid: string; phone?: string }[],
  kind: K,
  fields: SmsFields<K>,
): Promise<SendResult[]> {
  const params = smsParams(kind, fields)
  const at = now()
  const sent = await Promise.all(
    people.map(async ({ openid, phone }): Promise<Delivery> => {
      const toPhone = smsPhone(phone)
      const delivery = { channel: 'sms' as const, toOpenid: openid, template: kind, at }
      if (!toPhone) return { ...delivery, attempted: false, result: { status: 'failed', errmsg: '没有登记手机号，未发送短信' } }
      const result = await wechat()
        .sendSms({ toPhone, template: kind, params })
        .catch((error: unknown): SendResult => ({ status: 'failed', errmsg: String(error) }))
      return { ...delivery, toPhone, attempted: true, result }
    }),
  )
  await keep(sent)
  const results = sent.map((d) => d.result)
  for (const r of results) if (r.status !== 'sent') console.error(`[sms] ${kind} not sent`, r)
  return results
}

/** A reminder counts as sent when it reached someone, or there was nobody to send it to. */
export const reachedAnyone = (results: readonly SendResult[]) => results.length === 0 || results.some((r) => r.status === 'sent')

/** Refuses with CONTENT_REJECTED at `data.<key>` when any of `texts` does not pass the content check. */
export async function refuseFlagged(openid: string, texts: Record<string, string | undefined>, scene: TextScene): Promise<void> {
  const flagged = await firstFlagged(openid, texts, scene)
  if (flagged) throw new AppError(ErrorCode.CONTENT_REJECTED, '内容含有不适宜发布的信息，请修改后再提交', `data.${flagged}`)
}
