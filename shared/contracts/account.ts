import { z } from 'zod'
import { action, defineFunction } from '../contract'
import { communityKindLabel } from '../domain/community'
import { elderModePreferenceSchema } from '../domain/elder-mode'
import { isoDateTimeSchema } from '../domain/fields'
import { homeItemKinds } from '../domain/home'
import { consentKindSchema, personFields } from '../domain/person'
import { exportFileSchema, waitingItemSchema } from './reports'

const communityKindSchema = z.enum(Object.keys(communityKindLabel) as ['urban', 'rural'])

export const roleViewSchema = z.object({
  role: z.enum(['resident', 'volunteer', 'organisation_lead', 'committee', 'civil_affairs']),
  /** 中文名称, e.g. 组织负责人 */
  label: z.string(),
  /** What the role is held over, e.g. the organisation's or the community's name. */
  scopeName: z.string(),
  communityId: z.string().optional(),
  organisationId: z.string().optional(),
  officeId: z.string().optional(),
})
export type RoleView = z.infer<typeof roleViewSchema>

export const communityViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: communityKindSchema,
  kindLabel: z.string(),
  city: z.string(),
  district: z.string(),
  street: z.string(),
  /** Shown with 110 / 120 / 119 the moment a resident says their life or safety is at risk. */
  committeePhone: z.string(),
})
export type CommunityView = z.infer<typeof communityViewSchema>

export const personViewSchema = z.object({
  name: z.string(),
  /** The caller's own phone, shown to themself only. */
  phone: z.string().optional(),
  /** 小区 / 村 and building, never more precise than the caller gave. */
  address: z.string().optional(),
  community: communityViewSchema.nullable(),
  roles: z.array(roleViewSchema),
  preferences: z.object({ elderMode: elderModePreferenceSchema }),
})
export type PersonView = z.infer<typeof personViewSchema>

const consentViewSchema = z.object({
  kind: consentKindSchema,
  label: z.string(),
  /** What was given, when and by whom, as recorded. */
  detail: z.string(),
  /** What withdrawing does, shown before the person confirms. */
  effect: z.string(),
})
export type ConsentView = z.infer<typeof consentViewSchema>

/** 我的信息: everything stored about the caller, collection by collection, as they may read it (PIPL Art. 44–45). */
export const myDataSchema = z.object({
  person: z.object({
    name: z.string(),
    phone: z.string().optional(),
    neighbourhood: z.string().optional(),
    addressDetail: z.string().optional(),
    communityName: z.string().optional(),
    birthYear: z.number().int().optional(),
    livesAlone: z.boolean().optional(),
    /** A home position is stored (its coordinates are not repeated here). */
    hasLocation: z.boolean(),
    elderMode: elderModePreferenceSchema,
    joinedAt: isoDateTimeSchema,
  }),
  roles: z.array(roleViewSchema),
  consents: z.array(consentViewSchema),
  needs: z.array(
    z.object({
      id: z.string(),
      helpKind: z.string(),
      statusLabel: z.string(),
      createdAt: isoDateTimeSchema,
      description: z.string(),
      neighbourhood: z.string(),
      addressDetail: z.string(),
      contactPhone: z.string(),
      forNeighbour: z.string().optional(),
      photos: z.number().int(),
    }),
  ),
  serviceRecords: z.array(
    z.object({
      title: z.string(),
      organisationName: z.string(),
      minutes: z.number().int(),
      servedAt: isoDateTimeSchema,
      statusLabel: z.string(),
    }),
  ),
  timeBank: z.object({
    accounts: z.array(z.object({ communityName: z.string(), balance: z.number().int() })),
    entries: z.array(z.object({ at: isoDateTimeSchema, title: z.string(), minutes: z.number().int() })),
    gifts: z.array(
      z.object({
        given: z.boolean(),
        toName: z.string().optional(),
        minutes: z.number().int(),
        statusLabel: z.string(),
        at: isoDateTimeSchema,
      }),
    ),
    redemptions: z.array(
      z.object({ itemName: z.string(), priceMinutes: z.number().int(), statusLabel: z.string(), at: isoDateTimeSchema }),
    ),
    certificates: z.array(
      z.object({
        number: z.string(),
        from: z.string(),
        to: z.string(),
        totalMinutes: z.number().int(),
        issuerName: z.string(),
        issuedAt: isoDateTimeSchema,
      }),
    ),
    /** 实名登记 for certificates: the ID number by its last four digits only, as everywhere. */
    realName: z.object({ name: z.string(), maskedIdNumber: z.string(), purpose: z.string(), consentAt: isoDateTimeSchema }).optional(),
    /** 志愿者资料 as kept, and the star grade from the running total. */
    volunteer: z
      .object({
        skills: z.array(z.string()),
        tags: z.array(z.string()),
        freeTimes: z.array(z.string()),
        range: z.string(),
        paused: z.object({ until: z.string().optional(), reason: z.string().optional() }).optional(),
        countedMinutes: z.number().int(),
        starLabel: z.string(),
      })
      .optional(),
  }),
  activities: z.array(
    z.object({
      title: z.string(),
      startAt: isoDateTimeSchema.optional(),
      roleLabel: z.string(),
      statusLabel: z.string(),
      signedUpAt: isoDateTimeSchema,
      rating: z.number().int().optional(),
      comment: z.string().optional(),
    }),
  ),
  joinRequests: z.array(
    z.object({ organisationName: z.string(), statusLabel: z.string(), askedAt: isoDateTimeSchema, reason: z.string().optional() }),
  ),
  /** The caller's entry on a care register, when the committee linked it to them. */
  care: z
    .object({
      communityName: z.string(),
      name: z.string(),
      phone: z.string().optional(),
      neighbourhood: z.string(),
      addressDetail: z.string(),
      groups: z.array(z.string()),
      careNeeds: z.string(),
      emergencyContact: z.object({ name: z.string(), relation: z.string(), phone: z.string() }),
      frequencyLabel: z.string(),
      consent: z.string(),
      active: z.boolean(),
      withdrawal: z.string().optional(),
      visits: z.array(z.object({ visitedAt: isoDateTimeSchema, modeLabel: z.string(), wellbeingLabel: z.string() })),
    })
    .nullable(),
  photos: z.array(z.object({ of: z.string(), at: isoDateTimeSchema, stateLabel: z.string() })),
  /** Who saw my phone or address, newest first, from the audit log. */
  viewers: z.array(z.object({ at: isoDateTimeSchema, name: z.string(), what: z.string(), organisationName: z.string().optional() })),
})
export type MyData = z.infer<typeof myDataSchema>

