/** 搬家: a resident asks, the destination committee confirms, and the time-bank balance moves with them (decision 026). */
import { createHash } from 'node:crypto'
import type { MoveView, ResidentsContract } from '../../shared/contracts/residents'
import { committeeResidentsPath, MOVE_PAGE, moveStatusLabel } from '../../shared/domain/residents'
import { iso } from '../../shared/domain/time'
import { AppError, ErrorCode } from '../../shared/errors'
import { auditEntry } from '../audit'
import { endedEntry } from '../care/register'
import { activeEntryOfResident } from '../data/care'
import { allCommunities } from '../data/communities'
import type { MoveDoc } from '../data/documents'
import { asGeoPoint } from '../data/geo'
import { addMove, moveById, movesOfPerson, movesWaitingFor } from '../data/moves'
import { communitiesByIds } from '../data/places'
import { peopleByOpenids } from '../data/residents'
import { inTransaction, whole, type Transaction } from '../data/transaction'
import type { ActionImplementations } from '../handler'
import type { Caller } from '../principal'
import { refuseOutsideArea } from '../places'
import { authoriseOverCommunity } from '../scopes'
import { personAccountId } from '../timebank/keys'
import { move as moveMinutes, person, pool } from '../timebank/ledger'
import { committeeOf } from '../data/memberships'
import { refuseFlagged, tellEach } from '../wechat'

type Action<A extends keyof ResidentsContract['actions']> = ActionImplementations<ResidentsContract>[A]

/** More than a person moves in a lifetime; more than a committee confirms in a week. */
const LIST_LIMIT = 50

const moveIdOf = (personId: string, requestId: string) =>
  `mv-${createHash('sha256').update(`${personId}\u0000${requestId}`).digest('hex').slice(0, 32)}`

async function moveViews(moves: MoveDoc[], forCommittee: boolean): Promise<MoveView[]> {
  const [communities, people] = await Promise.all([
    communitiesByIds(moves.flatMap((m) => [m.fromCommunityId, m.toCommunityId])),
    forCommittee ? peopleByOpenids(moves.map((m) => m.openid)) : new Map<string, never>(),
  ])
  const named = (id: string) => ({ id, name: communities.get(id)?.name ?? '' })
  return moves.map((m) => {
    const phone = people.get(m.openid)?.phone
    return {
      moveId: m._id,
      status: m.status,
      statusLabel: moveStatusLabel[m.status],
      from: named(m.fromCommunityId),
      to: named(m.toCommunityId),
      neighbourhood: m.neighbourhood,
      addressDetail: m.addressDetail,
      ...(m.reason ? { reason: m.reason } : {}),
      askedAt: iso(m.askedAt),
      ...(m.decidedAt ? { decidedAt: iso(m.decidedAt) } : {}),
      ...(m.declineReason ? { declineReason: m.declineReason } : {}),
      ...(m.movedMinutes !== undefined ? { movedMinutes: m.movedMinutes } : {}),
      ...(forCommittee ? { person: { name: m.name, ...(phone ? { phone } : {}) } } : {}),
    }
  })
}

const oneView = async (move: MoveDoc, forCommittee: boolean) => (await moveViews([move], forCommittee))[0]

/** The caller's person record: the permission table let only residents in. */
function residentOf(me: Caller) {
  if (!me.person?.communityId) throw new AppError(ErrorCode.NOT_REGISTERED, '请先加入你所在的社区')
  return { ...me.person, communityId: me.person.communityId }
}

export const destinations: Action<'destinations'> = async ({ caller }) => {
  const home = residentOf(await caller()).communityId
  const communities = await allCommunities(LIST_LIMIT * 4)
  return {
    communities: communities
      .filter((c) => c._id !== home)
      .map((c) => ({ communityId: c._id, name: c.name, district: c.district, street: c.street })),
  }
}

