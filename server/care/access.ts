/**
 * Who may see a person on the care register (docs/decisions/011). The committee of the entry's
 * community sees all of it; a paired volunteer, or the lead of the paired organisation, sees what a
 * visit needs. Nobody else can tell the entry exists: every refusal answers the same whether it does
 * or not.
 */
import { AppError, ErrorCode } from '../../shared/errors'
import { careEntryById } from '../data/care'
import type { CareEntryDoc, CommunityDoc } from '../data/documents'
import { rolesByIds } from '../data/memberships'
import { organisationsByIds } from '../data/places'
import type { ActionContext } from '../handler'
import { sitsOnCommitteeOf, type Caller } from '../principal'
import { authoriseOverCommunity } from '../scopes'

/**
 * The committee's actions on an entry: an id that does not exist and an entry of another community
 * get this same FORBIDDEN, as a community-scoped action does for another community, so that probing
 * ids tells nobody whether someone is on a register.
 */
const notYours = () => new AppError(ErrorCode.FORBIDDEN, '没有找到这位关爱对象，或你没有权限查看')

/** A paired person's actions: anything not paired with them answers as an id that does not exist. */
export const notPaired = () => new AppError(ErrorCode.NOT_FOUND, '没有找到这位关爱对象')

/** The entry, after authorising the caller as the committee of its community. */
export async function entryOfCommittee(
  context: ActionContext<unknown>,
  entryId: string,
): Promise<{ entry: CareEntryDoc; community: CommunityDoc }> {
  const entry = await careEntryById(entryId)
  if (!entry || !sitsOnCommitteeOf(await context.caller(), entry.communityId)) throw notYours()
  return { entry, community: await authoriseOverCommunity(context, entry.communityId) }
}

/**
 * Whether the caller is paired with an active entry: through one of their own member ids (a role
 * they still hold: someone who left the organisation no longer sees the person), or as the lead
 * of the paired organisation.
 */
export function isPairedWith(caller: Caller, entry: CareEntryDoc): boolean {
  if (!entry.active) return false
  const memberIds = new Set(caller.roles.map((r) => r._id))
  if (entry.pairing.volunteers.some((v) => memberIds.has(v.memberId))) return true
  const organisationId = entry.pairing.organisationId
  return organisationId !== undefined && caller.grants.some((g) => g.role === 'organisation_lead' && g.organisationId === organisationId)
}

export async function entryPairedWith(caller: Caller, entryId: string): Promise<CareEntryDoc> {
  const entry = await careEntryById(entryId)
  if (!entry || !isPairedWith(caller, entry)) throw notPaired()
  return entry
}

/** Everyone paired with an entry now: the volunteers who still hold their member id, and the organisation's lead. */
export async function pairedOpenids(entry: CareEntryDoc): Promise<string[]> {
  const { organisationId, volunteers } = entry.pairing
  const [roles, organisations] = await Promise.all([
    rolesByIds(volunteers.map((v) => v.memberId)),
    organisationsByIds(organisationId ? [organisationId] : []),
  ])
  const lead = organisationId ? organisations.get(organisationId)?.leadOpenid : undefined
  return [...new Set([...roles.map((r) => r.openid), ...(lead ? [lead] : [])])]
}