/** What closing the account would do to this caller in particular, and what stops it now. */
export const closingSchema = z.object({
  /** Each a sentence: what must be done first. Empty: the account can be closed. */
  blockers: z.array(z.string()),
  balanceMinutes: z.number().int(),
  openNeeds: z.number().int(),
  upcomingActivities: z.number().int(),
  onCareRegister: z.boolean(),
  roles: z.array(z.string()),
})
export type Closing = z.infer<typeof closingSchema>

export const correctionSchema = z
  .strictObject({
    name: personFields.name.optional(),
    phone: personFields.phone.optional(),
    neighbourhood: personFields.neighbourhood.optional(),
    addressDetail: personFields.addressDetail.optional(),
  })
  .refine((c) => Object.values(c).some((v) => v !== undefined), { message: '请填写要修改的内容', path: ['name'] })
export type Correction = z.infer<typeof correctionSchema>

const count = z.number().int()

/** One thing waiting for the caller to act on: a waiting-list item's fields, in every kind a role has. */
export const homeItemSchema = waitingItemSchema.omit({ kind: true, waitingMinutes: true }).extend({
  kind: z.enum(homeItemKinds),
  /** An offer's deadline (the page counts down to it), a task's expected finish, a visit's due day. */
  deadline: isoDateTimeSchema.optional(),
  /** How many things it stands for in the badge: one, or a whole waiting list. */
  count,
})
export type HomeItem = z.infer<typeof homeItemSchema>

const activityRefSchema = z.object({
  id: z.string(),
  title: z.string(),
  startAt: isoDateTimeSchema,
  endAt: isoDateTimeSchema,
})

/** 首页: what waits for the caller in every role they hold, each part only where they hold it. */
export const homeSchema = z.object({
  items: z.array(homeItemSchema),
  /** What the 首页 tab's badge shows: the things waiting for the caller to act on. */
  badge: count,
  /** A resident's: null for someone who has not joined a community. */
  resident: z
    .object({
      balanceMinutes: count,
      /** The soonest activity they hold a place in (or wait for) that has not ended. */
      nextActivity: activityRefSchema.extend({ waitlisted: z.boolean() }).nullable(),
      /** Published activities near home in the next days (shared/domain/home.ts NEARBY_DAYS), soonest first. */
      nearby: z.object({ count, first: z.array(activityRefSchema) }),
    })
    .nullable(),
  /** The organisations the caller leads: tasks under way and today's activities, whose check-in code is one tap away. */
  lead: z
    .object({
      tasksInProgress: count,
      today: z.array(activityRefSchema.extend({ organisationId: z.string(), organisationName: z.string() })),
    })
    .nullable(),
  /** Each community whose committee the caller sits on: its waiting list's size and most urgent item. */
  committee: z.array(z.object({ communityId: z.string(), communityName: z.string(), total: count, first: waitingItemSchema.nullable() })),
  /** Civil affairs: this month's headline figures of each office's communities. */
  offices: z.array(
    z.object({
      officeId: z.string(),
      name: z.string(),
      period: z.object({ from: z.string(), to: z.string() }),
      communities: count,
      communitiesMet: count,
      needsRaised: count,
      needsCompleted: count,
      serviceMinutes: count,
    }),
  ),
})
export type Home = z.infer<typeof homeSchema>

export const accountContract = defineFunction('account', {
  me: action('我的：当前身份、所在社区和角色', z.strictObject({}), z.object({ person: personViewSchema.nullable() })),
  home: action(
    '首页：等我办的事（按我的每个身份），危及生命安全的在前，其次紧急，再按期限和先后；附底部标签的数字',
    z.strictObject({}),
    homeSchema,
  ),
  updatePreferences: action(
    '修改个人设置（长辈模式）',
    z.strictObject({ elderMode: elderModePreferenceSchema }),
    z.object({ preferences: z.object({ elderMode: elderModePreferenceSchema }) }),
  ),
  myData: action('我的信息：保存的关于我的全部信息，以及谁查看过我的联系方式', z.strictObject({}), myDataSchema),
  correct: action('更正我的姓名、电话或住址', correctionSchema, z.object({ person: personViewSchema })),
  withdrawConsent: action(
    '撤回同意：删除保存的家庭位置，或退出社区关爱对象登记',
    z.strictObject({ consent: consentKindSchema }),
    z.object({ consents: z.array(consentViewSchema) }),
  ),
  exportData: action('导出我的信息（Excel 表格），答复下载链接', z.strictObject({}), exportFileSchema),
  closing: action('注销前：会删除什么、保留什么，以及现在能否注销', z.strictObject({}), closingSchema),
  close: action(
    '注销账号：删除姓名、电话、住址和照片，时间银行记录以匿名编号保留',
    z.strictObject({ confirm: z.literal(true, { message: '请确认注销' }) }),
    z.object({ closed: z.literal(true) }),
  ),
})
export type AccountContract = typeof accountContract
