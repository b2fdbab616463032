/**
 * 志愿者资料 (decision 045): the volunteer's own profile and 星级, and the members a lead or the
 * committee chooses from when assigning a need or pairing a visit, the best fitting first.
 */
import type { Candidate, OrganisationsContract, VolunteerProfileView } from '../../shared/contracts/organisations'
import { distanceM } from '../../shared/domain/organisation'
import { shanghaiDay } from '../../shared/domain/timebank'
import { DEFAULT_RANGE_M, isPaused, rankCandidates, starsView, type Wanted } from '../../shared/domain/volunteer-profile'
import { AppError, ErrorCode } from '../../shared/errors'
import { careEntryById, pairedEntryCounts } from '../data/care'
import type { GeoPoint, RoleDoc, VolunteerDoc } from '../data/documents'
import { asGeoPoint } from '../data/geo'
import { membersOf } from '../data/memberships'
import { assignedTaskCounts, needById } from '../data/needs'
import { peopleByOpenids } from '../data/residents'
import { saveProfile as storeProfile, volunteerOf, volunteersOf } from '../data/volunteers'
import type { ActionImplementations } from '../handler'
import { sitsOnCommitteeOf } from '../principal'
import { authoriseOverOrganisation } from '../scopes'
import { refuseFlagged } from '../wechat'

type Action<A extends keyof OrganisationsContract['actions']> = ActionImplementations<OrganisationsContract>[A]

function profileView(volunteer: VolunteerDoc | null, now: Date): VolunteerProfileView {
  const profile = volunteer?.profile
  return {
    profile: profile
      ? { skills: profile.skills, tags: profile.tags, availability: profile.availability, rangeM: profile.rangeM, paused: profile.paused }
      : { skills: [], tags: [], availability: [], rangeM: DEFAULT_RANGE_M, paused: null },
    filledIn: !!profile,
    pausedNow: isPaused(profile?.paused, now),
    stars: starsView(volunteer?.countedMinutes ?? 0),
  }
}

export const myProfile: Action<'myProfile'> = async ({ caller, now }) => {
  const me = await caller()
  return profileView(await volunteerOf(me.openid), now)
}

export const saveProfile: Action<'saveProfile'> = async ({ caller, input, now }) => {
  const me = await caller()
  const { paused } = input
  if (paused?.until !== undefined && paused.until < shanghaiDay(now)) {
    throw new AppError(ErrorCode.INVALID_INPUT, '暂停到哪天不能早于今天', 'data.paused.until')
  }
  // 1 资料: tags and the pause's reason are the volunteer's own words, checked like any profile text.
  await refuseFlagged(
    me.openid,
    { ...Object.fromEntries(input.tags.map((tag, i) => [`tags.${i}`, tag])), 'paused.reason': paused?.reason },
    1,
  )
  const profile = {
    skills: input.skills,
    tags: input.tags,
    availability: input.availability,
    rangeM: input.rangeM,
    paused: paused ? { ...(paused.until ? { until: paused.until } : {}), ...(paused.reason ? { reason: paused.reason } : {}) } : null,
    updatedAt: now,
  }
  await storeProfile(me.openid, profile)
  return profileView(
    { _id: me.openid, openid: me.openid, profile, countedMinutes: (await volunteerOf(me.openid))?.countedMinutes ?? 0 },
    now,
  )
}

/** Open tasks per person: accepted needs assigned to them, and people they visit. */
async function loadsOf(openids: string[]): Promise<Map<string, number>> {
  const [tasks, visits] = await Promise.all([assignedTaskCounts(openids), pairedEntryCounts(openids)])
  return new Map(openids.map((openid) => [openid, (tasks.get(openid) ?? 0) + (visits.get(openid) ?? 0)]))
}

/**
 * What the work wants and how far it is from each member: from their home when they gave one,
 * else from where the organisation measured it (decision 045).
 */
interface Work {
  wanted: Wanted
  place?: GeoPoint
  fromOrganisationM?: number
}

export const candidates: Action<'candidates'> = async (context) => {
  const { input, now } = context
  const { organisation } = await authoriseOverOrganisation(context, input.organisationId)
  let work: Work = { wanted: { at: now } }
  if (input.needId) {
    const need = await needById(input.needId)
    if (need?.acceptedBy?.organisationId !== organisation._id || need.takenDown) {
      throw new AppError(ErrorCode.NOT_FOUND, '没有找到这条求助', 'data.needId')
    }
    work = {
      wanted: { helpKind: need.helpKind, at: need.wantedBy ? new Date(need.wantedBy) : now },
      place: need.location,
      fromOrganisationM: need.acceptedBy.distanceM,
    }
  } else if (input.careEntryId) {
    // Pairing is the committee's (care.pair): only it ranks members for a person on its own register,
    // and refuses every other entry alike, so that nobody learns who is on a register.
    const entry = await careEntryById(input.careEntryId)
    if (!entry || entry.communityId !== organisation.communityId || !sitsOnCommitteeOf(await context.caller(), entry.communityId)) {
      throw new AppError(ErrorCode.FORBIDDEN, '没有找到这位关爱对象，或你没有权限查看', 'data.careEntryId')
    }
    work = {
      wanted: { at: entry.nextDueAt ? new Date(entry.nextDueAt) : now },
      place: entry.location,
      fromOrganisationM: distanceM(organisation.serviceArea.centre.coordinates, entry.location.coordinates),
    }
  }
  const roles = await membersOf(organisation._id)
  const openids = roles.map((r) => r.openid)
  const [people, volunteers, loads] = await Promise.all([peopleByOpenids(openids), volunteersOf(openids), loadsOf(openids)])
  const roleOf = new Map<string, RoleDoc>(roles.map((r) => [r._id, r]))
  const ranked = rankCandidates(
    roles.map((r) => {
      const home = people.get(r.openid)?.location
      const distance = work.place && home ? distanceM(asGeoPoint(home).coordinates, work.place.coordinates) : work.fromOrganisationM
      return {
        memberId: r._id,
        name: people.get(r.openid)?.name ?? '',
        profile: volunteers.get(r.openid)?.profile ?? null,
        ...(distance === undefined ? {} : { distanceM: distance }),
        load: loads.get(r.openid) ?? 0,
      }
    }),
    work.wanted,
    now,
  )
  return {
    candidates: ranked.map((c): Candidate => {
      const role = roleOf.get(c.memberId)!
      return { ...c, role: role.role as Candidate['role'], stars: starsView(volunteers.get(role.openid)?.countedMinutes ?? 0) }
    }),
    pausedCount: roles.length - ranked.length,
  }
}

/**
 * Refuses assigning a paused member, naming their place in `memberIds` (the input as sent), unless
 * they already carry this work: taking someone else off must not fail for them.
 */
export async function refusePaused(
  members: readonly RoleDoc[],
  memberIds: readonly string[],
  field: string,
  alreadyOn: readonly string[],
  now: Date,
): Promise<void> {
  const volunteers = await volunteersOf(members.map((m) => m.openid))
  const paused = members.find((m) => !alreadyOn.includes(m._id) && isPaused(volunteers.get(m.openid)?.profile?.paused, now))
  if (paused) throw new AppError(ErrorCode.CONFLICT, '这位志愿者暂停接单了，请另选一位', `${field}.${memberIds.indexOf(paused._id)}`)
}
