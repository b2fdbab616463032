/** The committee's register: registering with separate consent, changes, withdrawal, pairing, reading. */
import type { CareContract } from '../../shared/contracts/care'
import { nextVisitDue, standingChanges } from '../../shared/domain/care'
import { AppError, ErrorCode } from '../../shared/errors'
import { addAuditEntry } from '../data/audit'
import { activeEntryOfResident, activeRegisterOf, addCareEntry, careEntryById, wholeRegisterOf } from '../data/care'
import type { CareEntryDoc, CommunityDoc, PersonDoc } from '../data/documents'
import { asGeoPoint } from '../data/geo'
import { rolesByIds } from '../data/memberships'
import { organisationsByIds } from '../data/places'
import { peopleByOpenids, personById } from '../data/residents'
import { inTransaction, unset, whole } from '../data/transaction'
import type { ActionImplementations } from '../handler'
import type { Caller } from '../principal'
import { refuseOutsideArea } from '../places'
import { authoriseOverCommunity } from '../scopes'
import { refuseFlagged } from '../wechat'
import { entryOfCommittee } from './access'
import { scheduleAfter, scheduleFrom } from './schedule'
import { notInFuture } from './time'
import { auditListRead, auditOfEntry, registerEntry, registerRows } from './views'
import { refusePaused } from '../organisations/volunteers'

type Action<A extends keyof CareContract['actions']> = ActionImplementations<CareContract>[A]

/** A resident of this community, not already on its active register. */
async function residentToRegister(community: CommunityDoc, residentId: string): Promise<PersonDoc> {
  const person = await personById(residentId)
  // Someone elsewhere answers as someone unknown: the committee sees only its own residents.
  if (!person || person.communityId !== community._id) throw new AppError(ErrorCode.NOT_FOUND, '本社区没有这位居民', 'data.residentId')
  if (await activeEntryOfResident(person._id)) throw new AppError(ErrorCode.CONFLICT, '这位居民已在关爱对象名单上', 'data.residentId')
  return person
}

const recorder = (me: Caller) => ({ recordedByOpenid: me.openid, recordedByName: me.person?.name ?? '' })

/** An entry ended (consent withdrawn, the person moved away): off the active register, unpaired, nothing due; its history stays. */
export const endedEntry = (me: Caller, at: Date, note: string, now: Date) => ({
  active: false,
  withdrawal: whole({ at, note, ...recorder(me) }),
  pairing: whole({ volunteers: [] }),
  pairedOpenids: [],
  nextDueAt: unset(),
  remindAt: unset(),
  escalateAt: unset(),
  updatedAt: now,
})

async function loadEntry(entryId: string): Promise<CareEntryDoc> {
  const entry = await careEntryById(entryId)
  if (!entry) throw new Error(`care entry ${entryId} vanished`)
  return entry
}

/** The entry as it is now, for the committee: what every write answers with (its audit entry covers the read). */
const answer = async (entryId: string, now: Date) => ({ entry: await registerEntry(await loadEntry(entryId), now) })

const withdrawn = () => new AppError(ErrorCode.CONFLICT, '这位关爱对象已撤回同意，不在名单上了')

export const register: Action<'register'> = async (context) => {
  const { input, now } = context
  const community = await authoriseOverCommunity(context, input.communityId)
  const me = await context.caller()
  const consentAt = notInFuture(input.consent.at, now, 'data.consent.at', '同意时间不能晚于现在')
  const resident = input.residentId ? await residentToRegister(community, input.residentId) : null
  // What the committee writes about a person, which their paired volunteers will read.
  await refuseFlagged(me.openid, { careNeeds: input.careNeeds }, 2)
  // The person's home when they use the mini-program, else the community centre, for a worry's need.
  const location =
    input.location ?? (resident?.location ? asGeoPoint(resident.location).coordinates : asGeoPoint(community.centre).coordinates)
  refuseOutsideArea(community, location, 'data.location')
  const entry = await addCareEntry({
    communityId: community._id,
    ...(resident ? { residentId: resident._id } : {}),
    name: input.name,
    ...(input.phone ? { phone: input.phone } : {}),
    neighbourhood: input.neighbourhood,
    addressDetail: input.addressDetail,
    location: { type: 'Point', coordinates: location },
    groups: [...new Set(input.groups)],
    careNeeds: input.careNeeds,
    emergencyContact: input.emergencyContact,
    frequency: input.frequency,
    consent: {
      giver: input.consent.giver,
      giverName: input.consent.giverName,
      method: input.consent.method,
      at: consentAt,
      ...recorder(me),
    },
    registeredAt: now,
    active: true,
    pairing: { volunteers: [] },
    pairedOpenids: [],
    ...scheduleFrom(nextVisitDue({ frequency: input.frequency, registeredAt: now, lastVisitAt: null }), input.frequency),
    updatedAt: now,
  })
  await addAuditEntry(auditOfEntry(me, 'care.register', entry, now))
  return answer(entry._id, now)
}

