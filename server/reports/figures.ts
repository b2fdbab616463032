/**
 * The figures of a community, or of an office's communities together, for a period: gather each
 * source's documents of the period, turn them into facts, and count them as shared/domain/report-figures.ts says.
 */
import type { CommunityFigures, Figures } from '../../shared/contracts/reports'
import { communityKindLabel, organisationTarget } from '../../shared/domain/community'
import { urgencyLabel, outcomeLabel } from '../../shared/domain/need'
import { periodRange, type ReportPeriod } from '../../shared/domain/report'
import { dayOf, emptyTally, mergeTallies, tallyFigures, tallyPlaces, tallyTrend, type NeedTally } from '../../shared/domain/need-tally'
import { monthRange } from '../../shared/domain/time'
import { emptyVisitTally, mergeVisitTallies, visitsOfTally, type VisitTally } from '../../shared/domain/visit-tally'
import {
  activityFigures,
  approvedWhenEnded,
  monthsOf,
  organisationFigures,
  reportOutcomes,
  visitRatesOf,
} from '../../shared/domain/report-figures'
import { emptyServiceTally, mergeServiceTallies, serviceTallyFigures, type ServiceTally } from '../../shared/domain/service-tally'
import { percentLabel } from '../../shared/domain/care'
import { deliberationFigures } from '../../shared/domain/deliberation'
import type { CareEntryDoc, CommunityDoc, OrganisationDoc, ServiceRecordDoc, SurveyDoc, TopicDoc } from '../data/documents'
import { surveysRunIn } from '../data/surveys'
import { surveyFigures } from './sources/surveys'
import { topicsDeliberatedIn } from '../data/deliberation'
import { needsListed, type NeedForFigures } from '../data/needs'
import { organisationsOfCommunities, sortedForRegistry } from '../data/organisations'
import { serviceListed } from '../data/service-records'
import { activitiesOfPeriod, activityFacts, type HeldActivity } from './sources/activities'
import { wholeRegisterOf } from '../data/care'
import { registerFacts, rolledVisits } from './sources/care'
import { talliesOf } from './rollups'
import { rolledNeeds } from './sources/needs'
import { organisationFacts } from './sources/organisations'
import { rolledService } from './sources/service'

/** A community's documents behind its figures for one period; the export lists them too. */
export interface CommunityReportData {
  community: CommunityDoc
  /** Its needs counted by day (docs/decisions/040). */
  needs: NeedTally
  /** The needs the committee's export lists: the latest LISTED_NEEDS with a moment in the period. */
  listed: NeedForFigures[]
  organisations: OrganisationDoc[]
  /** Its service counted by day (docs/decisions/054). */
  service: ServiceTally
  /** The service records the committee's export lists: the latest LISTED_SERVICE served in the period. */
  serviceListed: ServiceRecordDoc[]
  activities: HeldActivity[]
  /**
   * The whole register (the withdrawn too: they count for the months before) and the visits of the
   * whole calendar months the period touches, counted by month (docs/decisions/054).
   */
  care: { register: CareEntryDoc[]; visits: VisitTally }
  /** 需求调查 whose days touch the period. */
  surveys: SurveyDoc[]
  /** Topics opened or decided in the period (decision 050). */
  topics: TopicDoc[]
}

/** The most needs the committee's export lists: the export reads a year of rollups, not a year of needs. */
export const LISTED_NEEDS = 300
/** The most service records the committee's export lists, the latest served. */
export const LISTED_SERVICE = 300

/** What a report reads from rollups, per community: its needs and its service counted by day. */
export interface RolledTallies {
  needs: ReadonlyMap<string, NeedTally>
  service: ReadonlyMap<string, ServiceTally>
  /** Of the whole calendar months the period touches: the visit rate is a month's. */
  visits: ReadonlyMap<string, VisitTally>
}

/** The communities' tallies from the rollups of `scope`: a community's own, or its office's. */
export async function rolledTallies(
  scope: 'community' | 'office',
  scopeId: string,
  communityIds: string[],
  period: ReportPeriod,
): Promise<RolledTallies> {
  const months = monthsOf(period)
  const wholeMonths = { from: `${months[0]}-01`, to: dayOf(new Date(monthRange(months[months.length - 1]).end.getTime() - 1)) }
  const [needs, service, visits] = await Promise.all([
    talliesOf(rolledNeeds, scope, scopeId, communityIds, period),
    talliesOf(rolledService, scope, scopeId, communityIds, period),
    talliesOf(rolledVisits, scope, scopeId, communityIds, wholeMonths),
  ])
  return { needs, service, visits }
}

