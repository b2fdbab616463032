/**
 * 首页: what waits for a person, whatever roles they hold, in one list. Pure: the functions build
 * the items, the page shows them in this order and the tab bar counts them.
 */
import { harmFirst, harmRank, type Urgency } from './need'

export const homeItemKinds = [
  /** A need of theirs the organisation says is done: 等您确认. */
  'confirm',
  /** A need offered to an organisation they lead, to answer before its deadline. */
  'offer',
  /** A need their lead assigned to them. */
  'task',
  /** People paired with them who should be visited now (one item for them all). */
  'visits',
  /** Their committee's waiting list (one item per community, its most urgent first). */
  'waiting',
] as const
export type HomeItemKind = (typeof homeItemKinds)[number]

export const homeItemKindLabel: Record<HomeItemKind, string> = {
  confirm: '等您确认',
  offer: '派单待答复',
  task: '我的任务',
  visits: '该探访了',
  waiting: '社区待办',
}

interface Waits {
  urgency?: Urgency
  /** Since when it has waited. */
  since: Date | string
  /** When it lapses or should be done, if it does. */
  deadline?: Date | string
}

const time = (moment: Date | string) => new Date(moment).getTime()

/** What lapses first: a deadline before none, the sooner deadline first. */
const lapsesFirst = (a: Waits, b: Waits) =>
  a.deadline && b.deadline ? time(a.deadline) - time(b.deadline) : a.deadline ? -1 : b.deadline ? 1 : 0

/**
 * The order of 首页: the most harm first (危及生命安全, then 紧急, then the rest: `harmRank`); within
 * it what lapses first (an offer's deadline, a task's finish), then what has waited longest (`harmFirst`).
 */
export const homeOrder = (a: Waits, b: Waits): number => harmRank(a.urgency) - harmRank(b.urgency) || lapsesFirst(a, b) || harmFirst(a, b)

/** The tab bar's badge: each item stands for `count` things to act on (a community's waiting list for all of it). */
export const homeBadge = (items: readonly { count: number }[]) => items.reduce((sum, item) => sum + item.count, 0)

/** How far ahead 首页 looks for activities nearby. */
export const NEARBY_DAYS = 7
