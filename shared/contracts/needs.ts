import { z } from 'zod'
import { action, defineFunction } from '../contract'
import { idSchema, isoDateTimeSchema, lngLatSchema, phoneSchema, textSchema } from '../domain/fields'
import { MAX_SERVICE_MINUTES, needStatusSchema, offerStatusSchema, outcomeSchema, urgencySchema } from '../domain/need'
import { photoFileIdSchema, photoLinkSchema, photoStateViewSchema, takenDownViewSchema } from '../domain/moderation'
import { helpKinds, type HelpKind } from '../domain/vocabulary'
import { mapCellSchema } from './reports'

const helpKindSchema = z.enum(helpKinds)

export const timelineEventSchema = z.object({ at: isoDateTimeSchema, actorName: z.string(), text: z.string() })
export type TimelineEvent = z.infer<typeof timelineEventSchema>

/**
 * One need as the caller may see it. Before an organisation accepts, it sees only the kind,
 * urgency, 小区 or village and distance: every field marked sensitive is left out, and
 * `access` is `limited`. The requester, the accepting organisation and the committee see all,
 * and each reveal to an organisation or the committee is audited.
 */
export const needViewSchema = z.object({
  id: z.string(),
  access: z.enum(['full', 'limited']),
  helpKind: helpKindSchema,
  urgency: urgencySchema,
  urgencyLabel: z.string(),
  status: needStatusSchema,
  statusLabel: z.string(),
  communityId: z.string(),
  communityName: z.string(),
  /** 小区 or village: the approximate place everyone may see. */
  neighbourhood: z.string(),
  description: z.string(),
  createdAt: isoDateTimeSchema,
  wantedBy: isoDateTimeSchema.optional(),
  /** From the viewing organisation's centre, when an organisation is looking. */
  distanceM: z.number().int().optional(),
  acceptedBy: z.object({ organisationId: z.string(), name: z.string() }).optional(),
  /** While accepted: when it should be done (from the wanted time or the urgency). */
  finishBy: isoDateTimeSchema.optional(),
  outcome: z
    .object({
      result: z.enum(['solved', 'partly', 'unsolved', 'unrated']),
      resultLabel: z.string(),
      rating: z.number().int().optional(),
      comment: z.string().optional(),
    })
    .optional(),
  // Sensitive: full access only.
  requesterName: z.string().optional(),
  /** Set when a resident reported it for a neighbour (主动发现). */
  forNeighbour: z.object({ name: z.string() }).optional(),
  addressDetail: z.string().optional(),
  location: lngLatSchema.optional(),
  contactPhone: z.string().optional(),
  /** Those that passed the content check, as links for this request; the committee gets every photo. */
  photos: z.array(photoLinkSchema).optional(),
  /** The committee: every photo's check; the requester: those not (yet) shown, and why. */
  photoStates: z.array(photoStateViewSchema).optional(),
  /** The committee took it down: its committee and its requester see why; nobody else sees it. */
  takenDown: takenDownViewSchema.optional(),
  volunteers: z.array(z.object({ memberId: z.string(), name: z.string() })).optional(),
  service: z.array(z.object({ name: z.string(), minutes: z.number().int() })).optional(),
  doneSummary: z.string().optional(),
  /** To the requester of a 危及生命安全 need or one with the committee (escalated): whom to call (decision 037). */
  committeePhone: z.string().optional(),
  timeline: z.array(timelineEventSchema).optional(),
})
export type NeedView = z.infer<typeof needViewSchema>

export const offerViewSchema = z.object({
  offerId: z.string(),
  status: offerStatusSchema,
  offeredAt: isoDateTimeSchema,
  deadline: isoDateTimeSchema,
  need: needViewSchema,
})
export type OfferView = z.infer<typeof offerViewSchema>

/** Why a candidate was chosen: stored with each offer so the committee can see it. */
export const matchScoreSchema = z.object({
  total: z.number(),
  parts: z.object({ distance: z.number(), fit: z.number(), load: z.number(), response: z.number(), rating: z.number() }),
})
export type MatchScore = z.infer<typeof matchScoreSchema>

/** Photos a resident may attach to a need; the raise form offers as many. */
export const MAX_NEED_PHOTOS = 3

const orgNeedRef = { organisationId: idSchema, needId: idSchema }

