import type { ElderModePreference } from '../../shared/domain/elder-mode'
import { database, readAll } from './cloudbase'
import type { NewDocument } from './collections'
import type { CommunityDoc, OrganisationDoc, PersonDoc, RoleDoc } from './documents'
import { isDuplicateWrite } from './write-errors'

const people = () => database().collection('people')

export async function findPersonByOpenid(openid: string): Promise<PersonDoc | null> {
  const { data } = await people().where({ openid }).limit(1).get()
  return (data[0] as PersonDoc | undefined) ?? null
}

/**
 * The person with every role they hold, the organisations those roles are in, and their community, in
 * one round trip: an aggregation on `people` joining `roles` on openid, `organisations` on the roles'
 * organisationId and `communities` on communityId (CloudBase's $lookup with localField/foreignField,
 * served by roles.openid_1 and _id). Null when there is no person document; their roles, if any, are
 * then for the caller to read.
 */
export async function personWithRoles(
  openid: string,
): Promise<{ person: PersonDoc; roles: RoleDoc[]; organisations: OrganisationDoc[]; community: CommunityDoc | null } | null> {
  const { data } = await people()
    .aggregate()
    .match({ openid })
    .lookup({ from: 'roles', localField: 'openid', foreignField: 'openid', as: 'roles' })
    .lookup({ from: 'organisations', localField: 'roles.organisationId', foreignField: '_id', as: 'organisations' })
    .lookup({ from: 'communities', localField: 'communityId', foreignField: '_id', as: 'community' })
    .limit(1)
    .end()
  const found = data[0] as (PersonDoc & { roles: RoleDoc[]; organisations: OrganisationDoc[]; community: CommunityDoc[] }) | undefined
  if (!found) return null
  const { roles, organisations, community, ...person } = found
  return { person, roles, organisations, community: community[0] ?? null }
}

export async function setElderModePreference(personId: string, elderMode: ElderModePreference): Promise<void> {
  await people().doc(personId).update({ preferences: { elderMode } })
}

/** Everyone, for the local host's sign-in page; the product itself never lists all people. */
export async function allPeople(): Promise<PersonDoc[]> {
  return readAll<PersonDoc>(people())
}

/** A person's own correction of what they told about themself (我的信息 → 修改). */
export async function correctPerson(
  personId: string,
  patch: Partial<Pick<PersonDoc, 'name' | 'phone' | 'neighbourhood' | 'addressDetail'>>,
): Promise<void> {
  await people().doc(personId).update(patch)
}

/** The consent to keep their home's position withdrawn: the position goes. */
export async function forgetHomeLocation(personId: string): Promise<void> {
  await people().doc(personId).update({ location: database().command.remove() })
}

/** Adds someone who joined by themself; false when a person with this openid exists already (its unique index). */
export async function addPerson(person: NewDocument<'people'>): Promise<boolean> {
  try {
    await people().add(person)
    return true
  } catch (error) {
    if (isDuplicateWrite(error)) return false
    throw error
  }
}

/** The first `limit` people waiting for 居住核验 in a community, longest waiting first, and how many wait in all. */
export async function newcomersOf(communityId: string, limit: number): Promise<{ newcomers: PersonDoc[]; total: number }> {
  const waiting = { communityId, 'residence.status': 'pending' }
  const [{ data }, { total }] = await Promise.all([
    people().where(waiting).orderBy('residence.askedAt', 'asc').limit(limit).get(),
    people().where(waiting).count(),
  ])
  return { newcomers: data as PersonDoc[], total }
}
