/** 谁记录谁证明: who recorded a service, by name: an organisation, or the committee of a community. */
import type { IssuerView } from '../../shared/contracts/timebank'
import { issuerName, issuerOf, type ServiceIssuer } from '../../shared/domain/timebank'
import type { CommunityDoc, OrganisationDoc } from '../data/documents'
import { communitiesByIds, organisationsByIds } from '../data/places'

export interface IssuerNames {
  organisations: Map<string, OrganisationDoc>
  communities: Map<string, CommunityDoc>
}

type Recorded = { organisationId?: string; communityId: string }

/** The organisations and committees these records name, read at once. */
export async function issuerNamesOf(records: readonly Recorded[]): Promise<IssuerNames> {
  const issuers = records.map(issuerOf)
  const [organisations, communities] = await Promise.all([
    organisationsByIds(issuers.flatMap((i) => (i.kind === 'organisation' ? [i.organisationId] : []))),
    communitiesByIds(issuers.flatMap((i) => (i.kind === 'committee' ? [i.communityId] : []))),
  ])
  return { organisations, communities }
}

export function issuerView(issuer: ServiceIssuer, names: IssuerNames): IssuerView {
  if (issuer.kind === 'organisation')
    return { kind: 'organisation', id: issuer.organisationId, name: names.organisations.get(issuer.organisationId)?.name ?? '' }
  const community = names.communities.get(issuer.communityId)
  return { kind: 'committee', id: issuer.communityId, name: community ? issuerName(community.name, community.kind) : '' }
}

/** The name of who recorded it: the organisation's, or 某某社区居民委员会. */
export const recordedBy = (record: Recorded, names: IssuerNames) => issuerView(issuerOf(record), names).name
