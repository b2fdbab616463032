/**
 * People without a smartphone (decision 027): the committee registers them with their consent
 * recorded (代登记), raises and follows needs for them (代办), and confirms when they later take the
 * record over with their own WeChat.
 */
import { createHash, randomBytes } from 'node:crypto'
import type { z } from 'zod'
import type { RegisteredPersonView, ResidentsContract } from '../../shared/contracts/residents'
import { NO_APP_PREFIX, proxyConsentMethodLabel, tellByLabel } from '../../shared/domain/residents'
import { iso } from '../../shared/domain/time'
import { AppError, ErrorCode } from '../../shared/errors'
import { auditEntry } from '../audit'
import { addAuditEntry } from '../data/audit'
import { notInFuture } from '../care/time'
import type { CommunityDoc, PersonDoc } from '../data/documents'
import { asGeoPoint } from '../data/geo'
import { needsOfRequester } from '../data/needs'
import { findPersonByOpenid } from '../data/people'
import {
  addPerson,
  handOverKeyedDocuments,
  personWithPhone,
  putTakeover,
  registeredIn,
  takeoverById,
  takeoversWaitingIn,
} from '../data/proxy'
import { personById, personByNameAndPhone } from '../data/residents'
import { accountsOfPerson } from '../data/timebank'
import { inTransaction } from '../data/transaction'
import type { ActionContext, ActionImplementations } from '../handler'
import { raiseNeed, type RaisedFor } from '../needs/requests'
import { auditReveal, needView, needViews } from '../needs/views'
import type { Caller } from '../principal'
import { refuseOutsideArea } from '../places'
import { authoriseOverCommunity } from '../scopes'
import { move as moveMinutes, person } from '../timebank/ledger'
import { refuseFlagged } from '../wechat'

type Action<A extends keyof ResidentsContract['actions']> = ActionImplementations<ResidentsContract>[A]
type NeedForSomeone = z.output<ResidentsContract['actions']['raiseFor']['input']>['need']

const LIST_LIMIT = 100

function registeredView(p: PersonDoc & { proxy: NonNullable<PersonDoc['proxy']> }): RegisteredPersonView {
  const { consent } = p.proxy
  return {
    personId: p._id,
    name: p.name,
    ...(p.phone ? { phone: p.phone } : {}),
    ...(p.neighbourhood ? { neighbourhood: p.neighbourhood } : {}),
    ...(p.addressDetail ? { addressDetail: p.addressDetail } : {}),
    tellBy: p.proxy.tellBy,
    tellByLabel: tellByLabel[p.proxy.tellBy],
    consent: {
      methodLabel: proxyConsentMethodLabel[consent.method],
      witnessName: consent.witnessName,
      at: iso(consent.at),
      recordedByName: consent.recordedByName,
    },
    registeredAt: iso(p.proxy.registeredAt),
    ...(p.proxy.takenOverAt ? { takenOverAt: iso(p.proxy.takenOverAt) } : {}),
  }
}

const hasProxy = (p: PersonDoc): p is PersonDoc & { proxy: NonNullable<PersonDoc['proxy']> } => p.proxy !== undefined

const recorder = (me: Caller) => ({ recordedByOpenid: me.openid, recordedByName: me.person?.name ?? '' })

export const registerPerson: Action<'registerPerson'> = async (context) => {
  const { input, now } = context
  const community = await authoriseOverCommunity(context, input.communityId)
  const me = await context.caller()
  const consentAt = notInFuture(input.consent.at, now, 'data.consent.at', '同意时间不能晚于现在')
  const location = input.location ?? asGeoPoint(community.centre).coordinates
  refuseOutsideArea(community, location, 'data.location')
  await refuseFlagged(me.openid, { name: input.name, neighbourhood: input.neighbourhood, addressDetail: input.addressDetail }, 1)
  // The phone is how they take the record over later: one record per phone.
  if (await personWithPhone(input.phone)) throw new AppError(ErrorCode.CONFLICT, '这个手机号已经登记过了', 'data.phone')
  const registered = await addPerson({
    openid: `${NO_APP_PREFIX}${randomBytes(16).toString('hex')}`,
    name: input.name,
    phone: input.phone,
    communityId: community._id,
    neighbourhood: input.neighbourhood,
    addressDetail: input.addressDetail,
    location: { type: 'Point', coordinates: location },
    ...(input.birthYear ? { birthYear: input.birthYear } : {}),
    ...(input.livesAlone !== undefined ? { livesAlone: input.livesAlone } : {}),
    preferences: { elderMode: 'on' },
    createdAt: now,
    proxy: {
      consent: { method: input.consent.method, witnessName: input.consent.witnessName, at: consentAt, ...recorder(me) },
      tellBy: input.tellBy,
      registeredAt: now,
    },
    noApp: true,
  })
  await addAuditEntry(auditEntry(me, 'resident.register', { communityId: community._id, target: { name: registered.name } }, now))
  return { person: registeredView(registered as Parameters<typeof registeredView>[0]) }
}

