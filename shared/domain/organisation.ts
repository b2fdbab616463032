/** 社区社会组织: registration (备案), membership and the committee's decisions on them. */
import { z } from 'zod'

export const organisationStatusSchema = z.enum(['pending', 'approved', 'rejected', 'suspended'])
export type OrganisationStatus = z.infer<typeof organisationStatusSchema>

export const organisationStatusLabel: Record<OrganisationStatus, string> = {
  pending: '待审核',
  approved: '已备案',
  rejected: '未通过',
  suspended: '已暂停',
}

/** The 15-minute circle: by default an organisation serves about 1 km around its centre. */
export const DEFAULT_SERVICE_RADIUS_M = 1000
export const MIN_SERVICE_RADIUS_M = 200
export const MAX_SERVICE_RADIUS_M = 5000

/** Which decisions the committee may take from which status. */
const transitions: Record<'approve' | 'reject' | 'suspend' | 'restore', { from: OrganisationStatus; to: OrganisationStatus }> = {
  approve: { from: 'pending', to: 'approved' },
  reject: { from: 'pending', to: 'rejected' },
  suspend: { from: 'approved', to: 'suspended' },
  restore: { from: 'suspended', to: 'approved' },
}
export type OrganisationDecision = keyof typeof transitions

/** The status after `decision`, or null when the decision does not apply to `current`. */
export function statusAfter(current: OrganisationStatus, decision: OrganisationDecision): OrganisationStatus | null {
  const transition = transitions[decision]
  return transition.from === current ? transition.to : null
}

/** Invite codes are read aloud and typed by elderly people: no 0/O, 1/I/L. */
export const INVITE_CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ'
export const INVITE_CODE_LENGTH = 6
export const inviteCodeSchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(new RegExp(`^[${INVITE_CODE_ALPHABET}]{${INVITE_CODE_LENGTH}}$`), '邀请码是 6 位字母或数字')

/** `random` yields numbers in [0, 1); injected so that tests can be deterministic. */
export function newInviteCode(random: () => number): string {
  let code = ''
  for (let i = 0; i < INVITE_CODE_LENGTH; i++) code += INVITE_CODE_ALPHABET[Math.floor(random() * INVITE_CODE_ALPHABET.length)]
  return code
}

/** Wrong invite codes a person may type, over all organisations, before waiting (decision 019). */
export const JOIN_CODE_LIMIT = { attempts: 5, windowMinutes: 10 } as const

/**
 * Whose request to join an organisation may be asked: residents of a community it serves, which is
 * the community whose committee registered it (decision 019).
 */
export function servesCommunity(organisation: { communityId: string }, communityId: string | null | undefined): boolean {
  return organisation.communityId === communityId
}

/** A request to join is the lead's to answer: pending until then, and a decline says why. */
export const joinRequestStatusSchema = z.enum(['pending', 'approved', 'declined'])
export type JoinRequestStatus = z.infer<typeof joinRequestStatusSchema>

/** What an organisation's task counters start from: stored whole, so each count is always there. */
export const NO_TASKS_YET = { offered: 0, accepted: 0, declined: 0, completed: 0 } as const
export type TaskCounters = Record<keyof typeof NO_TASKS_YET, number>

/** How many of the latest offer-to-acceptance times an organisation keeps: bounded, and recent. */
export const RECENT_RESPONSES = 25

/** The median of `values` (the mean of the middle two for an even count), or null for none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
}

/** Organisations per community against the seeds' target (seed 002). */
export function organisationCoverage(approved: number, target: number) {
  return { approved, target, met: approved >= target, shortfall: Math.max(0, target - approved) }
}

/** Pending and rejected applications are not public: only their applicant and their committee see them. */
export function isPublic(status: OrganisationStatus): boolean {
  return status === 'approved' || status === 'suspended'
}

/** An organisation's public page (信息公开), which a message about its profile opens. */
export const PROFILE_PAGE = 'pages/organisations/profile/index'

/** The mini-program page a resident opens (from the QR code or by typing the code) to join. */
export const JOIN_PAGE = 'pages/organisations/join/index'
export const joinScene = (code: string) => `code=${code}`
export const joinPath = (code: string) => `${JOIN_PAGE}?${joinScene(code)}`

type LngLat = readonly [number, number]

/** MongoDB's (and so CloudBase's) spherical earth radius, so distances agree with geoNear's. */
const EARTH_RADIUS_M = 6_378_100

/** Great-circle distance in whole metres. */
export function distanceM(a: LngLat, b: LngLat): number {
  const rad = Math.PI / 180
  const h =
    Math.sin(((b[1] - a[1]) * rad) / 2) ** 2 + Math.cos(a[1] * rad) * Math.cos(b[1] * rad) * Math.sin(((b[0] - a[0]) * rad) / 2) ** 2
  return Math.round(2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h))))
}

/** The distance from an organisation's centre to `point`, or null when its service area does not reach it. */
export function serviceDistance(area: { centre: LngLat; radiusM: number }, point: LngLat): number | null {
  const distance = distanceM(area.centre, point)
  return distance <= area.radiusM ? distance : null
}
