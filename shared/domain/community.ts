import { distanceM } from './organisation'

/** 城市社区 / 农村社区: the seeds set different organisation targets for each (seed 002). */
export const CommunityKind = { urban: 'urban', rural: 'rural' } as const
export type CommunityKind = (typeof CommunityKind)[keyof typeof CommunityKind]

export const communityKindLabel: Record<CommunityKind, string> = {
  urban: '城市社区',
  rural: '农村社区',
}

/** At least 10 organisations in an urban community, at least 3 in a rural one (seed 002). */
export const organisationTarget: Record<CommunityKind, number> = { urban: 10, rural: 3 }

type LngLat = readonly [number, number]

/**
 * 服务范围: where a community's needs may be placed (GCJ-02, docs/decisions/006). An outline for an
 * urban community bounded by roads; a radius around its centre for a village, whose fields and
 * hamlets no road encloses.
 */
export type CommunityArea = { kind: 'outline'; outline: LngLat[] } | { kind: 'radius'; radiusM: number }

/**
 * Whether `point` lies inside the outline: a ray cast east from the point crosses the edges an odd
 * number of times. Longitude and latitude are taken as flat, which is exact enough across a community.
 */
export function insideOutline(outline: readonly LngLat[], point: LngLat): boolean {
  const [x, y] = point
  let inside = false
  for (let i = 0, j = outline.length - 1; i < outline.length; j = i++) {
    const [xi, yi] = outline[i]
    const [xj, yj] = outline[j]
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside
  }
  return inside
}

/** Whether `point` lies in the community's service area (a radius is measured from its centre). */
export function inCommunityArea(community: { centre: LngLat; serviceArea: CommunityArea }, point: LngLat): boolean {
  const area = community.serviceArea
  return area.kind === 'outline' ? insideOutline(area.outline, point) : distanceM(community.centre, point) <= area.radiusM
}
