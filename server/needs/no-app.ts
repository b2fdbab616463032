/**
 * A need's requester who uses no smartphone (代登记) reads no 消息 centre: what the requester is told
 * reaches them as they chose when registered (docs/decisions/031). By SMS, a short template of their
 * own need's progress; by phone, the committee is told whom to call and what to say.
 */
import type { MessageFields } from '../../shared/domain/messages'
import { isNoAppKey } from '../../shared/domain/residents'
import { committeeNeedPath } from '../../shared/domain/workbench'
import type { NeedDoc } from '../data/documents'
import { committeeOf } from '../data/memberships'
import { findPersonByOpenid } from '../data/people'
import { communitiesByIds } from '../data/places'
import { tellEach, textEach } from '../wechat'

/** The requester's messages, as a few words for the SMS (12 at most) and what the committee says on the phone. */
const news = {
  needAccepted: (f: MessageFields<'needAccepted'>) => ({ progress: '已有组织接单', say: `${f.organisation}${f.status}` }),
  needDone: () => ({ progress: '服务已完成', say: '服务已完成' }),
  needEscalated: () => ({ progress: '已转社区两委处理', say: '暂无组织接单，由两委安排' }),
}
export type RequesterTemplate = keyof typeof news
export const isRequesterTemplate = (template: string): template is RequesterTemplate => template in news

/** Tells the need's requester, if they have no app, what `template` told the 消息 centre nobody reads. */
export async function tellRequesterWithoutApp<K extends RequesterTemplate>(need: NeedDoc, template: K, fields: MessageFields<K>) {
  if (!isNoAppKey(need.requesterOpenid)) return
  const person = await findPersonByOpenid(need.requesterOpenid)
  if (!person?.proxy) return
  const { progress, say } = (news[template] as (f: MessageFields<K>) => { progress: string; say: string })(fields)
  if (person.proxy.tellBy === 'sms') {
    const community = (await communitiesByIds([need.communityId])).get(need.communityId)
    // Without its separators a landline fits the template's 12 characters and still dials.
    const committeePhone = (community?.committeePhone ?? '').replace(/[\s-]/g, '')
    await textEach([{ openid: person.openid, phone: person.phone }], 'needProgressText', {
      helpKind: need.helpKind,
      progress,
      committeePhone,
    })
    return
  }
  const committee = await committeeOf(need.communityId)
  await tellEach(
    committee.map((r) => r.openid),
    'callResident',
    { name: person.name, phone: person.phone ?? need.contactPhone, news: `${need.helpKind}：${say}` },
    committeeNeedPath(need._id).slice(1),
  )
}
