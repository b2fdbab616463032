/** The paired volunteer's side: the people to visit, and recording a visit (a worry becomes a need in the same step). */
import { randomBytes } from 'node:crypto'
import type { z } from 'zod'
import type { CareContract } from '../../shared/contracts/care'
import { AppError, ErrorCode } from '../../shared/errors'
import { careEntryById, entriesPairedWithOrganisations, entriesPairedWithVolunteer } from '../data/care'
import type { CareEntryDoc, CareVisitDoc } from '../data/documents'
import { communitiesByIds } from '../data/places'
import { inTransaction } from '../data/transaction'
import type { ActionImplementations } from '../handler'
import { raiseNeed } from '../needs/requests'
import type { Caller } from '../principal'
import { refuseFlagged } from '../wechat'
import { entryPairedWith, isPairedWith, notPaired } from './access'
import { scheduleAfter } from './schedule'
import { notInFuture } from './time'
import { auditListRead, auditOfEntry, isScheduled, visitAssignment, visitView } from './views'

type Action<A extends keyof CareContract['actions']> = ActionImplementations<CareContract>[A]
type Worry = NonNullable<z.output<CareContract['actions']['recordVisit']['input']>['worry']>

/** The people the caller visits, themself or as the lead of the paired organisation, the first due first. */
export async function pairedEntries(me: Caller): Promise<(CareEntryDoc & { nextDueAt: Date })[]> {
  const led = me.grants.flatMap((g) => (g.role === 'organisation_lead' ? [g.organisationId] : []))
  const [personal, throughOrganisations] = await Promise.all([entriesPairedWithVolunteer(me.openid), entriesPairedWithOrganisations(led)])
  return [...new Map([...personal, ...throughOrganisations].map((e) => [e._id, e])).values()]
    .filter((e) => isPairedWith(me, e))
    .filter(isScheduled)
    .sort((a, b) => new Date(a.nextDueAt).getTime() - new Date(b.nextDueAt).getTime())
}

export const myVisits: Action<'myVisits'> = async ({ caller, now }) => {
  const me = await caller()
  const entries = await pairedEntries(me)
  await auditListRead(me, 'care.assignments', entries, '结对探访名单', now)
  return { people: await Promise.all(entries.map((e) => visitAssignment(e, me.openid, now))) }
}

/** The need a worry raises on the person's behalf: at their place, with their phone or their emergency contact's. */
async function raiseWorry(me: Caller, entry: CareEntryDoc, worry: Worry, now: Date): Promise<string> {
  const community = (await communitiesByIds([entry.communityId])).get(entry.communityId)
  if (!community) throw new Error(`community ${entry.communityId} of care entry ${entry._id} is missing`)
  const need = await raiseNeed(
    me,
    community,
    {
      forNeighbour: { name: entry.name },
      helpKind: worry.helpKind,
      urgency: worry.urgency,
      description: worry.description,
      neighbourhood: entry.neighbourhood,
      addressDetail: entry.addressDetail,
      photos: [],
      contactPhone: entry.phone ?? entry.emergencyContact.phone,
    },
    entry.location.coordinates,
    // The register keeps the place inside the community (register, update); this is the worry's own field.
    'data.worry',
    now,
  )
  return need._id
}

export const recordVisit: Action<'recordVisit'> = async ({ caller, input, now }) => {
  const me = await caller()
  const entry = await entryPairedWith(me, input.entryId)
  const visitedAt = notInFuture(input.visitedAt, now, 'data.visitedAt', '探访时间不能晚于现在')
  if (visitedAt < new Date(entry.registeredAt)) throw new AppError(ErrorCode.INVALID_INPUT, '探访时间不能早于登记时间', 'data.visitedAt')
  await refuseFlagged(me.openid, { notes: input.notes }, 2)
  // Raised first: should the visit then fail (consent withdrawn that moment), the worry is still heard.
  const needId = input.worry ? await raiseWorry(me, entry, input.worry, now) : undefined
  const visit: CareVisitDoc = {
    // Chosen here because a transaction's add does not answer the new id.
    _id: randomBytes(16).toString('hex'),
    entryId: entry._id,
    communityId: entry.communityId,
    visitedAt,
    mode: input.mode,
    wellbeing: input.wellbeing,
    ...(input.notes ? { notes: input.notes } : {}),
    visitorOpenid: me.openid,
    visitorName: me.person?.name ?? '',
    ...(needId ? { needId } : {}),
    recordedAt: now,
  }
  await inTransaction(async (tx) => {
    const current = await tx.get('care_register', entry._id)
    if (!current || !isPairedWith(me, current)) throw notPaired()
    // A visit recorded late, older than the last one, leaves the schedule as it is.
    const last = current.lastVisitAt && new Date(current.lastVisitAt) > visitedAt ? new Date(current.lastVisitAt) : visitedAt
    await tx.add('care_visits', visit)
    await tx.update('care_register', entry._id, {
      lastVisitAt: last,
      ...scheduleAfter(current, { frequency: current.frequency, registeredAt: new Date(current.registeredAt), lastVisitAt: last }),
      updatedAt: now,
    })
    await tx.add('audit_log', auditOfEntry(me, 'care.visit', entry, now))
  })
  const updated = await careEntryById(entry._id)
  if (!updated || !isScheduled(updated)) throw notPaired()
  return { visit: visitView(visit), person: await visitAssignment(updated, me.openid, now) }
}
