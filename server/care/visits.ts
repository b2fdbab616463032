/** The paired volunteer's side: the people to visit, and recording a visit (a worry becomes a need in the same step). */
import type { z } from 'zod'
import type { CareContract } from '../../shared/contracts/care'
import { AppError, ErrorCode } from '../../shared/errors'
import { careEntryById, careVisitById, entriesPairedWithOrganisations, entriesPairedWithVolunteer } from '../data/care'
import type { CareEntryDoc, CareVisitDoc } from '../data/documents'
import { communitiesByIds } from '../data/places'
import { inTransaction } from '../data/transaction'
import type { ActionImplementations } from '../handler'
import { raiseNeed } from '../needs/requests'
import type { Caller } from '../principal'
import { pendingServiceRecord } from '../timebank/credit'
import { visitIdOf, visitRecordIdOf } from '../timebank/keys'
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

/** The answer to a visit recorded, now or by an earlier try of the same request. */
async function visitAnswer(me: Caller, visit: CareVisitDoc, now: Date) {
  const updated = await careEntryById(visit.entryId)
  if (!updated || !isScheduled(updated)) throw notPaired()
  return { visit: visitView(visit), person: await visitAssignment(updated, me.openid, now) }
}

/**
 * A visit earns its 服务时长 like a need or an activity (decision 043): its service record is written
 * with it, in one transaction, for the time bank's due work to credit under the daily cap (decision
 * 053). Both ids come from the visitor and the page's request id, so a retry or a replay answers the
 * first visit and never writes a second record.
 */
export const recordVisit: Action<'recordVisit'> = async ({ caller, input, now }) => {
  const me = await caller()
  const entry = await entryPairedWith(me, input.entryId)
  const visitId = visitIdOf(me.openid, input.requestId)
  const recordId = visitRecordIdOf(visitId)
  const earlier = await careVisitById(visitId)
  if (earlier) {
    if (earlier.entryId !== entry._id)
      throw new AppError(ErrorCode.CONFLICT, '这次提交已经记录过别的探访了，请重新打开页面', 'data.requestId')
    return visitAnswer(me, earlier, now)
  }
  const visitedAt = notInFuture(input.visitedAt, now, 'data.visitedAt', '探访时间不能晚于现在')
  if (visitedAt < new Date(entry.registeredAt)) throw new AppError(ErrorCode.INVALID_INPUT, '探访时间不能早于登记时间', 'data.visitedAt')
  await refuseFlagged(me.openid, { notes: input.notes }, 2)
  // Raised first: should the visit then fail (consent withdrawn that moment), the worry is still heard.
  const needId = input.worry ? await raiseWorry(me, entry, input.worry, now) : undefined
  const visit: CareVisitDoc = {
    _id: visitId,
    entryId: entry._id,
    communityId: entry.communityId,
    visitedAt,
    mode: input.mode,
    wellbeing: input.wellbeing,
    ...(input.notes ? { notes: input.notes } : {}),
    visitorOpenid: me.openid,
    visitorName: me.person?.name ?? '',
    minutes: input.minutes,
    ...(needId ? { needId } : {}),
    recordedAt: now,
    updatedAt: now,
  }
  const recorded = await inTransaction(async (tx) => {
    const raced = await tx.get('care_visits', visitId)
    if (raced) return raced
    const current = await tx.get('care_register', entry._id)
    if (!current || !isPairedWith(me, current)) throw notPaired()
    // A visit recorded late, older than the last one, leaves the schedule as it is.
    const last = current.lastVisitAt && new Date(current.lastVisitAt) > visitedAt ? new Date(current.lastVisitAt) : visitedAt
    await tx.add('care_visits', visit)
    // 谁记录谁证明: the organisation paired for the visits, else the committee (organisationId absent).
    const organisationId = current.pairing.organisationId
    await tx.add(
      'service_records',
      pendingServiceRecord({
        _id: recordId,
        openid: me.openid,
        communityId: current.communityId,
        ...(organisationId ? { organisationId } : {}),
        // Never the person's name: a certificate says what the service was, and anyone may verify it.
        source: { kind: 'visit', id: visitId, title: `结对探访（${current.neighbourhood}）` },
        minutes: input.minutes,
        servedAt: visitedAt,
        confirmedByOpenid: me.openid,
        confirmedAt: now,
      }),
    )
    await tx.update('care_register', entry._id, {
      lastVisitAt: last,
      ...scheduleAfter(current, { frequency: current.frequency, registeredAt: new Date(current.registeredAt), lastVisitAt: last }),
      updatedAt: now,
    })
    await tx.add('audit_log', auditOfEntry(me, 'care.visit', entry, now))
    return visit
  })
  return visitAnswer(me, recorded, now)
}
