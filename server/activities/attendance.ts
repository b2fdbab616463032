/**
 * Attendance and hours: the lead's rotating code and roster, checking in and out by code or by
 * the lead's hand, and the lead confirming each volunteer's minutes once (decision 008).
 */
import { iso } from '../../shared/domain/time'
import type { ActivitiesContract, RosterEntry } from '../../shared/contracts/activities'
import { AppError, ErrorCode } from '../../shared/errors'
import {
  attendanceOpensAt,
  attendanceRefusal,
  SHORT_CODE_WINDOW_MINUTES,
  shortCodeWait,
  type AttendancePurpose,
} from '../../shared/domain/activity'
import { signUpById, signUpDocId, signUpsOfActivity } from '../data/activities'
import type { ActivityDoc, ActivitySignUpDoc } from '../data/documents'
import { inTransaction, whole } from '../data/transaction'
import { pendingServiceRecord } from '../timebank/credit'
import { auditContactsShown } from '../audit'
import type { ActionImplementations } from '../handler'
import type { Caller } from '../principal'
import { checkInSecretFrom, issueCheckInCode, verifyCheckInCode, type CheckInVerdict } from './check-in-code'
import { hasEnded, notRunning, ownActivity, visibleActivity } from './access'
import { activityDetail, isLive, mySignUpView, rosterEntries } from './views'

type Action<A extends keyof ActivitiesContract['actions']> = ActionImplementations<ActivitiesContract>[A]

/** Why an attendee may not use a code now, or null. */
function attendanceProblem(activity: ActivityDoc, purpose: AttendancePurpose, now: Date): AppError | null {
  const stopped = notRunning(activity)
  if (stopped) return stopped
  const refusal = attendanceRefusal(purpose, { startAt: new Date(activity.startAt), endAt: new Date(activity.endAt) }, now)
  return refusal ? new AppError(ErrorCode.CONFLICT, refusal) : null
}

export const checkInCode: Action<'checkInCode'> = async (context) => {
  const { input, now } = context
  const { activity } = await ownActivity(context, input.organisationId, input.activityId)
  const stopped = notRunning(activity)
  if (stopped) throw stopped
  const times = { startAt: new Date(activity.startAt), endAt: new Date(activity.endAt) }
  const opensAt = attendanceOpensAt(times)
  if (now < opensAt) return { state: 'notYet' as const, opensAt: iso(opensAt) }
  if (attendanceRefusal(input.purpose, times, now)) return { state: 'closed' as const }
  const code = issueCheckInCode({ activityId: activity._id, purpose: input.purpose, secret: checkInSecretFrom(process.env), now })
  return {
    state: 'open' as const,
    qrPayload: code.qrPayload,
    shortCode: code.shortCode,
    rotatesAt: iso(code.rotatesAt),
    expiresAt: iso(code.expiresAt),
  }
}

const refusedCode: Record<
  Exclude<CheckInVerdict, { ok: true }>['reason'],
  Record<'qr' | 'typed', (purpose: AttendancePurpose) => string>
> = {
  forged: {
    qr: () => '这不是有效的签到码，请扫描负责人手机上的二维码',
    typed: () => '数字不对，请核对负责人手机上的 6 位数字',
  },
  expired: {
    qr: () => '二维码已过期，请扫描负责人手机上最新的二维码',
    typed: () => '这组数字已过期，请输入负责人手机上最新的 6 位数字',
  },
  other_activity: {
    qr: () => '这是另一个活动的二维码，请扫描本活动负责人出示的二维码',
    typed: () => '数字不对，请核对负责人手机上的 6 位数字',
  },
  other_purpose: {
    qr: (purpose) => (purpose === 'check_in' ? '这是签退码，请扫描签到码' : '这是签到码，请扫描签退码'),
    typed: () => '数字不对，请核对负责人手机上的 6 位数字',
  },
}

const recorded = (signUp: ActivitySignUpDoc, purpose: AttendancePurpose) =>
  purpose === 'check_in' ? signUp.checkedInAt : signUp.checkedOutAt

/** The fields that record attendance for `purpose`, taken now by `by`. */
const attendancePatch = (purpose: AttendancePurpose, at: Date, by: 'code' | 'lead') =>
  purpose === 'check_in' ? { checkedInAt: at, checkInBy: by } : { checkedOutAt: at, checkOutBy: by }

/**
 * The attendee's own sign-up, checked in (or out) once. The code is verified inside the
 * transaction that also counts wrong short codes, so simultaneous guesses are all counted.
 */
