/**
 * The committee's ledger work: credits held over the daily cap, grants from the pool, the
 * community's ledger, reversals and the cap itself. Each decision is audited in the transaction
 * that makes it. Nothing in the ledger is ever changed: a correction is a reversing entry.
 */
import type { TimebankContract } from '../../shared/contracts/timebank'
import { DEFAULT_DAILY_CAP_MINUTES } from '../../shared/domain/timebank'
import { AppError, ErrorCode } from '../../shared/errors'
import { addAuditEntry } from '../data/audit'
import type { EntryDoc, HeldCreditDoc, ServiceCredit } from '../data/documents'
import { peopleByOpenids, personById } from '../data/residents'
import { accountsByIds, entriesPage, entryById, heldCreditById, setDailyCap, waitingHeldCredits } from '../data/timebank'
import { inTransaction, whole } from '../data/transaction'
import { auditEntry } from '../audit'
import type { ActionImplementations } from '../handler'
import { authoriseOverCommunity } from '../scopes'
import { refuseFlagged } from '../wechat'
import { entryKey, poolAccountIds } from './keys'
import { addToDaily, dailyCredited, move, person, pool } from './ledger'
import { countSettlement, tellStar, type StarNews } from './stars'
import { entryContext, heldViews, isReversible, ledgerView } from './views'
import { pageOf, positionOf } from '../paging'

type Action<A extends keyof TimebankContract['actions']> = ActionImplementations<TimebankContract>[A]

/** More than wait at once in one community. */
const HELD_LIMIT = 200

export const heldCredits: Action<'heldCredits'> = async (context) => {
  const community = await authoriseOverCommunity(context, context.input.communityId)
  return {
    held: await heldViews(await waitingHeldCredits(community._id, HELD_LIMIT)),
    dailyCapMinutes: community.dailyCapMinutes ?? DEFAULT_DAILY_CAP_MINUTES,
  }
}

export const reviewHeldCredit: Action<'reviewHeldCredit'> = async (context) => {
  const { input, now } = context
  const held = await heldCreditById(input.heldId)
  if (!held) throw new AppError(ErrorCode.NOT_FOUND, '没有这笔待审核的时间', 'data.heldId')
  await authoriseOverCommunity(context, held.communityId)
  const [me, people] = await Promise.all([context.caller(), peopleByOpenids([held.openid])])
  const target = { openid: held.openid, name: people.get(held.openid)?.name ?? '' }
  let star: StarNews | null = null
  const reviewed = await inTransaction(async (tx) => {
    star = null
    const current = (await tx.get('timebank_held', held._id))!
    if (current.status !== 'waiting') {
      // The same decision again is a replay; the other one is too late.
      if (current.status === (input.decision === 'credit' ? 'credited' : 'declined')) return current
      throw new AppError(ErrorCode.CONFLICT, '这笔时间已经审核过了')
    }
    const record = (await tx.get('service_records', current.recordId))!
    const paidFirst = 'entryId' in record.credit ? record.credit.entryId : undefined
    // A decline the committee made before the requester disputed the record stands (decision 017).
    const declinedBefore = record.credit.status === 'held' ? record.credit.declined : undefined
    const reason = input.reason ? { reason: input.reason } : {}
    let outcome: Pick<HeldCreditDoc, 'status' | 'entryId'>
    let credit: ServiceCredit
    if (input.decision === 'credit') {
      const key = current.cause === 'disputed' ? entryKey.disputedReview(current.recordId) : entryKey.review(current.recordId)
      await move(tx, {
        key,
        communityId: current.communityId,
        from: pool,
        to: person(current.openid),
        minutes: current.heldMinutes,
        kind: 'review',
        byOpenid: me.openid,
        at: now,
        details: { service: current.service, ...reason },
      })
      // Credited on review, they count for the day like the rest: later service that day waits too.
      await addToDaily(tx, await dailyCredited(tx, current.openid, current.day), current.openid, current.day, current.heldMinutes)
      outcome = { status: 'credited', entryId: key }
      const entryId = { entryId: paidFirst ?? key }
      credit = declinedBefore
        ? { status: 'declined', at: now, reason: declinedBefore.reason, declinedMinutes: declinedBefore.minutes, ...entryId }
        : { status: 'credited', at: now, ...entryId }
    } else {
      outcome = { status: 'declined' }
      const declinedMinutes = current.heldMinutes + (declinedBefore?.minutes ?? 0)
      credit = { status: 'declined', at: now, reason: input.reason!, declinedMinutes, ...(paidFirst ? { entryId: paidFirst } : {}) }
    }
    const change = { ...outcome, reviewedAt: now, reviewedBy: me.openid, ...reason }
    await tx.update('timebank_held', current._id, change)
    await tx.update('service_records', record._id, { credit: whole(credit), updatedAt: now })
    star = await countSettlement(tx, record, credit)
    await tx.add(
      'audit_log',
      auditEntry(
        me,
        input.decision === 'credit' ? 'timebank.held.credit' : 'timebank.held.decline',
        {
          communityId: current.communityId,
          organisationId: current.service.organisationId,
          target,
          reason: input.reason ?? `${current.heldMinutes} 分钟`,
        },
        now,
      ),
    )
    return { ...current, ...change }
  })
  await tellStar(star)
  const [view] = await heldViews([reviewed])
  return { held: view }
}

async function answerEntry(entry: EntryDoc) {
  return { entry: ledgerView(entry, await entryContext([entry])) }
}

