/**
 * 亲友: an elder and a relative link by a code one gives the other, and the one who made the code
 * confirms who typed it; only then may the relative raise and follow the elder's needs, and receive
 * their updates while the elder lets them. Either side ends it.
 */
import { randomInt } from 'node:crypto'
import type { FamilyLinkView, ResidentsContract } from '../../shared/contracts/residents'
import {
  FAMILY_CODE_DIGITS,
  FAMILY_CODE_HOURS,
  FAMILY_CODE_LIMIT,
  familyRelationLabel,
  FAMILY_PAGE,
  familyStatusLabel,
  type FamilySide,
} from '../../shared/domain/residents'
import { maskName } from '../../shared/domain/timebank'
import { iso } from '../../shared/domain/time'
import { AppError, ErrorCode } from '../../shared/errors'
import { tryCode } from '../code-attempts'
import type { FamilyLinkDoc } from '../data/documents'
import { addFamilyLink, familyLinkById, invitationByCode, linksOfOpenid } from '../data/family'
import { needsOfRequester } from '../data/needs'
import { communitiesByIds } from '../data/places'
import { personById } from '../data/residents'
import { inTransaction, unset } from '../data/transaction'
import type { ActionImplementations } from '../handler'
import { needViews } from '../needs/views'
import type { Caller } from '../principal'
import { tellEach } from '../wechat'
import { raiseAt } from './proxy'

type Action<A extends keyof ResidentsContract['actions']> = ActionImplementations<ResidentsContract>[A]

/** Invitations a person may have waiting at once. */
const OPEN_INVITATIONS = 5
const NEEDS_LIMIT = 50

const other = (side: FamilySide): FamilySide => (side === 'elder' ? 'relative' : 'elder')
const sideOf = (link: FamilyLinkDoc, openid: string): FamilySide | null =>
  link.elder?.openid === openid ? 'elder' : link.relative?.openid === openid ? 'relative' : null

function linkView(link: FamilyLinkDoc, mySide: FamilySide): FamilyLinkView {
  const them = link[other(mySide)]
  return {
    linkId: link._id,
    status: link.status,
    statusLabel: familyStatusLabel[link.status],
    mySide,
    relation: link.relation,
    relationLabel: familyRelationLabel[link.relation],
    // Whole once both confirmed; before, enough to recognise whom one is confirming.
    ...(them ? { otherName: link.status === 'linked' ? them.name : maskName(them.name) } : {}),
    ...(link.status === 'invited' && link.code && link.codeExpiresAt ? { code: link.code, codeExpiresAt: iso(link.codeExpiresAt) } : {}),
    shareUpdates: link.shareUpdates,
    waitingForMe: link.status === 'asked' && link.invitedBy === mySide,
  }
}

/** What the one who typed a code may do once linked, told with the answer. */
const linkedTip: Record<FamilySide, string> = { relative: '现在可以代长辈求助、查看求助进度', elder: '亲友现在可以代你求助' }

const linkNotFound = () => new AppError(ErrorCode.NOT_FOUND, '没有这个亲友关联', 'data.linkId')

/** The link with the caller on it, and their side; anyone else's answers as one that does not exist. */
async function myLink(me: Caller, linkId: string): Promise<{ link: FamilyLinkDoc; side: FamilySide }> {
  const link = await familyLinkById(linkId)
  const side = link && sideOf(link, me.openid)
  if (!link || !side) throw linkNotFound()
  return { link, side }
}

const reread = async (linkId: string, side: FamilySide) => ({ link: linkView((await familyLinkById(linkId))!, side) })

const partyOf = (me: Caller) => {
  if (!me.person) throw new AppError(ErrorCode.NOT_REGISTERED, '请先加入你所在的社区')
  return { personId: me.person._id, openid: me.openid, name: me.person.name }
}

export const family: Action<'family'> = async ({ caller, now }) => {
  const me = await caller()
  const links = (await linksOfOpenid(me.openid))
    // A lapsed code is no invitation any more.
    .filter((l) => l.status !== 'ended' && !(l.status === 'invited' && l.codeExpiresAt && new Date(l.codeExpiresAt) <= now))
    .sort((a, b) => new Date(b.createdAt).getTime() - new Date(a.createdAt).getTime())
  return { links: links.map((l) => linkView(l, sideOf(l, me.openid)!)) }
}

export const inviteFamily: Action<'inviteFamily'> = async ({ caller, input, now }) => {
  const me = await caller()
  const party = partyOf(me)
  const open = (await linksOfOpenid(me.openid)).filter((l) => l.status === 'invited' && l.codeExpiresAt && new Date(l.codeExpiresAt) > now)
  if (open.length >= OPEN_INVITATIONS) throw new AppError(ErrorCode.CONFLICT, '你有好几个邀请码还没用，请先用掉或等它们过期')
  let code = ''
  for (let attempt = 0; attempt < 5 && !code; attempt++) {
    const drawn = String(randomInt(10 ** FAMILY_CODE_DIGITS)).padStart(FAMILY_CODE_DIGITS, '0')
    if (!(await invitationByCode(drawn))) code = drawn
  }
  if (!code) throw new AppError(ErrorCode.CONFLICT, '邀请码暂时生成不了，请稍后再试')
  const link = await addFamilyLink({
    invitedBy: input.side,
    relation: input.relation,
    status: 'invited',
    [input.side]: party,
    ...(input.side === 'elder' ? { elderOpenid: me.openid } : { relativeOpenid: me.openid }),
    code,
    codeExpiresAt: new Date(now.getTime() + FAMILY_CODE_HOURS * 3600_000),
    shareUpdates: false,
    createdAt: now,
  })
  return { link: linkView(link, input.side) }
}

