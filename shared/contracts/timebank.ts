import { z } from 'zod'
import { action, defineFunction } from '../contract'
import { daySchema, idSchema, isoDateTimeSchema, phoneSchema, textSchema } from '../domain/fields'
import { photoLinkSchema } from '../domain/moderation'
import {
  MAX_DAILY_CAP_MINUTES,
  MAX_GIFT_MINUTES,
  MAX_GRANT_MINUTES,
  MAX_PRICE_MINUTES,
  MAX_RESTOCK_DELTA,
  MIN_DAILY_CAP_MINUTES,
  certificateNumberSchema,
  entryKindSchema,
  giftStatusSchema,
  heldCauseSchema,
  heldStatusSchema,
  idNumberSchema,
  issuerRefSchema,
  itemKindSchema,
  inOrder,
  periodFields,
  redemptionStatusSchema,
  serviceKindSchema,
} from '../domain/timebank'

/**
 * A ledger key: an entry's id is its idempotency key (`service:<recordId>`, `gift:<…>`,
 * `reverse:<entryId>`), and a held credit's id is derived from its service record.
 */
export const ledgerKeySchema = z.string().regex(/^[A-Za-z0-9_:.-]{1,200}$/, '编号格式不正确')

/** Chosen by the page once per form and sent again on a retry: the same request is never done twice. */
export const requestIdSchema = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, '请求编号格式不正确')

const minutesSchema = (max: number) => z.number().int('请填整数分钟').min(1, '至少 1 分钟').max(max, `不能超过 ${max} 分钟`)

/** Who recorded a service and certifies it (谁记录谁证明): an organisation, or a community's committee. */
export const issuerViewSchema = z.object({ kind: z.enum(['organisation', 'committee']), id: z.string(), name: z.string() })
export type IssuerView = z.infer<typeof issuerViewSchema>

/** Where earned time came from: a need or an activity its lead confirmed, or a visit its visitor recorded. */
export const serviceSourceSchema = z.object({
  kind: serviceKindSchema,
  /** 求助 / 活动 / 探访 */
  kindLabel: z.string(),
  id: z.string(),
  title: z.string(),
  /** Absent for a visit no organisation was paired for: the committee recorded it. */
  organisationId: z.string().optional(),
  /** Who recorded it: the organisation, or the community's 居民委员会 / 村民委员会. */
  organisationName: z.string(),
  servedAt: isoDateTimeSchema,
})
export type ServiceSource = z.infer<typeof serviceSourceSchema>

/** What every view of an entry says, whoever looks. */
const entryFields = {
  id: z.string(),
  at: isoDateTimeSchema,
  communityId: z.string(),
  communityName: z.string(),
  kind: entryKindSchema,
  kindLabel: z.string(),
  /** One line saying where it came from, ready to show, e.g. 「志愿服务：陪老人聊天」. */
  title: z.string(),
  service: serviceSourceSchema.optional(),
  /** Gift: the giver's note. */
  note: z.string().optional(),
  /** Redemption: what was taken. */
  itemName: z.string().optional(),
  /** Grant and reversal: the committee's reason. */
  reason: z.string().optional(),
  /** Reversal: the entry it reverses. */
  reversesEntryId: z.string().optional(),
  /** Set when the committee has reversed this entry (at most once). */
  reversal: z.object({ entryId: z.string(), at: isoDateTimeSchema, reason: z.string() }).optional(),
}

/** One movement as the resident sees it in their own history. */
export const historyEntrySchema = z.object({
  ...entryFields,
  /** Signed for the caller: positive came in, negative went out. */
  minutes: z.number().int(),
  /** Gift: who gave it to the caller, or whom the caller gave it to. */
  counterpartyName: z.string().optional(),
})
export type HistoryEntry = z.infer<typeof historyEntrySchema>

/** Either side of a movement: a person's account, or the community's issuing account (its pool). */
export const partySchema = z.object({
  kind: z.enum(['person', 'community']),
  name: z.string(),
  /** The person's id as community.residents answers it. */
  personId: z.string().optional(),
})

