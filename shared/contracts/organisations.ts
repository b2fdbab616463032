import { z } from 'zod'
import { action, defineFunction } from '../contract'
import { daySchema, idSchema, isoDateTimeSchema, lngLatSchema, phoneSchema, textSchema } from '../domain/fields'
import {
  DEFAULT_SERVICE_RADIUS_M,
  MAX_SERVICE_RADIUS_M,
  MIN_SERVICE_RADIUS_M,
  inviteCodeSchema,
  joinRequestStatusSchema,
  organisationStatusSchema,
} from '../domain/organisation'
import { takenDownViewSchema } from '../domain/moderation'
import { helpKinds, organisationKinds } from '../domain/vocabulary'
import { availabilitySlots, MAX_PAUSE_REASON_LENGTH, MAX_TAG_LENGTH, MAX_TAGS, rangeChoices } from '../domain/volunteer-profile'

export const organisationSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(organisationKinds),
  helpKinds: z.array(z.enum(helpKinds)),
  description: z.string(),
  status: organisationStatusSchema,
  statusLabel: z.string(),
  communityId: z.string(),
  communityName: z.string(),
  serviceArea: z.object({ centre: lngLatSchema, radiusM: z.number().int() }),
  memberCount: z.number().int(),
  /** From the place the caller searched around, when there is one. */
  distanceM: z.number().int().optional(),
})
export type OrganisationSummary = z.infer<typeof organisationSummarySchema>

/** 信息公开: what anyone may see. No member's personal data. */
export const organisationProfileSchema = organisationSummarySchema.extend({
  charterSummary: z.string(),
  /** The organisation's public contact number, which it chose to disclose. */
  contactPhone: z.string(),
  approvedAt: isoDateTimeSchema.nullable(),
  tasksCompleted: z.number().int(),
  activitiesHeld: z.number().int(),
  rating: z.object({ average: z.number().nullable(), count: z.number().int() }),
  /** Its profile text taken down: its lead and its committee see why (and the text); others see neither. */
  takenDown: takenDownViewSchema.optional(),
})
export type OrganisationProfile = z.infer<typeof organisationProfileSchema>

/** 星级志愿者 from the volunteer's counted minutes (shared/domain/volunteer-stars.ts). */
export const starsSchema = z.object({
  stars: z.number().int().min(0).max(5),
  /** 一星志愿者 …; empty below one star. */
  label: z.string(),
  countedMinutes: z.number().int(),
  /** Minutes still to serve for the next star; absent at five. */
  minutesToNext: z.number().int().optional(),
  nextLabel: z.string().optional(),
})
export type Stars = z.infer<typeof starsSchema>

export const memberSchema = z.object({
  memberId: z.string(),
  name: z.string(),
  role: z.enum(['organisation_lead', 'volunteer']),
  /** Shown to the lead and the committee, who need to reach members. */
  phone: z.string().optional(),
  joinedAt: isoDateTimeSchema,
  stars: starsSchema,
  /** 暂停接单 now; the lead also sees until when and why. */
  paused: z.boolean(),
  pause: z.object({ until: z.string().optional(), reason: z.string().optional() }).optional(),
})
export type Member = z.infer<typeof memberSchema>

const distinct = (list: readonly unknown[]) => new Set(list).size === list.length

/** 志愿者资料 as the volunteer saves it: the whole of it each time. */
export const volunteerProfileInputSchema = z.strictObject({
  skills: z.array(z.enum(helpKinds)).max(helpKinds.length).refine(distinct, '每类只选一次'),
  tags: z.array(textSchema(MAX_TAG_LENGTH)).max(MAX_TAGS, `最多 ${MAX_TAGS} 个`).refine(distinct, '标签重复了'),
  availability: z.array(z.enum(availabilitySlots)).max(availabilitySlots.length).refine(distinct, '每个时段只选一次'),
  rangeM: z.literal(rangeChoices),
  /** 暂停接单: null when taking work. */
  paused: z.strictObject({ until: daySchema.optional(), reason: textSchema(MAX_PAUSE_REASON_LENGTH).optional() }).nullable(),
})
export type VolunteerProfileInput = z.input<typeof volunteerProfileInputSchema>

