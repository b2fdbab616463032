import { z } from 'zod'
import { action, defineFunction } from '../contract'
import { newCommunityFields } from '../domain/community'
import { idSchema, isoDateTimeSchema, textSchema } from '../domain/fields'
import { invitationCodeSchema } from '../domain/invitation'
import { contentRefSchema, takenDownViewSchema } from '../domain/moderation'
import { personFields } from '../domain/person'
import { deliberationActions } from './deliberation'
import { exportFileSchema } from './reports'

const communityRef = z.strictObject({ communityId: idSchema })
const officeRef = z.strictObject({ officeId: idSchema })

export const coverageRowSchema = z.object({
  communityId: z.string(),
  /** The office overseeing it: its staff invite the first committee members. */
  officeId: z.string(),
  name: z.string(),
  kind: z.enum(['urban', 'rural']),
  kindLabel: z.string(),
  approved: z.number().int(),
  pending: z.number().int(),
  suspended: z.number().int(),
  /** At least 10 in an urban community, at least 3 in a rural one (seed 002). */
  target: z.number().int(),
  met: z.boolean(),
  shortfall: z.number().int(),
})
export type CoverageRow = z.infer<typeof coverageRowSchema>

export const auditEntrySchema = z.object({
  id: z.string(),
  at: isoDateTimeSchema,
  actorName: z.string(),
  action: z.string(),
  actionLabel: z.string(),
  targetName: z.string().optional(),
  organisationName: z.string().optional(),
  reason: z.string().optional(),
})
export type AuditEntry = z.infer<typeof auditEntrySchema>

export const sheetProblemSchema = z.object({ row: z.number().int(), column: z.string(), header: z.string(), message: z.string() })
export type SheetProblemView = z.infer<typeof sheetProblemSchema>

export const importOutcomeSchema = z.discriminatedUnion('outcome', [
  /** Some row is wrong: nothing was added; every problem, by row and column. */
  z.object({ outcome: z.literal('refused'), problems: z.array(sheetProblemSchema) }),
  z.object({
    outcome: z.literal('imported'),
    rows: z.array(z.object({ row: z.number().int(), name: z.string(), street: z.string(), communityId: z.string(), added: z.boolean() })),
  }),
])
export type ImportOutcome = z.infer<typeof importOutcomeSchema>

export const committeeInvitationSchema = z.object({
  code: z.string(),
  /** The page the code opens, with the code: for a link passed on in WeChat. */
  invitationPath: z.string(),
  /** The mini-program code as a data: URL; absent when WeChat could not make one (the code still works). */
  qrImage: z.string().optional(),
  expiresAt: isoDateTimeSchema,
})
export type CommitteeInvitation = z.infer<typeof committeeInvitationSchema>

export const invitationViewSchema = z.object({
  role: z.enum(['committee', 'civil_affairs']),
  roleLabel: z.string(),
  /** The community or office the role is held over. */
  scopeName: z.string(),
  expiresAt: isoDateTimeSchema,
  /** Someone new to the app gives their name and phone when accepting. */
  needsDetails: z.boolean(),
})
export type InvitationView = z.infer<typeof invitationViewSchema>

export const communityContract = defineFunction('community', {
  coverage: action(
    '两委、民政：各社区的社区社会组织数量与目标（城市≥10，农村≥3）',
    z.strictObject({}),
    z.object({ communities: z.array(coverageRowSchema) }),
  ),
  committeeMembers: action(
    '两委、民政：本社区两委成员',
    communityRef,
    z.object({
      members: z.array(z.object({ memberId: z.string(), name: z.string(), grantedAt: isoDateTimeSchema, grantedByName: z.string() })),
    }),
  ),
  appointCommittee: action(
    '民政或本社区两委：任命一名本社区居民为两委成员',
    z.strictObject({ communityId: idSchema, personId: idSchema }),
    z.object({ memberId: z.string() }),
  ),
  revokeCommittee: action(
    '民政：撤销一名两委成员（须写明理由）',
    z.strictObject({ communityId: idSchema, memberId: idSchema, reason: textSchema(200) }),
    z.object({}),
  ),
  residents: action(
    '两委：按姓名查找本社区居民',
    z.strictObject({ communityId: idSchema, nameContains: textSchema(20).optional() }),
    z.object({ residents: z.array(z.object({ personId: z.string(), name: z.string(), neighbourhood: z.string().optional() })) }),
  ),
  auditLog: action(
    '两委、民政：角色变更、审批、暂停的审计记录，最新的在前',
    z.strictObject({ communityId: idSchema, cursor: z.string().max(300).optional(), limit: z.number().int().min(1).max(50).default(20) }),
    z.object({ entries: z.array(auditEntrySchema), nextCursor: z.string().optional() }),
  ),
  takeDown: action(
    '两委：下架本社区的一条内容（求助、照片、活动、活动评价、组织介绍、议事意见），写明理由，作者会看到',
    z.strictObject({ content: contentRefSchema, reason: textSchema(200) }),
    z.object({ takenDown: takenDownViewSchema }),
  ),
  restore: action('两委：恢复下架的内容；被标记的照片经查看后允许显示', z.strictObject({ content: contentRefSchema }), z.object({})),
  office: action(
    '民政：本部门的名称和所在市、区（添加社区时沿用）',
    officeRef,
    z.object({ officeId: z.string(), name: z.string(), city: z.string(), district: z.string() }),
  ),
  addCommunity: action(
    '民政：为本部门添加一个社区（名称、城市或农村、街道、中心和服务范围、两委电话）',
    z.strictObject({ officeId: idSchema, ...newCommunityFields }),
    z.object({ communityId: z.string() }),
  ),
  communityTemplate: action('民政：下载“从表格导入社区”的 Excel 模板', officeRef, exportFileSchema),
  importCommunities: action(
    '民政：从上传的 Excel 表格导入本部门的社区；有一行不对就一个也不加，已有的不重复加',
    z.strictObject({ officeId: idSchema, fileId: z.string().min(1).max(300) }),
    importOutcomeSchema,
  ),
  inviteCommittee: action(
    '民政：生成一次性邀请（链接、小程序码、邀请码），请一个人成为本社区两委成员',
    communityRef,
    committeeInvitationSchema,
  ),
  invitationDetails: action('任何人：邀请码是邀请做什么', z.strictObject({ code: invitationCodeSchema }), invitationViewSchema),
  acceptInvitation: action(
    '任何人：接受邀请，成为两委成员或民政部门工作人员；第一次用小程序的人留下姓名和电话',
    z.strictObject({
      code: invitationCodeSchema,
      name: personFields.name.optional(),
      phone: personFields.phone.optional(),
      /** The privacy policy (shared/domain/residence.ts) agreed to, by someone new whose name and phone are stored. */
      privacyVersion: z.string().min(1).max(20).optional(),
    }),
    z.object({ role: z.enum(['committee', 'civil_affairs']), roleLabel: z.string(), scopeName: z.string() }),
  ),
  mediaVerdict: action(
    '仅微信消息推送：照片内容安全检测（mediaCheckAsync）的结果',
    z.strictObject({
      traceId: z.string().min(1).max(100),
      suggest: z.enum(['pass', 'review', 'risky']),
      label: z.string().max(20).optional(),
    }),
    z.object({}),
  ),
  ...deliberationActions,
})
export type CommunityContract = typeof communityContract
