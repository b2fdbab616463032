import { z } from 'zod'

/**
 * Roles beyond being a resident. Everyone with a person record is a resident of their
 * community; every other role is granted over one community, organisation or office.
 */
export const RoleName = {
  volunteer: 'volunteer',
  organisationLead: 'organisation_lead',
  committee: 'committee',
  civilAffairs: 'civil_affairs',
} as const
export type RoleName = (typeof RoleName)[keyof typeof RoleName]

export const roleLabel: Record<RoleName | 'resident', string> = {
  resident: '居民',
  volunteer: '志愿者',
  organisation_lead: '组织负责人',
  committee: '社区两委',
  civil_affairs: '民政部门',
}

export const roleGrantSchema = z.discriminatedUnion('role', [
  z.object({ role: z.literal('volunteer'), organisationId: z.string(), communityId: z.string() }),
  z.object({ role: z.literal('organisation_lead'), organisationId: z.string(), communityId: z.string() }),
  z.object({ role: z.literal('committee'), communityId: z.string() }),
  z.object({ role: z.literal('civil_affairs'), officeId: z.string() }),
])
export type RoleGrant = z.infer<typeof roleGrantSchema>
