/** How organisations are shown: the public summary and profile, built from the stored documents. */
import type { OrganisationProfile, OrganisationSummary } from '../../shared/contracts/organisations'
import { organisationStatusLabel } from '../../shared/domain/organisation'
import type { OrganisationDoc } from '../data/documents'
import { asGeoPoint } from '../data/geo'
import { memberCounts } from '../data/memberships'
import { communitiesByIds } from '../data/places'
import type { Principal } from '../../shared/domain/permissions'
import { takenDownView } from '../moderation/views'
import { sitsOnCommitteeOf } from '../principal'

export const isoOrNull = (date: Date | undefined) => (date ? new Date(date).toISOString() : null)

/** Summaries in the order given, with community names and member counts in two round trips. */
export async function summarise(organisations: OrganisationDoc[], distances?: Map<string, number>): Promise<OrganisationSummary[]> {
  const [communities, counts] = await Promise.all([
    communitiesByIds(organisations.map((o) => o.communityId)),
    memberCounts(organisations.map((o) => o._id)),
  ])
  return organisations.map((o) => {
    const distanceM = distances?.get(o._id)
    return {
      id: o._id,
      name: o.name,
      kind: o.kind,
      helpKinds: o.helpKinds,
      // Lists show no taken-down text to anyone; the profile shows it to those who may read it.
      description: o.takenDown ? '' : o.description,
      status: o.status,
      statusLabel: organisationStatusLabel[o.status],
      communityId: o.communityId,
      communityName: communities.get(o.communityId)?.name ?? '',
      // Read through places.ts too, which hands back the SDK's Geo.Point.
      serviceArea: { centre: asGeoPoint(o.serviceArea.centre).coordinates, radiusM: o.serviceArea.radiusM },
      memberCount: counts.get(o._id) ?? 0,
      ...(distanceM === undefined ? {} : { distanceM }),
    }
  })
}

export async function summariseOne(organisation: OrganisationDoc): Promise<OrganisationSummary> {
  const [summary] = await summarise([organisation])
  return summary
}

/** Its lead and its community's committee: they read taken-down profile text, and why. */
const readsTakenDown = (o: OrganisationDoc, viewer: Principal) => o.leadOpenid === viewer.openid || sitsOnCommitteeOf(viewer, o.communityId)

/** 信息公开: the summary with the charter, public phone and what the organisation has done, as `viewer` may read it. */
export async function profiles(organisations: OrganisationDoc[], viewer: Principal): Promise<OrganisationProfile[]> {
  const summaries = await summarise(organisations)
  return organisations.map((o, i) => ({
    ...summaries[i],
    ...(o.takenDown && readsTakenDown(o, viewer)
      ? { description: o.description, charterSummary: o.charterSummary, takenDown: takenDownView(o.takenDown) }
      : { charterSummary: o.takenDown ? '' : o.charterSummary }),
    contactPhone: o.contactPhone,
    approvedAt: isoOrNull(o.approvedAt),
    tasksCompleted: o.taskCounters?.completed ?? 0,
    activitiesHeld: o.activitiesHeld ?? 0,
    rating: {
      average: o.rating && o.rating.count > 0 ? Math.round((o.rating.sum / o.rating.count) * 10) / 10 : null,
      count: o.rating?.count ?? 0,
    },
  }))
}
