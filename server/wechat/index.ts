/**
 * WeChat's server APIs behind one interface, called through wx-server-sdk. Where the functions
 * are assembled outside CloudBase (the local host, the tests), `useWeChat` plugs in the local
 * outbox (local/outbox.ts) instead; the functions themselves never choose.
 */
import { subscribeData, type MessageFields, type MessageKind, type SendResult, type SubscribeData } from '../../shared/domain/messages'
import { AppError, ErrorCode } from '../../shared/errors'
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

export interface WeChatOpenApi {
  checkText(input: { openid: string; text: string; scene: TextScene }): Promise<TextVerdict>
  /**
   * mediaCheckAsync v2 on a photo (`cloud://` file id): answers WeChat's trace id at once; the verdict
   * comes later as a `wxa_media_check` message push, carrying that id (docs/decisions/022).
   */
  checkMedia(input: { openid: string; fileId: string; scene: TextScene }): Promise<{ traceId: string }>
  /** WeChat's answer as a result: a refusal is not thrown, so that each one can be kept. */
  sendSubscribeMessage(message: SubscribeMessage): Promise<SendResult>
  /** A mini-program code that opens `page` with `scene` (at most 32 characters), as a PNG data: URL. */
  miniProgramCode(input: { page: string; scene: string }): Promise<string>
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
export async function miniProgramCodeIfAny(page: string, scene: string): Promise<string | undefined> {
  try {
    return await wechat().miniProgramCode({ page, scene })
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
 * Sends one message of `kind` to each person, and answers each send's result. A person who has not
 * subscribed makes WeChat refuse the send; that must not undo the change it reports, so failures
 * are answered and logged, not thrown.
 */
export async function tellEach<K extends MessageKind>(
  openids: readonly string[],
  kind: K,
  fields: MessageFields<K>,
  page?: string,
): Promise<SendResult[]> {
  const data = subscribeData(kind, fields)
  const settled = await Promise.allSettled(
    [...new Set(openids)].map((toOpenid) => wechat().sendSubscribeMessage({ toOpenid, template: kind, page, data })),
  )
  const results = settled.map((s): SendResult => (s.status === 'fulfilled' ? s.value : { status: 'failed', errmsg: String(s.reason) }))
  for (const r of results) if (r.status !== 'sent') console.error(`[wechat] ${kind} not sent`, r)
  return results
}

/** A reminder counts as sent when it reached someone, or there was nobody to send it to. */
export const reachedAnyone = (results: readonly SendResult[]) => results.length === 0 || results.some((r) => r.status === 'sent')

/** Refuses with CONTENT_REJECTED at `data.<key>` when any of `texts` does not pass the content check. */
export async function refuseFlagged(openid: string, texts: Record<string, string | undefined>, scene: TextScene): Promise<void> {
  const flagged = await firstFlagged(openid, texts, scene)
  if (flagged) throw new AppError(ErrorCode.CONTENT_REJECTED, '内容含有不适宜发布的信息，请修改后再提交', `data.${flagged}`)
}