export const checkIn: Action<'checkIn'> = async ({ caller, input, now: at }) => {
  const me = await caller()
  const activity = await visibleActivity(me, input.activityId)
  const id = signUpDocId(activity._id, me.openid)
  const { purpose } = input
  const secret = checkInSecretFrom(process.env)
  const typed = input.qrPayload === undefined
  const field = typed ? 'data.shortCode' : 'data.qrPayload'
  // The sign-up is read once, by the transaction that records the attendance.
  const outcome = await inTransaction(async (tx): Promise<{ signUp: ActivitySignUpDoc } | { refused: string }> => {
    const current = await tx.get('activity_sign_ups', id)
    if (!isLive(current)) throw new AppError(ErrorCode.NOT_FOUND, '你没有报名这个活动', 'data.activityId')
    if (current.status === 'waitlisted') throw new AppError(ErrorCode.CONFLICT, '你还在候补中，没有名额，不能签到')
    const problem = attendanceProblem(activity, purpose, at)
    if (problem) throw problem
    if (purpose === 'check_out' && !current.checkedInAt) throw new AppError(ErrorCode.CONFLICT, '请先签到，再签退')
    const misses = (current.shortCodeMisses ?? [])
      .map((m) => new Date(m))
      .filter((m) => m.getTime() > at.getTime() - SHORT_CODE_WINDOW_MINUTES * 60_000)
    const wait = typed ? shortCodeWait(misses, at) : null
    if (wait) throw new AppError(ErrorCode.RATE_LIMITED, `输错次数太多，请 ${wait} 分钟后再试`, field)
    const presented = typed ? { shortCode: input.shortCode! } : { payload: input.qrPayload! }
    const verdict = verifyCheckInCode({ ...presented, activityId: activity._id, purpose, secret, now: at })
    if (!verdict.ok) {
      if (typed) await tx.update('activity_sign_ups', id, { shortCodeMisses: whole([...misses, at]) })
      return { refused: refusedCode[verdict.reason][typed ? 'typed' : 'qr'](purpose) }
    }
    // A second scan answers with the first record.
    if (recorded(current, purpose)) return { signUp: current }
    const patch = attendancePatch(purpose, at, 'code')
    await tx.update('activity_sign_ups', id, patch)
    return { signUp: { ...current, ...patch } }
  })
  if ('refused' in outcome) throw new AppError(ErrorCode.INVALID_INPUT, outcome.refused, field)
  return { signUp: mySignUpView(outcome.signUp, activity) }
}

export const roster: Action<'roster'> = async (context) => {
  const { input } = context
  const { activity, organisation, community } = await ownActivity(context, input.organisationId, input.activityId)
  const lead = await context.caller()
  // The scope's organisation and community name the activity, unless it was published from another community.
  const names =
    activity.communityId === community._id
      ? { organisations: new Map([[organisation._id, organisation]]), communities: new Map([[community._id, community]]) }
      : undefined
  const [view, signUps] = await Promise.all([activityDetail(activity, lead, context.now, { names }), signUpsOfActivity(activity._id)])
  return { activity: view, entries: await shownRoster(activity, signUps, lead, context.now) }
}

/** The roster with its phones, as the lead is shown it: the read is audited. */
async function shownRoster(activity: ActivityDoc, signUps: ActivitySignUpDoc[], lead: Caller, now: Date): Promise<RosterEntry[]> {
  const entries = await rosterEntries(activity, signUps)
  const shown = new Set(entries.filter((e) => e.phone).map((e) => e.signUpId))
  const about = { communityId: activity.communityId, organisationId: activity.organisationId, activityId: activity._id }
  await auditContactsShown(
    lead,
    'activity.roster',
    about,
    signUps.filter((s) => shown.has(s._id)).map((s) => s.openid),
    now,
  )
  return entries
}

/** A sign-up of this activity by its id, as the lead names it; anything else is NOT_FOUND at `field`. */
async function signUpOf(activity: ActivityDoc, signUpId: string, field: string): Promise<ActivitySignUpDoc> {
  const signUp = await signUpById(signUpId)
  if (!isLive(signUp) || signUp.activityId !== activity._id) throw new AppError(ErrorCode.NOT_FOUND, '这个活动没有这条报名', field)
  return signUp
}

/** For someone without a phone; after the end too, until the volunteer's hours are confirmed. */
export const markAttendance: Action<'markAttendance'> = async (context) => {
  const { input, now } = context
  const { activity } = await ownActivity(context, input.organisationId, input.activityId)
  const stopped = notRunning(activity)
  if (stopped) throw stopped
  const { purpose } = input
  const refusal = attendanceRefusal(purpose, { startAt: new Date(activity.startAt), endAt: new Date(activity.endAt) }, now, 'lead')
  if (refusal) throw new AppError(ErrorCode.CONFLICT, refusal)
  const signUp = await signUpOf(activity, input.signUpId, 'data.signUpId')
  if (signUp.status !== 'confirmed') throw new AppError(ErrorCode.CONFLICT, '候补中的报名还没有名额，不能签到')
  const marked = await inTransaction(async (tx) => {
    const current = await tx.get('activity_sign_ups', signUp._id)
    if (current?.status !== 'confirmed') throw new AppError(ErrorCode.CONFLICT, '报名状态已经变了，请刷新后再看')
    if (recorded(current, purpose)) return current
    if (current.confirmedMinutes !== undefined) throw new AppError(ErrorCode.CONFLICT, '服务时长已确认，不能再改签到记录')
    if (purpose === 'check_out' && !current.checkedInAt) throw new AppError(ErrorCode.CONFLICT, '请先签到，再签退')
    const patch = attendancePatch(purpose, now, 'lead')
    await tx.update('activity_sign_ups', signUp._id, patch)
    return { ...current, ...patch }
  })
  const [entry] = await shownRoster(activity, [marked], await context.caller(), now)
  return { entry }
}

