/**
 * The text messages (SMS) the server sends when nothing else will do: a life-safety need, and an
 * urgent need nobody accepted in its first round, to the committee on duty (docs/decisions/029);
 * a need's progress to its requester who uses no smartphone and asked to be told by SMS (031).
 * Tencent Cloud SMS sends only approved templates with numbered parameters ({1}, {2}, …); values are
 * fitted here and checked here, so that the local outbox refuses what Tencent would (decision 030).
 */

/** Each template's approved text and the fields that fill its parameters, in order. */
export const smsKinds = {
  lifeSafetyText: {
    text: '{1}有居民求助：{2}，危及生命安全。请立即拨打{3}，并在邻里守望小程序中处理。',
    params: ['neighbourhood', 'helpKind', 'phone'],
  },
  urgentUnacceptedText: {
    text: '{1}有紧急求助：{2}，第一轮无组织接单。请尽快在邻里守望小程序中派单。',
    params: ['neighbourhood', 'helpKind'],
  },
  /** To the person alone, so it says nothing of who or where: their own need's kind, what happened, whom to call. */
  needProgressText: {
    text: '您的求助（{1}）{2}。如有疑问，请拨打社区两委电话{3}。',
    params: ['helpKind', 'progress', 'committeePhone'],
  },
} as const satisfies Record<string, { text: string; params: readonly string[] }>

export type SmsKind = keyof typeof smsKinds
export type SmsFields<K extends SmsKind> = Record<(typeof smsKinds)[K]['params'][number], string>

/**
 * A parameter of a notification template (no 验证码) holds at most 12 characters: the limit
 * Tencent sets for accounts verified as individuals, the strictest, so a template approved for
 * either kind of account takes our values.
 */
export const SMS_PARAM_MAX = 12

/** Tencent's error codes (SendStatusSet[].Code) for what we check locally. */
export const SmsErrorCode = {
  phone: 'InvalidParameterValue.IncorrectPhoneNumber',
  paramLength: 'InvalidParameterValue.TemplateParameterLengthLimit',
  paramCount: 'FailedOperation.TemplateParamSetNotMatchApprovedTemplate',
  noTemplate: 'FailedOperation.TemplateIdNotExist',
} as const

/** A mainland mobile number in E.164 (`+86` and 11 digits from 13…19), as PhoneNumberSet takes it. */
const mainlandMobile = /^\+861[3-9]\d{9}$/

/** The person's phone as Tencent takes it, or null when it is not a mainland mobile (a landline cannot get SMS). */
export function smsPhone(phone: string | undefined): string | null {
  const digits = (phone ?? '').replace(/[\s-]/g, '').replace(/^(?:\+?86)/, '')
  const e164 = `+86${digits}`
  return mainlandMobile.test(e164) ? e164 : null
}

/** One parameter cut to the limit; an empty one says 无, since Tencent refuses an empty parameter. */
function fit(value: string): string {
  const chars = [...value.replace(/\s+/g, ' ').trim()]
  if (chars.length === 0) return '无'
  return chars.length <= SMS_PARAM_MAX ? chars.join('') : `${chars.slice(0, SMS_PARAM_MAX - 1).join('')}…`
}

/** TemplateParamSet: the kind's fields in its parameters' order, each fitted. */
export function smsParams<K extends SmsKind>(kind: K, fields: SmsFields<K>): string[] {
  const given = fields as Record<string, string>
  return smsKinds[kind].params.map((field) => fit(given[field] ?? ''))
}

/** Tencent's code and message for a send it would refuse, or null when it would take it. */
export function smsRefusal(kind: string, phone: string, params: readonly string[]): { code: string; message: string } | null {
  const spec = (smsKinds as Record<string, { params: readonly string[] } | undefined>)[kind]
  if (!spec) return { code: SmsErrorCode.noTemplate, message: `template ${kind} does not exist` }
  if (!mainlandMobile.test(phone)) return { code: SmsErrorCode.phone, message: `${phone} is not a mainland mobile number` }
  if (params.length !== spec.params.length) {
    return { code: SmsErrorCode.paramCount, message: `the template takes ${spec.params.length} parameters, not ${params.length}` }
  }
  const long = params.findIndex((p) => p.length === 0 || [...p].length > SMS_PARAM_MAX)
  if (long !== -1) return { code: SmsErrorCode.paramLength, message: `parameter ${long + 1} must be 1 to ${SMS_PARAM_MAX} characters` }
  return null
}
