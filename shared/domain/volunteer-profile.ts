/**
 * 志愿者资料: what a volunteer is good at, when they are usually free, how far they will go and
 * whether they take work now; and the order a lead sees members in when assigning (decision 045).
 */
import { inShanghai, shanghaiDayStart } from './time'
import type { HelpKind } from './vocabulary'
import { starLabel, starProgress, type StarGrade } from './volunteer-stars'

/** Free tags beside the help kinds: a few short words, content-checked like other free text. */
export const MAX_TAGS = 5
export const MAX_TAG_LENGTH = 10
export const MAX_PAUSE_REASON_LENGTH = 100

/** Weekdays or weekends, by part of the day. */
export const availabilitySlots = [
  'weekday-morning',
  'weekday-afternoon',
  'weekday-evening',
  'weekend-morning',
  'weekend-afternoon',
  'weekend-evening',
] as const
export type AvailabilitySlot = (typeof availabilitySlots)[number]

export const slotLabel: Record<AvailabilitySlot, string> = {
  'weekday-morning': '工作日上午',
  'weekday-afternoon': '工作日下午',
  'weekday-evening': '工作日晚上',
  'weekend-morning': '周末上午',
  'weekend-afternoon': '周末下午',
  'weekend-evening': '周末晚上',
}

/** How far a volunteer will go from home, in metres. */
export const rangeChoices = [500, 1000, 3000, 5000] as const
export type RangeChoice = (typeof rangeChoices)[number]
export const DEFAULT_RANGE_M: RangeChoice = 1000

export function distanceLabel(metres: number): string {
  return metres < 1000 ? `${metres} 米` : `${Math.round(metres / 100) / 10} 公里`
}

/** The slot a moment falls in, in Shanghai: mornings until noon, afternoons until six. */
export function slotOf(at: Date): AvailabilitySlot {
  const shanghai = inShanghai(at)
  const days = shanghai.day() === 0 || shanghai.day() === 6 ? 'weekend' : 'weekday'
  const hour = shanghai.hour()
  return `${days}-${hour < 12 ? 'morning' : hour < 18 ? 'afternoon' : 'evening'}`
}

export interface Pause {
  /** The last day (YYYY-MM-DD, Shanghai) of the pause; without one, until they switch it off. */
  until?: string
  /** Seen by the volunteer and their organisations' leads only. */
  reason?: string
}

/** Paused at `now`: switched on, and not past its last day. */
export function isPaused(pause: Pause | null | undefined, now: Date): boolean {
  if (!pause) return false
  return pause.until === undefined || now < inShanghai(shanghaiDayStart(pause.until)).add(1, 'day').toDate()
}

export interface VolunteerProfile {
  skills: HelpKind[]
  tags: string[]
  availability: AvailabilitySlot[]
  rangeM: RangeChoice
  paused: Pause | null
}

/** A member as the ranking sees them: the profile they filled in (if any), how far the work is, what they carry. */
export interface Candidate {
  memberId: string
  name: string
  profile: VolunteerProfile | null
  /** From the volunteer's home when it is known, else from the organisation (decision 045); unknown without a place. */
  distanceM?: number
  /** Open tasks: accepted needs they are assigned to, and people they visit. */
  load: number
}

/** What the work wants: its help kind (a visit has none) and when. */
export interface Wanted {
  helpKind?: HelpKind
  at: Date
}

export interface RankedCandidate {
  memberId: string
  name: string
  fits: { skill: boolean; free: boolean; near: boolean }
  load: number
  /** 擅长助餐 · 周末上午有空 · 手上 2 件 */
  reasons: string[]
}

const byName = new Intl.Collator('zh-CN')

/**
 * Members not paused, who fits first: the most of skill, free at the wanted time and near, then
 * the skill itself, then the lightest load, then by name. Paused members are left out: they take
 * no work until they come back.
 */
export function rankCandidates(candidates: readonly Candidate[], wanted: Wanted, now: Date): RankedCandidate[] {
  const slot = slotOf(wanted.at)
  const ranked = candidates
    .filter((c) => !isPaused(c.profile?.paused, now))
    .map((c): RankedCandidate => {
      const profile = c.profile
      const skill = !!profile && wanted.helpKind !== undefined && profile.skills.includes(wanted.helpKind)
      const free = !!profile && profile.availability.includes(slot)
      const near = !!profile && c.distanceM !== undefined && c.distanceM <= profile.rangeM
      const reasons = [
        ...(skill ? [`擅长${wanted.helpKind}`] : []),
        ...(free ? [`${slotLabel[slot]}有空`] : []),
        ...(near ? [`离得近（${distanceLabel(c.distanceM!)}）`] : []),
        ...(profile ? [] : ['还没填志愿者资料']),
        c.load === 0 ? '手上没有任务' : `手上 ${c.load} 件`,
      ]
      return { memberId: c.memberId, name: c.name, fits: { skill, free, near }, load: c.load, reasons }
    })
  const fitCount = (r: RankedCandidate) => Number(r.fits.skill) + Number(r.fits.free) + Number(r.fits.near)
  return ranked.sort(
    (a, b) =>
      fitCount(b) - fitCount(a) ||
      Number(b.fits.skill) - Number(a.fits.skill) ||
      a.load - b.load ||
      byName.compare(a.name, b.name) ||
      a.memberId.localeCompare(b.memberId),
  )
}

/** The volunteer's own page: their profile and their 星级; a new star's message opens it. */
export const VOLUNTEER_PAGE = 'pages/organisations/volunteer/index'

/** Where a volunteer stands, as the profile and the member list show it: 再服务 N 小时 可成为 …. */
export function starsView(countedMinutes: number) {
  const { stars, minutesToNext } = starProgress(countedMinutes)
  return {
    stars,
    label: starLabel(stars),
    countedMinutes,
    ...(minutesToNext === undefined ? {} : { minutesToNext, nextLabel: starLabel((stars + 1) as StarGrade) }),
  }
}
