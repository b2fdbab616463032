import { z } from 'zod'
import { action, defineFunction } from '../contract'
import { activityKindSchema, activityStatusSchema, signUpRoleSchema, signUpStatusSchema } from '../domain/activity'
import { idSchema, isoDateTimeSchema, lngLatSchema, textSchema } from '../domain/fields'
import { photoFileIdSchema, photoLinkSchema, photoStateViewSchema, takenDownViewSchema } from '../domain/moderation'

/** Photos an organisation may attach to an activity. */
export const MAX_ACTIVITY_PHOTOS = 6
/** Places of either kind one activity may offer: large enough for a 社区 festival. */
export const MAX_ACTIVITY_PLACES = 2000
/** The longest activity: a whole-day event, or an overnight duty. */
export const MAX_ACTIVITY_HOURS = 24

export const approvalReasonViewSchema = z.object({ type: z.enum(['participants', 'kind']), label: z.string() })

/** Places of one role: how many, how many are taken, and how long the waitlist is. */
export const placesViewSchema = z.object({
  total: z.number().int(),
  taken: z.number().int(),
  left: z.number().int(),
  waitlisted: z.number().int(),
})

/** What anyone sees of an activity in a list. */
export const activitySummarySchema = z.object({
  id: z.string(),
  title: z.string(),
  kind: activityKindSchema,
  kindLabel: z.string(),
  status: activityStatusSchema,
  statusLabel: z.string(),
  organisationId: z.string(),
  organisationName: z.string(),
  communityId: z.string(),
  communityName: z.string(),
  address: z.string(),
  location: lngLatSchema,
  startAt: isoDateTimeSchema,
  endAt: isoDateTimeSchema,
  signUpDeadline: isoDateTimeSchema,
  participants: placesViewSchema,
  volunteers: placesViewSchema,
  /** What a volunteer earns for the whole activity, as announced; what is credited is measured. */
  volunteerMinutes: z.number().int(),
  /** 为老服务: residents sign up to receive it (我需要这项服务), as 服务对象 (decision 037). */
  servesElders: z.boolean(),
  /** The first photo that passed the content check, when there is one, as a link for this request. */
  coverPhoto: photoLinkSchema.optional(),
  /** From the place the caller searched around. */
  distanceM: z.number().int().optional(),
})
export type ActivitySummary = z.infer<typeof activitySummarySchema>

/** The caller's own sign-up for one role, as shown on the activity's page and in 我的活动. */
export const mySignUpSchema = z.object({
  signUpId: z.string(),
  role: signUpRoleSchema,
  roleLabel: z.string(),
  status: signUpStatusSchema,
  statusLabel: z.string(),
  /** 候补第 n 位, while waitlisted. */
  waitlistPosition: z.number().int().optional(),
  checkedInAt: isoDateTimeSchema.optional(),
  checkedOutAt: isoDateTimeSchema.optional(),
  /** Volunteers: the minutes the lead confirmed, once confirmed. */
  confirmedMinutes: z.number().int().optional(),
})
export type MySignUp = z.infer<typeof mySignUpSchema>

export const activityDetailSchema = activitySummarySchema.extend({
  description: z.string(),
  /** Those that passed the content check, as links for this request; the committee gets every photo. */
  photos: z.array(photoLinkSchema),
  /** The committee: every photo's check; its organisation: those not (yet) shown, and why. */
  photoStates: z.array(photoStateViewSchema).optional(),
  /** The committee took it down: its committee and its organisation see why; nobody else sees it. */
  takenDown: takenDownViewSchema.optional(),
  /** Set for its community's committee: the page offers 下架 and the photos' review. */
  moderates: z.literal(true).optional(),
  /** Set while the committee has it in its queue, and after it turned it down. */
  approvalReasons: z.array(approvalReasonViewSchema),
  rejectedReason: z.string().optional(),
  cancelledReason: z.string().optional(),
  mySignUps: z.array(mySignUpSchema),
  /** Whether the caller may still rate it (took part, it has finished, not yet rated). */
  canRate: z.boolean(),
  rating: z.object({ average: z.number().nullable(), count: z.number().int() }),
  /**
   * Shown once it has finished: comments that passed the content check. One the committee took down
   * is shown only to the committee and its writer, with why.
   */
  comments: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      rating: z.number().int(),
      comment: z.string(),
      at: isoDateTimeSchema,
      takenDown: takenDownViewSchema.optional(),
    }),
  ),
})
export type ActivityDetail = z.infer<typeof activityDetailSchema>

