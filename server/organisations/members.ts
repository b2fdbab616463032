/** Members of an organisation: invite codes, requests to join and the lead's answer, removing, handing over the lead. */
import type { JoinRequest, Member, OrganisationsContract } from '../../shared/contracts/organisations'
import { AppError, ErrorCode } from '../../shared/errors'
import { JOIN_CODE_LIMIT, JOIN_PAGE, joinPath, joinScene, servesCommunity } from '../../shared/domain/organisation'
import { iso } from '../../shared/domain/time'
import { isPaused, starsView } from '../../shared/domain/volunteer-profile'
import { addAuditEntry } from '../data/audit'
import type { OrganisationDoc, RoleDoc } from '../data/documents'
import { joinRequestById, joinRequestId, membersOf, membershipOf, pendingJoinRequests, roleById, roleDocId } from '../data/memberships'
import { organisationByInviteCode, replaceInviteCode } from '../data/organisations'
import { communitiesByIds } from '../data/places'
import { peopleByOpenids } from '../data/residents'
import { inTransaction, unset } from '../data/transaction'
import { volunteersOf } from '../data/volunteers'
import { auditContactsShown, auditEntry } from '../audit'
import { tryCode } from '../code-attempts'
import type { ActionImplementations } from '../handler'
import type { Caller } from '../principal'
import { authoriseOverOrganisation } from '../scopes'
import { miniProgramCodeIfAny } from '../wechat'
import { drawInviteCode } from './registry'
import { summariseOne } from './views'

type Action<A extends keyof OrganisationsContract['actions']> = ActionImplementations<OrganisationsContract>[A]

/** What a membership audit entry is about: the organisation, and the member when there is one. */
const about = (organisation: OrganisationDoc, target?: { openid: string; name: string }) => ({
  communityId: organisation.communityId,
  organisationId: organisation._id,
  ...(target ? { target } : {}),
})

/**
 * The lead first, then volunteers in the order they joined; with phones, which lead and committee
 * need, so the read is audited; with each one's 星级 and pause, whose reason only the lead sees.
 */
async function memberList(organisation: OrganisationDoc, viewer: Caller, now: Date): Promise<Member[]> {
  const roles = await membersOf(organisation._id)
  const openids = roles.map((r) => r.openid)
  const [people, volunteers] = await Promise.all([peopleByOpenids(openids), volunteersOf(openids)])
  const leads = viewer.grants.some((g) => g.role === 'organisation_lead' && g.organisationId === organisation._id)
  const withPhone = roles.filter((r) => people.get(r.openid)?.phone).map((r) => r.openid)
  await auditContactsShown(viewer, 'member.contacts', about(organisation), withPhone, now)
  const ordered = [...roles.filter((r) => r.role === 'organisation_lead'), ...roles.filter((r) => r.role === 'volunteer')]
  return ordered.map((r) => {
    const person = people.get(r.openid)
    const volunteer = volunteers.get(r.openid)
    const pause = volunteer?.profile?.paused
    const paused = isPaused(pause, now)
    return {
      memberId: r._id,
      name: person?.name ?? '',
      role: r.role as Member['role'],
      ...(person?.phone ? { phone: person.phone } : {}),
      joinedAt: new Date(r.grantedAt).toISOString(),
      stars: starsView(volunteer?.countedMinutes ?? 0),
      paused,
      ...(paused && leads ? { pause: pause! } : {}),
    }
  })
}

export const members: Action<'members'> = async (context) => {
  const { organisation } = await authoriseOverOrganisation(context, context.input.organisationId)
  return { members: await memberList(organisation, await context.caller(), context.now) }
}

/** A refused or failed mini-program code leaves the code and link, which work without it. */
async function invitationFor(code: string) {
  const qrImage = await miniProgramCodeIfAny(JOIN_PAGE, joinScene(code))
  return { code, joinPath: joinPath(code), ...(qrImage ? { qrImage } : {}) }
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
  await addAuditEntry(auditEntry(lead, 'invitation.renew', about(organisation), context.now))
  return invitationFor(code)
}

