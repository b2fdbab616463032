/**
 * 时间银行: the rules of the ledger, shared by the functions and the pages. Pure: no I/O, no clock
 * of its own (callers pass `now`). Time is whole minutes everywhere (docs/decisions/009).
 */
import { z } from 'zod'

/** What moved minutes: each kind has its own idempotency key (server/timebank/keys.ts). */
export const entryKindSchema = z.enum(['service', 'review', 'gift', 'grant', 'redeem', 'reversal'])
export type EntryKind = z.infer<typeof entryKindSchema>

export const entryKindLabel: Record<EntryKind, string> = {
  service: '志愿服务',
  review: '审核后入账',
  gift: '转赠',
  grant: '社区发放',
  redeem: '兑换',
  reversal: '冲正',
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

/** A Shanghai calendar day, `YYYY-MM-DD`, that exists. */
export const daySchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD')
  .refine((day) => new Date(`${day}T00:00:00Z`).toISOString().startsWith(day), '没有这一天')

/** A period of whole Shanghai days, both ends included. */
export const periodSchema = z
  .strictObject({ from: daySchema, to: daySchema })
  .refine((p) => p.from <= p.to, { message: '开始日期不能晚于结束日期', path: ['to'] })

/** 志愿服务记录证明's verification number: 16 characters of Crockford base32 (80 random bits), shown in groups of four. */
export const CERTIFICATE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'
export const certificateNumberSchema = z
  .string()
  .max(40)
  .transform((n) => n.toUpperCase().replace(/[\s-]/g, ''))
  .pipe(z.string().regex(/^[0-9A-HJKMNP-TV-Z]{16}$/, '验证编号应为 16 位字母和数字'))