/** How many confirmations run at once: a festival's volunteers within the function's timeout, without a flood. */
const CONFIRM_BATCH = 20

/**
 * Each volunteer's minutes, at most the activity's length, confirmed once and final: the sign-up
 * and its service record (for the time bank, `_id` derived from both) are written in one
 * transaction, so a repeat or a racing confirmation never writes a second record. The time bank's
 * due work credits the new records within the minute (decision 053).
 */
export const confirmHours: Action<'confirmHours'> = async (context) => {
  const { input, now } = context
  const { activity } = await ownActivity(context, input.organisationId, input.activityId)
  const stopped = notRunning(activity)
  if (stopped) throw stopped
  if (!hasEnded(activity, now)) throw new AppError(ErrorCode.CONFLICT, '活动结束后才能确认服务时长')
  const ids = input.hours.map((h) => h.signUpId)
  if (new Set(ids).size !== ids.length) throw new AppError(ErrorCode.INVALID_INPUT, '每位志愿者只写一次', 'data.hours')
  const startAt = new Date(activity.startAt)
  const length = Math.floor((new Date(activity.endAt).getTime() - startAt.getTime()) / 60_000)
  const signUps = new Map((await signUpsOfActivity(activity._id)).map((s) => [s._id, s]))
  const alreadyConfirmed = (confirmed: number, i: number) =>
    new AppError(ErrorCode.CONFLICT, `已确认为 ${confirmed} 分钟，不能再改`, `data.hours.${i}.minutes`)
  input.hours.forEach(({ signUpId, minutes }, i) => {
    const signUp = signUps.get(signUpId) ?? null
    if (!isLive(signUp)) throw new AppError(ErrorCode.NOT_FOUND, '这个活动没有这条报名', `data.hours.${i}.signUpId`)
    if (signUp.role !== 'volunteer' || signUp.status !== 'confirmed') {
      throw new AppError(ErrorCode.INVALID_INPUT, '只有报上名的志愿者计服务时长', `data.hours.${i}.signUpId`)
    }
    if (minutes > length) throw new AppError(ErrorCode.INVALID_INPUT, `不能超过活动时长 ${length} 分钟`, `data.hours.${i}.minutes`)
    if (minutes > 0 && !signUp.checkedInAt)
      throw new AppError(ErrorCode.INVALID_INPUT, '没有签到记录，请先为他签到', `data.hours.${i}.minutes`)
    if (signUp.confirmedMinutes !== undefined && signUp.confirmedMinutes !== minutes) throw alreadyConfirmed(signUp.confirmedMinutes, i)
  })
  const lead = await context.caller()
  const confirmOne = ({ signUpId, minutes }: { signUpId: string; minutes: number }, i: number) =>
    inTransaction(async (tx): Promise<void> => {
      const current = await tx.get('activity_sign_ups', signUpId)
      if (!current) throw new AppError(ErrorCode.CONFLICT, '报名状态已经变了，请刷新后再看')
      // Confirmed by a racing or earlier call: the same minutes are done already, others are refused.
      if (current.confirmedMinutes !== undefined) {
        if (current.confirmedMinutes === minutes) return
        throw alreadyConfirmed(current.confirmedMinutes, i)
      }
      await tx.update('activity_sign_ups', signUpId, { confirmedMinutes: minutes, hoursConfirmedAt: now })
      if (minutes === 0) return
      const record = pendingServiceRecord({
        _id: `activity-${activity._id}-${signUpId}`,
        openid: current.openid,
        communityId: activity.communityId,
        organisationId: activity.organisationId,
        source: { kind: 'activity', id: activity._id, title: activity.title },
        minutes,
        servedAt: startAt,
        confirmedByOpenid: lead.openid,
        confirmedAt: now,
      })
      await tx.add('service_records', record)
    })
  for (let i = 0; i < input.hours.length; i += CONFIRM_BATCH) {
    await Promise.all(input.hours.slice(i, i + CONFIRM_BATCH).map((h, j) => confirmOne(h, i + j)))
  }
  return { entries: await shownRoster(activity, await signUpsOfActivity(activity._id), await context.caller(), now) }
}
