import { randomUUID } from 'node:crypto'

/**
 * The context CloudBase hands a function on each call. The caller travels in `environment`,
 * never in the event; the local host and the tests build it the same way. A person's call says
 * `wx_client`, as a mini-program's callFunction does.
 */
export function platformContext(functionName: string, openid: string | null, source = 'wx_client') {
  return {
    request_id: randomUUID(),
    function_name: functionName,
    namespace: 'local',
    environment: JSON.stringify({ WX_OPENID: openid ?? '', WX_APPID: 'local-demo', TCB_SOURCE: source }),
  }
}

/**
 * A browser outside WeChat, as CloudBase's web SDK calls after its anonymous sign-in: no openid, the
 * anonymous user's id (TCB_UUID), which the browser keeps until its storage is cleared.
 */
export function visitorContext(functionName: string, visitor: string) {
  return {
    request_id: randomUUID(),
    function_name: functionName,
    namespace: 'local',
    environment: JSON.stringify({ WX_OPENID: '', TCB_UUID: visitor, TCB_ISANONYMOUS_USER: 'true', TCB_SOURCE: 'web' }),
  }
}

/** The context of WeChat's message push delivering a verdict: no person, a source no person's call has. */
export const messagePushContext = (functionName: string) => platformContext(functionName, null, 'local-message-push')

/** The `wxa_media_check` event WeChat pushes with its verdict on a photo (mediaCheckAsync v2). */
export const mediaCheckPush = (traceId: string, suggest: 'pass' | 'review' | 'risky') => ({
  MsgType: 'event',
  Event: 'wxa_media_check',
  appid: 'local-demo',
  trace_id: traceId,
  version: 2,
  result: { suggest, label: suggest === 'pass' ? 100 : 20002 },
})