export const askMove: Action<'askMove'> = async ({ caller, input, now }) => {
  const me = await caller()
  const resident = residentOf(me)
  if (input.toCommunityId === resident.communityId) {
    throw new AppError(ErrorCode.CONFLICT, '你已经住在这个社区了', 'data.toCommunityId')
  }
  const id = moveIdOf(resident._id, input.requestId)
  const replay = await moveById(id)
  if (replay) return { move: await oneView(replay, false) }
  const to = (await communitiesByIds([input.toCommunityId])).get(input.toCommunityId)
  if (!to) throw new AppError(ErrorCode.NOT_FOUND, '没有这个社区', 'data.toCommunityId')
  const location = input.location ?? asGeoPoint(to.centre).coordinates
  refuseOutsideArea(to, location, 'data.location')
  await refuseFlagged(me.openid, { neighbourhood: input.neighbourhood, addressDetail: input.addressDetail, reason: input.reason }, 1)
  if ((await movesOfPerson(resident._id, LIST_LIMIT)).some((m) => m.status === 'asked')) {
    throw new AppError(ErrorCode.CONFLICT, '你已经有一个等待确认的搬家申请，请等新社区答复或先撤回')
  }
  const move: MoveDoc = {
    _id: id,
    personId: resident._id,
    openid: me.openid,
    name: resident.name,
    fromCommunityId: resident.communityId,
    toCommunityId: to._id,
    neighbourhood: input.neighbourhood,
    addressDetail: input.addressDetail,
    location: { type: 'Point', coordinates: location },
    ...(input.reason ? { reason: input.reason } : {}),
    status: 'asked',
    askedAt: now,
  }
  // Two copies of one request racing: the second finds the first's, and only the first tells the committee.
  if (!(await addMove(move))) return { move: await oneView((await moveById(id))!, false) }
  const view = await oneView(move, false)
  await tellNewCommittee(move, view.from.name)
  return { move: view }
}

/** The committee that decides hears of the request, opening its 迁入 list; the old community is not told. */
async function tellNewCommittee(move: MoveDoc, fromName: string): Promise<void> {
  const committee = await committeeOf(move.toCommunityId)
  await tellEach(
    committee.map((r) => r.openid),
    'moveAsked',
    { name: move.name, from: fromName, neighbourhood: move.neighbourhood, askedAt: move.askedAt },
    committeeResidentsPath(move.toCommunityId).slice(1),
  )
}

/** The answer, to the resident alone, opening their 搬家 page where the whole reason stands. */
const tellMover = (move: MoveDoc, community: string, result: string, note: string) =>
  tellEach([move.openid], 'moveDecided', { community, result, note }, MOVE_PAGE)

export const myMoves: Action<'myMoves'> = async ({ caller }) => {
  const resident = residentOf(await caller())
  return { moves: await moveViews(await movesOfPerson(resident._id, LIST_LIMIT), false) }
}

const moveNotFound = () => new AppError(ErrorCode.NOT_FOUND, '没有这个搬家申请', 'data.moveId')
const alreadyDecided = () => new AppError(ErrorCode.CONFLICT, '这个搬家申请已经处理过了')

export const withdrawMove: Action<'withdrawMove'> = async ({ caller, input }) => {
  const resident = residentOf(await caller())
  const move = await moveById(input.moveId)
  // Someone else's move answers as one that does not exist.
  if (!move || move.personId !== resident._id) throw moveNotFound()
  await inTransaction(async (tx) => {
    const current = await tx.get('moves', move._id)
    if (current?.status !== 'asked') throw alreadyDecided()
    await tx.update('moves', move._id, { status: 'withdrawn' })
  })
  return { move: await oneView((await moveById(move._id))!, false) }
}

export const moveRequests: Action<'moveRequests'> = async (context) => {
  const community = await authoriseOverCommunity(context, context.input.communityId)
  return { moves: await moveViews(await movesWaitingFor(community._id, LIST_LIMIT), true) }
}