export const volunteerProfileViewSchema = z.object({
  profile: z.object({
    skills: z.array(z.enum(helpKinds)),
    tags: z.array(z.string()),
    availability: z.array(z.enum(availabilitySlots)),
    rangeM: z.literal(rangeChoices),
    paused: z.object({ until: z.string().optional(), reason: z.string().optional() }).nullable(),
  }),
  /** False until the volunteer first saves it: what is shown are the defaults. */
  filledIn: z.boolean(),
  /** Paused today (a pause past its last day is over). */
  pausedNow: z.boolean(),
  stars: starsSchema,
})
export type VolunteerProfileView = z.infer<typeof volunteerProfileViewSchema>

/** A member as a lead assigning work sees them: why they fit, and what they already carry. */
export const candidateSchema = z.object({
  memberId: z.string(),
  name: z.string(),
  role: z.enum(['organisation_lead', 'volunteer']),
  stars: starsSchema,
  fits: z.object({ skill: z.boolean(), free: z.boolean(), near: z.boolean() }),
  /** Open tasks: accepted needs assigned to them and people they visit. */
  load: z.number().int(),
  /** 擅长助餐 · 周末上午有空 · 手上 2 件 */
  reasons: z.array(z.string()),
})
export type Candidate = z.infer<typeof candidateSchema>

/** A request to join, as the lead answers it: who asks and where they live, nothing more. */
export const joinRequestSchema = z.object({
  requestId: z.string(),
  name: z.string(),
  communityName: z.string(),
  askedAt: isoDateTimeSchema,
})
export type JoinRequest = z.infer<typeof joinRequestSchema>

/** The committee's record of an organisation for 评估评议. */
export const organisationRecordSchema = z.object({
  organisation: organisationProfileSchema,
  tasks: z.object({
    offered: z.number().int(),
    accepted: z.number().int(),
    declined: z.number().int(),
    completed: z.number().int(),
    /** Median minutes from offer to acceptance; null before the first acceptance. */
    medianResponseMinutes: z.number().nullable(),
  }),
  history: z.array(z.object({ at: isoDateTimeSchema, actionLabel: z.string(), actorName: z.string(), reason: z.string().optional() })),
})
export type OrganisationRecord = z.infer<typeof organisationRecordSchema>

const organisationRef = z.strictObject({ organisationId: idSchema })

/** The code and link always; the picture only when WeChat made one, so a failed code hides nothing else. */
const invitationSchema = z.object({
  code: z.string(),
  joinPath: z.string(),
  qrImage: z.string().optional().describe('data: URL of a PNG; absent when WeChat could not make the mini-program code'),
})

export const organisationApplicationSchema = z.strictObject({
  name: textSchema(40),
  kind: z.enum(organisationKinds),
  helpKinds: z.array(z.enum(helpKinds)).min(1, '至少选一类帮扶').max(helpKinds.length),
  serviceArea: z.strictObject({
    /** Defaults to the applicant's home, else their community's centre. */
    centre: lngLatSchema.optional(),
    radiusM: z.number().int().min(MIN_SERVICE_RADIUS_M).max(MAX_SERVICE_RADIUS_M).default(DEFAULT_SERVICE_RADIUS_M),
  }),
  /** How many tasks it can carry at once. */
  capacity: z.number().int().min(1).max(50),
  contactPhone: phoneSchema,
  charterSummary: textSchema(500),
  description: textSchema(500),
})
export type OrganisationApplication = z.input<typeof organisationApplicationSchema>