/** A line of the lead's roster: personal data the lead needs to run the event, no more. */
export const rosterEntrySchema = z.object({
  signUpId: z.string(),
  name: z.string(),
  phone: z.string().optional(),
  role: signUpRoleSchema,
  roleLabel: z.string(),
  status: signUpStatusSchema,
  statusLabel: z.string(),
  waitlistPosition: z.number().int().optional(),
  signedUpAt: isoDateTimeSchema,
  checkedInAt: isoDateTimeSchema.optional(),
  checkedOutAt: isoDateTimeSchema.optional(),
  /** How attendance was taken: scanned or typed by the attendee, or ticked by the lead. */
  checkInBy: z.enum(['code', 'lead']).optional(),
  /** Volunteers: whole minutes from check-in to check-out, capped at the activity's length. */
  measuredMinutes: z.number().int().optional(),
  confirmedMinutes: z.number().int().optional(),
})
export type RosterEntry = z.infer<typeof rosterEntrySchema>

export const publishActivitySchema = z
  .strictObject({
    organisationId: idSchema,
    title: textSchema(40),
    kind: activityKindSchema,
    description: textSchema(1000),
    /** Absent: the organisation's service-area centre. */
    location: lngLatSchema.optional(),
    address: textSchema(100),
    startAt: z.iso.datetime({ offset: true, message: '时间格式不正确' }),
    endAt: z.iso.datetime({ offset: true, message: '时间格式不正确' }),
    signUpDeadline: z.iso.datetime({ offset: true, message: '时间格式不正确' }),
    participantPlaces: z.number().int().min(0).max(MAX_ACTIVITY_PLACES),
    volunteerPlaces: z.number().int().min(0).max(MAX_ACTIVITY_PLACES),
    /** Announced service time for volunteers; at most the activity's length (checked by the server). */
    volunteerMinutes: z
      .number()
      .int()
      .min(0)
      .max(MAX_ACTIVITY_HOURS * 60)
      .default(0),
    photos: z.array(photoFileIdSchema).max(MAX_ACTIVITY_PHOTOS).default([]),
    /** 为老服务 (上门理发, 助餐): the participants' places are for those who receive it. */
    servesElders: z.boolean().default(false),
  })
  .refine((a) => !a.servesElders || a.participantPlaces > 0, { message: '为老服务要有服务对象的名额', path: ['participantPlaces'] })
  .refine((a) => a.participantPlaces + a.volunteerPlaces > 0, { message: '至少要有参与者或志愿者名额', path: ['participantPlaces'] })
  .refine((a) => a.volunteerPlaces > 0 || a.volunteerMinutes === 0, { message: '没有志愿者名额时不填服务时长', path: ['volunteerMinutes'] })
export type PublishActivityInput = z.input<typeof publishActivitySchema>

const activityRef = { activityId: idSchema }
const orgActivityRef = { organisationId: idSchema, activityId: idSchema }
const purposeSchema = z.enum(['check_in', 'check_out'])

