/**
 * Tencent Cloud SMS (SendSms, API 2021-01-11) through its official Node SDK,
 * tencentcloud-sdk-nodejs-sms. Loaded on the first SMS only, so that nothing else needs the SDK:
 * it is installed in the cloud from the function's package.json, never locally (docs/decisions/030).
 */
import type { SendResult } from '../../shared/domain/messages'
import type { SmsMessage } from './index'

/** The part of the SDK's client used here. */
interface SmsClient {
  SendSms(request: {
    SmsSdkAppId: string
    SignName: string
    TemplateId: string
    TemplateParamSet: string[]
    PhoneNumberSet: string[]
  }): Promise<{ SendStatusSet?: { PhoneNumber?: string; Code?: string; Message?: string }[] }>
}

function required(name: string): string {
  const value = process.env[name]
  if (!value) throw new Error(`${name} is not configured`)
  return value
}

let client: SmsClient | undefined

function smsClient(): SmsClient {
  if (client) return client
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded lazily, see above
  const { sms } = require('tencentcloud-sdk-nodejs-sms')
  // A CloudBase function runs with its role's temporary keys in these three variables.
  client = new sms.v20210111.Client({
    credential: {
      secretId: required('TENCENTCLOUD_SECRETID'),
      secretKey: required('TENCENTCLOUD_SECRETKEY'),
      token: process.env.TENCENTCLOUD_SESSIONTOKEN,
    },
    region: process.env.LINLI_SMS_REGION ?? 'ap-guangzhou',
  }) as SmsClient
  return client
}

/** Tencent's template ids come from deployment config, e.g. {"lifeSafetyText": "1234567"}. */
function templateId(template: string): string {
  const id = (JSON.parse(process.env.LINLI_SMS_TEMPLATES ?? '{}') as Record<string, string>)[template]
  if (!id) throw new Error(`no SMS template id configured for ${template}`)
  return id
}

export async function sendTencentSms({ toPhone, template, params }: SmsMessage): Promise<SendResult> {
  const answer = await smsClient().SendSms({
    SmsSdkAppId: required('LINLI_SMS_SDK_APP_ID'),
    SignName: required('LINLI_SMS_SIGN_NAME'),
    TemplateId: templateId(template),
    TemplateParamSet: params,
    PhoneNumberSet: [toPhone],
  })
  // One number, one status: Code is "Ok" when Tencent took it, else why not.
  const status = answer.SendStatusSet?.[0]
  if (status?.Code === 'Ok') return { status: 'sent' }
  return { status: 'refused', errcode: status?.Code ?? 'NoStatus', errmsg: status?.Message ?? 'SendSms answered no status' }
}
