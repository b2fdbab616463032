/**
 * 时间银行: the rules of the ledger, shared by the functions and the pages. Pure: no I/O, no clock
 * of its own (callers pass `now`). Time is whole minutes everywhere (docs/decisions/010).
 */
import { z } from 'zod'
import { daySchema } from './fields'
import { inShanghai, shanghaiDayStart } from './time'

/** What moved minutes: each kind has its own idempotency key (server/timebank/keys.ts). */
/** A gift is three kinds: out of the giver into waiting (`gift`), then to the recipient (`giftAccept`) or back (`giftReturn`). */
/** Moving house is two: out of the old community's account into its pool, and from the new one's pool (decision 026). */
export const entryKindSchema = z.enum([
  'service',
  'review',
  'gift',
  'giftAccept',
  'giftReturn',
  'grant',
  'redeem',
  'reversal',
  'moveOut',
  'moveIn',
  'takeover',
])
export type EntryKind = z.infer<typeof entryKindSchema>

export const entryKindLabel: Record<EntryKind, string> = {
  service: '志愿服务',
  review: '审核后入账',
  gift: '转赠',
  giftAccept: '收到转赠',
  giftReturn: '转赠退回',
  grant: '社区发放',
  redeem: '兑换',
  reversal: '冲正',
  moveOut: '搬家迁出',
  moveIn: '搬家迁入',
  takeover: '认领代登记账号',
}

export const itemKindSchema = z.enum(['service', 'goods'])
export type ItemKind = z.infer<typeof itemKindSchema>
export const itemKindLabel: Record<ItemKind, string> = { service: '服务', goods: '爱心超市物品' }

export const redemptionStatusSchema = z.enum(['waiting', 'handedOver', 'cancelled'])
export type RedemptionStatus = z.infer<typeof redemptionStatusSchema>
export const redemptionStatusLabel: Record<RedemptionStatus, string> = {
  waiting: '等待领取',
  handedOver: '已领取',
  cancelled: '已取消',
}

export const heldStatusSchema = z.enum(['waiting', 'credited', 'declined'])
export type HeldStatus = z.infer<typeof heldStatusSchema>
export const heldStatusLabel: Record<HeldStatus, string> = { waiting: '等待审核', credited: '已入账', declined: '未入账' }

/** A gift waits for its recipient to accept it in the app; unaccepted, it goes back to the giver (decision 018). */
export const giftStatusSchema = z.enum(['waiting', 'accepted', 'returned', 'cancelled'])
export type GiftStatus = z.infer<typeof giftStatusSchema>
export const giftStatusLabel: Record<GiftStatus, string> = {
  waiting: '待对方接收',
  accepted: '对方已接收',
  returned: '对方未接收，已退回',
  cancelled: '已取消，已退回',
}
/** The same statuses as the recipient reads them. */
export const receivedGiftStatusLabel: Record<GiftStatus, string> = {
  waiting: '待接收',
  accepted: '已接收',
  returned: '未接收，已退回',
  cancelled: '对方已取消',
}
export const GIFT_ACCEPT_DAYS = 7
/** Gifts one person may make per Shanghai day: a gift names someone by phone, so trying many numbers is limited. */
export const GIFTS_PER_DAY = 5

/** When a gift made at `at` goes back to its giver if nobody has accepted it. */
export function giftExpiry(at: Date): Date {
  return new Date(at.getTime() + GIFT_ACCEPT_DAYS * 24 * 3600_000)
}

/** Why service minutes wait for the committee: over the day's cap, or the requester answered 未解决. */
export const heldCauseSchema = z.enum(['cap', 'disputed'])
export type HeldCause = z.infer<typeof heldCauseSchema>
export const heldCauseLabel: Record<HeldCause, string> = { cap: '超出每日上限', disputed: '求助人答复未解决' }

/** What a service record was for: a need, an activity, or a care visit (结对探访). */
export const serviceKindSchema = z.enum(['need', 'activity', 'visit'])
export type ServiceKind = z.infer<typeof serviceKindSchema>
export const serviceKindLabel: Record<ServiceKind, string> = { need: '求助', activity: '活动', visit: '探访' }

/** The minutes one visit may record: a short call at least, half a day at most (decision 043). */
export const MIN_VISIT_MINUTES = 5
export const MAX_VISIT_MINUTES = 240
export const DEFAULT_VISIT_MINUTES = 30

/**
 * Who recorded a service and so certifies it (谁记录谁证明, 《志愿服务记录与证明出具办法》): the
 * organisation of the need, the activity or the visit's pairing; else the committee of its community.
 */
export type ServiceIssuer = { kind: 'organisation'; organisationId: string } | { kind: 'committee'; communityId: string }

