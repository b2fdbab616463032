/** 社区社会组织 as a source of the report: the facts behind the target figure, and applications waiting for a decision. */
import type { OrganisationFacts } from '../../../shared/domain/report-figures'
import { applicationsPath } from '../../../shared/domain/workbench'
import type { OrganisationDoc } from '../../data/documents'
import { pendingOf, statusCounts } from '../../data/organisations'
import { waitingItem, type WaitingSource } from '../waiting-item'

export function organisationFacts(organisation: OrganisationDoc): OrganisationFacts {
  return {
    status: organisation.status,
    approvedAt: organisation.approvedAt ? new Date(organisation.approvedAt) : null,
    decision: organisation.decision ? { decision: organisation.decision.decision, at: new Date(organisation.decision.at) } : null,
  }
}

/** Applications to register (备案), oldest first. */
export async function waitingOrganisations(communityId: string, now: Date): Promise<WaitingSource> {
  const [pending, counts] = await Promise.all([pendingOf(communityId), statusCounts([communityId])])
  return {
    items: pending.map((organisation) =>
      waitingItem(now, {
        kind: 'organisation',
        id: organisation._id,
        title: organisation.name,
        detail: organisation.kind,
        since: new Date(organisation.createdAt),
        page: applicationsPath(communityId),
      }),
    ),
    counts: { organisation: counts.get(communityId)!.pending },
  }
}
