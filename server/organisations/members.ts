/** Members of an organisation: invite codes, joining, removing, handing over the lead. */
import type { Member, OrganisationsContract } from '../../shared/contracts/organisations'
import { AppError, ErrorCode } from '../../shared/errors'
import { JOIN_PAGE, joinPath, joinScene } from '../../shared/domain/organisation'
import { addAuditEntry } from '../data/audit'
import type { OrganisationDoc, RoleDoc } from '../data/documents'
import { grantRole, membersOf, membershipOf, roleById, roleDocId } from '../data/memberships'
import { organisationByInviteCode, replaceInviteCode } from '../data/organisations'
import { peopleByOpenids } from '../data/residents'
import { inTransaction } from '../data/transaction'
import { auditEntry } from '../audit'
import type { ActionImplementations } from '../handler'
import { authoriseOverOrganisation } from '../scopes'
import { wechat } from '../wechat'
import { drawInviteCode } from './registry'
import { summariseOne } from './views'

type Action<A extends keyof OrganisationsContract['actions']> = ActionImplementations<OrganisationsContract>[A]

/** What a membership audit entry is about: the organisation, and the member when there is one. */
const about = (organisation: OrganisationDoc, target?: { openid: string; name: string }) => ({
  communityId: organisation.communityId,
  organisationId: organisation._id,
  ...(target ? { target } : {}),
})

/** The lead first, then volunteers in the order they joined; with phones, which lead and committee need. */
async function memberList(organisationId: string): Promise<Member[]> {
  const roles = await membersOf(organisationId)
  const people = await peopleByOpenids(roles.map((r) => r.openid))
  const ordered = [...roles.filter((r) => r.role === 'organisation_lead'), ...roles.filter((r) => r.role === 'volunteer')]
  return ordered.map((r) => {
    const person = people.get(r.openid)
    return {
      memberId: r._id,
      name: person?.name ?? '',
      role: r.role as Member['role'],
      ...(person?.phone ? { phone: person.phone } : {}),
      joinedAt: new Date(r.grantedAt).toISOString(),
    }
  })
}

export const members: Action<'members'> = async (context) => {
  const { organisation } = await authoriseOverOrganisation(context, context.input.organisationId)
  return { members: await memberList(organisation._id) }
}

async function invitationFor(code: string) {
  return { code, joinPath: joinPath(code), qrImage: await wechat().miniProgramCode({ page: JOIN_PAGE, scene: joinScene(code) }) }
}

export const invitation: Action<'invitation'> = async (context) => {
  const { organisation } = await authoriseOverOrganisation(context, context.input.organisationId)
  return invitationFor(organisation.inviteCode)
}

export const renewInvitation: Action<'renewInvitation'> = async (context) => {
  const { organisation } = await authoriseOverOrganisation(context, context.input.organisationId)
  // The old code stops working at once: it is no longer stored anywhere.
  const code = await replaceInviteCode(organisation._id, drawInviteCode)
  const lead = await context.caller()
  await addAuditEntry(auditEntry(lead, 'invitation.renew', about(organisation)))
  return invitationFor(code)
}

export const join: Action<'join'> = async ({ caller, input }) => {
  const organisation = await organisationByInviteCode(input.code)
  // Suspended or not yet approved organisations take no members; say so as for a wrong code.
  if (!organisation || organisation.status !== 'approved') throw new AppError(ErrorCode.NOT_FOUND, '邀请码无效或已失效', 'data.code')
  const me = await caller()
  const already = new AppError(ErrorCode.CONFLICT, '你已经是这个组织的成员')
  if (await membershipOf(organisation._id, me.openid)) throw already
  const granted = await grantRole({
    _id: roleDocId(organisation._id, me.openid),
    openid: me.openid,
    role: 'volunteer',
    organisationId: organisation._id,
    communityId: organisation.communityId,
    grantedBy: me.openid,
    grantedAt: new Date(),
  })
  if (!granted) throw already
  await addAuditEntry(auditEntry(me, 'member.join', about(organisation, { openid: me.openid, name: me.person?.name ?? '' })))
  return { organisation: await summariseOne(organisation) }
}

/** The member `memberId` of `organisation`, with their name; NOT_FOUND for anyone else's role. */
async function memberOf(organisation: OrganisationDoc, memberId: string): Promise<{ role: RoleDoc; name: string }> {
  const role = await roleById(memberId)
  if (!role || role.organisationId !== organisation._id) throw new AppError(ErrorCode.NOT_FOUND, '这个组织没有这名成员', 'data.memberId')
  const person = (await peopleByOpenids([role.openid])).get(role.openid)
  return { role, name: person?.name ?? '' }
}

export const removeMember: Action<'removeMember'> = async (context) => {
  const { organisation } = await authoriseOverOrganisation(context, context.input.organisationId)
  const { role, name } = await memberOf(organisation, context.input.memberId)
  if (role.role === 'organisation_lead') throw new AppError(ErrorCode.CONFLICT, '负责人不能移除自己，请先移交负责人')
  const lead = await context.caller()
  await inTransaction(async (tx) => {
    await tx.remove('roles', role._id)
    await tx.add('audit_log', auditEntry(lead, 'member.remove', about(organisation, { openid: role.openid, name })))
  })
  return { members: await memberList(organisation._id) }
}

export const handOverLead: Action<'handOverLead'> = async (context) => {
  const { organisation } = await authoriseOverOrganisation(context, context.input.organisationId)
  const { role: target, name } = await memberOf(organisation, context.input.memberId)
  if (target.role !== 'volunteer') throw new AppError(ErrorCode.CONFLICT, '只能移交给本组织的志愿者', 'data.memberId')
  const lead = await context.caller()
  const ownRole = lead.roles.find((r) => r.role === 'organisation_lead' && r.organisationId === organisation._id)
  if (!ownRole) throw new AppError(ErrorCode.CONFLICT, '你已经不是这个组织的负责人')
  await inTransaction(async (tx) => {
    // Read again inside: the lead may have been handed over or the member removed meanwhile.
    const current = await tx.get('organisations', organisation._id)
    const targetNow = await tx.get('roles', target._id)
    if (current?.leadOpenid !== lead.openid || targetNow?.role !== 'volunteer') {
      throw new AppError(ErrorCode.CONFLICT, '成员情况已经变了，请刷新后再试')
    }
    await tx.update('roles', target._id, { role: 'organisation_lead' })
    await tx.update('roles', ownRole._id, { role: 'volunteer' })
    await tx.update('organisations', organisation._id, { leadOpenid: target.openid })
    await tx.add('audit_log', auditEntry(lead, 'lead.handOver', about(organisation, { openid: target.openid, name })))
  })
  return { members: await memberList(organisation._id) }
}