export function issuerOf(record: { organisationId?: string; communityId: string }): ServiceIssuer {
  return record.organisationId
    ? { kind: 'organisation', organisationId: record.organisationId }
    : { kind: 'committee', communityId: record.communityId }
}

export const issuerIdOf = (issuer: ServiceIssuer) => (issuer.kind === 'organisation' ? issuer.organisationId : issuer.communityId)
/** One string per issuer, to group records by who recorded them. */
export const issuerKeyOf = (issuer: ServiceIssuer) => `${issuer.kind}:${issuerIdOf(issuer)}`
export const sameIssuer = (a: ServiceIssuer, b: ServiceIssuer) => issuerKeyOf(a) === issuerKeyOf(b)

export const issuerRefSchema = z.strictObject({
  kind: z.enum(['organisation', 'committee']),
  id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, '编号格式不正确'),
})

/** A person's credited minutes per day (Asia/Shanghai) unless the community sets otherwise. */
export const DEFAULT_DAILY_CAP_MINUTES = 12 * 60
export const MIN_DAILY_CAP_MINUTES = 60
export const MAX_DAILY_CAP_MINUTES = 24 * 60

/** Bounds on one movement: a gift, a grant, a price. */
export const MAX_GIFT_MINUTES = 100 * 60
export const MAX_GRANT_MINUTES = 20 * 60
export const MAX_PRICE_MINUTES = 100 * 60
/** One restock moves stock by at most this much either way. */
export const MAX_RESTOCK_DELTA = 1000

/** A period of whole Shanghai days, both ends included. */
export const periodFields = { from: daySchema, to: daySchema }
/** A period's end is not before its start, whatever else its input holds. */
export const inOrder = <T extends { from: string; to: string }>(schema: z.ZodType<T>) =>
  schema.refine((p) => p.from <= p.to, { message: '开始日期不能晚于结束日期', path: ['to'] })

/** 志愿服务记录证明's verification number: 16 characters of Crockford base32 (80 random bits), shown in groups of four. */
export const CERTIFICATE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'
export const certificateNumberSchema = z
  .string()
  .max(40)
  .transform((n) => n.toUpperCase().replace(/[\s-]/g, ''))
  .pipe(z.string().regex(/^[0-9A-HJKMNP-TV-Z]{16}$/, '验证编号应为 16 位字母和数字'))

// ——— Days and months (Asia/Shanghai) ———

/** The Shanghai calendar day of a moment, `YYYY-MM-DD`: the daily cap counts per such day. */
export function shanghaiDay(at: Date | string): string {
  return inShanghai(at).format('YYYY-MM-DD')
}

/** The moments a period of Shanghai days covers: from the first day's midnight to the one after the last day. */
export function periodBounds(period: { from?: string; to?: string }): { since?: Date; until?: Date } {
  return {
    ...(period.from ? { since: shanghaiDayStart(period.from) } : {}),
    ...(period.to ? { until: new Date(shanghaiDayStart(period.to).getTime() + 24 * 3600_000) } : {}),
  }
}

// ——— The daily cap ———

/**
 * How much of `minutes` of service is credited now and how much waits for the committee, when
 * `creditedThatDay` minutes are already credited for that day and the cap is `cap`.
 */
export function splitByDailyCap(minutes: number, creditedThatDay: number, cap: number): { credit: number; hold: number } {
  const room = Math.max(0, cap - creditedThatDay)
  const credit = Math.min(minutes, room)
  return { credit, hold: minutes - credit }
}

// ——— Service hours (志愿服务时长) ———

/** Where the time bank is with a service record: the part of the ServiceRecordDoc this rule needs. */
export type RecordCredit =
  | { status: 'pending' }
  | { status: 'credited' }
  | { status: 'held'; heldMinutes: number; declined?: { minutes: number } }
  | { status: 'declined'; declinedMinutes: number }

/**
 * The minutes of a service record that count as service hours: what the time bank settled. Pending
 * (being credited) and held (over the cap, waiting) count once settled; what the committee
 * declined never counts. Reversing spendable time later does not change this (decision 010).
 */
export function countedMinutes(minutes: number, credit: RecordCredit): number {
  switch (credit.status) {
    case 'pending':
      return 0
    case 'credited':
      return minutes
    case 'held':
      return minutes - credit.heldMinutes - (credit.declined?.minutes ?? 0)
    case 'declined':
      return minutes - credit.declinedMinutes
  }
}

export const recordStatusLabel: Record<RecordCredit['status'], string> = {
  pending: '正在入账，稍后自动计入',
  credited: '已入账',
  held: '等待社区审核',
  declined: '超出部分未获认可',
}

// ——— Masking and certificates ———