export const registeredPeople: Action<'registeredPeople'> = async (context) => {
  const community = await authoriseOverCommunity(context, context.input.communityId)
  const people = await registeredIn(community._id, LIST_LIMIT)
  return { people: people.filter(hasProxy).map(registeredView) }
}

/** A resident of the caller's community, found by id; anyone else's answers as unknown. */
async function residentForCommittee(
  context: ActionContext<unknown>,
  personId: string,
): Promise<{ resident: PersonDoc; community: CommunityDoc }> {
  const resident = await personById(personId)
  if (!resident?.communityId) throw new AppError(ErrorCode.NOT_FOUND, '没有这位居民', 'data.personId')
  const community = await authoriseOverCommunity(context, resident.communityId)
  return { resident, community }
}

/** The need as its requester's: at their home, with their phone unless another is given. */
export async function raiseAt(
  me: Caller,
  resident: PersonDoc,
  community: CommunityDoc,
  need: NeedForSomeone,
  raisedFor: RaisedFor,
  field: string,
  now: Date,
) {
  const contactPhone = need.contactPhone ?? resident.phone
  if (!contactPhone) throw new AppError(ErrorCode.INVALID_INPUT, '请填写联系电话', `${field}.contactPhone`)
  const location = resident.location ? asGeoPoint(resident.location).coordinates : asGeoPoint(community.centre).coordinates
  const raised = await raiseNeed(
    me,
    community,
    {
      helpKind: need.helpKind,
      urgency: need.urgency,
      description: need.description,
      ...(need.wantedBy ? { wantedBy: need.wantedBy } : {}),
      neighbourhood: resident.neighbourhood ?? community.name,
      addressDetail: resident.addressDetail ?? '',
      photos: [],
      contactPhone,
    },
    location,
    field,
    now,
    raisedFor,
  )
  return needView(raised, 'full', { timeline: true, viewer: me, community })
}

export const raiseFor: Action<'raiseFor'> = async (context) => {
  const { input, now } = context
  const { resident, community } = await residentForCommittee(context, input.personId)
  const me = await context.caller()
  const need = await raiseAt(
    me,
    resident,
    community,
    input.need,
    { openid: resident.openid, name: resident.name, as: 'committee' },
    'data.need',
    now,
  )
  return { need }
}

export const needsOf: Action<'needsOf'> = async (context) => {
  const { resident } = await residentForCommittee(context, context.input.personId)
  const me = await context.caller()
  const needs = await needsOfRequester(resident.openid, LIST_LIMIT)
  await auditReveal(me, needs, context.now)
  return {
    person: hasProxy(resident)
      ? registeredView(resident)
      : { personId: resident._id, name: resident.name, ...(resident.phone ? { phone: resident.phone } : {}) },
    needs: await needViews(needs, 'full', { viewer: me }),
  }
}

// ——— take-over ———

const takeoverIdOf = (openid: string) => `to-${createHash('sha256').update(openid).digest('hex').slice(0, 32)}`

/**
 * Answers the same whatever was typed: only the committee, having phoned the person, can make it
 * anything but waiting, so typing someone's phone here tells nothing about whether it is registered.
 */
export const askTakeover: Action<'askTakeover'> = async ({ caller, input, now }) => {
  const me = await caller()
  if (me.person) throw new AppError(ErrorCode.CONFLICT, '你已经有居民身份了；如需合并，请联系社区两委')
  const match = await personByNameAndPhone(input.name, input.phone)
  const registered = match?.noApp && match.communityId ? match : null
  await putTakeover({
    _id: takeoverIdOf(me.openid),
    openid: me.openid,
    name: input.name,
    phone: input.phone,
    ...(registered ? { personId: registered._id, communityId: registered.communityId! } : {}),
    status: 'asked',
    askedAt: now,
  })
  return { status: 'asked' as const }
}

