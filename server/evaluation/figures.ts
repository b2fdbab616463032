/**
 * What the system counted for one organisation in a period: the report's own sources, kept to the
 * organisation's part and counted as the community report counts them, so a work report's figures
 * are the community report's for what this organisation did. Needs and service come from the
 * rollups of the communities it serves (decisions 054, 055), not from a half-year of their needs.
 */
import type { OrganisationFigures } from '../../shared/domain/evaluation'
import { periodRange, type ReportPeriod } from '../../shared/domain/report'
import { activityFigures } from '../../shared/domain/report-figures'
import { serviceByOrganisation } from '../../shared/domain/service-tally'
import { workFigures } from '../../shared/domain/work-tally'
import type { OrganisationDoc } from '../data/documents'
import { summedTally } from '../reports/rollups'
import { activitiesOfPeriod, activityFacts } from '../reports/sources/activities'
import { rolledWork } from '../reports/sources/needs'
import { rolledService } from '../reports/sources/service'

export async function organisationFigures(organisation: OrganisationDoc, period: ReportPeriod): Promise<OrganisationFigures> {
  const id = organisation._id
  const [work, service, activities] = await Promise.all([
    summedTally(rolledWork, organisation.servesCommunityIds, period),
    summedTally(rolledService, organisation.servesCommunityIds, period),
    activitiesOfPeriod([organisation.communityId], periodRange(period)),
  ])
  // A 未解决 takes the acceptance away: the judgements are counted by whose work they judged.
  const { completed, toAcceptance, outcomes } = workFigures(work, id)
  const held = activityFigures(activities.filter((a) => a.activity.organisationId === id).map(activityFacts), period)
  const served = serviceByOrganisation(service).find((row) => row.organisationId === id)
  return {
    needsCompleted: completed,
    medianResponseMinutes: toAcceptance.medianMinutes,
    activitiesHeld: held.held,
    participants: held.participants,
    checkedIn: held.checkedIn,
    volunteerMinutes: served?.minutes ?? 0,
    volunteers: served?.volunteers ?? 0,
    outcomes: { solved: outcomes.solved, partly: outcomes.partly, unsolved: outcomes.unsolved },
  }
}
