/** 备案: applying, the committee's decisions, and who may see an organisation. */
import { randomInt } from 'node:crypto'
import type { OrganisationsContract } from '../../shared/contracts/organisations'
import { AppError, ErrorCode } from '../../shared/errors'
import { inShanghai } from '../../shared/domain/time'
import { isPublic, median, newInviteCode, NO_TASKS_YET, serviceDistance, statusAfter } from '../../shared/domain/organisation'
import { addAuditEntry, auditOfOrganisation } from '../data/audit'
import { openJoinRequestsBy, roleDocId } from '../data/memberships'
import { addOrganisation, applicationsBy, approvedNear, organisationById, organisationsOf, pendingOf } from '../data/organisations'
import { organisationsByIds } from '../data/places'
import { peopleByOpenids } from '../data/residents'
import { inTransaction, whole } from '../data/transaction'
import { actionLabel, auditEntry } from '../audit'
import type { ActionImplementations } from '../handler'
import { authoriseOverCommunity, authoriseOverOrganisation } from '../scopes'
import { placeOrHome } from '../places'
import { refuseFlagged } from '../wechat'
import { profiles, summarise, summariseOne } from './views'

type Action<A extends keyof OrganisationsContract['actions']> = ActionImplementations<OrganisationsContract>[A]

/** Invite codes admit whoever holds them, so they come from a cryptographic source. */
export const drawInviteCode = () => newInviteCode(() => randomInt(2 ** 31) / 2 ** 31)

export const apply: Action<'apply'> = async ({ caller, input, now }) => {
  const applicant = await caller()
  const communityId = applicant.person?.communityId
  if (!communityId) throw new AppError(ErrorCode.NOT_REGISTERED, '请先加入你所在的社区')
  // What residents write is checked before anything is stored.
  await refuseFlagged(applicant.openid, { name: input.name, charterSummary: input.charterSummary, description: input.description }, 1)
  const centre = await placeOrHome(applicant, input.serviceArea.centre, 'data.serviceArea.centre')
  const organisation = await addOrganisation(
    {
      name: input.name,
      kind: input.kind,
      helpKinds: [...new Set(input.helpKinds)],
      // Always the applicant's own community: the committee there is who decides.
      communityId,
      servesCommunityIds: [communityId],
      serviceArea: { centre: { type: 'Point', coordinates: centre }, radiusM: input.serviceArea.radiusM },
      capacity: input.capacity,
      status: 'pending',
      leadOpenid: applicant.openid,
      contactPhone: input.contactPhone,
      charterSummary: input.charterSummary,
      description: input.description,
      createdAt: now,
    },
    drawInviteCode,
  )
  await addAuditEntry(auditEntry(applicant, 'organisation.apply', { communityId, organisationId: organisation._id }, now))
  return { organisation: await summariseOne(organisation) }
}

export const decide: Action<'decide'> = async (context) => {
  const { input, now: at } = context
  const { organisation } = await authoriseOverOrganisation(context, input.organisationId)
  const committee = await context.caller()
  const applicant = (await peopleByOpenids([organisation.leadOpenid])).get(organisation.leadOpenid)
  const status = await inTransaction(async (tx) => {
    // Read again inside: two committee members may decide at once.
    const current = await tx.get('organisations', organisation._id)
    const next = current && statusAfter(current.status, input.decision)
    if (!current || !next) throw new AppError(ErrorCode.CONFLICT, '这个组织的状态已经变了，请刷新后再看')
    const decision = { decision: input.decision, ...(input.reason ? { reason: input.reason } : {}), at, byOpenid: committee.openid }
    await tx.update('organisations', organisation._id, {
      status: next,
      decision: whole(decision),
      ...(input.decision === 'approve' ? { approvedAt: at } : {}),
    })
    // The applicant becomes the lead the moment the organisation exists officially (docs/decisions/005).
    if (input.decision === 'approve') {
      await tx.add('roles', {
        _id: roleDocId(organisation._id, current.leadOpenid),
        openid: current.leadOpenid,
        role: 'organisation_lead',
        organisationId: organisation._id,
        communityId: organisation.communityId,
        grantedBy: committee.openid,
        grantedAt: at,
      })
    }
    await tx.add(
      'audit_log',
      auditEntry(
        committee,
        `organisation.${input.decision}`,
        {
          communityId: organisation.communityId,
          organisationId: organisation._id,
          target: { openid: current.leadOpenid, name: applicant?.name ?? '' },
          reason: input.reason,
        },
        at,
      ),
    )
    return next
  })
  return { organisation: await summariseOne({ ...organisation, status }) }
}

