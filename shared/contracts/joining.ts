import { z } from 'zod'
import { action, defineFunction } from '../contract'
import { idSchema, isoDateTimeSchema, lngLatSchema, phoneSchema, textSchema } from '../domain/fields'
import { residenceAddressSchema, residenceStatuses } from '../domain/residence'

/** A community as someone looking for theirs sees it: public facts only. */
export const communityChoiceSchema = z.object({
  id: z.string(),
  name: z.string(),
  kindLabel: z.string(),
  city: z.string(),
  district: z.string(),
  street: z.string(),
  /** From the place the caller searched around, when there is one. */
  distanceM: z.number().int().optional(),
})
export type CommunityChoice = z.infer<typeof communityChoiceSchema>

/** The caller's own 居住核验: where they asked to live and what the committee answered. */
export const residenceViewSchema = z.object({
  status: z.enum(residenceStatuses),
  statusLabel: z.string(),
  community: z.object({ id: z.string(), name: z.string(), committeePhone: z.string() }),
  neighbourhood: z.string(),
  askedAt: isoDateTimeSchema,
  /** The committee's reason for a decline. */
  reason: z.string().optional(),
})
export type ResidenceView = z.infer<typeof residenceViewSchema>

/** A resident waiting for 居住核验, as the committee checks them. */
export const newcomerSchema = z.object({
  personId: z.string(),
  name: z.string(),
  phone: z.string(),
  /** 微信验证 or 本人填写: how far the committee may trust the number before calling it. */
  phoneSource: z.enum(['wechat', 'typed']),
  neighbourhood: z.string(),
  addressDetail: z.string(),
  askedAt: isoDateTimeSchema,
})
export type Newcomer = z.infer<typeof newcomerSchema>

const findInput = z
  .strictObject({
    /** Where the caller is: nearest first. */
    near: lngLatSchema.optional(),
    /** Part of the city's, district's, street's or community's name. */
    text: z.string().trim().max(20, '不能超过 20 个字').optional(),
  })
  .refine((input) => input.near !== undefined || (input.text ?? '') !== '', { message: '请输入社区、街道或区县的名字', path: ['text'] })

export const joinInputSchema = residenceAddressSchema.extend({
  communityId: idSchema,
  name: textSchema(20),
  /** Typed, when WeChat's phone button is not offered or the person prefers to type it. */
  phone: phoneSchema.optional(),
  /** The one-time code from `<Button openType="getPhoneNumber">`, exchanged by the function. */
  phoneCode: z.string().min(1).max(128).optional(),
  /** The version of shared/domain/residence.ts PRIVACY_POLICY_VERSION the person read and agreed to. */
  privacyVersion: z.string().min(1).max(20),
})
export type JoinInput = z.infer<typeof joinInputSchema>

export const joiningContract = defineFunction('joining', {
  find: action('找社区：离我最近的，或按名字搜', findInput, z.object({ communities: z.array(communityChoiceSchema) })),
  community: action(
    '社区链接或二维码打开的社区',
    z.strictObject({ communityId: idSchema }),
    z.object({ community: communityChoiceSchema }),
  ),
  join: action(
    '加入社区（入驻）',
    joinInputSchema.refine((input) => input.phone !== undefined || input.phoneCode !== undefined, {
      message: '请填写手机号',
      path: ['phone'],
    }),
    z.object({ residence: residenceViewSchema }),
  ),
  mine: action('我的居住核验情况', z.strictObject({}), z.object({ residence: residenceViewSchema.nullable() })),
  newcomers: action(
    '居住核验：等社区确认的新居民',
    z.strictObject({ communityId: idSchema }),
    z.object({ newcomers: z.array(newcomerSchema) }),
  ),
  confirm: action(
    '确认住在本社区，可更正小区',
    z.strictObject({ personId: idSchema, neighbourhood: textSchema(30).optional() }),
    z.object({ personId: z.string() }),
  ),
  decline: action(
    '不予确认，并说明原因',
    z.strictObject({ personId: idSchema, reason: textSchema(100) }),
    z.object({ personId: z.string() }),
  ),
  invitation: action(
    '社区的入驻链接和小程序码',
    z.strictObject({ communityId: idSchema }),
    z.object({ joinPath: z.string(), qrImage: z.string().optional() }),
  ),
})
export type JoiningContract = typeof joiningContract
