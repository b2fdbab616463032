/**
 * How a person on the care register is shown: the committee's row and whole entry, the paired
 * volunteer's assignment (only what a visit needs: never the groups or the consent), and the audit
 * entry that every one of these reads writes.
 */
import { iso } from '../../shared/domain/time'
import type { RegisterEntry, RegisterRow, VisitAssignment, VisitView } from '../../shared/contracts/care'
import {
  consentGiverLabel,
  consentMethodLabel,
  visitFrequencyLabel,
  visitModeLabel,
  visitStanding,
  visitStandingLabel,
  wellbeingLabel,
} from '../../shared/domain/care'
import { auditEntry, type AuditAction } from '../audit'
import { addAuditEntry } from '../data/audit'
import { visitsOfEntry } from '../data/care'
import type { CareEntryDoc, CareVisitDoc } from '../data/documents'
import { organisationsByIds } from '../data/places'
import { peopleByOpenids } from '../data/residents'
import type { Caller } from '../principal'

/** A year of weekly visits: what the committee's page of one person shows. */
const ENTRY_VISITS = 60
/** The caller's own latest visits, on their list and after recording one. */
const MY_LAST_VISITS = 3

export function visitView(visit: CareVisitDoc): VisitView {
  return {
    visitId: visit._id,
    visitedAt: iso(visit.visitedAt),
    mode: visit.mode,
    modeLabel: visitModeLabel[visit.mode],
    wellbeing: visit.wellbeing,
    wellbeingLabel: wellbeingLabel[visit.wellbeing],
    ...(visit.notes ? { notes: visit.notes } : {}),
    visitorName: visit.visitorName,
    ...(visit.minutes ? { minutes: visit.minutes } : {}),
    ...(visit.needId ? { needId: visit.needId } : {}),
  }
}

function frequencyView(entry: CareEntryDoc) {
  return {
    frequency: entry.frequency,
    frequencyLabel: visitFrequencyLabel[entry.frequency],
    ...(entry.lastVisitAt ? { lastVisitAt: iso(entry.lastVisitAt) } : {}),
  }
}

function dueView(entry: CareEntryDoc & { nextDueAt: Date }, now: Date) {
  const standing = visitStanding(new Date(entry.nextDueAt), entry.frequency, now)
  return { nextDueAt: iso(entry.nextDueAt), standing, standingLabel: visitStandingLabel[standing] }
}

export const isScheduled = (entry: CareEntryDoc): entry is CareEntryDoc & { nextDueAt: Date } => entry.nextDueAt !== undefined

/** The committee's rows, in order, with organisation and volunteer names in two round trips. */
export async function registerRows(entries: CareEntryDoc[], now: Date): Promise<RegisterRow[]> {
  const [organisations, people] = await Promise.all([
    organisationsByIds(entries.flatMap((e) => (e.pairing.organisationId ? [e.pairing.organisationId] : []))),
    peopleByOpenids(entries.flatMap((e) => e.pairing.volunteers.map((v) => v.openid))),
  ])
  return entries.map((e) => {
    const organisation = e.pairing.organisationId ? organisations.get(e.pairing.organisationId) : undefined
    return {
      entryId: e._id,
      communityId: e.communityId,
      registeredAt: e.registeredAt.toISOString(),
      name: e.name,
      neighbourhood: e.neighbourhood,
      groups: e.groups,
      active: e.active,
      ...frequencyView(e),
      ...(isScheduled(e) ? dueView(e, now) : {}),
      pairing: {
        ...(organisation ? { organisation: { id: organisation._id, name: organisation.name } } : {}),
        volunteers: e.pairing.volunteers.map((v) => ({ memberId: v.memberId, name: people.get(v.openid)?.name ?? '' })),
      },
    }
  })
}

/** Everything about one person, for the committee. */
export async function registerEntry(entry: CareEntryDoc, now: Date): Promise<RegisterEntry> {
  const [[row], visits] = await Promise.all([registerRows([entry], now), visitsOfEntry(entry._id, ENTRY_VISITS)])
  const { consent, withdrawal } = entry
  return {
    ...row,
    ...(entry.phone ? { phone: entry.phone } : {}),
    addressDetail: entry.addressDetail,
    location: entry.location.coordinates,
    careNeeds: entry.careNeeds,
    emergencyContact: entry.emergencyContact,
    consent: {
      giverLabel: consentGiverLabel[consent.giver],
      giverName: consent.giverName,
      methodLabel: consentMethodLabel[consent.method],
      at: iso(consent.at),
      recordedBy: consent.recordedByName,
    },
    ...(withdrawal ? { withdrawal: { at: iso(withdrawal.at), note: withdrawal.note, recordedBy: withdrawal.recordedByName } } : {}),
    linkedResident: entry.residentId !== undefined,
    visits: visits.map(visitView),
  }
}

/** What a paired volunteer sees: an active (so scheduled) entry, with their own latest visits only. */
export async function visitAssignment(
  entry: CareEntryDoc & { nextDueAt: Date },
  visitorOpenid: string,
  now: Date,
): Promise<VisitAssignment> {
  const mine = await visitsOfEntry(entry._id, MY_LAST_VISITS, visitorOpenid)
  return {
    entryId: entry._id,
    name: entry.name,
    neighbourhood: entry.neighbourhood,
    addressDetail: entry.addressDetail,
    ...(entry.phone ? { phone: entry.phone } : {}),
    careNeeds: entry.careNeeds,
    emergencyContact: entry.emergencyContact,
    ...frequencyView(entry),
    ...dueView(entry, now),
    myLastVisits: mine.map(visitView),
  }
}

/** The audit entry for reading (or changing) one person's record. */
export function auditOfEntry(reader: Caller, action: AuditAction, entry: CareEntryDoc, now: Date, reason?: string) {
  return auditEntry(
    reader,
    action,
    {
      communityId: entry.communityId,
      entryId: entry._id,
      target: { name: entry.name },
      ...(reason ? { reason } : {}),
    },
    now,
  )
}

/**
 * A list read is one audit entry per community it shows people of, naming how many: a list of
 * names is a read of each of them, and one line per read keeps the log readable.
 */
export async function auditListRead(reader: Caller, action: AuditAction, entries: CareEntryDoc[], what: string, now: Date): Promise<void> {
  const counts = new Map<string, number>()
  for (const e of entries) counts.set(e.communityId, (counts.get(e.communityId) ?? 0) + 1)
  await Promise.all(
    [...counts].map(([communityId, n]) => addAuditEntry(auditEntry(reader, action, { communityId, reason: `${what} ${n} 人` }, now))),
  )
}