export const mine: Action<'mine'> = async ({ caller }) => {
  const me = await caller()
  const memberships = me.roles.filter((r) => r.organisationId && (r.role === 'organisation_lead' || r.role === 'volunteer'))
  const [applied, requests] = await Promise.all([applicationsBy(me.openid), openJoinRequestsBy(me.openid)])
  const held = await organisationsByIds([...memberships.map((r) => r.organisationId!), ...requests.map((r) => r.organisationId)])
  const entries = [
    ...memberships.flatMap((r) => {
      const organisation = held.get(r.organisationId!)
      return organisation ? [{ organisation, myRole: r.role as 'organisation_lead' | 'volunteer' }] : []
    }),
    ...applied.map((organisation) => ({ organisation, myRole: 'applicant' as const })),
    ...requests.flatMap((r) => {
      const organisation = held.get(r.organisationId)
      const myRole = r.status === 'pending' ? ('joining' as const) : ('declined' as const)
      return organisation ? [{ organisation, myRole, reason: r.reason }] : []
    }),
  ]
  const summaries = await summarise(entries.map((e) => e.organisation))
  return {
    organisations: entries.map((entry, i) => {
      const { organisation, myRole } = entry
      const explained = organisation.status === 'rejected' || organisation.status === 'suspended'
      const reason = 'reason' in entry ? entry.reason : explained ? organisation.decision?.reason : undefined
      return { organisation: summaries[i], myRole, ...(reason ? { decisionReason: reason } : {}) }
    }),
  }
}

/** More than anyone scrolls through; the index reads only these. */
const NEARBY_LIMIT = 100

export const nearby: Action<'nearby'> = async ({ caller, input }) => {
  const point = await placeOrHome(await caller(), input.centre, 'data.centre')
  const candidates = await approvedNear(point, input.helpKind, NEARBY_LIMIT)
  const distances = new Map<string, number>()
  for (const o of candidates) {
    const distance = serviceDistance({ centre: o.serviceArea.centre.coordinates, radiusM: o.serviceArea.radiusM }, point)
    if (distance !== null) distances.set(o._id, distance)
  }
  // Nearest first as the index returned them; keep those whose own area reaches the point.
  return {
    organisations: await summarise(
      candidates.filter((o) => distances.has(o._id)),
      distances,
    ),
  }
}

const notFound = () => new AppError(ErrorCode.NOT_FOUND, '没有这个组织')

export const profile: Action<'profile'> = async ({ caller, input }) => {
  const organisation = await organisationById(input.organisationId)
  if (!organisation) throw notFound()
  const me = await caller()
  if (!isPublic(organisation.status)) {
    const maySee =
      organisation.leadOpenid === me.openid || me.grants.some((g) => g.role === 'committee' && g.communityId === organisation.communityId)
    // The same answer as for an id that does not exist, so that nobody can probe for applications.
    if (!maySee) throw notFound()
  }
  const [view] = await profiles([organisation], me)
  return { organisation: view }
}

/** Whole days an application has waited, counted in Beijing time as the committee counts them. */
function waitingDays(since: Date, now: Date): number {
  const day = (d: Date) => inShanghai(d).startOf('day')
  return day(now).diff(day(since), 'day')
}

export const applications: Action<'applications'> = async (context) => {
  const community = await authoriseOverCommunity(context, context.input.communityId)
  const pending = await pendingOf(community._id)
  const [views, applicants] = await Promise.all([
    profiles(pending, await context.caller()),
    peopleByOpenids(pending.map((o) => o.leadOpenid)),
  ])
  const { now } = context
  return {
    applications: pending.map((o, i) => ({
      organisation: views[i],
      applicantName: applicants.get(o.leadOpenid)?.name ?? '',
      appliedAt: new Date(o.createdAt).toISOString(),
      waitingDays: waitingDays(new Date(o.createdAt), now),
    })),
  }
}

export const list: Action<'list'> = async (context) => {
  const community = await authoriseOverCommunity(context, context.input.communityId)
  return { organisations: await summarise(await organisationsOf(community._id, context.input.status)) }
}

export const record: Action<'record'> = async (context) => {
  const { organisation } = await authoriseOverOrganisation(context, context.input.organisationId)
  const [[view], history] = await Promise.all([profiles([organisation], await context.caller()), auditOfOrganisation(organisation._id)])
  return {
    record: {
      organisation: view,
      // Documents written before the counters were stored whole may lack some: those are none yet.
      tasks: { ...NO_TASKS_YET, ...organisation.taskCounters, medianResponseMinutes: median(organisation.acceptanceMinutes ?? []) },
      history: history.map((entry) => ({
        at: new Date(entry.at).toISOString(),
        actionLabel: actionLabel(entry.action),
        actorName: entry.actorName,
        ...(entry.reason ? { reason: entry.reason } : {}),
      })),
    },
  }
}
