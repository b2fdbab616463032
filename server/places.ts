/** Where a caller means when they send no place (docs/decisions/006: the browser demo never asks the browser). */
import { AppError, ErrorCode } from '../shared/errors'
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
  const community = me.person?.communityId ? (await communitiesByIds([me.person.communityId])).get(me.person.communityId) : undefined
  if (community) return asGeoPoint(community.centre).coordinates
  throw new AppError(ErrorCode.INVALID_INPUT, '请选择一个地点', field)
}
