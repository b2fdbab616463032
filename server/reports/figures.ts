/**
 * The figures of a community, or of an office's communities together, for a period: gather each
 * source's documents of the period, turn them into facts, and count them as shared/domain/report-figures.ts says.
 */
import type { CommunityFigures, Figures } from '../../shared/contracts/reports'
import { communityKindLabel, organisationTarget } from '../../shared/domain/community'
import { urgencyLabel, outcomeLabel } from '../../shared/domain/need'
import { periodRange, type ReportPeriod } from '../../shared/domain/report'
import {
  approvedWhenEnded,
  needFigures,
  needPlaces,
  organisationFigures,
  reportOutcomes,
  serviceFigures,
  weeklyTrend,
} from '../../shared/domain/report-figures'
import type { CommunityDoc, OrganisationDoc, ServiceRecordDoc } from '../data/documents'
import { needsForFigures, type NeedForFigures } from '../data/needs'
import { organisationsOf } from '../data/organisations'
import { serviceRecordsIn } from '../data/service-records'
import { needFacts } from './sources/needs'
import { organisationFacts } from './sources/organisations'
import { serviceFacts } from './sources/service'

/** A community's documents behind its figures for one period; the export lists them too. */
export interface CommunityReportData {
  community: CommunityDoc
  needs: NeedForFigures[]
  organisations: OrganisationDoc[]
  service: ServiceRecordDoc[]
}

export async function gatherCommunity(community: CommunityDoc, period: ReportPeriod): Promise<CommunityReportData> {
  const range = periodRange(period)
  const [needs, organisations, service] = await Promise.all([
    needsForFigures(community._id, range),
    organisationsOf(community._id, undefined),
    serviceRecordsIn(community._id, range),
  ])
  return { community, needs, organisations, service }
}

/** The figures of one or more communities taken together. */
export function figuresOf(parts: readonly CommunityReportData[], period: ReportPeriod): Figures {
  const needs = parts.flatMap((p) => p.needs.map(needFacts))
  const organisations = parts.flatMap((p) => p.organisations)
  const target = parts.reduce((sum, p) => sum + organisationTarget[p.community.kind], 0)
  const counted = needFigures(needs, period)
  return {
    needs: {
      ...counted,
      byUrgency: counted.byUrgency.map((row) => ({ ...row, label: urgencyLabel[row.urgency] })),
      outcomes: reportOutcomes.map((outcome) => ({ outcome, label: outcomeLabel[outcome], count: counted.outcomes[outcome] })),
    },
    organisations: organisationFigures(organisations.map(organisationFacts), target, period),
    service: serviceFigures(parts.flatMap((p) => p.service.map(serviceFacts)), period),
    trend: weeklyTrend(needs, period).map((week) => ({ ...week, from: week.from.toISOString() })),
    map: {
      needs: needPlaces(needs, period),
      organisations: approvedWhenEnded(
        organisations.map((o) => ({ ...organisationFacts(o), organisation: o })),
        period,
      ).map(({ organisation }) => ({
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