/** One movement as the committee sees it in the community's ledger. */
export const ledgerEntrySchema = z.object({
  ...entryFields,
  minutes: z.number().int().positive(),
  from: partySchema,
  to: partySchema,
  /** Not a reversal and not reversed yet. */
  reversible: z.boolean(),
})
export type LedgerEntry = z.infer<typeof ledgerEntrySchema>

export const accountViewSchema = z.object({
  communityId: z.string(),
  communityName: z.string(),
  balance: z.number().int(),
  /** Minutes credited for service this calendar month (Asia/Shanghai). */
  monthEarned: z.number().int(),
})

const organisationRefSchema = z.object({ organisationId: z.string(), name: z.string() })

export const itemViewSchema = z.object({
  id: z.string(),
  communityId: z.string(),
  name: z.string(),
  kind: itemKindSchema,
  kindLabel: z.string(),
  priceMinutes: z.number().int(),
  description: z.string(),
  /** The organisation that gives the service or the goods, when it is not the committee. */
  provider: organisationRefSchema.optional(),
  stock: z.number().int(),
  status: z.enum(['active', 'retired']),
  statusLabel: z.string(),
})
export type ItemView = z.infer<typeof itemViewSchema>

export const redemptionViewSchema = z.object({
  id: z.string(),
  itemId: z.string(),
  itemName: z.string(),
  kind: itemKindSchema,
  kindLabel: z.string(),
  /** The price when it was redeemed. */
  priceMinutes: z.number().int(),
  status: redemptionStatusSchema,
  statusLabel: z.string(),
  communityId: z.string(),
  communityName: z.string(),
  provider: organisationRefSchema.optional(),
  requestedAt: isoDateTimeSchema,
  handedOverAt: isoDateTimeSchema.optional(),
  handedOverByName: z.string().optional(),
  /** The ledger entry that paid for it. */
  entryId: z.string(),
  /** Who redeemed it: shown to the committee and the provider, who hand it over. */
  personName: z.string().optional(),
  phone: z.string().optional(),
})
export type RedemptionView = z.infer<typeof redemptionViewSchema>

/**
 * A gift as its giver sees it (to whom, as typed) or its recipient (from whom). Nothing in the
 * giver's view says whether the name and phone matched anyone (decision 018).
 */
export const giftViewSchema = z.object({
  id: z.string(),
  communityId: z.string(),
  communityName: z.string(),
  minutes: z.number().int(),
  note: z.string().optional(),
  status: giftStatusSchema,
  statusLabel: z.string(),
  createdAt: isoDateTimeSchema,
  /** When it goes back to the giver if nobody accepts it. */
  expiresAt: isoDateTimeSchema,
  /** The giver's view: the name and masked phone they typed. */
  toName: z.string().optional(),
  toPhoneMasked: z.string().optional(),
  /** The recipient's view: who gave it. */
  fromName: z.string().optional(),
})
export type GiftView = z.infer<typeof giftViewSchema>

const giftRef = z.strictObject({ giftId: z.string().regex(/^gf-[0-9a-f]{32}$/, '编号格式不正确') })

const minutesByOrganisationSchema = z.array(
  z.object({ organisationId: z.string(), organisationName: z.string(), minutes: z.number().int() }),
)
const minutesByMonthSchema = z.array(z.object({ month: z.string().describe('YYYY-MM'), minutes: z.number().int() }))

