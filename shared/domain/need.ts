/**
 * 急难愁盼: the rules of a need's life, shared by the functions and the pages. Pure: no I/O.
 * Matching weights and deadlines are policy; change them here and the tests say what moved.
 */
import { z } from 'zod'
import type { HelpKind } from './vocabulary'
import { formatMinutes } from './time'

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

/**
 * A scam cannot wait for a neighbour to accept: money goes in minutes. 110 when money has gone or the
 * caller is still on the line, 96110 (国家反诈中心's line) to ask whether a call is a scam.
 */
export const FRAUD_NUMBERS = [
  { number: '110', label: '报警' },
  { number: '96110', label: '反诈专线' },
] as const

export interface CallFirst {
  life: boolean
  fraud: boolean
  numbers: { number: string; label: string }[]
}

/**
 * The numbers to call at once, before the need waits for anyone: for 危及生命安全 and for 防骗维权
 * (both: each number once), else null. The form asks as soon as either is chosen, so both may be unset.
 */
export function callFirst(need: { urgency?: Urgency | null; helpKind?: HelpKind | null }): CallFirst | null {
  const life = need.urgency === 'life'
  const fraud = need.helpKind === '防骗维权'
  if (!life && !fraud) return null
  const numbers = [...(life ? EMERGENCY_NUMBERS : []), ...(fraud ? FRAUD_NUMBERS : [])]
  return { life, fraud, numbers: numbers.filter((n, i) => numbers.findIndex((m) => m.number === n.number) === i) }
}

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

/** Where the requester's words (您) would mislead someone else looking at the need: a lead, the committee, a neighbour. */
const needStatusLabelForOthers: Partial<Record<NeedStatus, string>> = {
  matching: '等待组织接单',
  done: '已完成，等居民确认',
}