/** 王桂兰 → 王*兰, 杨丽 → 杨*, 欧阳娜娜 → 欧**娜: enough for the holder to recognise, not to identify. */
export function maskName(name: string): string {
  const chars = [...name]
  if (chars.length <= 1) return '*'
  if (chars.length === 2) return `${chars[0]}*`
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`
}

/** 13953318426 → 139****8426; a landline keeps its area code and last four digits. */
export function maskPhone(phone: string): string {
  const mobile = /^(1\d{2})\d{4}(\d{4})$/.exec(phone)
  if (mobile) return `${mobile[1]}****${mobile[2]}`
  const landline = /^(0\d{2,3})-?\d+?(\d{4})$/.exec(phone)
  return landline ? `${landline[1]}-****${landline[2]}` : '****'
}

// ——— 实名登记 (decision 044) ———

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
const ID_CHECK = '10X98765432'

/** 居民身份证号 (GB 11643): 18 characters, a real birth date, and the last one the ISO 7064 MOD 11-2 check. */
export function isValidIdNumber(value: string): boolean {
  if (!/^[1-9]\d{16}[\dX]$/.test(value)) return false
  const birth = inShanghai(`${value.slice(6, 10)}-${value.slice(10, 12)}-${value.slice(12, 14)}T12:00:00+08:00`)
  if (!birth.isValid() || birth.format('YYYYMMDD') !== value.slice(6, 14) || Number(value.slice(6, 10)) < 1900) return false
  const sum = ID_WEIGHTS.reduce((total, weight, i) => total + weight * Number(value[i]), 0)
  return ID_CHECK[sum % 11] === value[17]
}

export const idNumberSchema = z
  .string()
  .max(30)
  .transform((v) => v.replace(/\s/g, '').toUpperCase())
  .refine(isValidIdNumber, '身份证号不正确，请核对')

/** Only the last four digits are ever shown: 370303********1234 would still say where and when they were born. */
export function maskIdNumber(value: string): string {
  return `${'*'.repeat(value.length - 4)}${value.slice(-4)}`
}

/** What the volunteer agrees to, shown beside the checkbox and kept with the consent. */
export const REAL_NAME_PURPOSE =
  '为按《志愿服务条例》出具志愿服务记录证明，收集您的姓名和身份证号。身份证号只保存后四位和无法还原的校验值，证明和查验页面只显示后四位；注销账号时一并删除。'

/** 16 characters of the alphabet, shown as XXXX-XXXX-XXXX-XXXX. */
export function formatCertificateNumber(raw: string): string {
  return raw.match(/.{1,4}/g)!.join('-')
}

/** The community committee that issues certificates: 居民委员会 in a city, 村民委员会 in a village. */
export function issuerName(communityName: string, kind: 'urban' | 'rural'): string {
  return kind === 'urban' ? `${communityName}居民委员会` : `${communityName}村民委员会`
}

/** Minutes summed per key, in key order: 志愿服务时长 by organisation or by month. */
export function sumBy<T>(rows: readonly T[], key: (row: T) => string, minutes: (row: T) => number): { key: string; minutes: number }[] {
  const sums = new Map<string, number>()
  for (const row of rows) {
    const m = minutes(row)
    if (m > 0) sums.set(key(row), (sums.get(key(row)) ?? 0) + m)
  }
  return [...sums].sort(([a], [b]) => a.localeCompare(b)).map(([k, m]) => ({ key: k, minutes: m }))
}

// ——— How an entry reads ———

/** The one line a history or ledger row shows for where minutes came from or went. */
export function entryTitle(entry: {
  kind: EntryKind
  serviceTitle?: string
  counterpartyName?: string
  incoming?: boolean
  itemName?: string
  reversedKind?: EntryKind
}): string {
  switch (entry.kind) {
    case 'service':
      return `志愿服务：${entry.serviceTitle ?? ''}`
    case 'review':
      return `审核后入账：${entry.serviceTitle ?? ''}`
    case 'gift':
      return entry.incoming ? `${entry.counterpartyName ?? ''}转赠` : `转赠给${entry.counterpartyName ?? ''}`
    case 'giftAccept':
      return `${entry.counterpartyName ?? ''}转赠`
    case 'giftReturn':
      return `转赠退回：送给${entry.counterpartyName ?? ''}的`
    case 'grant':
      return '社区发放'
    case 'redeem':
      return `兑换：${entry.itemName ?? ''}`
    case 'reversal':
      return `冲正：${entry.reversedKind ? entryKindLabel[entry.reversedKind] : ''}`
    case 'moveOut':
    case 'moveIn':
    case 'takeover':
      return entryKindLabel[entry.kind]
  }
}
