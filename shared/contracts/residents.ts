import { z } from 'zod'
import { action, defineFunction } from '../contract'
import { idSchema, isoDateTimeSchema, lngLatSchema, phoneSchema, textSchema } from '../domain/fields'
import {
  familyCodeSchema,
  familyRelationSchema,
  familySideSchema,
  familyStatusSchema,
  moveStatusSchema,
  proxyConsentMethodSchema,
  takeoverStatusSchema,
  tellBySchema,
} from '../domain/residents'
import { needFieldsSchema, needViewSchema } from './needs'

/** A page makes one per form, so that a retried request finds what the first one did. */
const requestIdSchema = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, '请求编号格式不正确')

export const moveViewSchema = z.object({
  moveId: z.string(),
  status: moveStatusSchema,
  statusLabel: z.string(),
  from: z.object({ id: z.string(), name: z.string() }),
  to: z.object({ id: z.string(), name: z.string() }),
  neighbourhood: z.string(),
  addressDetail: z.string(),
  reason: z.string().optional(),
  askedAt: isoDateTimeSchema,
  decidedAt: isoDateTimeSchema.optional(),
  /** The destination committee's reason for declining, which the resident reads. */
  declineReason: z.string().optional(),
  /** Minutes the time bank carried over, once confirmed. */
  movedMinutes: z.number().int().optional(),
  /** The committee's view only: who asks, to phone them before confirming. */
  person: z.object({ name: z.string(), phone: z.string().optional() }).optional(),
})
export type MoveView = z.infer<typeof moveViewSchema>

export const destinationSchema = z.object({ communityId: z.string(), name: z.string(), district: z.string(), street: z.string() })

/** How someone without a smartphone agreed to be registered: 口头 or 书面, who witnessed it, when. */
export const proxyConsentSchema = z.strictObject({
  method: proxyConsentMethodSchema,
  witnessName: textSchema(20),
  at: z.iso.datetime({ offset: true, message: '时间格式不正确' }),
})

export const registeredPersonViewSchema = z.object({
  personId: z.string(),
  name: z.string(),
  phone: z.string().optional(),
  neighbourhood: z.string().optional(),
  addressDetail: z.string().optional(),
  tellBy: tellBySchema,
  tellByLabel: z.string(),
  consent: z.object({ methodLabel: z.string(), witnessName: z.string(), at: isoDateTimeSchema, recordedByName: z.string() }),
  registeredAt: isoDateTimeSchema,
  /** Once the person took the record over with their own WeChat. */
  takenOverAt: isoDateTimeSchema.optional(),
})
export type RegisteredPersonView = z.infer<typeof registeredPersonViewSchema>

/** What the committee asks of a need it raises for someone: the place is their home. */
const needForSomeoneSchema = needFieldsSchema.pick({ helpKind: true, urgency: true, description: true, wantedBy: true }).extend({
  /** Absent: the person's own phone. */
  contactPhone: phoneSchema.optional(),
})

export const takeoverViewSchema = z.object({
  takeoverId: z.string(),
  askedAt: isoDateTimeSchema,
  /** As the caller typed them. */
  name: z.string(),
  phone: z.string(),
  /** The registered record it matches. */
  person: z.object({ personId: z.string(), name: z.string(), neighbourhood: z.string().optional() }),
})

export const familyLinkViewSchema = z.object({
  linkId: z.string(),
  status: familyStatusSchema,
  statusLabel: z.string(),
  /** The caller's side of the link. */
  mySide: familySideSchema,
  relation: familyRelationSchema,
  relationLabel: z.string(),
  /** The other person, once they typed the code; masked until both confirmed. */
  otherName: z.string().optional(),
  /** Only to whoever made the invitation, while it waits for the code. */
  code: z.string().optional(),
  codeExpiresAt: isoDateTimeSchema.optional(),
  /** The elder lets the relative receive her needs' updates. */
  shareUpdates: z.boolean(),
  /** The caller must confirm it now. */
  waitingForMe: z.boolean(),
})
export type FamilyLinkView = z.infer<typeof familyLinkViewSchema>

const linkRef = { linkId: idSchema }

