import { z } from 'zod'
import { action, defineFunction } from '../contract'
import { idSchema, isoDateTimeSchema, textSchema } from '../domain/fields'
import { contentRefSchema, takenDownViewSchema } from '../domain/moderation'

const communityRef = z.strictObject({ communityId: idSchema })

export const coverageRowSchema = z.object({
  communityId: z.string(),
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
    '两委：下架本社区的一条内容（求助、照片、活动、活动评价、组织介绍），写明理由，作者会看到',
    z.strictObject({ content: contentRefSchema, reason: textSchema(200) }),
    z.object({ takenDown: takenDownViewSchema }),
  ),
  restore: action('两委：恢复下架的内容；被标记的照片经查看后允许显示', z.strictObject({ content: contentRefSchema }), z.object({})),
  mediaVerdict: action(
    '仅微信消息推送：照片内容安全检测（mediaCheckAsync）的结果',
    z.strictObject({
      traceId: z.string().min(1).max(100),
      suggest: z.enum(['pass', 'review', 'risky']),
      label: z.string().max(20).optional(),
    }),
    z.object({}),
  ),
})
export type CommunityContract = typeof communityContract