export const update: Action<'update'> = async (context) => {
  const { input, now } = context
  const { entry, community } = await entryOfCommittee(context, input.entryId)
  if (input.location) refuseOutsideArea(community, input.location, 'data.location')
  const me = await context.caller()
  // What the committee writes about a person, which their paired volunteers will read.
  await refuseFlagged(me.openid, { careNeeds: input.careNeeds }, 2)
  await inTransaction(async (tx) => {
    const current = await tx.get('care_register', entry._id)
    if (!current?.active) throw withdrawn()
    const frequency = input.frequency ?? current.frequency
    await tx.update('care_register', entry._id, {
      ...(input.phone ? { phone: input.phone } : {}),
      ...(input.neighbourhood ? { neighbourhood: input.neighbourhood } : {}),
      ...(input.addressDetail ? { addressDetail: input.addressDetail } : {}),
      ...(input.location ? { location: whole({ type: 'Point', coordinates: input.location }) } : {}),
      ...(input.groups ? { groups: [...new Set(input.groups)] } : {}),
      ...(input.careNeeds ? { careNeeds: input.careNeeds } : {}),
      ...(input.emergencyContact ? { emergencyContact: whole(input.emergencyContact) } : {}),
      frequency,
      ...scheduleAfter(current, {
        frequency,
        registeredAt: new Date(current.registeredAt),
        lastVisitAt: current.lastVisitAt ? new Date(current.lastVisitAt) : null,
      }),
      updatedAt: now,
    })
    await tx.add('audit_log', auditOfEntry(me, 'care.update', entry, now))
  })
  return answer(entry._id, now)
}

/** "夕阳红助老服务队；徐敏、曹丽华": a pairing as the audit log records it. */
async function pairingText(pairing: CareEntryDoc['pairing']): Promise<string> {
  const [organisations, people] = await Promise.all([
    organisationsByIds(pairing.organisationId ? [pairing.organisationId] : []),
    peopleByOpenids(pairing.volunteers.map((v) => v.openid)),
  ])
  const organisation = pairing.organisationId ? organisations.get(pairing.organisationId)?.name : undefined
  const volunteers = pairing.volunteers.map((v) => people.get(v.openid)?.name ?? '').filter(Boolean)
  return [organisation, volunteers.join('、')].filter(Boolean).join('；')
}

export const withdrawConsent: Action<'withdrawConsent'> = async (context) => {
  const { input, now } = context
  const { entry } = await entryOfCommittee(context, input.entryId)
  const at = notInFuture(input.at, now, 'data.at', '撤回时间不能晚于现在')
  if (at < new Date(entry.registeredAt)) throw new AppError(ErrorCode.INVALID_INPUT, '撤回时间不能早于登记时间', 'data.at')
  await endOnWithdrawal(entry, await context.caller(), input.note, at, now)
  return answer(entry._id, now)
}

/**
 * Takes the entry off the active register, as recorded by `me` (the committee, or the person
 * themself from 我的信息): the pairing ends and nothing is due any more; visits and consent stay as history.
 */
export async function endOnWithdrawal(entry: CareEntryDoc, me: Caller, note: string, at: Date, now: Date): Promise<void> {
  const ended = await pairingText(entry.pairing)
  await inTransaction(async (tx) => {
    const current = await tx.get('care_register', entry._id)
    if (!current?.active) throw withdrawn()
    await tx.update('care_register', entry._id, endedEntry(me, at, note, now))
    await tx.add('audit_log', auditOfEntry(me, 'care.withdraw', entry, now, ended ? `结对解除：${ended}` : undefined))
  })
}

