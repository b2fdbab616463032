/** 入驻: a person joins a community by themself and waits for its committee's 居住核验 (docs/decisions/024). */
import type { JoiningContract, ResidenceView } from '../../shared/contracts/joining'
import { PRIVACY_POLICY_VERSION, addressDetailOf, residenceStatusLabel } from '../../shared/domain/residence'
import { AppError, ErrorCode } from '../../shared/errors'
import { addPerson } from '../data/people'
import { communitiesByIds } from '../data/places'
import type { PersonDoc } from '../data/documents'
import { inTransaction, whole } from '../data/transaction'
import type { ActionImplementations } from '../handler'
import { refuseFlagged, wechat } from '../wechat'
import { openCommunity } from './find'

type Action<A extends keyof JoiningContract['actions']> = ActionImplementations<JoiningContract>[A]

const alreadyJoined = (name: string) => new AppError(ErrorCode.CONFLICT, `你已经加入了${name}。搬家了请在“我的”里办理，或打社区两委的电话`)

/** The number WeChat vouches for, or the typed one; a refused code is said beside the phone. */
async function phoneOf(input: { phone?: string; phoneCode?: string }): Promise<{ phone: string; phoneSource: 'wechat' | 'typed' }> {
  if (input.phoneCode !== undefined) {
    const phone = await wechat().phoneNumber({ code: input.phoneCode })
    if (!phone) throw new AppError(ErrorCode.INVALID_INPUT, '没有取到微信绑定的手机号，请再点一次，或直接填写', 'data.phone')
    return { phone, phoneSource: 'wechat' }
  }
  return { phone: input.phone!, phoneSource: 'typed' }
}

export const join: Action<'join'> = async ({ input, openid, now, caller }) => {
  if (input.privacyVersion !== PRIVACY_POLICY_VERSION) {
    throw new AppError(ErrorCode.INVALID_INPUT, '隐私说明有更新，请重新阅读后再同意', 'data.privacyVersion')
  }
  const me = await caller()
  if (me.person?.communityId) {
    const home = (await communitiesByIds([me.person.communityId])).get(me.person.communityId)
    throw alreadyJoined(home?.name ?? '一个社区')
  }
  const community = await openCommunity(input.communityId, 'data.communityId')
  // What a person writes about themself is checked before anything is stored (scene 1: 资料).
  await refuseFlagged(openid, { name: input.name, neighbourhood: input.neighbourhood }, 1)
  const { phone, phoneSource } = await phoneOf(input)

  const residence = whole({ status: 'pending' as const, communityId: community._id, askedAt: now })
  const details = {
    name: input.name,
    phone,
    phoneSource,
    communityId: community._id,
    neighbourhood: input.neighbourhood,
    addressDetail: addressDetailOf(input),
    privacyAgreed: whole({ version: input.privacyVersion, at: now }),
  }
  if (!me.person) {
    const added = await addPerson({
      openid,
      ...details,
      privacyAgreed: { version: input.privacyVersion, at: now },
      residence: { status: 'pending', communityId: community._id, askedAt: now },
      preferences: { elderMode: 'auto' },
      createdAt: now,
    })
    // Two taps of 加入 at once: the first one joined.
    if (!added) throw alreadyJoined(community.name)
  } else {
    // Someone declined elsewhere, or with a role and no home yet (a civil-affairs officer): the same record joins.
    const personId = me.person._id
    await inTransaction(async (tx) => {
      const current = await tx.get('people', personId)
      if (!current || current.communityId) throw alreadyJoined(community.name)
      await tx.update('people', personId, { ...details, residence })
    })
  }
  return { residence: viewOf({ status: 'pending', communityId: community._id, askedAt: now }, input.neighbourhood, community) }
}

function viewOf(
  residence: NonNullable<PersonDoc['residence']>,
  neighbourhood: string,
  community: { _id: string; name: string; committeePhone: string },
): ResidenceView {
  return {
    status: residence.status,
    statusLabel: residenceStatusLabel[residence.status],
    community: { id: community._id, name: community.name, committeePhone: community.committeePhone },
    neighbourhood,
    askedAt: new Date(residence.askedAt).toISOString(),
    ...(residence.status === 'declined' && residence.reason ? { reason: residence.reason } : {}),
  }
}

export const mine: Action<'mine'> = async ({ caller }) => {
  const { person } = await caller()
  if (!person) return { residence: null }
  // Registered by the committee itself (the seed, 代登记): nothing to check.
  const residence =
    person.residence ??
    (person.communityId ? { status: 'confirmed' as const, communityId: person.communityId, askedAt: person.createdAt } : null)
  if (!residence) return { residence: null }
  const community = (await communitiesByIds([residence.communityId])).get(residence.communityId)
  if (!community) return { residence: null }
  return { residence: viewOf(residence, person.neighbourhood ?? '', community) }
}
