/** Who may see how much of a need, decided from the caller's relation to it. */
import { AppError, ErrorCode } from '../../shared/errors'
import type { NeedDoc } from '../data/documents'
import { isLinkedRelative } from '../data/family'
import { needById, openOfferOf } from '../data/needs'
import { sitsOnCommitteeOf, type Caller } from '../principal'
import type { Access } from './views'

export const needNotFound = () => new AppError(ErrorCode.NOT_FOUND, '没有这条求助')

export async function loadNeed(needId: string): Promise<NeedDoc> {
  const need = await needById(needId)
  if (!need) throw needNotFound()
  return need
}

/** The organisations the caller leads, or belongs to as lead or volunteer. */
const organisationsOf = (caller: Caller, roles: readonly string[]) =>
  caller.grants.flatMap((g) => ('organisationId' in g && roles.includes(g.role) ? [g.organisationId] : []))

/** The lead of the accepting organisation, or a member of it assigned to the need. */
export function carriesOut(caller: Caller, need: NeedDoc, organisationId: string): boolean {
  if (organisationsOf(caller, ['organisation_lead']).includes(organisationId)) return true
  return organisationsOf(caller, ['volunteer']).includes(organisationId) && need.volunteers.some((v) => v.openid === caller.openid)
}

export interface NeedAccess {
  access: Access
  /** The organisation the caller sees it as, when they do (audit and distance). */
  organisationId?: string
  distanceM?: number
}

/**
 * Full: the requester (who also reported it for a neighbour), a relative linked to the requester (both
 * confirmed, server/residents/family.ts), the committee of its community, and
 * of the organisation that accepted it the lead and the volunteers assigned to it (who see who and
 * where only while it is open: views.ts). Limited: the lead of an organisation it is offered to
 * now. Anyone else, other members included: null, answered as if it did not exist.
 */
export async function accessTo(caller: Caller, need: NeedDoc): Promise<NeedAccess | null> {
  if (need.requesterOpenid === caller.openid || sitsOnCommitteeOf(caller, need.communityId)) return { access: 'full' }
  // Flagged, hidden or taken-down content is shown to nobody else but a relative.
  const shown = !(need.status === 'review' || need.status === 'hidden' || need.takenDown)
  const accepted = need.acceptedBy
  if (shown && accepted && carriesOut(caller, need, accepted.organisationId)) {
    return { access: 'full', organisationId: accepted.organisationId, distanceM: accepted.distanceM }
  }
  // After the checks that need no read: those carrying the task out open it most.
  if (await isLinkedRelative(caller.openid, need.requesterOpenid)) return { access: 'full' }
  if (!shown || need.status !== 'matching') return null
  for (const organisationId of organisationsOf(caller, ['organisation_lead'])) {
    const offer = await openOfferOf(need._id, organisationId)
    if (offer) return { access: 'limited', organisationId, distanceM: offer.distanceM }
  }
  return null
}
