/**
 * Every subscribe message the server sends, with its WeChat template's keywords. WeChat refuses
 * (errcode 47003) a message whose keyword names are not the template's or whose values break the
 * rules of their type, so values are fitted here and checked here: the local outbox refuses
 * exactly what WeChat would.
 */
import type { Urgency } from './need'
import { inShanghai } from './time'

/** WeChat's keyword types; a keyword's name is its type and a number (`thing1`, `time4`). */
export type KeywordType =
  | 'thing'
  | 'number'
  | 'letter'
  | 'symbol'
  | 'character_string'
  | 'time'
  | 'date'
  | 'amount'
  | 'phone_number'
  | 'car_number'
  | 'name'
  | 'phrase'

const han = '\\p{Script=Han}'
const timeOfDay = '\\d{1,2}:\\d{2}(?::\\d{2})?'
const day = '(?:\\d{4}年\\d{1,2}月\\d{1,2}日|\\d{1,2}月\\d{1,2}日|\\d{4}-\\d{1,2}-\\d{1,2}|\\d{4}/\\d{1,2}/\\d{1,2})'
/** A single value or a range joined with `~`, as WeChat takes times and dates. */
const rangeOf = (one: string) => new RegExp(`^${one}(?:\\s*~\\s*${one})?$`, 'u')