/** 志愿服务时长 from the service records: what counts is what the time bank settled (decision 010). */
export const serviceHoursSchema = z.object({
  period: z.object({ from: daySchema.optional(), to: daySchema.optional() }),
  totalMinutes: z.number().int(),
  byOrganisation: minutesByOrganisationSchema,
  byMonth: minutesByMonthSchema,
  /** Counted minutes per issuer: whom a certificate can be asked from for this period. */
  byIssuer: z.array(z.object({ issuer: issuerViewSchema, minutes: z.number().int() })),
  /** Confirmed but not counted yet: being credited, or over the daily cap and waiting for the committee. */
  waitingMinutes: z.number().int(),
  records: z.array(
    z.object({
      id: z.string(),
      service: serviceSourceSchema,
      /** What the lead confirmed, or the visitor recorded. */
      recordedMinutes: z.number().int(),
      /** What counts towards the hours. */
      countedMinutes: z.number().int(),
      statusLabel: z.string(),
      /** Who confirmed it: the lead, or for a visit the visitor themself (decision 043). */
      confirmedByName: z.string(),
    }),
  ),
  /** Their 实名登记, as shown: absent until they register for a certificate. */
  realName: z.object({ name: z.string(), maskedIdNumber: z.string() }).optional(),
})
export type ServiceHours = z.infer<typeof serviceHoursSchema>

/** 志愿服务记录证明: what the certificate says, frozen when it was issued. */
export const certificateSchema = z.object({
  number: z.string().describe('XXXX-XXXX-XXXX-XXXX'),
  issuedAt: isoDateTimeSchema,
  /** The holder; the name is partly masked (王*兰) when someone verifies it; the ID number only ever by its last four digits. */
  holder: z.object({ name: z.string(), maskedPhone: z.string(), maskedIdNumber: z.string().optional() }),
  period: z.object({ from: daySchema, to: daySchema }),
  /** The hours the issuer recorded (all organisations' on certificates issued before there was one per issuer). */
  totalMinutes: z.number().int(),
  byOrganisation: minutesByOrganisationSchema,
  byMonth: minutesByMonthSchema,
  /** Who certifies it: the organisation that recorded the service, or the community's committee. */
  issuer: z.object({
    communityId: z.string(),
    name: z.string(),
    kind: z.enum(['organisation', 'committee']),
    organisationId: z.string().optional(),
  }),
  /** What the service was: its kinds and titles. */
  services: z.array(z.string()),
  /** 星级 over all the holder's counted minutes when it was issued (0: none yet). */
  stars: z.number().int(),
  starLabel: z.string(),
})
export type Certificate = z.infer<typeof certificateSchema>

export const heldCreditViewSchema = z.object({
  id: z.string(),
  status: heldStatusSchema,
  statusLabel: z.string(),
  personName: z.string(),
  personId: z.string().optional(),
  service: serviceSourceSchema,
  /** The day of service (Asia/Shanghai), YYYY-MM-DD. */
  day: z.string(),
  /** What the lead confirmed for this service. */
  recordMinutes: z.number().int(),
  /** What waits here: what went over the day's cap, or all the requester disputed that could be taken back. */
  heldMinutes: z.number().int(),
  cause: heldCauseSchema,
  /** 超出当天上限 / 求助人答复未解决 */
  causeLabel: z.string(),
  /** Disputed: minutes the volunteer had already spent, which could not be taken back. */
  unrecoveredMinutes: z.number().int().optional(),
  heldAt: isoDateTimeSchema,
  reviewedAt: isoDateTimeSchema.optional(),
  reviewedByName: z.string().optional(),
  reason: z.string().optional(),
})
export type HeldCreditView = z.infer<typeof heldCreditViewSchema>

const communityRef = { communityId: idSchema }
const pageInput = {
  /** From the previous page's `nextCursor`. */
  cursor: z.string().max(300).optional(),
  limit: z.number().int().min(1).max(50).default(20),
}

