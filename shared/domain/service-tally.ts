/**
 * 志愿服务时长 as sums over days (docs/decisions/054), as need-tally.ts does for the needs: a service
 * record counts on the Shanghai day it was served, so a period's service figures are the sum of its
 * days' tallies. Distinct volunteers cannot be summed as numbers, so a tally keeps each volunteer
 * with how many records they have in it: merging adds the counts, taking a record out lowers them.
 * Pure and JSON-shaped: tallies are stored as they are.
 */
import type { ServiceFacts, ServiceFigures } from './report-figures'
import { dayOf } from './need-tally'
import type { ServiceKind } from './timebank'

/** What one record adds to the day it was served: nothing while none of it counts. */
export interface ServiceMark {
  day: string
  minutes: number
  kind: ServiceKind
  openid: string
  /** The organisation that recorded it; absent on a visit the committee issues. */
  organisationId?: string
}

/** Records and minutes per volunteer: the distinct volunteers are its keys. */
type Volunteers = Record<string, [records: number, minutes: number]>

export interface ServiceTally {
  /** Minutes per kind of service. */
  byKind: Partial<Record<ServiceKind, number>>
  volunteers: Volunteers
  /** Per organisation, its volunteers: what civil affairs' export lists, with no one's name. */
  organisations: Record<string, Volunteers>
}

export const emptyServiceTally = (): ServiceTally => ({ byKind: {}, volunteers: {}, organisations: {} })

/** A record's mark: on its day, if any of it counts as service hours. */
export function serviceMarksOf(record: ServiceFacts): ServiceMark[] {
  if (record.countedMinutes <= 0) return []
  return [
    {
      day: dayOf(record.servedAt),
      minutes: record.countedMinutes,
      kind: record.sourceKind,
      openid: record.openid,
      ...(record.organisationId ? { organisationId: record.organisationId } : {}),
    },
  ]
}

/** Adds to a volunteer's row, dropping a row that reaches nothing so that equal tallies are equal objects. */
function bumpVolunteer(volunteers: Volunteers, openid: string, records: number, minutes: number) {
  const [had, hadMinutes] = volunteers[openid] ?? [0, 0]
  if (had + records === 0) delete volunteers[openid]
  else volunteers[openid] = [had + records, hadMinutes + minutes]
}

function addVolunteers(into: Volunteers, from: Volunteers) {
  for (const [openid, [records, minutes]] of Object.entries(from)) bumpVolunteer(into, openid, records, minutes)
}

/** Adds a mark to the tally, or takes it away again with `sign` -1 (a record changed since it was rolled up). */
export function addServiceMark(tally: ServiceTally, mark: ServiceMark, sign: 1 | -1 = 1): ServiceTally {
  const minutes = sign * mark.minutes
  const kind = (tally.byKind[mark.kind] ?? 0) + minutes
  if (kind === 0) delete tally.byKind[mark.kind]
  else tally.byKind[mark.kind] = kind
  bumpVolunteer(tally.volunteers, mark.openid, sign, minutes)
  if (mark.organisationId) {
    const ofOrganisation = tally.organisations[mark.organisationId] ?? {}
    bumpVolunteer(ofOrganisation, mark.openid, sign, minutes)
    if (Object.keys(ofOrganisation).length === 0) delete tally.organisations[mark.organisationId]
    else tally.organisations[mark.organisationId] = ofOrganisation
  }
  return tally
}

/** The sum of tallies, into a new one. */
export function mergeServiceTallies(tallies: Iterable<ServiceTally>): ServiceTally {
  const sum = emptyServiceTally()
  for (const tally of tallies) {
    for (const [kind, minutes] of Object.entries(tally.byKind) as [ServiceKind, number][]) {
      sum.byKind[kind] = (sum.byKind[kind] ?? 0) + minutes
    }
    addVolunteers(sum.volunteers, tally.volunteers)
    for (const [organisationId, volunteers] of Object.entries(tally.organisations)) {
      addVolunteers((sum.organisations[organisationId] ??= {}), volunteers)
    }
  }
  return sum
}

const totalsOf = (volunteers: Volunteers) =>
  Object.values(volunteers).reduce((sum, [records, minutes]) => ({ records: sum.records + records, minutes: sum.minutes + minutes }), {
    records: 0,
    minutes: 0,
  })

/** serviceFigures of a tally of the period's days. */
export function serviceTallyFigures(tally: ServiceTally): ServiceFigures {
  const { records, minutes } = totalsOf(tally.volunteers)
  return {
    minutes,
    volunteers: Object.keys(tally.volunteers).length,
    records,
    needMinutes: tally.byKind.need ?? 0,
    activityMinutes: tally.byKind.activity ?? 0,
  }
}

/** Minutes and distinct volunteers per organisation, the most minutes first. */
export function serviceByOrganisation(tally: ServiceTally): { organisationId: string; minutes: number; volunteers: number }[] {
  return Object.entries(tally.organisations)
    .map(([organisationId, volunteers]) => ({
      organisationId,
      minutes: totalsOf(volunteers).minutes,
      volunteers: Object.keys(volunteers).length,
    }))
    .sort((a, b) => b.minutes - a.minutes || a.organisationId.localeCompare(b.organisationId))
}