/**
 * The person's balance in the old community goes back into its pool and the new community's pool
 * issues as much to them: each community still sums to zero, and the entries' keys come from the
 * move, so a second confirmation can only find them.
 */
async function carryBalance(tx: Transaction, move: MoveDoc, byOpenid: string, at: Date): Promise<number> {
  const account = await tx.get('timebank_accounts', personAccountId(move.fromCommunityId, move.openid))
  const minutes = account?.balance ?? 0
  if (minutes <= 0) return 0
  const common = { minutes, byOpenid, at, details: { note: '搬家' } }
  await moveMinutes(tx, {
    ...common,
    key: `move-out:${move._id}`,
    communityId: move.fromCommunityId,
    from: person(move.openid),
    to: pool,
    kind: 'moveOut',
  })
  await moveMinutes(tx, {
    ...common,
    key: `move-in:${move._id}`,
    communityId: move.toCommunityId,
    from: pool,
    to: person(move.openid),
    kind: 'moveIn',
  })
  return minutes
}

export const decideMove: Action<'decideMove'> = async (context) => {
  const { input, now } = context
  const move = await moveById(input.moveId)
  if (!move) throw moveNotFound()
  // Only the committee of the community they move to: the old one has no say over who comes in elsewhere.
  const to = await authoriseOverCommunity(context, move.toCommunityId)
  const me = await context.caller()
  const target = { openid: move.openid, name: move.name }
  if (input.decision === 'decline') {
    await inTransaction(async (tx) => {
      const current = await tx.get('moves', move._id)
      if (current?.status !== 'asked') throw alreadyDecided()
      await tx.update('moves', move._id, { status: 'declined', decidedAt: now, decidedBy: me.openid, declineReason: input.reason ?? '' })
      await tx.add('audit_log', auditEntry(me, 'resident.moveDecline', { communityId: to._id, target, reason: input.reason }, now))
    })
    await tellMover(move, to.name, '未同意', input.reason ?? '')
    return { move: await oneView((await moveById(move._id))!, true) }
  }
  // Read first (a transaction takes no query); read again inside it, so a change meanwhile is seen.
  const careEntry = await activeEntryOfResident(move.personId)
  const confirmed = await inTransaction(async (tx) => {
    const current = await tx.get('moves', move._id)
    // A retried confirmation answers what the first one did, and tells nobody again.
    if (current?.status === 'confirmed') return null
    if (current?.status !== 'asked') throw alreadyDecided()
    const resident = await tx.get('people', move.personId)
    if (resident?.communityId !== move.fromCommunityId || resident.openid !== move.openid) {
      throw new AppError(ErrorCode.CONFLICT, '这位居民的所在社区已经变了，请让居民重新申请')
    }
    const movedMinutes = await carryBalance(tx, move, me.openid, now)
    await tx.update('people', move.personId, {
      communityId: move.toCommunityId,
      neighbourhood: move.neighbourhood,
      addressDetail: move.addressDetail,
      location: whole(move.location),
    })
    // The old community's consent and visits were for the old home: that entry ends; the new committee registers anew if needed.
    const entry = careEntry && (await tx.get('care_register', careEntry._id))
    if (entry?.active) {
      await tx.update('care_register', entry._id, endedEntry(me, now, `已迁往${to.name}`, now))
    }
    await tx.update('moves', move._id, { status: 'confirmed', decidedAt: now, decidedBy: me.openid, movedMinutes })
    await tx.add('audit_log', auditEntry(me, 'resident.moveIn', { communityId: to._id, target }, now))
    await tx.add('audit_log', auditEntry(me, 'resident.moveOut', { communityId: move.fromCommunityId, target }, now))
    return { movedMinutes }
  })
  if (confirmed) {
    await tellMover(move, to.name, '已迁入', confirmed.movedMinutes > 0 ? `时间余额${confirmed.movedMinutes}分钟已转入` : '欢迎入住新社区')
  }
  return { move: await oneView((await moveById(move._id))!, true) }
}