/** The status in the reader's words: the requester is 您, anyone else reads about the resident. */
export function needStatusLabelFor(status: NeedStatus, reader: 'requester' | 'others'): string {
  return (reader === 'others' ? needStatusLabelForOthers[status] : undefined) ?? needStatusLabel[status]
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

/** 3号楼 2单元 201 and 3号楼2单元201 are one home: spaces and punctuation say nothing of where. */
const addressKey = (place: { neighbourhood?: string; addressDetail?: string }) =>
  `${place.neighbourhood ?? ''}|${place.addressDetail ?? ''}`.replace(/[\s,，.。、·\-—_#（）()]/g, '')

/**
 * A place that is only the community's centre (someone who gave no home and chose no spot) says
 * nothing about where the need is: two such needs are one only if they name the same address.
 */
export function sameAddress(a: { neighbourhood?: string; addressDetail?: string }, b: { neighbourhood?: string; addressDetail?: string }) {
  return Boolean(a.addressDetail && b.addressDetail) && addressKey(a) === addressKey(b)
}

/** One volunteer's service on a need, for the time bank: integer minutes, at most one long day. */
export const MAX_SERVICE_MINUTES = 12 * 60

/** What is wrong with a lead's record of service on a need, to be said at `data.service.<index>.<field>`. */
export interface ServiceProblem {
  index: number
  field: 'memberId' | 'minutes'
  message: string
}

/**
 * A lead may record service only for the volunteers assigned to the need (the lead too, if
 * assigned), and nobody can have served longer than the need has been accepted: otherwise a lead
 * could pay anyone, himself included, whatever he likes from the time bank.
 */
export function serviceProblem(
  service: readonly { memberId: string; minutes: number }[],
  assignedMemberIds: readonly string[],
  acceptedAt: Date,
  now: Date,
): ServiceProblem | null {
  const since = Math.max(0, Math.floor((now.getTime() - new Date(acceptedAt).getTime()) / 60_000))
  for (const [index, s] of service.entries()) {
    if (!assignedMemberIds.includes(s.memberId)) return { index, field: 'memberId', message: '只能为安排到这条求助的志愿者记录服务时间' }
    if (s.minutes > since) return { index, field: 'minutes', message: `接单到现在只有 ${formatMinutes(since)}，服务时间不能比这更长` }
  }
  return null
}

export const offerStatusSchema = z.enum(['open', 'accepted', 'declined', 'expired', 'taken', 'withdrawn'])
export type OfferStatus = z.infer<typeof offerStatusSchema>

// ——— Where a need may go from where it is ———

/** What can happen to a need, and from which statuses; `to` is where it ends up. */
const needTransitions = {
  publish: { from: ['review'], to: 'matching' },
  hide: { from: ['review', 'matching', 'escalated'], to: 'hidden' },
  escalate: { from: ['matching'], to: 'escalated' },
  accept: { from: ['matching'], to: 'accepted' },
  /** The committee may step in at any time before an organisation accepts. */
  assign: { from: ['review', 'matching', 'escalated'], to: 'accepted' },
  cancel: { from: ['review', 'matching', 'escalated'], to: 'cancelled' },
  assignVolunteers: { from: ['accepted'], to: 'accepted' },
  progress: { from: ['accepted'], to: 'accepted' },
  done: { from: ['accepted'], to: 'done' },
  confirm: { from: ['done'], to: 'closed' },
  /** 未解决: back to matching with a new round. */
  reopen: { from: ['done'], to: 'matching' },
  autoClose: { from: ['done'], to: 'closed' },
} as const satisfies Record<string, { from: readonly NeedStatus[]; to: NeedStatus }>
export type NeedAction = keyof typeof needTransitions

/** The status after `action`, or null when the action does not apply to a need in `current`. */
export function needStatusAfter(current: NeedStatus, action: NeedAction): NeedStatus | null {
  const transition = needTransitions[action]
  return (transition.from as readonly NeedStatus[]).includes(current) ? transition.to : null
}

/** Statuses in which a need still waits for help: a new one like it may be a duplicate. */
export const OPEN_NEED_STATUSES = ['review', 'matching', 'escalated', 'accepted'] as const satisfies readonly NeedStatus[]

/**
 * The accepting organisation's lead and assigned volunteers see the requester's name, phone and
 * address only while they carry the task out; once it is done they need them no more (decision 019).
 */
export const contactShownToOrganisation = (status: NeedStatus): boolean => status === 'accepted'

/** Needs raised since this moment count for duplicate detection. */
export function duplicateSince(now: Date): Date {
  return new Date(now.getTime() - DUPLICATE_WINDOW_HOURS * 3600_000)
}

/** When an offer made at `offeredAt` lapses. */
export function offerDeadline(urgency: Urgency, offeredAt: Date): Date {
  return new Date(offeredAt.getTime() + offerWindowMinutes[urgency] * 60_000)
}

/** Needs marked done before this moment and still unanswered close as 未评价. */
export function autoCloseBefore(now: Date): Date {
  return new Date(now.getTime() - AUTO_CLOSE_DAYS * 24 * 3600_000)
}

// ——— Matching: scoring candidates and choosing a shortlist ———

/** What the scorer knows of one candidate organisation. */
export interface CandidateFacts {
  organisationId: string
  /** From the organisation's service centre to the need. */
  distanceM: number
  radiusM: number
  /** In the organisation's own order: the first is its main line of work. */
  helpKinds: readonly string[]
  activeTasks: number
  capacity: number
  /** Minutes from offer to answer (an expiry counts as the whole window). */
  response?: { minutesSum: number; count: number }
  rating?: { sum: number; count: number }
  lastOfferedAt: Date | null
}

export interface MatchParts {
  distance: number
  fit: number
  load: number
  response: number
  rating: number
}
export interface MatchScore {
  total: number
  parts: MatchParts
}

/** How much each part counts; they add up to 1 so the total stays in 0..1. */
export const SCORE_WEIGHTS: MatchParts = { distance: 0.3, fit: 0.2, load: 0.2, response: 0.15, rating: 0.15 }
/** An organisation without history is neither favoured nor held back. */
const NEUTRAL = 0.5
/** An average answer within this many minutes scores at least 0.5. */
const RESPONSE_HALF_MINUTES = 60
/** An organisation that gives the kind of help but not as its main line of work. */
const SIDE_LINE_FIT = 0.6

const round3 = (x: number) => Math.round(x * 1000) / 1000
const clamp01 = (x: number) => Math.min(1, Math.max(0, x))

/** Each part in 0..1 (1 is best) and their weighted total. */
export function scoreCandidate(candidate: CandidateFacts, helpKind: string): MatchScore {
  const { response, rating } = candidate
  const parts: MatchParts = {
    distance: clamp01(1 - candidate.distanceM / candidate.radiusM),
    fit: candidate.helpKinds[0] === helpKind ? 1 : candidate.helpKinds.includes(helpKind) ? SIDE_LINE_FIT : 0,
    load: clamp01(1 - candidate.activeTasks / candidate.capacity),
    response:
      response && response.count > 0 ? RESPONSE_HALF_MINUTES / (RESPONSE_HALF_MINUTES + response.minutesSum / response.count) : NEUTRAL,
    rating: rating && rating.count > 0 ? clamp01((rating.sum / rating.count - 1) / 4) : NEUTRAL,
  }
  const rounded = Object.fromEntries(Object.entries(parts).map(([k, v]) => [k, round3(v)])) as unknown as MatchParts
  const total = (Object.keys(SCORE_WEIGHTS) as (keyof MatchParts)[]).reduce((sum, k) => sum + SCORE_WEIGHTS[k] * rounded[k], 0)
  return { total: round3(total), parts: rounded }
}

/** Totals this close count as equal: among them the least recently offered goes first. */
export const TIE_MARGIN = 0.05

/**
 * Fair dispatch: repeatedly take the best remaining total, and among the candidates within
 * TIE_MARGIN of it, the one offered longest ago (never offered first). An organisation that was
 * just offered a need drops behind its equals, so equals take turns being first.
 */
export function chooseShortlist<T extends { score: MatchScore; lastOfferedAt: Date | null; organisationId: string }>(
  candidates: readonly T[],
  size: number,
): T[] {
  const remaining = [...candidates].sort((a, b) => b.score.total - a.score.total || a.organisationId.localeCompare(b.organisationId))
  const chosen: T[] = []
  const offeredAt = (c: T) => c.lastOfferedAt?.getTime() ?? -Infinity
  while (chosen.length < size && remaining.length > 0) {
    const best = remaining[0].score.total
    let pick = 0
    for (let i = 1; i < remaining.length && remaining[i].score.total >= best - TIE_MARGIN; i++) {
      if (offeredAt(remaining[i]) < offeredAt(remaining[pick])) pick = i
    }
    chosen.push(...remaining.splice(pick, 1))
  }
  return chosen
}

// ——— Harm first: the order of everything that waits ———

/**
 * How much harm waiting can do: 危及生命安全 first, then 紧急, then the rest as one. Anything
 * without an urgency (an application, a held credit) ranks with the rest.
 */
export function harmRank(urgency: Urgency | undefined): number {
  return urgency === 'life' ? 0 : urgency === 'urgent' ? 1 : 2
}

/** The order of every list of things waiting: the most harm first, and within it the longest waiting. */
export function harmFirst(a: { urgency?: Urgency; since: Date | string }, b: { urgency?: Urgency; since: Date | string }): number {
  return harmRank(a.urgency) - harmRank(b.urgency) || new Date(a.since).getTime() - new Date(b.since).getTime()
}

// ——— Following an accepted need to its end ———

/** How long an organisation has, from accepting, to finish when the requester named no time. */
export const finishWindowMinutes: Record<Urgency, number> = {
  life: 2 * 60,
  urgent: 24 * 60,
  normal: 3 * 24 * 60,
  advice: 7 * 24 * 60,
}

/** After the expected finish and the lead's reminder, how long until the committee is told. */
export const overdueGraceMinutes: Record<Urgency, number> = {
  life: 60,
  urgent: 6 * 60,
  normal: 24 * 60,
  advice: 48 * 60,
}

export interface FollowUp {
  /** The expected finish: the lead is reminded once if the need is not done by then. */
  finishBy: Date
  /** Not done by then either: the need joins the committee's waiting list. */
  overdueAt: Date
}

/**
 * When an accepted need should be done: by the time the requester wanted, if that is still
 * ahead when it is accepted; otherwise within its urgency's window from the acceptance.
 */
export function followUpOf(urgency: Urgency, acceptedAt: Date, wantedBy?: Date): FollowUp {
  const byUrgency = new Date(acceptedAt.getTime() + finishWindowMinutes[urgency] * 60_000)
  const finishBy = wantedBy && wantedBy.getTime() > acceptedAt.getTime() ? new Date(wantedBy) : byUrgency
  return { finishBy, overdueAt: new Date(finishBy.getTime() + overdueGraceMinutes[urgency] * 60_000) }
}

/** Mini-program pages the subscribe messages open (built with the client). */
export const NEED_PAGE = 'pages/needs/detail/index'
export const OFFERS_PAGE = 'pages/needs/offers/index'
export const TASK_PAGE = 'pages/needs/task/index'
export const taskPath = (organisationId: string, needId: string) => `/${TASK_PAGE}?organisationId=${organisationId}&id=${needId}`
