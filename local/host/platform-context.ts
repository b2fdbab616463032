import { randomUUID } from 'node:crypto'

/**
 * The context CloudBase hands a function on each call. The caller travels in `environment`,
 * never in the event; the local host and the tests build it the same way.
 */
export function platformContext(functionName: string, openid: string | null) {
  return {
    request_id: randomUUID(),
    function_name: functionName,
    namespace: 'local',
    environment: JSON.stringify({ WX_OPENID: openid ?? '', WX_APPID: 'local-demo', TCB_SOURCE: 'local-host' }),
  }
}