/** What a need is made of, each field checked on its own: the committee's 代办 asks for part of it (contracts/residents.ts). */
export const needFieldsSchema = z.strictObject({
  /** 主动发现: a resident reporting for a neighbour names them; absent when it is for oneself. */
  forNeighbour: z.strictObject({ name: textSchema(20) }).optional(),
  helpKind: helpKindSchema,
  urgency: urgencySchema,
  description: textSchema(500),
  /** Absent: the requester's home, else their community's centre. */
  location: lngLatSchema.optional(),
  neighbourhood: textSchema(40),
  addressDetail: textSchema(100),
  wantedBy: isoDateTimeSchema.optional(),
  /** CloudBase file ids (cloud://…) of photos uploaded first. */
  photos: z.array(photoFileIdSchema).max(MAX_NEED_PHOTOS).default([]),
  contactPhone: phoneSchema,
})

/** 危及生命安全 sent at once, without choosing a kind (decision 037): the kind it is raised as. */
export const LIFE_DEFAULT_HELP_KIND: HelpKind = '紧急救助'

/**
 * 我要求助. A 危及生命安全 need may come with no kind and no description, so that a person in danger
 * sends it with one tap after the choice (decision 037); every other need names both. `when` lets these
 * checks run beside the fields' own, so a form hears of every missing field at once.
 */
export const raiseNeedSchema = needFieldsSchema
  .extend({ helpKind: helpKindSchema.optional(), description: z.string().trim().max(500, '不能超过 500 个字').default('') })
  .superRefine(
    (need, context) => {
      if (need.urgency === 'life') return
      if (need.helpKind === undefined) context.addIssue({ code: 'custom', path: ['helpKind'], message: '请选择帮扶类别' })
      if (!need.description) context.addIssue({ code: 'custom', path: ['description'], message: '不能为空' })
    },
    { when: (payload) => typeof payload.value === 'object' && payload.value !== null },
  )
  .transform(({ helpKind, ...need }) => ({ ...need, helpKind: helpKind ?? LIFE_DEFAULT_HELP_KIND }))
export type RaiseNeedInput = z.input<typeof raiseNeedSchema>

