/**
 * 社区活动: the rules of a neighbourhood activity's life, shared by the functions and the pages.
 * Pure: no I/O, no clock of its own (callers pass `now`). Thresholds are policy; change them here
 * and the tests say what moved.
 */
import { z } from 'zod'
import { waitAfterMisses } from './attempts'

export const activityKindSchema = z.enum(['culture_sports', 'volunteering', 'consultation', 'publicity', 'convenience', 'festival'])
export type ActivityKind = z.infer<typeof activityKindSchema>

export const activityKindLabel: Record<ActivityKind, string> = {
  culture_sports: '文体活动',
  volunteering: '志愿服务',
  consultation: '议事协商',
  publicity: '宣传教育',
  convenience: '便民服务',
  festival: '节日活动',
}

/**
 * No draft: a lead fills in the form and publishes, and the issue asks for nothing in between.
 * A major activity waits for the committee, which may turn it down (with a reason).
 */
export const activityStatusSchema = z.enum(['pending_approval', 'published', 'rejected', 'cancelled', 'finished'])
export type ActivityStatus = z.infer<typeof activityStatusSchema>

export const activityStatusLabel: Record<ActivityStatus, string> = {
  pending_approval: '等待社区审批',
  published: '报名中',
  rejected: '未获批准',
  cancelled: '已取消',
  finished: '已结束',
}

/** What can happen to an activity, and from which statuses; `to` is where it ends up. */
const activityTransitions = {
  approve: { from: ['pending_approval'], to: 'published' },
  reject: { from: ['pending_approval'], to: 'rejected' },
  /** Before it is over, the lead (or the committee) may call it off; everyone signed up is told. */
  cancel: { from: ['pending_approval', 'published'], to: 'cancelled' },
  finish: { from: ['published'], to: 'finished' },
} as const satisfies Record<string, { from: readonly ActivityStatus[]; to: ActivityStatus }>
type ActivityAction = keyof typeof activityTransitions

/** The status after `action`, or null when the action does not apply to an activity in `current`. */
export function activityStatusAfter(current: ActivityStatus, action: ActivityAction): ActivityStatus | null {
  const transition = activityTransitions[action]
  return (transition.from as readonly ActivityStatus[]).includes(current) ? transition.to : null
}

// ——— 重大活动报告制度: which activities the committee approves first ———

/** Activities for this many participants or more are major unless the community sets otherwise. */
export const DEFAULT_MAJOR_THRESHOLD = 50

/** What a community has set; anything it has not set takes the default. */
export interface CommunityActivityPolicy {
  majorThreshold?: number
  /** Kinds the community always wants to see first, whatever the size (e.g. 议事协商). */
  majorKinds?: readonly ActivityKind[]
}

/** Why an activity is in the committee's queue: stored with it so the queue can say. */
export type ApprovalReason = { type: 'participants'; places: number; threshold: number } | { type: 'kind'; kind: ActivityKind }

/**
 * The reasons an activity needs the committee's approval before residents see it; none means it is
 * published at once. 以上 in the rule counts the threshold itself: 50 places with a threshold of 50 is major.
 */
export function needsCommitteeApproval(
  activity: { participantPlaces: number; kind: ActivityKind },
  policy: CommunityActivityPolicy = {},
): ApprovalReason[] {
  const threshold = policy.majorThreshold ?? DEFAULT_MAJOR_THRESHOLD
  const reasons: ApprovalReason[] = []
  if (activity.participantPlaces >= threshold) reasons.push({ type: 'participants', places: activity.participantPlaces, threshold })
  if (policy.majorKinds?.includes(activity.kind)) reasons.push({ type: 'kind', kind: activity.kind })
  return reasons
}

export function approvalReasonLabel(reason: ApprovalReason): string {
  return reason.type === 'participants'
    ? `参与名额 ${reason.places} 人，达到社区规定的 ${reason.threshold} 人`
    : `社区规定${activityKindLabel[reason.kind]}须报批`
}

/** Where a new activity starts: in the committee's queue, or straight out to residents. */
export function initialActivityStatus(reasons: readonly ApprovalReason[]): ActivityStatus {
  return reasons.length > 0 ? 'pending_approval' : 'published'
}

// ——— Times: start, end and the sign-up deadline ———

export interface ActivitySchedule {
  startAt: Date
  endAt: Date
  signUpDeadline: Date
}

/**
 * What is wrong with a schedule a lead submits, or null. The deadline may be the start itself
 * (sign up until the doors open) but not later, and must still be ahead when publishing.
 */