export const myTakeover: Action<'myTakeover'> = async ({ caller }) => {
  const me = await caller()
  return { status: (await takeoverById(takeoverIdOf(me.openid)))?.status ?? null }
}

export const takeovers: Action<'takeovers'> = async (context) => {
  const community = await authoriseOverCommunity(context, context.input.communityId)
  const waiting = await takeoversWaitingIn(community._id, LIST_LIMIT)
  const people = await Promise.all(waiting.map((t) => personById(t.personId!)))
  return {
    requests: waiting.flatMap((t, i) => {
      const p = people[i]
      // Taken over already (by this or another request): nothing left to confirm.
      if (!p?.noApp) return []
      return [
        {
          takeoverId: t._id,
          askedAt: iso(t.askedAt),
          name: t.name,
          phone: t.phone,
          person: { personId: p._id, name: p.name, ...(p.neighbourhood ? { neighbourhood: p.neighbourhood } : {}) },
        },
      ]
    }),
  }
}

const takeoverNotFound = () => new AppError(ErrorCode.NOT_FOUND, '没有这个认领申请', 'data.takeoverId')

/**
 * The record becomes the WeChat identity's: its key, its time-bank balances (a ledger entry per
 * community), then everything else filed under the old key. A retry finds the take-over confirmed
 * and finishes the last step again, which only touches what is still under the old key.
 */
export const decideTakeover: Action<'decideTakeover'> = async (context) => {
  const { input, now } = context
  const takeover = await takeoverById(input.takeoverId)
  // A request that matched nobody belongs to no committee.
  if (!takeover?.personId || !takeover.communityId) throw takeoverNotFound()
  const community = await authoriseOverCommunity(context, takeover.communityId)
  const me = await context.caller()
  const registered = await personById(takeover.personId)
  if (!registered) throw takeoverNotFound()
  const target = { openid: takeover.openid, name: registered.name }
  if (input.decision === 'decline') {
    await inTransaction(async (tx) => {
      const current = await tx.get('takeovers', takeover._id)
      if (current?.status !== 'asked') throw new AppError(ErrorCode.CONFLICT, '这个认领申请已经处理过了')
      await tx.update('takeovers', takeover._id, { status: 'declined', decidedAt: now, decidedBy: me.openid })
      await tx.add('audit_log', auditEntry(me, 'resident.takeoverDecline', { communityId: community._id, target }, now))
    })
    return { status: 'declined' as const }
  }
  if (takeover.status === 'confirmed' && registered.openid === takeover.openid) {
    await handOverKeyedDocuments(registered.proxy?.formerKey ?? '', takeover.openid)
    return { status: 'confirmed' as const }
  }
  if (takeover.status !== 'asked' || !registered.noApp) throw new AppError(ErrorCode.CONFLICT, '这个认领申请已经处理过了')
  if (await findPersonByOpenid(takeover.openid)) throw new AppError(ErrorCode.CONFLICT, '这个微信已经有居民身份了，不能再认领')
  const formerKey = registered.openid
  const accounts = (await accountsOfPerson(formerKey)).filter((a) => a.kind === 'person')
  await inTransaction(async (tx) => {
    const current = await tx.get('takeovers', takeover._id)
    const record = await tx.get('people', registered._id)
    if (current?.status !== 'asked' || !record?.noApp || record.openid !== formerKey) {
      throw new AppError(ErrorCode.CONFLICT, '这个认领申请已经处理过了')
    }
    for (const account of accounts) {
      const balance = (await tx.get('timebank_accounts', account._id))?.balance ?? 0
      if (balance <= 0) continue
      await moveMinutes(tx, {
        key: `takeover:${registered._id}:${account.communityId}`,
        communityId: account.communityId,
        from: person(formerKey),
        to: person(takeover.openid),
        minutes: balance,
        kind: 'takeover',
        byOpenid: me.openid,
        at: now,
      })
    }
    await tx.update('people', registered._id, {
      openid: takeover.openid,
      noApp: false,
      'proxy.takenOverAt': now,
      'proxy.formerKey': formerKey,
    })
    await tx.update('takeovers', takeover._id, { status: 'confirmed', decidedAt: now, decidedBy: me.openid })
    await tx.add('audit_log', auditEntry(me, 'resident.takeover', { communityId: community._id, target }, now))
  })
  await handOverKeyedDocuments(formerKey, takeover.openid)
  return { status: 'confirmed' as const }
}
