/**
 * The committee's catalogue (services and 爱心超市 goods for time) and the hand-over of what was
 * redeemed, by the committee or by the lead of the organisation that provides it. Stock only ever
 * moves by a delta inside a transaction, because redemptions take from it at the same time.
 */
import type { TimebankContract } from '../../shared/contracts/timebank'
import { AppError, ErrorCode } from '../../shared/errors'
import { addAuditEntry } from '../data/audit'
import type { ItemDoc, RedemptionDoc } from '../data/documents'
import { organisationById } from '../data/organisations'
import { peopleByOpenids } from '../data/residents'
import { addItem, itemById, itemsOfCommunity, redemptionById, updateItem, waitingRedemptions } from '../data/timebank'
import { inTransaction, unset } from '../data/transaction'
import { auditContactsShown, auditEntry } from '../audit'
import type { ActionContext, ActionImplementations } from '../handler'
import type { Caller } from '../principal'
import { authoriseOverCommunity, authoriseOverOrganisation } from '../scopes'
import { refuseFlagged } from '../wechat'
import { itemViews, redemptionViews } from './views'

type Action<A extends keyof TimebankContract['actions']> = ActionImplementations<TimebankContract>[A]

const itemNotFound = () => new AppError(ErrorCode.NOT_FOUND, '没有这一项', 'data.itemId')

/** The item, once the caller is authorised over its community. */
async function committeeItem(context: ActionContext<unknown>, itemId: string): Promise<ItemDoc> {
  const item = await itemById(itemId)
  if (!item) throw itemNotFound()
  await authoriseOverCommunity(context, item.communityId)
  return item
}

async function answerItem(item: ItemDoc) {
  const [view] = await itemViews([item])
  return { item: view }
}

export const items: Action<'items'> = async (context) => {
  const community = await authoriseOverCommunity(context, context.input.communityId)
  return { items: await itemViews(await itemsOfCommunity(community._id, ['active', 'retired'])) }
}

export const saveItem: Action<'saveItem'> = async (context) => {
  const { input, now } = context
  const community = await authoriseOverCommunity(context, input.communityId)
  if (input.providerOrganisationId) {
    const provider = await organisationById(input.providerOrganisationId)
    if (provider?.communityId !== community._id || provider.status !== 'approved') {
      throw new AppError(ErrorCode.NOT_FOUND, '本社区没有这个已备案的组织', 'data.providerOrganisationId')
    }
  }
  const existing = input.itemId ? await itemById(input.itemId) : null
  if (input.itemId && existing?.communityId !== community._id) throw itemNotFound()
  const me = await context.caller()
  // Residents read the name and description in the catalogue.
  await refuseFlagged(me.openid, { name: input.name, description: input.description }, 1)
  const fields = {
    name: input.name,
    kind: input.kind,
    priceMinutes: input.priceMinutes,
    description: input.description ?? '',
    updatedAt: now,
  }
  let saved: ItemDoc
  if (existing) {
    // A new price applies to later redemptions; each redemption keeps the price it paid.
    await updateItem(existing._id, { ...fields, providerOrganisationId: input.providerOrganisationId ?? unset() })
    const { providerOrganisationId: _previous, ...rest } = existing
    saved = { ...rest, ...fields, ...(input.providerOrganisationId ? { providerOrganisationId: input.providerOrganisationId } : {}) }
  } else {
    saved = await addItem({
      communityId: community._id,
      ...fields,
      ...(input.providerOrganisationId ? { providerOrganisationId: input.providerOrganisationId } : {}),
      stock: 0,
      status: 'active',
      createdAt: now,
    })
  }
  await addAuditEntry(
    auditEntry(
      me,
      'timebank.item.save',
      { communityId: community._id, organisationId: input.providerOrganisationId, target: { name: saved.name } },
      now,
    ),
  )
  return answerItem(saved)
}

export const restockItem: Action<'restockItem'> = async (context) => {
  const { input, now } = context
  const item = await committeeItem(context, input.itemId)
  const me = await context.caller()
  const restocked = await inTransaction(async (tx) => {
    const current = (await tx.get('timebank_items', item._id))!
    const stock = current.stock + input.delta
    if (stock < 0) throw new AppError(ErrorCode.OUT_OF_STOCK, `库存只有 ${current.stock}，不能减少 ${-input.delta}`, 'data.delta')
    await tx.update('timebank_items', item._id, { stock, updatedAt: now })
    const change = `库存 ${input.delta > 0 ? '+' : ''}${input.delta}，现有 ${stock}`
    await tx.add(
      'audit_log',
      auditEntry(
        me,
        'timebank.item.restock',
        { communityId: item.communityId, target: { name: item.name }, reason: input.reason ? `${change}：${input.reason}` : change },
        now,
      ),
    )
    return { ...current, stock, updatedAt: now }
  })
  return answerItem(restocked)
}