export const timebankContract = defineFunction('timebank', {
  account: action(
    '我的时间银行：各社区账户余额、合计、本月获得，以及最近几笔',
    z.strictObject({}),
    z.object({
      accounts: z.array(accountViewSchema),
      total: z.number().int(),
      monthEarned: z.number().int(),
      recent: z.array(historyEntrySchema),
    }),
  ),
  history: action(
    '我的收支明细，最新的在前（分页）：每笔的来源、分钟数（收入为正、支出为负）、是否已冲正',
    z.strictObject(pageInput),
    z.object({ entries: z.array(historyEntrySchema), nextCursor: z.string().optional() }),
  ),
  give: action(
    '转赠时间给家人或邻居（按姓名和手机号；对方在小程序中接收后到账，7 天内未接收退回；每天最多 5 次）',
    z.strictObject({
      toName: textSchema(20),
      toPhone: phoneSchema,
      minutes: minutesSchema(MAX_GIFT_MINUTES),
      note: textSchema(100).optional(),
      requestId: requestIdSchema,
      /** Which of the caller's accounts pays; absent: the account in the caller's community. */
      communityId: idSchema.optional(),
    }),
    z.object({ entry: historyEntrySchema, gift: giftViewSchema, balance: z.number().int() }),
  ),
  gifts: action(
    '转赠：等我接收的，和我送出的（最新的在前）',
    z.strictObject({}),
    z.object({ incoming: z.array(giftViewSchema), outgoing: z.array(giftViewSchema) }),
  ),
  acceptGift: action('接收别人转赠给我的时间', giftRef, z.object({ gift: giftViewSchema, balance: z.number().int() })),
  cancelGift: action('取消我送出、对方还没接收的转赠（时间退回）', giftRef, z.object({ gift: giftViewSchema, balance: z.number().int() })),
  catalogue: action(
    '本社区可用时间兑换的服务和爱心超市物品（价格、库存），以及我在本社区的余额',
    z.strictObject({}),
    z.object({ communityId: z.string(), communityName: z.string(), balance: z.number().int(), items: z.array(itemViewSchema) }),
  ),
  redeem: action(
    '用时间兑换一项服务或物品（余额和库存都不会小于零）',
    z.strictObject({ itemId: idSchema, requestId: requestIdSchema }),
    z.object({ redemption: redemptionViewSchema, balance: z.number().int() }),
  ),
  myRedemptions: action('我的兑换记录，最新的在前', z.strictObject({}), z.object({ redemptions: z.array(redemptionViewSchema) })),
  serviceHours: action(
    '我的志愿服务时长：按组织和按月份（来自服务记录）',
    z.strictObject({ from: daySchema.optional(), to: daySchema.optional() }),
    serviceHoursSchema,
  ),
  registerRealName: action(
    '志愿者实名登记（开具证明时；姓名和身份证号，单独同意；身份证号只保存后四位和校验值）',
    z.strictObject({
      name: textSchema(20),
      idNumber: idNumberSchema,
      consent: z.literal(true, { message: '请阅读并同意实名登记的用途' }),
    }),
    z.object({ realName: z.object({ name: z.string(), maskedIdNumber: z.string() }) }),
  ),
  issueCertificate: action(
    '开具志愿服务记录证明：由记录服务的组织或社区两委出具（一段时间内，只含该出具方记录的时长；附验证编号）',
    inOrder(z.strictObject({ ...periodFields, issuer: issuerRefSchema })),
    z.object({ certificate: certificateSchema }),
  ),
  certificateCode: action(
    '我的一份证明的小程序码（扫码打开它的查验页面），画在证明图片上；微信没有给出时为空',
    z.strictObject({ number: certificateNumberSchema }),
    // A link made for this request, as for a photo (decision 035).
    z.object({ code: photoLinkSchema.optional() }),
  ),
  verifyCertificate: action(
    '按验证编号查验志愿服务记录证明（姓名部分隐藏；不必登录；每人限次）',
    z.strictObject({ number: certificateNumberSchema }),
    z.object({ certificate: certificateSchema }),
  ),

  items: action('两委：本社区的兑换目录（含已下架的）', z.strictObject(communityRef), z.object({ items: z.array(itemViewSchema) })),
  saveItem: action(
    '两委：新增或修改一项兑换目录（库存另行增减）',
    z.strictObject({
      ...communityRef,
      /** Absent: a new item, with no stock yet. */
      itemId: idSchema.optional(),
      name: textSchema(30),
      kind: itemKindSchema,
      priceMinutes: minutesSchema(MAX_PRICE_MINUTES),
      description: textSchema(200).optional(),
      providerOrganisationId: idSchema.optional(),
    }),
    z.object({ item: itemViewSchema }),
  ),
  restockItem: action(
    '两委：增减库存（填变化量，不是总数；不会小于零）',
    z.strictObject({
      itemId: idSchema,
      delta: z
        .number()
        .int('请填整数')
        .min(-MAX_RESTOCK_DELTA)
        .max(MAX_RESTOCK_DELTA)
        .refine((d) => d !== 0, '变化量不能为 0'),
      reason: textSchema(100).optional(),
    }),
    z.object({ item: itemViewSchema }),
  ),
  retireItem: action(
    '两委：下架一项（已兑换的仍可领取）',
    z.strictObject({ itemId: idSchema, reason: textSchema(200).optional() }),
    z.object({ item: itemViewSchema }),
  ),
  handovers: action(
    '两委：等待领取的兑换，最早的在前',
    z.strictObject(communityRef),
    z.object({ redemptions: z.array(redemptionViewSchema) }),
  ),
  confirmHandover: action(
    '两委：确认已交付（服务已提供或物品已领取）',
    z.strictObject({ redemptionId: idSchema }),
    z.object({ redemption: redemptionViewSchema }),
  ),
  providerHandovers: action(
    '负责人：由本组织提供、等待交付的兑换',
    z.strictObject({ organisationId: idSchema }),
    z.object({ redemptions: z.array(redemptionViewSchema) }),
  ),
  confirmHandoverAsProvider: action(
    '负责人：确认本组织已交付',
    z.strictObject({ organisationId: idSchema, redemptionId: idSchema }),
    z.object({ redemption: redemptionViewSchema }),
  ),
  heldCredits: action(
    '两委：超过每日上限、等待审核的服务时间',
    z.strictObject(communityRef),
    z.object({ held: z.array(heldCreditViewSchema), dailyCapMinutes: z.number().int() }),
  ),
  reviewHeldCredit: action(
    '两委：审核超出上限的时间：入账，或不予入账（须写明理由）',
    z
      .strictObject({ heldId: ledgerKeySchema, decision: z.enum(['credit', 'decline']), reason: textSchema(200).optional() })
      .refine((d) => d.decision === 'credit' || d.reason !== undefined, { message: '请写明理由', path: ['reason'] }),
    z.object({ held: heldCreditViewSchema }),
  ),
  grant: action(
    '两委：从社区时间池发放给困难居民（须写明理由）',
    z.strictObject({
      ...communityRef,
      personId: idSchema,
      minutes: minutesSchema(MAX_GRANT_MINUTES),
      reason: textSchema(200),
      requestId: requestIdSchema,
    }),
    z.object({ entry: ledgerEntrySchema }),
  ),
  ledger: action(
    '两委：本社区的全部收支，最新的在前（可按居民筛选，分页）',
    z.strictObject({ ...communityRef, personId: idSchema.optional(), ...pageInput }),
    z.object({
      entries: z.array(ledgerEntrySchema),
      nextCursor: z.string().optional(),
      /** Minutes held by the community's people: what its pool has issued and not taken back. */
      outstandingMinutes: z.number().int(),
    }),
  ),
  reverse: action(
    '两委：冲正一笔（须写明理由；加一笔反向记录，原记录不变；每笔只能冲正一次）',
    z.strictObject({ entryId: ledgerKeySchema, reason: textSchema(200) }),
    z.object({ entry: ledgerEntrySchema }),
  ),
  settings: action(
    '两委：本社区每人每天服务时间入账上限（分钟）',
    z.strictObject({ ...communityRef, dailyCapMinutes: z.number().int().min(MIN_DAILY_CAP_MINUTES).max(MAX_DAILY_CAP_MINUTES) }),
    z.object({ dailyCapMinutes: z.number().int() }),
  ),
})
export type TimebankContract = typeof timebankContract