/** The code's holder asks; the one who made it confirms (answerFamily). Nothing is granted yet. */
export const enterFamilyCode: Action<'enterFamilyCode'> = async ({ caller, input, now }) => {
  const me = await caller()
  const party = partyOf(me)
  const found = await invitationByCode(input.code)
  const usable = found && found.codeExpiresAt && new Date(found.codeExpiresAt) > now && !sideOf(found, me.openid) ? found : null
  const invitation = await tryCode('family', FAMILY_CODE_LIMIT, me.openid, usable, now)
  const mySide = other(invitation.invitedBy)
  const inviter = invitation[invitation.invitedBy]!
  const existing = await linksOfOpenid(me.openid)
  if (existing.some((l) => l.status === 'linked' && sideOf(l, inviter.openid))) throw new AppError(ErrorCode.CONFLICT, '你们已经关联了')
  await inTransaction(async (tx) => {
    const current = await tx.get('family_links', invitation._id)
    if (current?.status !== 'invited') throw new AppError(ErrorCode.NOT_FOUND, '邀请码无效或已失效', 'data.code')
    await tx.update('family_links', invitation._id, {
      status: 'asked',
      [mySide]: party,
      ...(mySide === 'elder' ? { elderOpenid: me.openid } : { relativeOpenid: me.openid }),
      code: unset(),
      codeExpiresAt: unset(),
    })
  })
  // The one who made the code confirms: they hear who typed it, masked as their family page shows it.
  await tellEach(
    [inviter.openid],
    'familyAsked',
    { name: maskName(party.name), relation: familyRelationLabel[invitation.relation], tip: '请在小程序中确认是否关联' },
    FAMILY_PAGE,
  )
  return reread(invitation._id, mySide)
}

export const answerFamily: Action<'answerFamily'> = async ({ caller, input, now }) => {
  const me = await caller()
  const { link, side } = await myLink(me, input.linkId)
  if (link.status !== 'asked' || link.invitedBy !== side) throw new AppError(ErrorCode.CONFLICT, '这个亲友关联不需要你确认')
  await inTransaction(async (tx) => {
    const current = await tx.get('family_links', link._id)
    if (current?.status !== 'asked') throw new AppError(ErrorCode.CONFLICT, '这个亲友关联已经变了，请刷新')
    await tx.update(
      'family_links',
      link._id,
      input.accept ? { status: 'linked', linkedAt: now } : { status: 'ended', endedAt: now, endedBy: me.openid },
    )
  })
  const askerSide = other(side)
  const myName = me.person?.name ?? ''
  await tellEach(
    [link[askerSide]!.openid],
    'familyAnswered',
    input.accept
      ? { name: myName, result: '已关联', tip: linkedTip[askerSide] }
      : { name: maskName(myName), result: '未同意', tip: '对方没有同意关联' },
    FAMILY_PAGE,
  )
  return reread(link._id, side)
}

export const unlinkFamily: Action<'unlinkFamily'> = async ({ caller, input, now }) => {
  const me = await caller()
  const { link, side } = await myLink(me, input.linkId)
  await inTransaction(async (tx) => {
    const current = await tx.get('family_links', link._id)
    if (!current || current.status === 'ended') return
    await tx.update('family_links', link._id, { status: 'ended', endedAt: now, endedBy: me.openid, code: unset(), codeExpiresAt: unset() })
  })
  return reread(link._id, side)
}

export const shareUpdates: Action<'shareUpdates'> = async ({ caller, input }) => {
  const me = await caller()
  const { link, side } = await myLink(me, input.linkId)
  // The elder's switch alone.
  if (side !== 'elder') throw new AppError(ErrorCode.FORBIDDEN, '只有长辈本人可以设置')
  if (link.status !== 'linked') throw new AppError(ErrorCode.CONFLICT, '双方确认关联后才能设置')
  await inTransaction(async (tx) => {
    if ((await tx.get('family_links', link._id))?.status !== 'linked') throw new AppError(ErrorCode.CONFLICT, '这个亲友关联已经解除了')
    await tx.update('family_links', link._id, { shareUpdates: input.share })
  })
  return reread(link._id, side)
}

/** The elder of a link both confirmed, for the relative on it; anything else answers as unknown. */
async function elderFor(me: Caller, linkId: string) {
  const { link, side } = await myLink(me, linkId)
  if (side !== 'relative' || link.status !== 'linked' || !link.elder) throw linkNotFound()
  return link.elder
}

export const elderNeeds: Action<'elderNeeds'> = async ({ caller, input }) => {
  const me = await caller()
  const elder = await elderFor(me, input.linkId)
  return { needs: await needViews(await needsOfRequester(elder.openid, NEEDS_LIMIT), 'full', { viewer: me }) }
}

export const raiseForElder: Action<'raiseForElder'> = async ({ caller, input, now }) => {
  const me = await caller()
  const link = await elderFor(me, input.linkId)
  const elder = await personById(link.personId)
  const community = elder?.communityId ? (await communitiesByIds([elder.communityId])).get(elder.communityId) : undefined
  if (!elder || !community) throw new AppError(ErrorCode.CONFLICT, '长辈还没有加入社区，暂时不能代为求助')
  const need = await raiseAt(me, elder, community, input.need, { openid: elder.openid, name: elder.name, as: 'family' }, 'data.need', now)
  return { need }
}