export const activitiesContract = defineFunction('activities', {
  publish: action(
    '负责人：发布活动；重大活动（人数达到社区标准或社区指定的类型）先交两委审批',
    publishActivitySchema,
    z.object({ activity: activityDetailSchema }),
  ),
  browse: action(
    '附近的活动：按日期、类型筛选，近的在前；只列出报名中的',
    z.strictObject({
      kind: activityKindSchema.optional(),
      /** A day in Asia/Shanghai, YYYY-MM-DD: activities on or after it. Absent: from today. */
      fromDate: z.iso.date({ message: '日期格式不正确' }).optional(),
      toDate: z.iso.date({ message: '日期格式不正确' }).optional(),
      /** Absent: the caller's home, else their community's centre. */
      near: lngLatSchema.optional(),
    }),
    z.object({ activities: z.array(activitySummarySchema) }),
  ),
  detail: action('活动详情、剩余名额和我的报名', z.strictObject(activityRef), z.object({ activity: activityDetailSchema })),
  signUp: action(
    '报名参加或做志愿者；满员时进入候补',
    z.strictObject({ ...activityRef, role: signUpRoleSchema }),
    z.object({ activity: activityDetailSchema }),
  ),
  cancelSignUp: action(
    '取消报名；候补第一位自动递补并收到通知',
    z.strictObject({ ...activityRef, role: signUpRoleSchema }),
    z.object({ activity: activityDetailSchema }),
  ),
  mine: action(
    '我报名的活动（含候补），未开始的在前',
    z.strictObject({}),
    z.object({ activities: z.array(activitySummarySchema.extend({ mySignUps: z.array(mySignUpSchema) })) }),
  ),
  checkIn: action(
    '扫负责人出示的二维码（或输入 6 位数字）签到、签退',
    z
      .strictObject({
        ...activityRef,
        purpose: purposeSchema,
        /** The scanned QR payload, or the 6-digit short code typed on H5: exactly one. */
        qrPayload: z.string().max(200).optional(),
        shortCode: z.string().max(20).optional(),
      })
      .refine((c) => (c.qrPayload === undefined) !== (c.shortCode === undefined), { message: '请扫码或输入签到码', path: ['shortCode'] }),
    z.object({ signUp: mySignUpSchema }),
  ),
  rate: action(
    '参加过的活动结束后评价（1–5 星，可写几句）',
    z.strictObject({ ...activityRef, rating: z.number().int().min(1).max(5), comment: textSchema(200).optional() }),
    z.object({ activity: activityDetailSchema }),
  ),

  organisationActivities: action(
    '负责人、志愿者：本组织的活动（含待审批、未获批准、已取消）',
    z.strictObject({ organisationId: idSchema }),
    z.object({ activities: z.array(activitySummarySchema.extend({ approvalReasons: z.array(approvalReasonViewSchema) })) }),
  ),
  roster: action(
    '负责人：报名名单、签到签退和志愿者服务时长',
    z.strictObject(orgActivityRef),
    z.object({ activity: activityDetailSchema, entries: z.array(rosterEntrySchema) }),
  ),
  checkInCode: action(
    '负责人：当前这一分钟的签到（或签退）二维码和 6 位数字，每分钟更换；还没开放时说几点开放，活动结束后说已关闭',
    z.strictObject({ ...orgActivityRef, purpose: purposeSchema }),
    z.discriminatedUnion('state', [
      z.object({
        state: z.literal('open'),
        qrPayload: z.string(),
        shortCode: z.string(),
        rotatesAt: isoDateTimeSchema,
        expiresAt: isoDateTimeSchema,
      }),
      z.object({ state: z.literal('notYet'), opensAt: isoDateTimeSchema }),
      z.object({ state: z.literal('closed') }),
    ]),
  ),
  markAttendance: action(
    '负责人：为没有手机的人手动签到或签退',
    z.strictObject({ ...orgActivityRef, signUpId: idSchema, purpose: purposeSchema }),
    z.object({ entry: rosterEntrySchema }),
  ),
  confirmHours: action(
    '负责人：活动结束后确认每位志愿者的服务分钟数（不超过活动时长），确认后计入时间银行，只计一次',
    z.strictObject({
      ...orgActivityRef,
      hours: z
        .array(
          z.strictObject({
            signUpId: idSchema,
            minutes: z
              .number()
              .int()
              .min(0)
              .max(MAX_ACTIVITY_HOURS * 60),
          }),
        )
        .min(1)
        .max(MAX_ACTIVITY_PLACES),
    }),
    z.object({ entries: z.array(rosterEntrySchema) }),
  ),
  cancel: action(
    '负责人：取消活动（须写明理由），已报名的人都会收到通知',
    z.strictObject({ ...orgActivityRef, reason: textSchema(200) }),
    z.object({ activity: activityDetailSchema }),
  ),

  approvals: action(
    '两委：等待审批的重大活动及其原因，最早的在前；以及本社区的报批标准',
    z.strictObject({ communityId: idSchema }),
    z.object({
      activities: z.array(
        activitySummarySchema.extend({ approvalReasons: z.array(approvalReasonViewSchema), waitingMinutes: z.number().int() }),
      ),
      policy: z.object({ majorThreshold: z.number().int(), majorKinds: z.array(activityKindSchema) }),
    }),
  ),
  decide: action(
    '两委：批准重大活动，或不批准（须写明理由）',
    z
      .strictObject({ ...activityRef, decision: z.enum(['approve', 'reject']), reason: textSchema(200).optional() })
      .refine((d) => d.decision === 'approve' || d.reason !== undefined, { message: '请写明理由', path: ['reason'] }),
    z.object({ activity: activityDetailSchema }),
  ),
  setPolicy: action(
    '两委：本社区重大活动的人数标准和须报批的活动类型',
    z.strictObject({
      communityId: idSchema,
      majorThreshold: z.number().int().min(1).max(MAX_ACTIVITY_PLACES),
      majorKinds: z.array(activityKindSchema).max(activityKindSchema.options.length),
    }),
    z.object({ majorThreshold: z.number().int(), majorKinds: z.array(activityKindSchema) }),
  ),
})
export type ActivitiesContract = typeof activitiesContract