export function scheduleProblem(schedule: ActivitySchedule, now: Date): { field: keyof ActivitySchedule; message: string } | null {
  if (schedule.startAt.getTime() <= now.getTime()) return { field: 'startAt', message: '开始时间已经过去了，请选以后的时间' }
  if (schedule.endAt.getTime() <= schedule.startAt.getTime()) return { field: 'endAt', message: '结束时间要晚于开始时间' }
  if (schedule.signUpDeadline.getTime() > schedule.startAt.getTime())
    return { field: 'signUpDeadline', message: '报名截止不能晚于活动开始' }
  if (schedule.signUpDeadline.getTime() <= now.getTime()) return { field: 'signUpDeadline', message: '报名截止时间已过' }
  return null
}

/**
 * Why a sign-up for a role cannot be taken, or null. Sign-ups are taken up to the deadline, not at
 * it: the moment it names is already closed. A role with no places (an activity that wants no
 * volunteers) takes no sign-ups at all rather than an endless waitlist.
 */
export function signUpRefusal(activity: { status: ActivityStatus; signUpDeadline: Date }, places: number, now: Date): string | null {
  if (activity.status !== 'published') return '活动不在报名中'
  if (now.getTime() >= activity.signUpDeadline.getTime()) return '报名已截止'
  if (places <= 0) return '本活动不招募这一类报名'
  return null
}

// ——— Sign-ups: places, waitlist, promotion ———

export const signUpRoleSchema = z.enum(['participant', 'volunteer'])
export type SignUpRole = z.infer<typeof signUpRoleSchema>
export const signUpRoleLabel: Record<SignUpRole, string> = { participant: '参与者', volunteer: '志愿者' }

/**
 * 为老服务 (上门理发, 助餐; decision 037): those taking part receive the service, so the participants'
 * places are the recipients', named as such on the page and in the roster, apart from the volunteers.
 */
export const ELDER_SERVICE_RECIPIENT = '服务对象'

export function signUpRoleLabelOf(activity: { servesElders?: boolean }, role: SignUpRole): string {
  return activity.servesElders && role === 'participant' ? ELDER_SERVICE_RECIPIENT : signUpRoleLabel[role]
}

export const signUpStatusSchema = z.enum(['confirmed', 'waitlisted', 'cancelled'])
export type SignUpStatus = z.infer<typeof signUpStatusSchema>
export const signUpStatusLabel: Record<SignUpStatus, string> = { confirmed: '已报名', waitlisted: '候补中', cancelled: '已取消' }

/** What allocation needs of one sign-up for one role of one activity. */
export interface SignUpFacts {
  id: string
  status: SignUpStatus
  signedUpAt: Date
}

/** First come first served; the id breaks a tie within the same millisecond so every caller agrees. */
const bySignUpOrder = (a: SignUpFacts, b: SignUpFacts) => a.signedUpAt.getTime() - b.signedUpAt.getTime() || a.id.localeCompare(b.id)

const confirmedCount = (signUps: readonly SignUpFacts[]) => signUps.filter((s) => s.status === 'confirmed').length

export function placesLeft(places: number, signUps: readonly SignUpFacts[]): number {
  return Math.max(0, places - confirmedCount(signUps))
}

/**
 * A new sign-up (one `signUpRefusal` let through) takes a place while one is left, else joins the
 * waitlist. Racers for the last place each see one left: the function layer claims it with a
 * conditional update the database applies one at a time, and tries the waitlist when it is gone.
 */
export function newSignUpStatus(places: number, signUps: readonly SignUpFacts[]): 'confirmed' | 'waitlisted' {
  return placesLeft(places, signUps) > 0 ? 'confirmed' : 'waitlisted'
}

/**
 * After a cancellation (already applied to `signUps`), the waitlisted sign-ups that now take a
 * place, earliest first: usually one, none when the waitlist is empty or no place is free.
 */
export function signUpsToPromote(places: number, signUps: readonly SignUpFacts[]): string[] {
  const waitlist = signUps.filter((s) => s.status === 'waitlisted').sort(bySignUpOrder)
  return waitlist.slice(0, placesLeft(places, signUps)).map((s) => s.id)
}

/** 候补第 n 位 (from 1), or null for a sign-up not on the waitlist. */
export function waitlistPosition(signUps: readonly SignUpFacts[], id: string): number | null {
  const index = signUps
    .filter((s) => s.status === 'waitlisted')
    .sort(bySignUpOrder)
    .findIndex((s) => s.id === id)
  return index < 0 ? null : index + 1
}

