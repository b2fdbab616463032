import { z } from 'zod'
import { action, defineFunction } from '../contract'
import { communityKindLabel } from '../domain/community'
import { elderModePreferenceSchema } from '../domain/elder-mode'

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

export const accountContract = defineFunction('account', {
  me: action('我的：当前身份、所在社区和角色', z.strictObject({}), z.object({ person: personViewSchema.nullable() })),
  updatePreferences: action(
    '修改个人设置（长辈模式）',
    z.strictObject({ elderMode: elderModePreferenceSchema }),
    z.object({ preferences: z.object({ elderMode: elderModePreferenceSchema }) }),
  ),
})
export type AccountContract = typeof accountContract
