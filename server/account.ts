import type { PersonView, RoleView } from '../shared/contracts/account'
import { communityKindLabel } from '../shared/domain/community'
import { roleLabel } from '../shared/domain/roles'
import { officesByIds, organisationsAndCommunities } from './data/places'
import type { Caller } from './principal'

/** 我的: the caller's own record, with the names of everything their roles are held over. */
export async function describeMe(caller: Caller): Promise<PersonView | null> {
  const { person, roles } = caller
  if (!person) return null
  // Their own community came with them.
  const communityIds = roles.flatMap((r) => (r.communityId && r.communityId !== caller.home?._id ? [r.communityId] : []))
  const [{ communities, organisations }, offices] = await Promise.all([
    organisationsAndCommunities(
      roles.flatMap((r) => (r.organisationId ? [r.organisationId] : [])),
      communityIds,
    ),
    officesByIds(roles.flatMap((r) => (r.officeId ? [r.officeId] : []))),
  ])
  const { home } = caller
  if (home) communities.set(home._id, home)

  const roleViews: RoleView[] = roles.map((role) => {
    const scopeName =
      (role.organisationId && organisations.get(role.organisationId)?.name) ||
      (role.officeId && offices.get(role.officeId)?.name) ||
      (role.communityId && communities.get(role.communityId)?.name) ||
      ''
    return {
      role: role.role,
      label: roleLabel[role.role],
      scopeName,
      ...(role.communityId ? { communityId: role.communityId } : {}),
      ...(role.organisationId ? { organisationId: role.organisationId } : {}),
      ...(role.officeId ? { officeId: role.officeId } : {}),
    }
  })
  if (home) {
    roleViews.unshift({ role: 'resident', label: roleLabel.resident, scopeName: home.name, communityId: home._id })
  }

  return {
    name: person.name,
    ...(person.phone ? { phone: person.phone } : {}),
    ...(person.neighbourhood ? { address: [person.neighbourhood, person.addressDetail].filter(Boolean).join(' ') } : {}),
    community: home
      ? {
          id: home._id,
          name: home.name,
          kind: home.kind,
          kindLabel: communityKindLabel[home.kind],
          city: home.city,
          district: home.district,
          street: home.street,
          committeePhone: home.committeePhone,
        }
      : null,
    roles: roleViews,
    preferences: person.preferences,
  }
}
