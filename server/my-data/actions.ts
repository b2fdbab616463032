/**
 * 我的信息 and 注销 (PIPL Art. 44–47): the person sees, corrects, exports and deletes what is stored
 * about them. Every action works on the caller's own record only, found from the platform's openid.
 */
import { randomBytes } from 'node:crypto'
import type { AccountContract, Closing } from '../../shared/contracts/account'
import { roleLabel } from '../../shared/domain/roles'
import { AppError, ErrorCode } from '../../shared/errors'
import { describeMe } from '../account'
import { activitiesByIds } from '../data/activities'
import { addAuditEntry } from '../data/audit'
import type { PersonDoc } from '../data/documents'
import { eraseEverywhere, markErasing } from '../data/erasure'
import { asGeoPoint } from '../data/geo'
import { storeFile } from '../data/files'
import { recordsOf, type PersonRecords } from '../data/my-data'
import { correctPerson, forgetHomeLocation } from '../data/people'
import { communitiesByIds } from '../data/places'
import { auditEntry } from '../audit'
import { endOnWithdrawal } from '../care/register'
import { withdrawSignUp } from '../activities/residents'
import type { ActionImplementations } from '../handler'
import { cancelNeed } from '../needs/requests'
import { loadCaller, type Caller } from '../principal'
import { personAccountId } from '../timebank/keys'
import { refuseFlagged } from '../wechat'
import { myDataWorkbook } from './workbook'
import { consentsOf, myData, ownCareEntry } from './view'

type Action<A extends keyof AccountContract['actions']> = ActionImplementations<AccountContract>[A]

/** Nothing is stored about someone who never joined: there is nothing to show, correct or delete. */
async function withPerson(caller: () => Promise<Caller>): Promise<Caller & { person: PersonDoc }> {
  const me = await caller()
  if (!me.person) throw new AppError(ErrorCode.NOT_FOUND, '没有保存你的信息：你还没有加入社区')
  return me as Caller & { person: PersonDoc }
}

export const showMyData: Action<'myData'> = async ({ caller }) => myData(await withPerson(caller))

/** The same rules as joining (shared/domain/person.ts); the name and address others may read are checked like any text. */
export const correct: Action<'correct'> = async ({ caller, input, openid }) => {
  const me = await withPerson(caller)
  await refuseFlagged(openid, { name: input.name, neighbourhood: input.neighbourhood, addressDetail: input.addressDetail }, 1)
  await correctPerson(me.person._id, {
    ...(input.name === undefined ? {} : { name: input.name }),
    ...(input.phone === undefined ? {} : { phone: input.phone }),
    ...(input.neighbourhood === undefined ? {} : { neighbourhood: input.neighbourhood }),
    ...(input.addressDetail === undefined ? {} : { addressDetail: input.addressDetail }),
  })
  const person = await describeMe(await loadCaller(openid))
  if (!person) throw new Error(`person of ${openid} vanished while correcting`)
  return { person }
}

export const withdrawConsent: Action<'withdrawConsent'> = async ({ caller, input, openid, now }) => {
  const me = await withPerson(caller)
  const records = await recordsOf(openid, me.person._id)
  const care = ownCareEntry(records)
  if (input.consent === 'location') {
    if (!me.person.location) throw new AppError(ErrorCode.CONFLICT, '没有保存你家的位置', 'data.consent')
    await forgetHomeLocation(me.person._id)
  } else {
    if (!care?.active) throw new AppError(ErrorCode.CONFLICT, '你不在社区关爱对象名单上', 'data.consent')
    await endOnWithdrawal(care, me, '本人在“我的信息”中撤回同意', now, now)
  }
  const after = await withPerson(() => loadCaller(openid))
  return { consents: consentsOf(after.person, ownCareEntry(await recordsOf(openid, after.person._id))) }
}

export const exportData: Action<'exportData'> = async ({ caller, now }) => {
  const me = await withPerson(caller)
  const content = await myDataWorkbook(await myData(me), now)
  // A random path: the file holds everything about the person, and nothing else names it.
  const file = await storeFile(`exports/${now.toISOString().slice(0, 10)}/${randomBytes(16).toString('hex')}.xlsx`, 'xlsx', content)
  return {
    fileName: `我的信息 ${now.toISOString().slice(0, 10)}.xlsx`,
    url: file.url,
    expiresAt: file.expiresAt.toISOString(),
  }
}

/** Open needs are those still waiting for an organisation: accepted ones are being served. */
const WAITING_NEED = ['review', 'matching', 'escalated']