// ——— Volunteer service time for the time bank ———

/**
 * Whole minutes from check-in to check-out, never more than the activity lasts (an early arrival
 * or a forgotten check-out must not mint hours) and never negative (clocks and hand edits err).
 * Partial minutes are dropped: the time bank only ever holds integers.
 */
export function volunteerServiceMinutes(
  attendance: { checkInAt: Date; checkOutAt: Date },
  activity: { startAt: Date; endAt: Date },
): number {
  const served = attendance.checkOutAt.getTime() - attendance.checkInAt.getTime()
  const length = activity.endAt.getTime() - activity.startAt.getTime()
  return Math.floor(Math.max(0, Math.min(served, length)) / 60_000)
}

// ——— Attendance: when the code works, and guessing short codes ———

/** Check-in opens this long before the start: people arrive early to set up or find a seat. */
export const CHECK_IN_OPENS_MINUTES = 60
/** Check-out stays open this long after the end, for a volunteer tidying up; the hours are capped anyway. */
export const CHECK_OUT_CLOSES_MINUTES = 60

export type AttendancePurpose = 'check_in' | 'check_out'

/** When codes start to work: before this, the lead's page says when, which is not a failure. */
export const attendanceOpensAt = (activity: { startAt: Date }) => new Date(activity.startAt.getTime() - CHECK_IN_OPENS_MINUTES * 60_000)

/**
 * Why attendance cannot be taken now, or null. An attendee's code works from an hour before the
 * start until the end (check-out a while longer); the lead may also tick after that, since the
 * paperwork comes later. A check-out also needs a check-in first (checked by the caller).
 */
export function attendanceRefusal(
  purpose: AttendancePurpose,
  activity: { startAt: Date; endAt: Date },
  now: Date,
  by: 'code' | 'lead' = 'code',
): string | null {
  if (now < attendanceOpensAt(activity)) return `活动开始前 ${CHECK_IN_OPENS_MINUTES} 分钟才能签到`
  if (by === 'lead') return null
  if (purpose === 'check_in' && now.getTime() > activity.endAt.getTime()) return '活动已结束，不能再签到'
  if (purpose === 'check_out' && now.getTime() > activity.endAt.getTime() + CHECK_OUT_CLOSES_MINUTES * 60_000)
    return '签退时间已过，请联系负责人'
  return null
}

/** Wrong short codes a person may type for one activity within the window before waiting. */
export const SHORT_CODE_ATTEMPTS = 5
export const SHORT_CODE_WINDOW_MINUTES = 10

/** Whole minutes (at least 1) until a person may type a short code again, or null when they may now. */
export const shortCodeWait = (misses: readonly Date[], now: Date): number | null =>
  waitAfterMisses(misses, now, { attempts: SHORT_CODE_ATTEMPTS, windowMinutes: SHORT_CODE_WINDOW_MINUTES })

// ——— Reminders before the start ———

/** Reminders, earliest first: a day before, and an hour before. */
export const activityReminders = [
  { key: 'day', minutesBefore: 24 * 60 },
  { key: 'hour', minutesBefore: 60 },
] as const
export type ActivityReminder = (typeof activityReminders)[number]['key']

/**
 * The reminder to send now, or null. Only the latest one due is sent: an activity published
 * 30 minutes before it starts gets the hour reminder, not both. `sent` is the last one sent.
 */
export function reminderDue(startAt: Date, sent: ActivityReminder | undefined, now: Date): ActivityReminder | null {
  if (now.getTime() >= startAt.getTime()) return null
  const due = activityReminders.filter((r) => now.getTime() >= startAt.getTime() - r.minutesBefore * 60_000)
  const latest = due[due.length - 1]
  if (!latest) return null
  const sentIndex = sent === undefined ? -1 : activityReminders.findIndex((r) => r.key === sent)
  return activityReminders.indexOf(latest) > sentIndex ? latest.key : null
}

// ——— What others see ———

/** A commenter's name on a public page: the surname and a star per other character (杨丽 → 杨*). */
export function maskedName(name: string): string {
  const chars = [...name.trim()]
  return chars.length === 0 ? '居民' : chars[0] + '*'.repeat(Math.max(1, chars.length - 1))
}

/** The activity's page, which subscribe messages open. */
export const ACTIVITY_PAGE = 'pages/activity/detail/index'
