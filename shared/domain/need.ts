/**
 * 急难愁盼: the rules of a need's life, shared by the functions and the pages. Pure: no I/O.
 * Matching weights and deadlines are policy; change them here and the tests say what moved.
 */
import { z } from 'zod'

export const urgencySchema = z.enum(['life', 'urgent', 'normal', 'advice'])
export type Urgency = z.infer<typeof urgencySchema>

export const urgencyLabel: Record<Urgency, string> = {
  life: '危及生命安全',
  urgent: '紧急（今天）',
  normal: '一般（几天内）',
  advice: '咨询',
}

/** The product never stands in for emergency services: these are shown first for `life`. */
export const EMERGENCY_NUMBERS = [
  { number: '110', label: '报警' },
  { number: '120', label: '急救' },
  { number: '119', label: '火警' },
] as const

/** How long an organisation has to answer an offer. */
export const offerWindowMinutes: Record<Urgency, number> = {
  life: 5,
  urgent: 15,
  normal: 24 * 60,
  advice: 48 * 60,
}

/** How many organisations are offered a need at once: several when it is urgent. */
export const shortlistSize: Record<Urgency, number> = { life: 3, urgent: 3, normal: 2, advice: 1 }

export const needStatusSchema = z.enum([
  /** Waiting for the committee: the community reviews every need first, or its text was flagged. */
  'review',
  /** Offered to a shortlist; waiting for one to accept. */
  'matching',
  /** No candidate left: the committee assigns by hand. */
  'escalated',
  'accepted',
  /** The organisation says it is done; waiting for the requester's answer. */
  'done',
  'closed',
  'cancelled',
  /** Hidden by the committee (flagged text it would not publish). */
  'hidden',
])
export type NeedStatus = z.infer<typeof needStatusSchema>

export const needStatusLabel: Record<NeedStatus, string> = {
  review: '等待社区审核',
  matching: '正在联系附近组织',
  escalated: '已转社区两委处理',
  accepted: '已有组织接单',
  done: '已完成，等您确认',
  closed: '已结束',
  cancelled: '已取消',
  hidden: '已隐藏',
}

/** 成效由群众评价: the requester's answer. `unrated` when 7 days pass without one. */
export const outcomeSchema = z.enum(['solved', 'partly', 'unsolved'])
export type Outcome = z.infer<typeof outcomeSchema> | 'unrated'
export const outcomeLabel: Record<Outcome, string> = {
  solved: '已解决',
  partly: '部分解决',
  unsolved: '未解决',
  unrated: '未评价',
}
export const AUTO_CLOSE_DAYS = 7

/** A possible duplicate: the same kind of help within 50 m in the last 24 hours. */
export const DUPLICATE_RADIUS_M = 50
export const DUPLICATE_WINDOW_HOURS = 24

/** One volunteer's service on a need, for the time bank: integer minutes, at most one long day. */
export const MAX_SERVICE_MINUTES = 12 * 60

export const offerStatusSchema = z.enum(['open', 'accepted', 'declined', 'expired', 'taken', 'withdrawn'])
export type OfferStatus = z.infer<typeof offerStatusSchema>
