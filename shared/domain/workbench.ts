/**
 * 社区工作台: the one list of everything waiting on the committee. Each kind of item says what it
 * is and which page the committee acts on it from; the functions build the page paths from these
 * so that a tap lands where the decision is taken.
 */

export const waitingKinds = ['organisation', 'need_review', 'need_flagged', 'need_duplicate', 'need_escalated'] as const
export type WaitingKind = (typeof waitingKinds)[number]

export const waitingKindLabel: Record<WaitingKind, string> = {
  organisation: '组织备案待审核',
  need_review: '求助待审核',
  need_flagged: '求助内容被标记',
  need_duplicate: '可能重复的求助',
  need_escalated: '求助无人接单',
}

/** The committee's pages the items open; client/src/routes.ts builds its paths from the same. */
export const APPLICATIONS_PAGE = 'pages/committee/applications/index'
export const COMMITTEE_NEED_PAGE = 'pages/committee/need/index'

export const applicationsPath = (communityId: string) => `/${APPLICATIONS_PAGE}?communityId=${communityId}`
/** `reason` is why it is in the committee's queue, e.g. duplicate. */
export const committeeNeedPath = (needId: string, reason?: string) => `/${COMMITTEE_NEED_PAGE}?id=${needId}${reason ? `&reason=${reason}` : ''}`