/** What closing would do to this person, and what must be done first. */
async function closingFacts(me: Caller & { person: PersonDoc }, records: PersonRecords, now: Date): Promise<Closing> {
  const activities = await activitiesByIds(records.signUps.map((s) => s.activityId))
  const blockers = [
    ...records.organisations
      .filter((o) => o.status !== 'rejected')
      .map((o) =>
        o.status === 'pending'
          ? `你登记的“${o.name}”还在等社区审核，请等审核有了结果再注销`
          : `你是“${o.name}”的负责人，请先在团队页把负责人移交给其他成员`,
      ),
    ...records.needs
      .filter((n) => n.status === 'accepted')
      .map((n) => `“${n.helpKind}”求助正由${n.acceptedBy?.name ?? '组织'}服务，请等服务完成后再注销`),
  ]
  const upcoming = records.signUps.filter((s) => {
    const activity = activities.get(s.activityId)
    return s.status !== 'cancelled' && activity?.status === 'published' && new Date(activity.startAt) > now
  })
  const { roles } = (await describeMe(me)) ?? { roles: [] }
  return {
    blockers,
    balanceMinutes: records.accounts.reduce((sum, a) => sum + a.balance, 0),
    openNeeds: records.needs.filter((n) => WAITING_NEED.includes(n.status)).length,
    upcomingActivities: upcoming.length,
    onCareRegister: ownCareEntry(records)?.active ?? false,
    roles: roles.filter((r) => r.role !== 'resident').map((r) => `${roleLabel[r.role]}（${r.scopeName}）`),
  }
}

export const closing: Action<'closing'> = async ({ caller, openid, now }) => {
  const me = await withPerson(caller)
  return closingFacts(me, await recordsOf(openid, me.person._id), now)
}

/** Refusals that mean "already done or no longer possible": closing goes on without that step. */
const alreadySettled = (error: unknown) =>
  error instanceof AppError && (error.code === ErrorCode.CONFLICT || error.code === ErrorCode.NOT_FOUND)

async function unlessSettled(step: Promise<unknown>): Promise<void> {
  try {
    await step
  } catch (error) {
    if (!alreadySettled(error)) throw error
  }
}

/**
 * 注销 (docs/decisions/028): what others wait on is withdrawn as the person would withdraw it
 * themself, then they are erased everywhere. A failure half-way leaves them marked, and the next
 * try finishes under the same anonymous id.
 */
export const close: Action<'close'> = async ({ caller, openid, now }) => {
  const me = await withPerson(caller)
  const records = await recordsOf(openid, me.person._id)
  const facts = await closingFacts(me, records, now)
  if (facts.blockers.length > 0) throw new AppError(ErrorCode.CONFLICT, facts.blockers[0])

  const anonId = me.person.erasing?.anonId ?? `erased-${randomBytes(12).toString('hex')}`
  if (!me.person.erasing) {
    await markErasing(me.person._id, anonId, now)
    // Written under their name, which the erasure then replaces like every other line of theirs.
    const communityIds = new Set([me.person.communityId, ...me.roles.map((r) => r.communityId)].filter((id): id is string => !!id))
    for (const communityId of communityIds) await addAuditEntry(auditEntry(me, 'account.close', { communityId }, now))
  }

  for (const need of records.needs.filter((n) => WAITING_NEED.includes(n.status))) {
    await unlessSettled(cancelNeed(need, me, '求助人已注销账号，求助撤回', now))
  }
  const activities = await activitiesByIds(records.signUps.map((s) => s.activityId))
  for (const signUp of records.signUps.filter((s) => s.status !== 'cancelled')) {
    const activity = activities.get(signUp.activityId)
    if (activity) await unlessSettled(withdrawSignUp(activity._id, openid, signUp.role, now).then(({ told }) => told))
  }
  const care = ownCareEntry(records)
  if (care?.active) await unlessSettled(endOnWithdrawal(care, me, '本人注销账号', now, now))

  const community = me.person.communityId ? (await communitiesByIds([me.person.communityId])).get(me.person.communityId) : undefined
  await eraseEverywhere(
    {
      openid,
      anonId,
      personId: me.person._id,
      name: me.person.name,
      ...(me.person.phone ? { phone: me.person.phone } : {}),
      ...(me.person.addressDetail ? { addressDetail: me.person.addressDetail } : {}),
      centre: community ? asGeoPoint(community.centre) : null,
      at: now,
      accountIdOf: personAccountId,
    },
    records.careEntries,
    records.giftsReceived.map((g) => g._id),
  )
  return { closed: true as const }
}