export const pair: Action<'pair'> = async (context) => {
  const { input, now } = context
  const { entry } = await entryOfCommittee(context, input.entryId)
  if (!entry.active) throw withdrawn()
  const me = await context.caller()
  const memberIds = [...new Set(input.volunteerMemberIds)]
  const roles = await rolesByIds(memberIds)
  const organisations = await organisationsByIds([
    ...(input.organisationId ? [input.organisationId] : []),
    ...roles.flatMap((r) => (r.organisationId ? [r.organisationId] : [])),
  ])
  // Only approved organisations of the person's own community, and their members.
  const servesHere = (organisationId: string | undefined) => {
    const organisation = organisationId ? organisations.get(organisationId) : undefined
    return organisation?.status === 'approved' && organisation.communityId === entry.communityId
  }
  if (input.organisationId && !servesHere(input.organisationId)) {
    throw new AppError(ErrorCode.NOT_FOUND, '本社区没有这个已备案的组织', 'data.organisationId')
  }
  const volunteers = memberIds.map((memberId) => {
    const role = roles.find((r) => r._id === memberId)
    if (!role || (role.role !== 'volunteer' && role.role !== 'organisation_lead') || !servesHere(role.organisationId)) {
      throw new AppError(
        ErrorCode.NOT_FOUND,
        '本社区已备案的组织里没有这名成员',
        `data.volunteerMemberIds.${input.volunteerMemberIds.indexOf(memberId)}`,
      )
    }
    return { memberId, openid: role.openid }
  })
  await refusePaused(
    memberIds.map((memberId) => roles.find((r) => r._id === memberId)!),
    input.volunteerMemberIds,
    'data.volunteerMemberIds',
    entry.pairing.volunteers.map((v) => v.memberId),
    now,
  )
  const pairing = { ...(input.organisationId ? { organisationId: input.organisationId } : {}), volunteers }
  const reason = await pairingText(pairing)
  await inTransaction(async (tx) => {
    const current = await tx.get('care_register', entry._id)
    if (!current?.active || !current.nextDueAt) throw withdrawn()
    await tx.update('care_register', entry._id, {
      // Re-pairing replaces the pairing; the new people are reminded of the current due date even if others were.
      pairing: whole(pairing),
      pairedOpenids: [...new Set(volunteers.map((v) => v.openid))],
      remindAt: standingChanges(new Date(current.nextDueAt), current.frequency).dueSoonFrom,
      updatedAt: now,
    })
    await tx.add('audit_log', auditOfEntry(me, 'care.pair', entry, now, reason))
  })
  return answer(entry._id, now)
}

export const entry: Action<'entry'> = async (context) => {
  const { entry } = await entryOfCommittee(context, context.input.entryId)
  await addAuditEntry(auditOfEntry(await context.caller(), 'care.view', entry, context.now))
  return { entry: await registerEntry(entry, context.now) }
}

export const registerList: Action<'registerList'> = async (context) => {
  const { input, now } = context
  const community = await authoriseOverCommunity(context, input.communityId)
  const active = await activeRegisterOf(community._id)
  const withdrawnAt = (e: CareEntryDoc) => new Date(e.withdrawal!.at).getTime()
  const past = input.includeWithdrawn
    ? (await wholeRegisterOf([community._id])).filter((e) => !e.active).sort((a, b) => withdrawnAt(b) - withdrawnAt(a))
    : []
  // Active ones soonest due first, so the most overdue lead; then those who withdrew, latest first.
  const rows = (await registerRows([...active, ...past], now)).filter(
    (row) => (!input.group || row.groups.includes(input.group)) && (!input.standing || row.standing === input.standing),
  )
  const shown = new Set(rows.map((r) => r.entryId))
  await auditListRead(
    await context.caller(),
    'care.list',
    [...active, ...past].filter((e) => shown.has(e._id)),
    '关爱对象名单',
    now,
  )
  return { entries: rows }
}
