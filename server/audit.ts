/** What the audit log records, and how the committee reads it. */
import type { AuditEntry } from '../shared/contracts/community'
import { addAuditEntry } from './data/audit'
import type { AuditDoc } from './data/documents'
import type { Caller } from './principal'

export const auditActionLabel = {
  'organisation.apply': '提交备案申请',
  'organisation.approve': '通过备案',
  'organisation.reject': '驳回备案',
  'organisation.suspend': '暂停组织',
  'organisation.restore': '恢复组织',
  'organisation.grade': '年度评定',
  'invitation.renew': '更换邀请码',
  'member.ask': '申请加入组织',
  'member.join': '同意加入组织',
  'member.decline': '婉拒加入申请',
  'member.remove': '移除成员',
  'lead.handOver': '移交负责人',
  'committee.appoint': '任命两委成员',
  'committee.revoke': '撤销两委成员',
  'committee.invite': '邀请两委成员',
  'committee.accept': '凭邀请成为两委成员',
  'community.add': '添加社区',
  'need.reveal': '查看求助人信息',
  'need.hide': '隐藏求助',
  'need.assign': '指派求助',
  'need.settings': '设置求助先审核',
  'activity.approve': '批准重大活动',
  'activity.reject': '不批准重大活动',
  'activity.cancel': '取消活动',
  'activity.policy': '设置重大活动标准',
  'care.register': '登记关爱对象',
  'care.update': '修改关爱对象信息',
  'care.withdraw': '记录撤回同意',
  'care.pair': '安排结对帮扶',
  'care.view': '查看关爱对象信息',
  'care.list': '查看关爱对象名单',
  'care.assignments': '查看结对探访名单',
  'care.visit': '记录探访',
  'timebank.item.save': '保存兑换项目',
  'timebank.item.restock': '增减兑换库存',
  'timebank.item.retire': '下架兑换项目',
  'timebank.handover': '确认兑换交付',
  'timebank.held.credit': '超限时间审核入账',
  'timebank.held.decline': '超限时间不予入账',
  'timebank.grant': '发放时间',
  'timebank.reverse': '冲正',
  'timebank.settings': '设置每日入账上限',
  'content.takeDown': '下架内容',
  'content.restore': '恢复内容',
  'resident.moveIn': '确认居民迁入',
  'resident.moveOut': '居民迁出',
  'resident.moveDecline': '婉拒居民迁入',
  'resident.register': '代登记居民',
  'resident.raiseFor': '代办求助',
  'resident.takeover': '确认认领代登记账号',
  'resident.takeoverDecline': '拒绝认领代登记账号',
  'member.contacts': '查看成员名单（含电话）',
  'activity.roster': '查看活动报名名单（含电话）',
  'timebank.handovers': '查看兑换人名单（含电话）',
  'account.close': '注销账号',
  'residence.confirm': '确认居住',
  'residence.decline': '不予确认居住',
} as const
export type AuditAction = keyof typeof auditActionLabel

/** The entry for `actor` doing `action` at `at` (the call's moment); the caller writes it with the change it records. */
export function auditEntry(
  actor: Caller,
  action: AuditAction,
  about: {
    communityId: string
    organisationId?: string
    needId?: string
    activityId?: string
    entryId?: string
    /**
     * The person affected, or (without an openid) the thing, such as a catalogue item; someone on
     * the care register may have no openid: they need not use the mini-program.
     */
    target?: { openid?: string; name: string }
    /** Everyone whose phone or address a list read showed. */
    seen?: string[]
    reason?: string
  },
  at: Date,
): Omit<AuditDoc, '_id'> {
  return {
    communityId: about.communityId,
    ...(about.organisationId ? { organisationId: about.organisationId } : {}),
    ...(about.needId ? { needId: about.needId } : {}),
    ...(about.activityId ? { activityId: about.activityId } : {}),
    ...(about.entryId ? { entryId: about.entryId } : {}),
    actorOpenid: actor.openid,
    actorName: actor.person?.name ?? '',
    action,
    ...(about.target?.openid ? { targetOpenid: about.target.openid } : {}),
    ...(about.target ? { targetName: about.target.name } : {}),
    ...(about.seen ? { seenOpenids: about.seen } : {}),
    ...(about.reason ? { reason: about.reason } : {}),
    at,
  }
}

/**
 * A list read that showed others' phones (a member list, a roster, the people waiting for a
 * hand-over) is one entry naming them all in `seenOpenids`, so each can see in 我的信息 who looked;
 * the viewer's own line is no reveal, and a list of nobody else writes nothing.
 */
export async function auditContactsShown(
  viewer: Caller,
  action: 'member.contacts' | 'activity.roster' | 'timebank.handovers',
  about: { communityId: string; organisationId?: string; activityId?: string },
  openids: string[],
  at: Date,
): Promise<void> {
  const seen = [...new Set(openids)].filter((openid) => openid !== viewer.openid)
  if (seen.length > 0) await addAuditEntry(auditEntry(viewer, action, { ...about, seen }, at))
}

export function actionLabel(action: string): string {
  return (auditActionLabel as Record<string, string>)[action] ?? action
}

/**
 * One line of the log. `careNames`: whether the reader may see who an entry about the care register
 * names; only the committee may, since being on the register is itself sensitive (docs/decisions/011).
 */
export function toAuditEntry(doc: AuditDoc, organisationNames: Map<string, string>, careNames: boolean): AuditEntry {
  const organisationName = doc.organisationId ? organisationNames.get(doc.organisationId) : undefined
  const targetName = doc.entryId && !careNames ? undefined : doc.targetName
  return {
    id: doc._id,
    at: new Date(doc.at).toISOString(),
    actorName: doc.actorName,
    action: doc.action,
    actionLabel: actionLabel(doc.action),
    ...(targetName ? { targetName } : {}),
    ...(organisationName ? { organisationName } : {}),
    ...(doc.reason ? { reason: doc.reason } : {}),
  }
}