/** WeChat's rules per type (mp.weixin.qq.com 订阅消息参数值内容限制), as what passes. */
const rules: Record<KeywordType, (value: string) => boolean> = {
  thing: (v) => [...v].length <= 20 && !/\p{Cc}/u.test(v),
  number: (v) => /^-?\d+(?:\.\d+)?$/.test(v) && v.replace(/\D/g, '').length <= 32,
  letter: (v) => /^[A-Za-z]{1,32}$/.test(v),
  symbol: (v) => /^[^\p{L}\p{N}\s]{1,5}$/u.test(v),
  character_string: (v) => /^[\x21-\x7e]{1,32}$/.test(v),
  time: (v) => rangeOf(`(?:${day}\\s?)?${timeOfDay}`).test(v),
  date: (v) => rangeOf(`${day}(?:\\s${timeOfDay})?`).test(v),
  amount: (v) => /^[¥￥$€£]\d{1,10}(?:\.\d+)?元?$/.test(v),
  phone_number: (v) => /^[\d+\-() ]{1,17}$/.test(v),
  car_number: (v) => new RegExp(`^(?:${han})?[A-Za-z0-9]{1,6}(?:${han})?$`, 'u').test(v) && [...v].length <= 8,
  name: (v) => new RegExp(`^${han}{1,10}$`, 'u').test(v) || /^[A-Za-z\s.'-]{1,20}$/.test(v),
  phrase: (v) => new RegExp(`^${han}{1,5}$`, 'u').test(v),
}

export function keywordType(keyword: string): KeywordType | null {
  const type = keyword.replace(/\d+$/, '')
  return type in rules && type !== keyword ? (type as KeywordType) : null
}

/** Types whose values may cut with … rather than refused; the rest are made by formatting. */
const fitters = {
  thing: (v: string) => {
    const chars = [...v.replace(/\s+/g, ' ').trim()]
    return chars.length === 0 ? '无' : chars.length <= 20 ? chars.join('') : `${chars.slice(0, 19).join('')}…`
  },
  // Chinese only: 紧急（今天） becomes 紧急今天, which is five.
  phrase: (v: string) => [...v.replace(new RegExp(`[^${han}]`, 'gu'), '')].slice(0, 5).join('') || '无',
  // 阿依古丽·买买提 loses its dot: a name is Chinese characters alone, or letters alone.
  name: (v: string) => {
    const chinese = v.replace(new RegExp(`[^${han}]`, 'gu'), '')
    if (chinese) return [...chinese].slice(0, 10).join('')
    return (
      v
        .replace(/[^A-Za-z\s.'-]/g, '')
        .trim()
        .slice(0, 20) || '居民'
    )
  },
  phone_number: (v: string) =>
    v
      .replace(/[^\d+\-() ]/g, '')
      .trim()
      .slice(0, 17),
  time: (d: Date) => inShanghai(d).format('YYYY年M月D日 HH:mm'),
  date: (d: Date) => inShanghai(d).format('YYYY年M月D日'),
}
type FittedType = keyof typeof fitters

/** A keyword name: its type and its number, as WeChat's template library names them. */
type Keyword = `${FittedType}${number}`
/** One field of a kind: the template keyword it fills and the keyword's title in the template. */
type FieldSpec = readonly [keyword: Keyword, title: string]

interface MessageKindSpec {
  /** The template's title in WeChat's public library. */
  title: string
  fields: Readonly<Record<string, FieldSpec>>
}

const need = { helpKind: ['thing1', '求助类型'] } as const
const activity = { title: ['thing1', '活动名称'], startAt: ['time2', '活动时间'] } as const
const carePerson = { name: ['name1', '探访对象'], dueDate: ['date2', '应访日期'] } as const
/** A committee's answer to a person's request: the result in a word, and why (a decline's reason) or what follows. */
const answer = { result: ['phrase2', '审核结果'], note: ['thing3', '备注'] } as const

/** Our template names; the deployment maps each to its WeChat template id (LINLI_SUBSCRIBE_TEMPLATES). */
export const messageKinds = {
  newOffer: {
    title: '新求助待接单提醒',
    fields: { ...need, urgency: ['phrase2', '紧急程度'], neighbourhood: ['thing3', '所在小区'], raisedAt: ['time4', '发起时间'] },
  },
  taskAssigned: {
    title: '任务指派通知',
    fields: { ...need, urgency: ['phrase2', '紧急程度'], neighbourhood: ['thing3', '服务地点'], raisedAt: ['time4', '发起时间'] },
  },
  needAccepted: {
    title: '求助受理通知',
    fields: { ...need, organisation: ['thing2', '受理组织'], status: ['phrase3', '受理状态'], raisedAt: ['time4', '发起时间'] },
  },
  needDone: { title: '服务完成通知', fields: { ...need, status: ['phrase2', '服务状态'], tip: ['thing3', '温馨提示'] } },
  needEscalated: { title: '求助进度通知', fields: { ...need, urgency: ['phrase2', '紧急程度'], progress: ['thing3', '处理进度'] } },
  lifeAlert: {
    title: '紧急求助提醒',
    fields: { ...need, urgency: ['phrase2', '紧急程度'], neighbourhood: ['thing3', '所在小区'], phone: ['phone_number4', '联系电话'] },
  },
  finishDue: {
    title: '服务到期提醒',
    fields: { ...need, organisation: ['thing2', '服务组织'], neighbourhood: ['thing3', '服务地点'], tip: ['thing4', '温馨提示'] },
  },
  needOverdue: {
    title: '服务逾期提醒',
    fields: { ...need, urgency: ['phrase2', '紧急程度'], neighbourhood: ['thing3', '所在小区'], tip: ['thing4', '提醒内容'] },
  },
  activityReminder: { title: '活动开始提醒', fields: { ...activity, address: ['thing3', '活动地点'], note: ['thing4', '温馨提示'] } },
  activityPromoted: { title: '候补成功通知', fields: { ...activity, role: ['phrase3', '报名身份'], note: ['thing4', '备注'] } },
  activityCancelled: { title: '活动取消通知', fields: { ...activity, reason: ['thing3', '取消原因'] } },
  activityForApproval: { title: '活动审核提醒', fields: { ...activity, organisation: ['thing3', '发起组织'] } },
  activityDecided: {
    title: '活动审核结果通知',
    fields: { title: ['thing1', '活动名称'], decision: ['phrase2', '审核结果'], note: ['thing3', '备注'] },
  },
  careVisitDue: { title: '探访提醒', fields: { ...carePerson, tip: ['thing3', '温馨提示'] } },
  careEscalated: { title: '探访逾期提醒', fields: { ...carePerson, tip: ['thing3', '提醒内容'] } },
  contentTakenDown: {
    title: '内容下架通知',
    fields: { content: ['thing1', '内容名称'], result: ['phrase2', '处理结果'], reason: ['thing3', '下架原因'] },
  },
  contentRestored: { title: '内容恢复通知', fields: { content: ['thing1', '内容名称'], result: ['phrase2', '处理结果'] } },
  /** 居住核验's answer, to the newcomer alone: a decline's reason is theirs. */
  residenceDecided: { title: '入驻审核结果通知', fields: { community: ['thing1', '社区名称'], ...answer } },
  /** To the committee of the community a resident asks to move into. */
  moveAsked: {
    title: '迁入申请提醒',
    fields: {
      name: ['name1', '申请人'],
      from: ['thing2', '原社区'],
      neighbourhood: ['thing3', '迁入小区'],
      askedAt: ['time4', '申请时间'],
    },
  },
  moveDecided: { title: '迁入审核结果通知', fields: { community: ['thing1', '迁入社区'], ...answer } },
  /** To the one who made a family code, when someone typed it: the name masked as the family page shows it. */
  familyAsked: {
    title: '亲友关联申请提醒',
    fields: { name: ['thing1', '申请人'], relation: ['phrase2', '亲属关系'], tip: ['thing3', '温馨提示'] },
  },
  familyAnswered: {
    title: '亲友关联结果通知',
    fields: { name: ['thing1', '关联对象'], result: ['phrase2', '确认结果'], tip: ['thing3', '温馨提示'] },
  },
  /** To a volunteer whose confirmed hours reach a new 星级 (decision 046). */
  starReached: {
    title: '星级志愿者达成通知',
    fields: { grade: ['thing1', '获得星级'], hours: ['thing2', '累计服务时长'], tip: ['thing3', '温馨提示'] },
  },
  /** To the committee, for a person without a smartphone whom it tells by phone (docs/decisions/031). */
  callResident: {
    title: '电话告知提醒',
    fields: { name: ['name1', '居民姓名'], phone: ['phone_number2', '联系电话'], news: ['thing3', '告知内容'] },
  },
} as const satisfies Record<string, MessageKindSpec>

export type MessageKind = keyof typeof messageKinds
type Fields<K extends MessageKind> = (typeof messageKinds)[K]['fields']
/** Times and dates are given as moments and formatted here; everything else as text. */
export type MessageFields<K extends MessageKind> = {
  [F in keyof Fields<K>]: Fields<K>[F] extends readonly [`${'time' | 'date'}${number}`, string] ? Date : string
}

/** The `data` of `subscribeMessage.send`, exactly as WeChat takes it. */
export type SubscribeData = Record<string, { value: string }>

/** The kind's fields under its template's keyword names, each fitted to its type. */
export function subscribeData<K extends MessageKind>(kind: K, fields: MessageFields<K>): SubscribeData {
  const specs: Readonly<Record<string, FieldSpec>> = messageKinds[kind].fields
  const given = fields as Record<string, string | Date>
  return Object.fromEntries(
    Object.entries(specs).map(([field, [keyword]]) => {
      const type = keywordType(keyword) as FittedType
      const raw = given[field]
      const value = type === 'time' || type === 'date' ? fitters[type](raw as Date) : fitters[type](raw as string)
      return [keyword, { value }]
    }),
  )
}

/**
 * WeChat's errmsg for 47003 when `data` does not fit the template of `kind`, or null when it does:
 * every keyword of the template filled, with a value its type allows, and no other keyword.
 */
export function subscribeDataRefusal(kind: string, data: SubscribeData): string | null {
  const spec: MessageKindSpec | undefined = (messageKinds as Record<string, MessageKindSpec>)[kind]
  if (!spec) return `argument invalid! template ${kind} does not exist`
  const keywords = Object.values(spec.fields).map(([keyword]) => keyword as string)
  for (const keyword of keywords) {
    const value = data[keyword]?.value
    if (typeof value !== 'string' || value === '') return `argument invalid! data.${keyword}.value is empty`
    if (!rules[keywordType(keyword)!](value)) return `argument invalid! data.${keyword}.value invalid`
  }
  const stray = Object.keys(data).find((k) => !keywords.includes(k))
  return stray ? `argument invalid! data.${stray} is not a keyword of the template` : null
}

/**
 * What became of one send. `refused`: the service answered an error code (WeChat's number, Tencent
 * SMS's text). `noConsent` with an errcode: WeChat said 43101; without one: our count of the person's
 * consents was at 0, so nothing was sent.
 */
export type SendResult =
  | { status: 'sent' }
  | { status: 'refused'; errcode: number | string; errmsg: string }
  | { status: 'noConsent'; errcode?: number; errmsg: string }
  | { status: 'failed'; errmsg: string }

export const NO_CONSENT_ERRCODE = 43101
export const ARGUMENT_INVALID_ERRCODE = 47003

/** A send WeChat answered with `errcode`. */
export function resultOfErrcode(errcode: number, errmsg: string): SendResult {
  return errcode === 0 ? { status: 'sent' } : { status: errcode === NO_CONSENT_ERRCODE ? 'noConsent' : 'refused', errcode, errmsg }
}

/** Urgency as a 紧急程度 phrase: five Chinese characters at most. */
export const urgencyPhrase: Record<Urgency, string> = { life: '危及生命', urgent: '紧急', normal: '一般', advice: '咨询' }

/** The urgency a kind's 紧急程度 says, for ordering the 消息 centre harm first; null for kinds without one. */
export function urgencyOfFields(fields: Record<string, unknown>): Urgency | null {
  const phrase = fields.urgency
  return (Object.keys(urgencyPhrase) as Urgency[]).find((u) => urgencyPhrase[u] === phrase) ?? null
}

/** A message as WeChat shows it: each keyword's title with its value, in the template's order. */
export function messageLines(kind: MessageKind, data: SubscribeData): { title: string; value: string }[] {
  const specs: Readonly<Record<string, FieldSpec>> = messageKinds[kind].fields
  return Object.values(specs).map(([keyword, title]) => ({ title, value: data[keyword]?.value ?? '' }))
}

/** WeChat takes at most three templates in one requestSubscribeMessage. */
export const TEMPLATES_PER_REQUEST = 3
/**
 * A consent counted by us is claimed by the client: a person cannot hold more than this many of one
 * template, however often the client says they accepted. Enough for a busy lead's offers of a month.
 */
export const MAX_CONSENTS_PER_TEMPLATE = 30

/** The moments the client asks for consent, and the templates each asks for (at most three). */
export const consentMoments = {
  /** After raising a need: its progress. */
  needRaised: ['needAccepted', 'needEscalated', 'needDone'],
  /** After signing up for an activity: the reminder, and a waiting list's or a cancellation's word. */
  signedUp: ['activityReminder', 'activityPromoted', 'activityCancelled'],
  /** A lead opening the offers inbox: each new offer, and tasks the committee assigns. */
  offers: ['newOffer', 'taskAssigned'],
  /** After joining a community: the committee's answer. */
  joined: ['residenceDecided'],
  /** After asking to move: the new committee's answer. */
  moving: ['moveDecided'],
  /** On the family page, making or typing a code: someone typed mine, the other side answered. */
  family: ['familyAsked', 'familyAnswered'],
  /** Saving the volunteer profile: a new star when it comes. */
  volunteerProfile: ['starReached'],
} as const satisfies Record<string, readonly MessageKind[]>
export type ConsentMoment = keyof typeof consentMoments
