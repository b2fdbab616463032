import { roleGrantSchema, type RoleGrant } from '../shared/domain/roles'
import type { Principal } from '../shared/domain/permissions'
import { personWithRoles } from './data/people'
import { rolesOfPerson } from './data/roles'

import type { CommunityDoc, OrganisationDoc, PersonDoc, RoleDoc } from './data/documents'

/** The caller as the permission table needs them, with the records it was read from. */
export interface Caller extends Principal {
  person: PersonDoc | null
  roles: RoleDoc[]
  /** The person's own community, read with them: null without one. */
  home: CommunityDoc | null
  /** The organisations the person holds a role in, read with them (none without a person document). */
  organisations: OrganisationDoc[]
}

/**
 * One round trip for a caller with a person document (the person joined with their roles and community); one more
 * only for someone without one, whose roles (an office's civil-affairs staff, say) are read alone.
 */
export async function loadCaller(openid: string): Promise<Caller> {
  const found = await personWithRoles(openid)
  const person = found?.person ?? null
  const roles = found?.roles ?? (await rolesOfPerson(openid))
  const grants: RoleGrant[] = roles.flatMap((role) => {
    const grant = roleGrantSchema.safeParse(role)
    return grant.success ? [grant.data] : []
  })
  return {
    openid,
    communityId: person?.communityId ?? null,
    isResident: person !== null && person.communityId !== null,
    residenceConfirmed: person !== null && person.communityId !== null && (person.residence?.status ?? 'confirmed') === 'confirmed',
    grants,
    person,
    roles,
    home: found?.community ?? null,
    organisations: found?.organisations ?? [],
  }
}

export const sitsOnCommitteeOf = (caller: Principal, communityId: string) =>
  caller.grants.some((g) => g.role === 'committee' && g.communityId === communityId)
