/** Where a caller means when they send no place (docs/decisions/006: the browser demo never asks the browser). */
import { inCommunityArea } from '../shared/domain/community'
import { AppError, ErrorCode } from '../shared/errors'
import type { CommunityDoc } from './data/documents'
import { asGeoPoint } from './data/geo'
import { communitiesByIds } from './data/places'
import type { Caller } from './principal'

/**
 * The place given, else the caller's home, else their community's centre: a search, a service
 * area or a need. `field` is the input to ask for when there is none of these.
 */
export async function placeOrHome(me: Caller, asked: [number, number] | undefined, field: string): Promise<[number, number]> {
  if (asked) return asked
  if (me.person?.location) return asGeoPoint(me.person.location).coordinates
  if (me.home) return asGeoPoint(me.home.centre).coordinates
  throw new AppError(ErrorCode.INVALID_INPUT, '请选择一个地点', field)
}

/**
 * Refuses `point` outside the community's service area: a need placed elsewhere would be offered to
 * another community's organisations while its own committee answers for it.
 */
export function refuseOutsideArea(community: CommunityDoc, point: readonly [number, number], field: string): void {
  if (inCommunityArea({ centre: asGeoPoint(community.centre).coordinates, serviceArea: community.serviceArea }, point)) return
  throw new AppError(
    ErrorCode.OUTSIDE_SERVICE_AREA,
    `这个地点不在${community.name}的服务范围内，请在地图上选${community.name}里的地点；别处的事，请找当地社区`,
    field,
  )
}

/** Communities by id; the caller's own (`home`, read with them, or one an action has read already) is not read again. */
export async function communitiesSeenBy(me: { home?: CommunityDoc | null }, ids: string[]): Promise<Map<string, CommunityDoc>> {
  const { home } = me
  const found = await communitiesByIds(ids.filter((id) => id !== home?._id))
  if (home && ids.includes(home._id)) found.set(home._id, home)
  return found
}
