import { z } from 'zod'
import { lngLatSchema, phoneSchema, textSchema } from './fields'
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

/** How far a community's service area reaches from its centre, when the office gives no outline. */
export const RADIUS_LIMITS_M = { min: 100, max: 10_000 } as const

/** A first guess the office may change: a few blocks in town, a village's hamlets in the country. */
export const defaultRadiusM: Record<CommunityKind, number> = { urban: 600, rural: 1500 }

export const communityKindSchema = z.enum(['urban', 'rural'])

export const radiusSchema = z
  .number()
  .int('服务半径请填整数米')
  .min(RADIUS_LIMITS_M.min, `服务半径至少 ${RADIUS_LIMITS_M.min} 米`)
  .max(RADIUS_LIMITS_M.max, `服务半径最多 ${RADIUS_LIMITS_M.max} 米`)

export const communityAreaSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('radius'), radiusM: radiusSchema }),
  z.strictObject({
    kind: z.literal('outline'),
    outline: z.array(lngLatSchema).min(3, '边界至少要有 3 个点').max(200, '边界最多 200 个点'),
  }),
])

/** What civil affairs tells about a new community; the city and district are its office's (decision 034). */
export const newCommunityFields = {
  name: textSchema(30),
  kind: communityKindSchema,
  /** 街道 or 镇 */
  street: textSchema(30),
  centre: lngLatSchema,
  serviceArea: communityAreaSchema,
  committeePhone: phoneSchema,
}
export const newCommunitySchema = z.strictObject(newCommunityFields)
export type NewCommunity = z.infer<typeof newCommunitySchema>

/** 辖区面积 in km² (two decimals) of the service area: the circle, or the outline taken flat around the centre. */
export function areaKm2Of(centre: LngLat, area: CommunityArea): number {
  const m2 =
    area.kind === 'radius'
      ? Math.PI * area.radiusM ** 2
      : Math.abs(
          area.outline
            .map((p) => metresFrom(centre, p))
            .reduce((sum, [x, y], i, points) => {
              const [nx, ny] = points[(i + 1) % points.length]
              return sum + x * ny - nx * y
            }, 0) / 2,
        )
  return Math.round(m2 / 10_000) / 100
}

/** East and north of `origin`, in metres: flat enough across a community. */
function metresFrom(origin: LngLat, point: LngLat): [number, number] {
  const perDegree = 111_320
  return [(point[0] - origin[0]) * perDegree * Math.cos((origin[1] * Math.PI) / 180), (point[1] - origin[1]) * perDegree]
}
