/** What the audit log records, and how the committee reads it. */
import type { AuditEntry } from '../shared/contracts/community'
import type { AuditDoc } from './data/documents'
import type { Caller } from './principal'

export const auditActionLabel = {
  'organisation.apply': '提交备案申请',
  'organisation.approve': '通过备案',
  'organisation.reject': '驳回备案',
  'organisation.suspend': '暂停组织',
  'organisation.restore': '恢复组织',
  'invitation.renew': '更换邀请码',
  'member.join': '加入组织',
  'member.remove': '移除成员',
  'lead.handOver': '移交负责人',
  'committee.appoint': '任命两委成员',
  'committee.revoke': '撤销两委成员',
  'need.reveal': '查看求助人信息',
  'need.hide': '隐藏求助',
  'need.assign': '指派求助',
  'need.settings': '设置求助先审核',
  'activity.approve': '批准重大活动',
  'activity.reject': '不批准重大活动',
  'activity.cancel': '取消活动',
  'activity.policy': '设置重大活动标准',
} as const
export type AuditAction = keyof typeof auditActionLabel

/** The entry for `actor` doing `action` now; the caller writes it with the change it records. */
export function auditEntry(
  actor: Caller,
  action: AuditAction,
  about: {
    communityId: string
    organisationId?: string
    needId?: string
    activityId?: string
    target?: { openid: string; name: string }
    reason?: string
  },
): Omit<AuditDoc, '_id'> {
  return {
    communityId: about.communityId,
    ...(about.organisationId ? { organisationId: about.organisationId } : {}),
    ...(about.needId ? { needId: about.needId } : {}),
    ...(about.activityId ? { activityId: about.activityId } : {}),
    actorOpenid: actor.openid,
    actorName: actor.person?.name ?? '',
    action,
    ...(about.target ? { targetOpenid: about.target.openid, targetName: about.target.name } : {}),
    ...(about.reason ? { reason: about.reason } : {}),
    at: new Date(),
  }
}

export function actionLabel(action: string): string {
  return (auditActionLabel as Record<string, string>)[action] ?? action
}

export function toAuditEntry(doc: AuditDoc, organisationNames: Map<string, string>): AuditEntry {
  const organisationName = doc.organisationId ? organisationNames.get(doc.organisationId) : undefined
  return {
    id: doc._id,
    at: new Date(doc.at).toISOString(),
    actorName: doc.actorName,
    action: doc.action,
    actionLabel: actionLabel(doc.action),
    ...(doc.targetName ? { targetName: doc.targetName } : {}),
    ...(organisationName ? { organisationName } : {}),
    ...(doc.reason ? { reason: doc.reason } : {}),
  }
}