export const grant: Action<'grant'> = async (context) => {
  const { input, now } = context
  const community = await authoriseOverCommunity(context, input.communityId)
  const recipient = await personById(input.personId)
  if (recipient?.communityId !== community._id) throw new AppError(ErrorCode.NOT_FOUND, '本社区没有这位居民', 'data.personId')
  const me = await context.caller()
  // The person reads the reason in their history.
  await refuseFlagged(me.openid, { reason: input.reason }, 2)
  const key = entryKey.grant(community._id, input.requestId)
  const entry = await inTransaction(async (tx) => {
    const done = await tx.get('timebank_entries', key)
    if (done) return done
    const moved = await move(tx, {
      key,
      communityId: community._id,
      from: pool,
      to: person(recipient.openid),
      minutes: input.minutes,
      kind: 'grant',
      byOpenid: me.openid,
      at: now,
      details: { reason: input.reason },
    })
    await tx.add(
      'audit_log',
      auditEntry(
        me,
        'timebank.grant',
        {
          communityId: community._id,
          target: { openid: recipient.openid, name: recipient.name },
          reason: `${input.minutes} 分钟：${input.reason}`,
        },
        now,
      ),
    )
    return moved.entry
  })
  return answerEntry(entry)
}

export const ledger: Action<'ledger'> = async (context) => {
  const { input } = context
  const community = await authoriseOverCommunity(context, input.communityId)
  const filtered = input.personId ? await personById(input.personId) : undefined
  if (filtered === null) throw new AppError(ErrorCode.NOT_FOUND, '没有这位居民', 'data.personId')
  const [read, pool] = await Promise.all([
    entriesPage(
      { communityId: community._id, ...(filtered ? { people: filtered.openid } : {}) },
      positionOf(input.cursor),
      input.limit + 1,
    ),
    accountsByIds(poolAccountIds(community._id)),
  ])
  const page = pageOf(read, input.limit)
  const shown = await entryContext(page.entries)
  return {
    entries: page.entries.map((e) => ledgerView(e, shown)),
    ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
    // The pool is minus everything its people hold: the accounts sum to zero.
    outstandingMinutes: -[...pool.values()].reduce((sum, account) => sum + account.balance, 0),
  }
}

const sideOf = (openid: string | undefined) => (openid ? person(openid) : pool)

export const reverse: Action<'reverse'> = async (context) => {
  const { input, now } = context
  const original = await entryById(input.entryId)
  if (!original) throw new AppError(ErrorCode.NOT_FOUND, '没有这一笔', 'data.entryId')
  await authoriseOverCommunity(context, original.communityId)
  if (original.kind === 'reversal') throw new AppError(ErrorCode.CONFLICT, '冲正记录不能再冲正')
  if (!isReversible(original)) {
    throw new AppError(
      ErrorCode.CONFLICT,
      original.kind === 'gift' || original.kind === 'giftReturn'
        ? '待接收或已退回的转赠不能冲正：对方接收前，赠送人可以自己取消'
        : '搬家或认领账号转入的余额不能冲正',
    )
  }
  const me = await context.caller()
  await refuseFlagged(me.openid, { reason: input.reason }, 2)
  const affected = original.toOpenid ?? original.fromOpenid
  const people = await peopleByOpenids(affected ? [affected] : [])
  const key = entryKey.reverse(original._id)
  const entry = await inTransaction(async (tx) => {
    const done = await tx.get('timebank_entries', key)
    if (done) {
      if (done.byOpenid === me.openid && done.reason === input.reason) return done
      throw new AppError(ErrorCode.CONFLICT, '这一笔已经冲正过了')
    }
    const moved = await move(tx, {
      key,
      communityId: original.communityId,
      from: sideOf(original.toOpenid),
      // An accepted gift goes back to its giver, not to the account it waited in.
      to: original.gift ? person(original.gift.giverOpenid) : sideOf(original.fromOpenid),
      minutes: original.minutes,
      kind: 'reversal',
      byOpenid: me.openid,
      at: now,
      details: { reverses: original._id, reversedKind: original.kind, reason: input.reason },
    }).catch((error: unknown) => {
      if (error instanceof AppError && error.code === ErrorCode.INSUFFICIENT_BALANCE) {
        throw new AppError(ErrorCode.INSUFFICIENT_BALANCE, '对方的时间已经用掉了，余额不够冲正这一笔')
      }
      throw error
    })
    // A redemption not yet handed over is called off: the item goes back on the shelf.
    const redemption = original.redemptionId ? await tx.get('timebank_redemptions', original.redemptionId) : null
    if (redemption?.status === 'waiting') {
      await tx.update('timebank_redemptions', redemption._id, { status: 'cancelled', cancelledAt: now })
      const item = await tx.get('timebank_items', redemption.itemId)
      if (item) await tx.update('timebank_items', item._id, { stock: item.stock + 1, updatedAt: now })
    }
    await tx.add(
      'audit_log',
      auditEntry(
        me,
        'timebank.reverse',
        {
          communityId: original.communityId,
          ...(affected ? { target: { openid: affected, name: people.get(affected)?.name ?? '' } } : {}),
          reason: `${original.minutes} 分钟：${input.reason}`,
        },
        now,
      ),
    )
    return moved.entry
  })
  return answerEntry(entry)
}

export const settings: Action<'settings'> = async (context) => {
  const { input } = context
  const community = await authoriseOverCommunity(context, input.communityId)
  const me = await context.caller()
  await setDailyCap(community._id, input.dailyCapMinutes)
  await addAuditEntry(
    auditEntry(me, 'timebank.settings', { communityId: community._id, reason: `每人每天 ${input.dailyCapMinutes} 分钟` }, context.now),
  )
  return { dailyCapMinutes: input.dailyCapMinutes }
}
