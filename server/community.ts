/** 社区: the committee, its residents, organisation coverage and the audit log. */
import type { CommunityContract } from '../shared/contracts/community'
import { communityKindLabel, organisationTarget } from '../shared/domain/community'
import { organisationCoverage } from '../shared/domain/organisation'
import { AppError, ErrorCode } from '../shared/errors'
import { addAuditEntry, auditOfCommunity } from './data/audit'
import { communitiesOfOffices } from './data/communities'
import { committeeOf, grantRole, roleDocId } from './data/memberships'
import { statusCounts } from './data/organisations'
import { communitiesByIds, organisationsByIds } from './data/places'
import { peopleByOpenids, personById, residentsOf } from './data/residents'
import { inTransaction } from './data/transaction'
import { auditEntry, toAuditEntry } from './audit'
import { pageOf, positionOf } from './paging'
import type { ActionImplementations } from './handler'
import { sitsOnCommitteeOf } from './principal'
import { authoriseOverCommunity } from './scopes'

type Action<A extends keyof CommunityContract['actions']> = ActionImplementations<CommunityContract>[A]

export const coverage: Action<'coverage'> = async ({ caller }) => {
  const { grants } = await caller()
  const [sitOn, overseen] = await Promise.all([
    communitiesByIds(grants.flatMap((g) => (g.role === 'committee' ? [g.communityId] : []))),
    communitiesOfOffices(grants.flatMap((g) => (g.role === 'civil_affairs' ? [g.officeId] : []))),
  ])
  const communities = [...new Map([...sitOn.values(), ...overseen].map((c) => [c._id, c])).values()].sort((a, b) =>
    a._id.localeCompare(b._id),
  )
  const counts = await statusCounts(communities.map((c) => c._id))
  return {
    communities: communities.map((c) => {
      const count = counts.get(c._id)!
      return {
        communityId: c._id,
        officeId: c.officeId,
        name: c.name,
        kind: c.kind,
        kindLabel: communityKindLabel[c.kind],
        pending: count.pending,
        suspended: count.suspended,
        ...organisationCoverage(count.approved, organisationTarget[c.kind]),
      }
    }),
  }
}

/** Who granted a role: a person, or the deployment that wrote the first committee members. */
const grantorName = (grantedBy: string, names: Map<string, { name: string }>) => names.get(grantedBy)?.name ?? '初始配置'

export const committeeMembers: Action<'committeeMembers'> = async (context) => {
  const community = await authoriseOverCommunity(context, context.input.communityId)
  const roles = await committeeOf(community._id)
  const people = await peopleByOpenids(roles.flatMap((r) => [r.openid, r.grantedBy]))
  return {
    members: roles.map((r) => ({
      memberId: r._id,
      name: people.get(r.openid)?.name ?? '',
      grantedAt: new Date(r.grantedAt).toISOString(),
      grantedByName: grantorName(r.grantedBy, people),
    })),
  }
}

export const appointCommittee: Action<'appointCommittee'> = async (context) => {
  const community = await authoriseOverCommunity(context, context.input.communityId)
  const person = await personById(context.input.personId)
  // Someone elsewhere answers as someone unknown: the committee sees only its own residents.
  if (!person || person.communityId !== community._id) throw new AppError(ErrorCode.NOT_FOUND, '本社区没有这位居民', 'data.personId')
  const already = new AppError(ErrorCode.CONFLICT, '这位居民已经是两委成员')
  if ((await committeeOf(community._id)).some((r) => r.openid === person.openid)) throw already
  const appointer = await context.caller()
  const memberId = roleDocId(community._id, person.openid)
  const granted = await grantRole({
    _id: memberId,
    openid: person.openid,
    role: 'committee',
    communityId: community._id,
    grantedBy: appointer.openid,
    grantedAt: context.now,
  })
  if (!granted) throw already
  await addAuditEntry(
    auditEntry(
      appointer,
      'committee.appoint',
      { communityId: community._id, target: { openid: person.openid, name: person.name } },
      context.now,
    ),
  )
  return { memberId }
}

export const revokeCommittee: Action<'revokeCommittee'> = async (context) => {
  const { input } = context
  const community = await authoriseOverCommunity(context, input.communityId)
  const committee = await committeeOf(community._id)
  const member = committee.find((r) => r._id === input.memberId)
  if (!member) throw new AppError(ErrorCode.NOT_FOUND, '本社区两委没有这名成员', 'data.memberId')
  if (committee.length <= 1) throw new AppError(ErrorCode.CONFLICT, '社区至少要有一名两委成员，请先任命新的成员')
  const [officer, people] = await Promise.all([context.caller(), peopleByOpenids([member.openid])])
  await inTransaction(async (tx) => {
    // Gone already when a second revoke raced this one: nothing to remove twice.
    if (!(await tx.get('roles', member._id))) throw new AppError(ErrorCode.CONFLICT, '这名成员已经被撤销')
    await tx.remove('roles', member._id)
    await tx.add(
      'audit_log',
      auditEntry(
        officer,
        'committee.revoke',
        {
          communityId: community._id,
          target: { openid: member.openid, name: people.get(member.openid)?.name ?? '' },
          reason: input.reason,
        },
        context.now,
      ),
    )
  })
  return {}
}

/** Enough to pick someone from; the committee narrows by name. */
const RESIDENTS_LIMIT = 50

export const residents: Action<'residents'> = async (context) => {
  const community = await authoriseOverCommunity(context, context.input.communityId)
  const people = await residentsOf(community._id, context.input.nameContains, RESIDENTS_LIMIT)
  return {
    residents: people.map((p) => ({ personId: p._id, name: p.name, ...(p.neighbourhood ? { neighbourhood: p.neighbourhood } : {}) })),
  }
}

export const auditLog: Action<'auditLog'> = async (context) => {
  const { input } = context
  const community = await authoriseOverCommunity(context, input.communityId)
  const { entries, nextCursor } = pageOf(await auditOfCommunity(community._id, positionOf(input.cursor), input.limit + 1), input.limit)
  const names = await organisationsByIds(entries.flatMap((e) => (e.organisationId ? [e.organisationId] : [])))
  const organisationNames = new Map([...names].map(([id, o]) => [id, o.name]))
  const careNames = sitsOnCommitteeOf(await context.caller(), community._id)
  return {
    entries: entries.map((e) => toAuditEntry(e, organisationNames, careNames)),
    ...(nextCursor ? { nextCursor } : {}),
  }
}