export const needsContract = defineFunction('needs', {
  checkDuplicates: action(
    '求助前：附近 50 米内、24 小时内是否已有同类求助',
    // The same place raising will use: absent is home. The address tells needs apart at the bare community centre.
    z.strictObject({
      helpKind: helpKindSchema,
      location: needFieldsSchema.shape.location,
      neighbourhood: needFieldsSchema.shape.neighbourhood.optional(),
      addressDetail: needFieldsSchema.shape.addressDetail.optional(),
    }),
    z.object({
      possibleDuplicates: z.array(
        z.object({
          needId: z.string(),
          helpKind: helpKindSchema,
          createdAt: isoDateTimeSchema,
          statusLabel: z.string(),
          distanceM: z.number().int(),
        }),
      ),
    }),
  ),
  raise: action(
    '居民为自己或邻居发起求助；危及生命安全时先显示报警、急救电话和社区电话',
    raiseNeedSchema,
    z.object({
      need: needViewSchema,
      /** Present for `life` and for 防骗维权: call these first (shared/domain/need.ts callFirst). */
      emergency: z.object({ numbers: z.array(z.object({ number: z.string(), label: z.string() })), committeePhone: z.string() }).optional(),
    }),
  ),
  mine: action('我发起或代邻居发起的求助', z.strictObject({}), z.object({ needs: z.array(needViewSchema) })),
  detail: action('一条求助的详情与进展（按身份显示不同内容）', z.strictObject({ needId: idSchema }), z.object({ need: needViewSchema })),
  cancel: action(
    '发起人在接单前取消求助',
    z.strictObject({ needId: idSchema, reason: textSchema(200).optional() }),
    z.object({ need: needViewSchema }),
  ),
  confirm: action(
    '发起人评价结果：已解决 / 部分解决 / 未解决（未解决会重新派单）',
    z.strictObject({
      needId: idSchema,
      result: outcomeSchema,
      rating: z.number().int().min(1).max(5),
      comment: textSchema(200).optional(),
    }),
    z.object({ need: needViewSchema }),
  ),
  offers: action(
    '负责人：派给本组织、等待答复的求助，附截止时间',
    z.strictObject({ organisationId: idSchema }),
    z.object({ offers: z.array(offerViewSchema) }),
  ),
  accept: action(
    '负责人：接单（先到先得，已被接走会说明）',
    z.strictObject({ organisationId: idSchema, offerId: idSchema }),
    z.object({ need: needViewSchema }),
  ),
  decline: action(
    '负责人：婉拒，转给下一个组织',
    z.strictObject({ organisationId: idSchema, offerId: idSchema, reason: textSchema(200).optional() }),
    z.object({}),
  ),
  tasks: action(
    '负责人、志愿者：本组织接下的求助',
    z.strictObject({ organisationId: idSchema }),
    z.object({ tasks: z.array(needViewSchema) }),
  ),
  assignVolunteers: action(
    '负责人：安排志愿者',
    z.strictObject({ ...orgNeedRef, memberIds: z.array(idSchema).min(1).max(20) }),
    z.object({ need: needViewSchema }),
  ),
  postProgress: action(
    '负责人、志愿者：记录进展',
    z.strictObject({ ...orgNeedRef, text: textSchema(300) }),
    z.object({ need: needViewSchema }),
  ),
  markDone: action(
    '负责人：标记完成，写明做了什么和每位志愿者服务了多少分钟（计入时间银行）',
    z.strictObject({
      ...orgNeedRef,
      summary: textSchema(300),
      service: z.array(z.strictObject({ memberId: idSchema, minutes: z.number().int().min(1).max(MAX_SERVICE_MINUTES) })).max(20),
    }),
    z.object({ need: needViewSchema }),
  ),
  queue: action(
    '两委：待审核、被标记、无人接单（已转两委）、可能重复和接单后逾期未办完的求助，危及生命安全的在前，其次紧急，再按提出的先后',
    z.strictObject({ communityId: idSchema }),
    z.object({
      needs: z.array(
        z.object({
          need: needViewSchema,
          reason: z.enum(['review', 'flagged', 'escalated', 'duplicate', 'overdue']),
          reasonLabel: z.string(),
          /** Since the need was raised, not since it reached the committee. */
          waitingMinutes: z.number().int(),
        }),
      ),
      /** The community's setting as it stands, for the switch beside the queue. */
      reviewBeforeMatching: z.boolean(),
    }),
  ),
  communityNeeds: action(
    '两委：本社区的所有求助，可按状态、类型、紧急程度、小区筛选，危及生命安全的在前；附进行中求助的地图',
    z.strictObject({
      communityId: idSchema,
      /** `open`: still waiting for help (the default); `all`: whatever became of it. */
      status: z.union([z.enum(['open', 'all']), needStatusSchema]).default('open'),
      helpKind: helpKindSchema.optional(),
      urgency: urgencySchema.optional(),
      neighbourhood: textSchema(40).optional(),
    }),
    z.object({
      needs: z.array(needViewSchema),
      /** How many match, which may be more than listed. */
      total: z.number().int(),
      /** The 小区 and villages the community's needs were raised in, for the filter. */
      neighbourhoods: z.array(z.string()),
      /** The open needs, counted in cells of about 500 m (as the report's map). */
      map: z.array(mapCellSchema),
    }),
  ),
  moderate: action(
    '两委：审核通过后派单，或隐藏（须写明理由）',
    z
      .strictObject({ needId: idSchema, decision: z.enum(['publish', 'hide']), reason: textSchema(200).optional() })
      .refine((d) => d.decision === 'publish' || d.reason !== undefined, { message: '请写明理由', path: ['reason'] }),
    z.object({ need: needViewSchema }),
  ),
  assign: action(
    '两委：把求助直接交给一个组织',
    z.strictObject({ needId: idSchema, organisationId: idSchema }),
    z.object({ need: needViewSchema }),
  ),
  matchDetails: action(
    '两委：这条求助派给了谁、为什么（得分及各项）',
    z.strictObject({ needId: idSchema }),
    z.object({
      offers: z.array(
        z.object({
          offerId: z.string(),
          organisationId: z.string(),
          organisationName: z.string(),
          round: z.number().int(),
          status: offerStatusSchema,
          offeredAt: isoDateTimeSchema,
          deadline: isoDateTimeSchema,
          score: matchScoreSchema,
        }),
      ),
    }),
  ),
  settings: action(
    '两委：本社区的求助是否先审核再派单',
    z.strictObject({ communityId: idSchema, reviewBeforeMatching: z.boolean() }),
    z.object({ reviewBeforeMatching: z.boolean() }),
  ),
})
export type NeedsContract = typeof needsContract
