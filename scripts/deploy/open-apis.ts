/**
 * Which WeChat open APIs (and Tencent Cloud SMS) each function calls, read from the code: server/wechat/cloud.ts
 * says which open API each method of `WeChatOpenApi` calls, and a function's bundle says which methods it calls.
 */

/** How a method's body in cloud.ts reaches Tencent Cloud SMS rather than WeChat. */
export const SMS_API = 'tencentcloud.sms.SendSms'

/** Each method of `cloudOpenApi` → the open APIs its body calls (`cloud().openapi.<group>.<name>`, or SMS). */
export function openApisByMethod(cloudSource: string): Record<string, string[]> {
  const objectAt = cloudSource.indexOf('export const cloudOpenApi')
  if (objectAt < 0) throw new Error('server/wechat/cloud.ts no longer exports cloudOpenApi')
  const object = cloudSource.slice(objectAt)
  // A member of the object: `  async name(` or `  name: value,`, two spaces in.
  const starts = [...object.matchAll(/^ {2}(?:async )?(\w+)(?:\(|: )/gm)]
  const table: Record<string, string[]> = {}
  starts.forEach((start, i) => {
    const body = object.slice(start.index, starts[i + 1]?.index ?? object.length)
    const apis = [...body.matchAll(/\bopenapi\.(\w+)\.(\w+)/g)].map((m) => `${m[1]}.${m[2]}`)
    if (/\bsendTencentSms\b/.test(body)) apis.push(SMS_API)
    table[start[1]] = [...new Set(apis)].sort()
  })
  return table
}

/** The open APIs a bundle calls: those of each `WeChatOpenApi` method it calls (`.checkText(`, …). */
export function openApisIn(bundle: string, table: Record<string, string[]>): string[] {
  const apis = Object.entries(table).flatMap(([method, names]) => (bundle.includes(`.${method}(`) ? names : []))
  return [...new Set(apis)].sort()
}

/** Only the WeChat ones need `permissions.openapi` in the function's config.json. */
export const isWeChatOpenApi = (api: string) => api !== SMS_API