/** A community's data for the period, from its own rollups; what the committee's export lists only with `list`. */
export async function gatherCommunity(community: CommunityDoc, period: ReportPeriod, list: boolean): Promise<CommunityReportData> {
  const range = periodRange(period)
  const [listed, serviceOfList, [data]] = await Promise.all([
    list ? needsListed(community._id, range, LISTED_NEEDS) : [],
    list ? serviceListed(community._id, range, LISTED_SERVICE) : [],
    gatherCommunities([community], period, rolledTallies('community', community._id, [community._id], period)),
  ])
  return { ...data, listed, serviceListed: serviceOfList }
}

/**
 * The communities' data for the period with their tallies as they come (their own rollups or an
 * office's, read meanwhile), each other source read once for all of them: an office's 200
 * communities are a few reads, not a thousand.
 */
export async function gatherCommunities(
  communities: readonly CommunityDoc[],
  period: ReportPeriod,
  rolled: Promise<RolledTallies>,
): Promise<CommunityReportData[]> {
  const ids = communities.map((c) => c._id)
  const range = periodRange(period)
  const [tallies, organisations, activities, register, surveys, topics] = await Promise.all([
    rolled,
    organisationsOfCommunities(ids),
    activitiesOfPeriod(ids, range),
    wholeRegisterOf(ids),
    surveysRunIn(ids, period.from, period.to),
    topicsDeliberatedIn(ids, range),
  ])
  const of = <T extends { communityId: string }>(list: readonly T[], id: string) => list.filter((item) => item.communityId === id)
  return communities.map((community) => ({
    community,
    needs: tallies.needs.get(community._id) ?? emptyTally(),
    listed: [],
    organisations: sortedForRegistry(of(organisations, community._id)),
    service: tallies.service.get(community._id) ?? emptyServiceTally(),
    serviceListed: [],
    activities: activities.filter((held) => held.activity.communityId === community._id),
    care: { register: of(register, community._id), visits: tallies.visits.get(community._id) ?? emptyVisitTally() },
    surveys: of(surveys, community._id),
    topics: of(topics, community._id),
  }))
}

/** The figures of one or more communities taken together. */
export function figuresOf(parts: readonly CommunityReportData[], period: ReportPeriod): Figures {
  const needs = mergeTallies(parts.map((p) => p.needs))
  const organisations = parts.flatMap((p) => p.organisations)
  const target = parts.reduce((sum, p) => sum + organisationTarget[p.community.kind], 0)
  const counted = tallyFigures(needs)
  const approved = approvedWhenEnded(
    organisations.map((o) => ({ ...organisationFacts(o), organisation: o })),
    period,
  ).map(({ organisation }) => organisation)
  return {
    needs: {
      ...counted,
      byUrgency: counted.byUrgency.map((row) => ({ ...row, label: urgencyLabel[row.urgency] })),
      outcomes: reportOutcomes.map((outcome) => ({ outcome, label: outcomeLabel[outcome], count: counted.outcomes[outcome] })),
    },
    organisations: organisationFigures(organisations.map(organisationFacts), target, period),
    service: serviceTallyFigures(mergeServiceTallies(parts.map((p) => p.service))),
    activities: activityFigures(
      parts.flatMap((p) => p.activities.map(activityFacts)),
      period,
    ),
    visits: visitRatesOf(
      period,
      parts.flatMap((p) => p.care.register.map(registerFacts)),
      visitsOfTally(mergeVisitTallies(parts.map((p) => p.care.visits))),
    ).map((month) => ({ ...month, rateLabel: percentLabel(month.rate) })),
    surveys: surveyFigures(
      parts.flatMap((p) => p.surveys),
      approved,
    ),
    deliberation: deliberationFigures(
      parts.flatMap((p) => p.topics),
      periodRange(period),
    ),
    trend: tallyTrend(needs, period).map((week) => ({ ...week, from: week.from.toISOString() })),
    map: {
      needs: tallyPlaces(needs),
      organisations: approved.map((organisation) => ({
        organisationId: organisation._id,
        name: organisation.name,
        centre: organisation.serviceArea.centre.coordinates,
      })),
    },
  }
}

export function communityRef(community: CommunityDoc): CommunityFigures['community'] {
  return { communityId: community._id, name: community.name, kind: community.kind, kindLabel: communityKindLabel[community.kind] }
}
