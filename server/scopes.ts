/**
 * Loading what an action targets and authorising the caller over it, before anything else is
 * done. A missing target is NOT_FOUND; the permission table decides the rest.
 */
import { AppError, ErrorCode } from '../shared/errors'
import type { CommunityDoc, OrganisationDoc } from './data/documents'
import { communitiesByIds, organisationsAndCommunities } from './data/places'
import type { ActionContext } from './handler'

async function communityById(communityId: string): Promise<CommunityDoc | null> {
  return (await communitiesByIds([communityId])).get(communityId) ?? null
}

/**
 * The caller's roles are loaded alongside the target, not after it: one round trip's wait fewer.
 * Nothing of the target is answered until the authorisation has passed.
 */
export async function authoriseOverCommunity(context: ActionContext<unknown>, communityId: string): Promise<CommunityDoc> {
  const [community] = await Promise.all([communityById(communityId), context.caller()])
  if (!community) throw new AppError(ErrorCode.NOT_FOUND, '没有这个社区')
  await context.authorise({ kind: 'community', communityId, officeId: community.officeId })
  return community
}

export async function authoriseOverOrganisation(
  context: ActionContext<unknown>,
  organisationId: string,
): Promise<{ organisation: OrganisationDoc; community: CommunityDoc }> {
  // The organisation joined with its community: one round trip.
  const [{ organisations, communities }] = await Promise.all([organisationsAndCommunities([organisationId], []), context.caller()])
  const organisation = organisations.get(organisationId)
  const community = organisation && communities.get(organisation.communityId)
  if (!organisation || !community) throw new AppError(ErrorCode.NOT_FOUND, '没有这个组织')
  await context.authorise({ kind: 'organisation', organisationId, communityId: community._id, officeId: community.officeId })
  return { organisation, community }
}
