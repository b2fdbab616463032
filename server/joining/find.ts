/** Finding one's community: nearest first, by name, or the one a committee's link or QR code names. */
import type { CommunityChoice, JoiningContract } from '../../shared/contracts/joining'
import { communityKindLabel } from '../../shared/domain/community'
import { distanceM } from '../../shared/domain/organisation'
import { AppError, ErrorCode } from '../../shared/errors'
import { communitiesMatching, communitiesNear } from '../data/communities'
import type { CommunityDoc } from '../data/documents'
import { asGeoPoint } from '../data/geo'
import { communitiesByIds } from '../data/places'
import type { ActionImplementations } from '../handler'

type Action<A extends keyof JoiningContract['actions']> = ActionImplementations<JoiningContract>[A]

/** A person's community is within walking or a short ride: farther ones are found by name. */
const NEAR_M = 20_000
const FOUND_LIMIT = 20

function choiceOf(community: CommunityDoc, from?: readonly [number, number]): CommunityChoice {
  return {
    id: community._id,
    name: community.name,
    kindLabel: communityKindLabel[community.kind],
    city: community.city,
    district: community.district,
    street: community.street,
    ...(from ? { distanceM: Math.round(distanceM(asGeoPoint(community.centre).coordinates, from)) } : {}),
  }
}

/** A community that takes residents, or NOT_FOUND at `field`: a suspended one answers as one that does not exist. */
export async function openCommunity(communityId: string, field: string): Promise<CommunityDoc> {
  const community = (await communitiesByIds([communityId])).get(communityId)
  if (!community || community.suspendedAt) throw new AppError(ErrorCode.NOT_FOUND, '没有找到这个社区，请换个方式找一找', field)
  return community
}

export const find: Action<'find'> = async ({ input }) => {
  const text = input.text ?? ''
  // Typed words are what the person means; the place only orders what they match.
  if (text !== '') {
    const matching = await communitiesMatching(text, FOUND_LIMIT)
    const from = input.near
    const ordered = from
      ? [...matching].sort((a, b) => distanceM(asGeoPoint(a.centre).coordinates, from) - distanceM(asGeoPoint(b.centre).coordinates, from))
      : matching
    return { communities: ordered.map((c) => choiceOf(c, from)) }
  }
  const near = await communitiesNear(input.near!, NEAR_M, FOUND_LIMIT)
  return { communities: near.map((c) => choiceOf(c, input.near)) }
}

export const community: Action<'community'> = async ({ input }) => {
  return { community: choiceOf(await openCommunity(input.communityId, 'data.communityId')) }
}