export const residentsContract = defineFunction('residents', {
  destinations: action('搬家：可以迁入的社区', z.strictObject({}), z.object({ communities: z.array(destinationSchema) })),
  askMove: action(
    '居民申请搬到另一个社区（由新社区两委确认）',
    z.strictObject({
      toCommunityId: idSchema,
      neighbourhood: textSchema(40),
      addressDetail: textSchema(100),
      /** Absent: the new community's centre, until the resident picks their home on the map. */
      location: lngLatSchema.optional(),
      reason: textSchema(200).optional(),
      requestId: requestIdSchema,
    }),
    z.object({ move: moveViewSchema }),
  ),
  myMoves: action('我的搬家申请', z.strictObject({}), z.object({ moves: z.array(moveViewSchema) })),
  withdrawMove: action('撤回还没确认的搬家申请', z.strictObject({ moveId: idSchema }), z.object({ move: moveViewSchema })),
  moveRequests: action(
    '两委：申请迁入本社区的居民',
    z.strictObject({ communityId: idSchema }),
    z.object({ moves: z.array(moveViewSchema) }),
  ),
  decideMove: action(
    '两委：确认或婉拒迁入（确认后时间银行余额随人迁入）',
    z
      .strictObject({ moveId: idSchema, decision: z.enum(['confirm', 'decline']), reason: textSchema(200).optional() })
      .refine((v) => v.decision === 'confirm' || v.reason !== undefined, { message: '请写明婉拒的原因', path: ['reason'] }),
    z.object({ move: moveViewSchema }),
  ),

  registerPerson: action(
    '两委代登记没有智能手机的居民（记录同意方式、见证人和时间）',
    z.strictObject({
      communityId: idSchema,
      name: textSchema(20),
      phone: phoneSchema,
      neighbourhood: textSchema(40),
      addressDetail: textSchema(100),
      /** Absent: the community's centre. */
      location: lngLatSchema.optional(),
      birthYear: z.number().int().min(1900).max(2030).optional(),
      livesAlone: z.boolean().optional(),
      consent: proxyConsentSchema,
      tellBy: tellBySchema,
    }),
    z.object({ person: registeredPersonViewSchema }),
  ),
  registeredPeople: action(
    '两委：本社区代登记的居民',
    z.strictObject({ communityId: idSchema }),
    z.object({ people: z.array(registeredPersonViewSchema) }),
  ),
  raiseFor: action(
    '两委代办：替本社区居民发起求助（求助是本人的，地点是其家中）',
    z.strictObject({ personId: idSchema, need: needForSomeoneSchema }),
    z.object({ need: needViewSchema }),
  ),
  needsOf: action(
    '两委：一位居民的求助，以及怎样告知本人',
    z.strictObject({ personId: idSchema }),
    z.object({
      person: registeredPersonViewSchema.partial({ tellBy: true, tellByLabel: true, consent: true, registeredAt: true }),
      needs: z.array(needViewSchema),
    }),
  ),

  askTakeover: action(
    '社区代登记过的居民用自己的微信认领账号（两委确认后生效）',
    z.strictObject({ name: textSchema(20), phone: phoneSchema }),
    z.object({ status: takeoverStatusSchema }),
  ),
  myTakeover: action('我的认领申请', z.strictObject({}), z.object({ status: takeoverStatusSchema.nullable() })),
  takeovers: action(
    '两委：等待确认的认领申请',
    z.strictObject({ communityId: idSchema }),
    z.object({ requests: z.array(takeoverViewSchema) }),
  ),
  decideTakeover: action(
    '两委：确认或拒绝认领（确认后代登记的记录归此微信所有）',
    z.strictObject({ takeoverId: idSchema, decision: z.enum(['confirm', 'decline']) }),
    z.object({ status: takeoverStatusSchema }),
  ),

  family: action('我的亲友', z.strictObject({}), z.object({ links: z.array(familyLinkViewSchema) })),
  inviteFamily: action(
    '亲友：生成邀请码（我是长辈，请亲友帮我；或我是亲友，帮长辈）',
    z.strictObject({ side: familySideSchema, relation: familyRelationSchema }),
    z.object({ link: familyLinkViewSchema }),
  ),
  enterFamilyCode: action(
    '亲友：输入对方给的邀请码（对方确认后关联）',
    z.strictObject({ code: familyCodeSchema }),
    z.object({ link: familyLinkViewSchema }),
  ),
  answerFamily: action(
    '亲友：确认或拒绝输入了我的邀请码的人',
    z.strictObject({ ...linkRef, accept: z.boolean() }),
    z.object({ link: familyLinkViewSchema }),
  ),
  unlinkFamily: action('亲友：解除关联（任何一方都可以）', z.strictObject(linkRef), z.object({ link: familyLinkViewSchema })),
  shareUpdates: action(
    '长辈：是否让这位亲友收到我的求助进展',
    z.strictObject({ ...linkRef, share: z.boolean() }),
    z.object({ link: familyLinkViewSchema }),
  ),
  elderNeeds: action('亲友：长辈的求助', z.strictObject(linkRef), z.object({ needs: z.array(needViewSchema) })),
  raiseForElder: action(
    '亲友：替长辈发起求助（求助是长辈的，地点是长辈家中）',
    z.strictObject({ ...linkRef, need: needForSomeoneSchema }),
    z.object({ need: needViewSchema }),
  ),
})
export type ResidentsContract = typeof residentsContract
