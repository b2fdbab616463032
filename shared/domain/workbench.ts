/**
 * 社区工作台: the one list of everything waiting on the committee. Each kind of item says what it
 * is and which page the committee acts on it from; the functions build the page paths from these
 * so that a tap lands where the decision is taken.
 */
import { ACTIVITY_PAGE } from './activity'
import { CARE_PERSON_PAGE } from './care'
import { harmFirst, type Urgency } from './need'

export const waitingKinds = [
  'organisation',
  'activity',
  'need_life',
  'need_review',
  'need_flagged',
  'need_duplicate',
  'need_escalated',
  'need_overdue',
  'credit',
  'visit',
  'photo_flagged',
  'due_work',
  'newcomer',
  'move_in',
  'takeover',
  'help_gap',
] as const
export type WaitingKind = (typeof waitingKinds)[number]

export const waitingKindLabel: Record<WaitingKind, string> = {
  organisation: '组织备案待审核',
  activity: '重大活动待审批',
  need_life: '危及生命安全，还没有组织接单',
  need_review: '求助待审核',
  need_flagged: '求助内容被标记',
  need_duplicate: '可能重复的求助',
  need_escalated: '求助无人接单',
  need_overdue: '求助接单后逾期未办完',
  credit: '服务时间等待审核',
  visit: '探访逾期未做',
  photo_flagged: '照片被标记',
  due_work: '系统处理多次失败',
  newcomer: '新居民待确认居住',
  move_in: '搬来本社区待确认',
  takeover: '认领代登记的账号待确认',
  help_gap: '居民需要的帮助本社区没有组织提供',
}

/**
 * Kinds that wait behind everything else, whatever their age: a newcomer may already raise needs
 * (decision 024), someone moving in still can where they live now, and a registered person's needs
 * are raised for them meanwhile (decision 027); so confirming them harms nobody by waiting, while any need may.
 * A help kind no organisation offers (decision 049) asks for finding one, which is weeks of work, not today's.
 */
const lastInLine: readonly WaitingKind[] = ['newcomer', 'move_in', 'takeover', 'help_gap']

/** The order of the committee's waiting list: harm first (`harmFirst`), with `lastInLine` kinds after all others. */
export function waitingOrder<T extends { kind: WaitingKind; urgency?: Urgency; since: Date | string }>(a: T, b: T): number {
  return Number(lastInLine.includes(a.kind)) - Number(lastInLine.includes(b.kind)) || harmFirst(a, b)
}

/** The committee's pages the items open; client/src/routes.ts builds its paths from the same. */
export const APPLICATIONS_PAGE = 'pages/committee/applications/index'
export const COMMITTEE_NEED_PAGE = 'pages/committee/need/index'
export const ACTIVITY_APPROVALS_PAGE = 'pages/committee/activities/index'
export const HELD_CREDITS_PAGE = 'pages/committee/held/index'

export const applicationsPath = (communityId: string) => `/${APPLICATIONS_PAGE}?communityId=${communityId}`
export const activityApprovalsPath = (communityId: string) => `/${ACTIVITY_APPROVALS_PAGE}?communityId=${communityId}`
export const heldCreditsPath = (communityId: string) => `/${HELD_CREDITS_PAGE}?communityId=${communityId}`
export const carePersonPath = (entryId: string) => `/${CARE_PERSON_PAGE}?id=${entryId}`
/** The activity's own page: the committee decides on its photos and takes it down there. */
export const activityPath = (activityId: string) => `/${ACTIVITY_PAGE}?id=${activityId}`
/** `reason` is why it is in the committee's queue, e.g. duplicate. */
export const committeeNeedPath = (needId: string, reason?: string) =>
  `/${COMMITTEE_NEED_PAGE}?id=${needId}${reason ? `&reason=${reason}` : ''}`
