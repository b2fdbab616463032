/**
 * What the system counted for one organisation in a period: the report's own sources, kept to the
 * organisation's part and counted by the same functions (shared/domain/report-figures.ts), so a work
 * report's figures are the community report's for what this organisation did.
 */
import type { OrganisationFigures } from '../../shared/domain/evaluation'
import { periodRange, type ReportPeriod } from '../../shared/domain/report'
import { activityFigures, needFigures, serviceFigures } from '../../shared/domain/report-figures'
import type { OrganisationDoc } from '../data/documents'
import { needsForFigures } from '../data/needs'
import { serviceRecordsIn } from '../data/service-records'
import { activitiesOfPeriod, activityFacts } from '../reports/sources/activities'
import { needFacts } from '../reports/sources/needs'
import { serviceFacts } from '../reports/sources/service'

export async function organisationFigures(organisation: OrganisationDoc, period: ReportPeriod): Promise<OrganisationFigures> {
  const range = periodRange(period)
  const id = organisation._id
  const [needs, service, activities] = await Promise.all([
    needsForFigures(organisation.servesCommunityIds, range),
    serviceRecordsIn(organisation.servesCommunityIds, range),
    activitiesOfPeriod([organisation.communityId], range),
  ])
  const carried = needFigures(needs.filter((n) => n.acceptedBy?.organisationId === id).map(needFacts), period)
  // A 未解决 takes the acceptance away: the judgements are found by whose work they judged.
  const { outcomes } = needFigures(needs.filter((n) => n.outcome?.organisationId === id).map(needFacts), period)
  const held = activityFigures(activities.filter((a) => a.activity.organisationId === id).map(activityFacts), period)
  const served = serviceFigures(service.filter((r) => r.organisationId === id).map(serviceFacts), period)
  return {
    needsCompleted: carried.completed,
    medianResponseMinutes: carried.toAcceptance.medianMinutes,
    activitiesHeld: held.held,
    participants: held.participants,
    checkedIn: held.checkedIn,
    volunteerMinutes: served.minutes,
    volunteers: served.volunteers,
    outcomes: { solved: outcomes.solved, partly: outcomes.partly, unsolved: outcomes.unsolved },
  }
}