export const organisationsContract = defineFunction('organisations', {
  apply: action(
    '居民申请备案一个社区社会组织（由所在社区两委审核）',
    organisationApplicationSchema,
    z.object({ organisation: organisationSummarySchema }),
  ),
  mine: action(
    '我负责、参加或申请的组织，以及两委的决定和理由',
    z.strictObject({}),
    z.object({
      organisations: z.array(
        z.object({
          organisation: organisationSummarySchema,
          /** `joining`: asked to join, waiting for the lead; `declined`: the lead declined. */
          myRole: z.enum(['organisation_lead', 'volunteer', 'applicant', 'joining', 'declined']),
          /** The committee's reason, for a rejection or a suspension; the lead's, for a declined request to join. */
          decisionReason: z.string().optional(),
        }),
      ),
    }),
  ),
  nearby: action(
    '附近的组织：服务范围覆盖这个地点的已备案组织，由近到远',
    z.strictObject({
      /** Defaults to the caller's home, else their community's centre. */
      centre: lngLatSchema.optional(),
      helpKind: z.enum(helpKinds).optional(),
    }),
    z.object({ organisations: z.array(organisationSummarySchema) }),
  ),
  profile: action('组织的公开信息（信息公开）', organisationRef, z.object({ organisation: organisationProfileSchema })),
  applications: action(
    '两委：本社区待审核的备案申请，最早的在前',
    z.strictObject({ communityId: idSchema }),
    z.object({
      applications: z.array(
        z.object({
          organisation: organisationProfileSchema,
          applicantName: z.string(),
          appliedAt: isoDateTimeSchema,
          waitingDays: z.number().int(),
        }),
      ),
    }),
  ),
  list: action(
    '两委、民政：一个社区的全部组织，可按状态筛选；先按状态、再按名称排列',
    z.strictObject({ communityId: idSchema, status: organisationStatusSchema.optional() }),
    z.object({ organisations: z.array(organisationSummarySchema) }),
  ),
  decide: action(
    '两委：通过、驳回、暂停或恢复一个组织（驳回和暂停须写明理由）',
    z
      .strictObject({
        organisationId: idSchema,
        decision: z.enum(['approve', 'reject', 'suspend', 'restore']),
        reason: textSchema(200).optional(),
      })
      .refine((d) => d.decision === 'approve' || d.decision === 'restore' || d.reason !== undefined, {
        message: '请写明理由',
        path: ['reason'],
      }),
    z.object({ organisation: organisationSummarySchema }),
  ),
  record: action('两委、民政：组织的评估评议记录', organisationRef, z.object({ record: organisationRecordSchema })),
  members: action('负责人、两委：组织的成员', organisationRef, z.object({ members: z.array(memberSchema) })),
  invitation: action('负责人：邀请志愿者加入的邀请码和二维码', organisationRef, invitationSchema),
  renewInvitation: action('负责人：换一个邀请码（旧码作废）', organisationRef, invitationSchema),
  join: action(
    '本社区居民凭邀请码申请加入组织，负责人同意后成为志愿者（输错次数有限制）',
    z.strictObject({ code: inviteCodeSchema }),
    z.object({ organisation: organisationSummarySchema, status: joinRequestStatusSchema }),
  ),
  joinRequests: action('负责人：等待同意的加入申请，最早的在前', organisationRef, z.object({ requests: z.array(joinRequestSchema) })),
  decideJoin: action(
    '负责人：同意或婉拒一条加入申请（婉拒须写明理由，申请人能看到）',
    z
      .strictObject({
        organisationId: idSchema,
        requestId: idSchema,
        decision: z.enum(['approve', 'decline']),
        reason: textSchema(200).optional(),
      })
      .refine((d) => d.decision === 'approve' || d.reason !== undefined, { message: '请写明婉拒的理由', path: ['reason'] }),
    z.object({ requests: z.array(joinRequestSchema), members: z.array(memberSchema) }),
  ),
  removeMember: action(
    '负责人：移除一名成员',
    z.strictObject({ organisationId: idSchema, memberId: idSchema }),
    z.object({ members: z.array(memberSchema) }),
  ),
  myProfile: action('志愿者：我的志愿者资料和星级', z.strictObject({}), volunteerProfileViewSchema),
  saveProfile: action(
    '志愿者：保存我的志愿者资料（擅长、有空的时间、愿意去多远、暂停接单）',
    volunteerProfileInputSchema,
    volunteerProfileViewSchema,
  ),
  candidates: action(
    '负责人、两委：安排求助或结对探访时的成员，合适的在前，写明为什么和手上几件；暂停接单的不列出',
    z
      .strictObject({ organisationId: idSchema, needId: idSchema.optional(), careEntryId: idSchema.optional() })
      .refine((c) => c.needId === undefined || c.careEntryId === undefined, { message: '求助和探访只选一个', path: ['careEntryId'] }),
    z.object({ candidates: z.array(candidateSchema), pausedCount: z.number().int() }),
  ),
  handOverLead: action(
    '负责人：把负责人交给另一名成员，自己成为志愿者',
    z.strictObject({ organisationId: idSchema, memberId: idSchema }),
    z.object({ members: z.array(memberSchema) }),
  ),
})
export type OrganisationsContract = typeof organisationsContract
