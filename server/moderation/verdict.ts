/**
 * WeChat's verdict on a photo arrives as a message push to the community function (the
 * `wxa_media_check` event, configured in the console: 云开发 → 设置 → 消息推送). The push is turned
 * into the `mediaVerdict` action, which the handler lets through only when the platform context says
 * the call is no person's (docs/decisions/022): an event anyone could send proves nothing.
 */
import type { CommunityContract } from '../../shared/contracts/community'
import { AppError, ErrorCode } from '../../shared/errors'
import { photoByTraceId, updatePhoto } from '../data/photos'
import type { ActionImplementations } from '../handler'

type Action<A extends keyof CommunityContract['actions']> = ActionImplementations<CommunityContract>[A]

type Main = (event: unknown, context: unknown) => Promise<unknown>

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null

/** `{MsgType: 'event', Event: 'wxa_media_check', trace_id, result: {suggest, label}, …}` as the action's request; any other event unchanged. */
export function mediaCheckPushAsRequest(event: unknown): unknown {
  if (!isRecord(event) || event.MsgType !== 'event' || event.Event !== 'wxa_media_check') return event
  const result = isRecord(event.result) ? event.result : {}
  return {
    action: 'mediaVerdict',
    data: { traceId: event.trace_id, suggest: result.suggest, ...(result.label === undefined ? {} : { label: String(result.label) }) },
  }
}

/** The function's main, taking WeChat's media-check push as well as ordinary calls. */
export const takingMediaCheckPush =
  (main: Main): Main =>
  (event, context) =>
    main(mediaCheckPushAsRequest(event), context)

/**
 * Records the verdict once: a pass shows the photo, `review` and `risky` hold it for the committee.
 * A repeated push finds the check decided and changes nothing.
 */
export const mediaVerdict: Action<'mediaVerdict'> = async ({ input, now }) => {
  const photo = await photoByTraceId(input.traceId)
  if (!photo) throw new AppError(ErrorCode.NOT_FOUND, '没有这次照片检测', 'data.traceId')
  if (photo.check !== 'pending') return {}
  const passed = input.suggest === 'pass'
  await updatePhoto(photo._id, {
    check: passed ? 'passed' : 'flagged',
    checkedAt: now,
    ...(passed || !input.label ? {} : { label: input.label }),
  })
  return {}
}
