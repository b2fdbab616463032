/**
 * Loading what an action targets and authorising the caller over it, before anything else is
 * done. A missing target is NOT_FOUND; the permission table decides the rest.
 */
import { AppError, ErrorCode } from '../shared/errors'
import type { CommunityDoc, OrganisationDoc } from './data/documents'
import { communitiesByIds, organisationsAndCommunities } from './data/places'
import type { ActionContext } from './handler'
import type { Caller } from './principal'

async function communityById(communityId: string): Promise<CommunityDoc | null> {
  return (await communitiesByIds([communityId])).get(communityId) ?? null
}

/**
 * The caller comes with their own community, organisations and roles (one round trip, principal.ts): a
 * target among them is not read again. Nothing of the target is answered until the authorisation has passed.
 */
export async function authoriseOverCommunity(context: ActionContext<unknown>, communityId: string): Promise<CommunityDoc> {
  const caller = await context.caller()
  const community = caller.home?._id === communityId ? caller.home : await communityById(communityId)
  if (!community) throw new AppError(ErrorCode.NOT_FOUND, '没有这个社区')
  await context.authorise({ kind: 'community', communityId, officeId: community.officeId })
  return community
}

/**
 * The organisation and its community: read with the caller when it is one of theirs in their own
 * community (a lead's or volunteer's everyday case), else joined in one round trip.
 */
async function organisationWithCommunity(
  caller: Caller,
  organisationId: string,
): Promise<{ organisation?: OrganisationDoc; community?: CommunityDoc }> {
  const own = caller.organisations.find((o) => o._id === organisationId)
  if (own && caller.home?._id === own.communityId) return { organisation: own, community: caller.home }
  const { organisations, communities } = await organisationsAndCommunities([organisationId], [])
  const organisation = organisations.get(organisationId)
  return { organisation, community: organisation && communities.get(organisation.communityId) }
}

export async function authoriseOverOrganisation(
  context: ActionContext<unknown>,
  organisationId: string,
): Promise<{ organisation: OrganisationDoc; community: CommunityDoc }> {
  const { organisation, community } = await organisationWithCommunity(await context.caller(), organisationId)
  if (!organisation || !community) throw new AppError(ErrorCode.NOT_FOUND, '没有这个组织')
  await context.authorise({ kind: 'organisation', organisationId, communityId: community._id, officeId: community.officeId })
  return { organisation, community }
}
