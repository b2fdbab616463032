/** 居住核验: the committee confirms that a newcomer lives in its community, corrects the 小区, or declines with a reason. */
import type { JoiningContract } from '../../shared/contracts/joining'
import { HOME_PAGE, JOIN_COMMUNITY_PAGE, joinCommunityPath, joinCommunityScene } from '../../shared/domain/residence'
import { AppError, ErrorCode } from '../../shared/errors'
import { newcomersOf } from '../data/people'
import { personById } from '../data/residents'
import type { CommunityDoc, PersonDoc } from '../data/documents'
import { inTransaction, whole } from '../data/transaction'
import { auditEntry } from '../audit'
import type { ActionContext, ActionImplementations } from '../handler'
import { authoriseOverCommunity } from '../scopes'
import { miniProgramCodeIfAny, tellEach } from '../wechat'

type Action<A extends keyof JoiningContract['actions']> = ActionImplementations<JoiningContract>[A]

/** More than a committee checks in a day. */
const NEWCOMERS_LIMIT = 100

export const newcomers: Action<'newcomers'> = async (context) => {
  const community = await authoriseOverCommunity(context, context.input.communityId)
  const { newcomers: waiting } = await newcomersOf(community._id, NEWCOMERS_LIMIT)
  return {
    newcomers: waiting.map((person) => ({
      personId: person._id,
      name: person.name,
      phone: person.phone ?? '',
      phoneSource: person.phoneSource ?? 'typed',
      neighbourhood: person.neighbourhood ?? '',
      addressDetail: person.addressDetail ?? '',
      askedAt: new Date(person.residence!.askedAt).toISOString(),
    })),
  }
}

/** The answer goes to the newcomer alone (a decline's reason is theirs) and opens 首页, where it stands with what to do next. */
const tellNewcomer = (person: PersonDoc, community: CommunityDoc, result: string, note: string) =>
  tellEach([person.openid], 'residenceDecided', { community: community.name, result, note }, HOME_PAGE)

const notWaiting = () => new AppError(ErrorCode.CONFLICT, '这位居民已经核验过了，请刷新')

/**
 * The newcomer the committee answers: only its own committee (over the community they asked to
 * join), and never the person themself, who may sit on another community's committee.
 */
async function newcomerFor(context: ActionContext<{ personId: string }>): Promise<{ person: PersonDoc; community: CommunityDoc }> {
  const person = await personById(context.input.personId)
  const asked = person?.residence?.communityId ?? person?.communityId
  if (!person || !asked) throw new AppError(ErrorCode.NOT_FOUND, '没有这位居民', 'data.personId')
  const community = await authoriseOverCommunity(context, asked)
  if (person.openid === context.openid) throw new AppError(ErrorCode.FORBIDDEN, '不能核验自己，请其他两委成员办理', 'data.personId')
  if (person.residence?.status !== 'pending') throw notWaiting()
  return { person, community }
}

export const confirm: Action<'confirm'> = async (context) => {
  const { person, community } = await newcomerFor(context)
  const committee = await context.caller()
  const { now } = context
  const neighbourhood = context.input.neighbourhood ?? person.neighbourhood ?? ''
  let corrected: string | undefined
  await inTransaction(async (tx) => {
    const current = await tx.get('people', person._id)
    if (current?.residence?.status !== 'pending' || current.communityId !== community._id) throw notWaiting()
    await tx.update('people', person._id, {
      neighbourhood,
      residence: whole({ ...current.residence, status: 'confirmed' as const, decidedAt: now, decidedBy: committee.openid }),
    })
    corrected = neighbourhood !== current.neighbourhood ? `小区更正为${neighbourhood}` : undefined
    await tx.add(
      'audit_log',
      auditEntry(
        committee,
        'residence.confirm',
        { communityId: community._id, target: person, ...(corrected ? { reason: corrected } : {}) },
        now,
      ),
    )
  })
  await tellNewcomer(person, community, '已确认', corrected ?? '现在可以加入组织、转赠和兑换时间')
  return { personId: person._id }
}

export const decline: Action<'decline'> = async (context) => {
  const { person, community } = await newcomerFor(context)
  const committee = await context.caller()
  const { now, input } = context
  await inTransaction(async (tx) => {
    const current = await tx.get('people', person._id)
    if (current?.residence?.status !== 'pending' || current.communityId !== community._id) throw notWaiting()
    // No longer of this community: what only a resident may do stops at once; the person may join again.
    await tx.update('people', person._id, {
      communityId: null,
      residence: whole({
        ...current.residence,
        status: 'declined' as const,
        decidedAt: now,
        decidedBy: committee.openid,
        reason: input.reason,
      }),
    })
    await tx.add(
      'audit_log',
      auditEntry(committee, 'residence.decline', { communityId: community._id, target: person, reason: input.reason }, now),
    )
  })
  await tellNewcomer(person, community, '未确认', input.reason)
  return { personId: person._id }
}

export const invitation: Action<'invitation'> = async (context) => {
  const community = await authoriseOverCommunity(context, context.input.communityId)
  const qrImage = await miniProgramCodeIfAny(JOIN_COMMUNITY_PAGE, joinCommunityScene(community._id))
  return { joinPath: joinCommunityPath(community._id), ...(qrImage ? { qrImage } : {}) }
}