/** Asks to join: the lead decides (decision 019). Asking again while the request waits changes nothing. */
export const join: Action<'join'> = async ({ caller, input, now }) => {
  const me = await caller()
  const found = await organisationByInviteCode(input.code)
  // Suspended or not yet approved organisations take no members; said as for a wrong code.
  const organisation = await tryCode('join', JOIN_CODE_LIMIT, me.openid, found?.status === 'approved' ? found : null, now)
  if (!servesCommunity(organisation, me.person?.communityId)) {
    throw new AppError(ErrorCode.FORBIDDEN, '这个组织只接收本社区居民加入，请找你所在社区的组织', 'data.code')
  }
  if (await membershipOf(organisation._id, me.openid)) throw new AppError(ErrorCode.CONFLICT, '你已经是这个组织的成员')
  const id = joinRequestId(organisation._id, me.openid)
  await inTransaction(async (tx) => {
    const current = await tx.get('join_requests', id)
    if (current?.status === 'pending') return
    const asked = {
      organisationId: organisation._id,
      openid: me.openid,
      communityId: me.person!.communityId!,
      status: 'pending' as const,
      askedAt: now,
    }
    // A declined (or once approved, since removed) person may ask again: the old decision goes.
    if (current) await tx.update('join_requests', id, { ...asked, decidedAt: unset(), decidedBy: unset(), reason: unset() })
    else await tx.add('join_requests', { _id: id, ...asked })
    await tx.add('audit_log', auditEntry(me, 'member.ask', about(organisation, { openid: me.openid, name: me.person?.name ?? '' }), now))
  })
  return { organisation: await summariseOne(organisation), status: 'pending' }
}

/** The requests waiting, with each applicant's name and community. */
async function requestList(organisationId: string): Promise<JoinRequest[]> {
  const requests = await pendingJoinRequests(organisationId)
  const [people, communities] = await Promise.all([
    peopleByOpenids(requests.map((r) => r.openid)),
    communitiesByIds(requests.map((r) => r.communityId)),
  ])
  return requests.map((r) => ({
    requestId: r._id,
    name: people.get(r.openid)?.name ?? '',
    communityName: communities.get(r.communityId)?.name ?? '',
    askedAt: iso(r.askedAt),
  }))
}

export const joinRequests: Action<'joinRequests'> = async (context) => {
  const { organisation } = await authoriseOverOrganisation(context, context.input.organisationId)
  return { requests: await requestList(organisation._id) }
}

export const decideJoin: Action<'decideJoin'> = async (context) => {
  const { input, now } = context
  const { organisation } = await authoriseOverOrganisation(context, input.organisationId)
  const request = await joinRequestById(input.requestId)
  if (!request || request.organisationId !== organisation._id) throw new AppError(ErrorCode.NOT_FOUND, '没有这条加入申请', 'data.requestId')
  const approve = input.decision === 'approve'
  const applicant = (await peopleByOpenids([request.openid])).get(request.openid)
  if (approve && organisation.status !== 'approved') throw new AppError(ErrorCode.CONFLICT, '组织已暂停，暂时不能接收新成员')
  // They may have moved since they asked.
  if (approve && !servesCommunity(organisation, applicant?.communityId)) {
    throw new AppError(ErrorCode.CONFLICT, '申请人已经不是本组织所服务社区的居民，不能加入')
  }
  const lead = await context.caller()
  await inTransaction(async (tx) => {
    const current = await tx.get('join_requests', request._id)
    if (current?.status !== 'pending') throw new AppError(ErrorCode.CONFLICT, '这条申请已经处理过了，请刷新后再看')
    await tx.update('join_requests', request._id, {
      status: approve ? 'approved' : 'declined',
      decidedAt: now,
      decidedBy: lead.openid,
      ...(input.reason ? { reason: input.reason } : {}),
    })
    const roleId = roleDocId(organisation._id, request.openid)
    if (approve && !(await tx.get('roles', roleId))) {
      await tx.add('roles', {
        _id: roleId,
        openid: request.openid,
        role: 'volunteer',
        organisationId: organisation._id,
        communityId: organisation.communityId,
        grantedBy: lead.openid,
        grantedAt: now,
      })
    }
    const target = { openid: request.openid, name: applicant?.name ?? '' }
    await tx.add(
      'audit_log',
      auditEntry(lead, approve ? 'member.join' : 'member.decline', { ...about(organisation, target), reason: input.reason }, now),
    )
  })
  const [requests, members] = await Promise.all([requestList(organisation._id), memberList(organisation, lead, now)])
  return { requests, members }
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
    await tx.add('audit_log', auditEntry(lead, 'member.remove', about(organisation, { openid: role.openid, name }), context.now))
  })
  return { members: await memberList(organisation, lead, context.now) }
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
    await tx.add('audit_log', auditEntry(lead, 'lead.handOver', about(organisation, { openid: target.openid, name }), context.now))
  })
  return { members: await memberList(organisation, lead, context.now) }
}