export const retireItem: Action<'retireItem'> = async (context) => {
  const { input, now } = context
  const item = await committeeItem(context, input.itemId)
  if (item.status === 'retired') return answerItem(item)
  const me = await context.caller()
  // A plain write: a redemption racing it reads the item in its transaction, conflicts, and reads it again retired.
  await updateItem(item._id, { status: 'retired', updatedAt: now })
  await addAuditEntry(
    auditEntry(me, 'timebank.item.retire', { communityId: item.communityId, target: { name: item.name }, reason: input.reason }, now),
  )
  return answerItem({ ...item, status: 'retired', updatedAt: now })
}

/** A community's or an organisation's waiting hand-overs: more than are ever waiting at once. */
const HANDOVERS_LIMIT = 200

/** Redemptions with who redeemed them and their phone, as the committee or the provider is shown them: the read is audited. */
async function shownToHandOver(redemptions: RedemptionDoc[], viewer: Caller, now: Date, organisationId?: string) {
  for (const communityId of new Set(redemptions.map((r) => r.communityId))) {
    const seen = redemptions.filter((r) => r.communityId === communityId).map((r) => r.openid)
    await auditContactsShown(viewer, 'timebank.handovers', { communityId, ...(organisationId ? { organisationId } : {}) }, seen, now)
  }
  return redemptionViews(redemptions, true)
}

export const handovers: Action<'handovers'> = async (context) => {
  const community = await authoriseOverCommunity(context, context.input.communityId)
  const waiting = await waitingRedemptions({ communityId: community._id }, HANDOVERS_LIMIT)
  return { redemptions: await shownToHandOver(waiting, await context.caller(), context.now) }
}

export const providerHandovers: Action<'providerHandovers'> = async (context) => {
  const { organisation } = await authoriseOverOrganisation(context, context.input.organisationId)
  const waiting = await waitingRedemptions({ providerOrganisationId: organisation._id }, HANDOVERS_LIMIT)
  return { redemptions: await shownToHandOver(waiting, await context.caller(), context.now, organisation._id) }
}

const redemptionNotFound = () => new AppError(ErrorCode.NOT_FOUND, '没有这笔兑换', 'data.redemptionId')

/** Marks it handed over, with the audit entry, once: a second confirmation answers the first. */
async function handOver(redemption: RedemptionDoc, by: Caller, now: Date, organisationId?: string) {
  const people = await peopleByOpenids([redemption.openid])
  const done = await inTransaction(async (tx) => {
    const current = (await tx.get('timebank_redemptions', redemption._id))!
    if (current.status === 'handedOver') return current
    if (current.status === 'cancelled') throw new AppError(ErrorCode.CONFLICT, '这笔兑换已经冲正取消了')
    await tx.update('timebank_redemptions', current._id, { status: 'handedOver', handedOverAt: now, handedOverBy: by.openid })
    await tx.add(
      'audit_log',
      auditEntry(
        by,
        'timebank.handover',
        {
          communityId: current.communityId,
          organisationId,
          target: { openid: current.openid, name: people.get(current.openid)?.name ?? '' },
          reason: current.itemName,
        },
        now,
      ),
    )
    return { ...current, status: 'handedOver' as const, handedOverAt: now, handedOverBy: by.openid }
  })
  const [view] = await shownToHandOver([done], by, now, organisationId)
  return { redemption: view }
}

export const confirmHandover: Action<'confirmHandover'> = async (context) => {
  const redemption = await redemptionById(context.input.redemptionId)
  if (!redemption) throw redemptionNotFound()
  await authoriseOverCommunity(context, redemption.communityId)
  return handOver(redemption, await context.caller(), context.now)
}

export const confirmHandoverAsProvider: Action<'confirmHandoverAsProvider'> = async (context) => {
  const { input } = context
  const { organisation } = await authoriseOverOrganisation(context, input.organisationId)
  const redemption = await redemptionById(input.redemptionId)
  // Only what this organisation provides: anything else answers as not there.
  if (redemption?.providerOrganisationId !== organisation._id) throw redemptionNotFound()
  return handOver(redemption, await context.caller(), context.now, organisation._id)
}
