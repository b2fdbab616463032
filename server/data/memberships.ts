/**
 * Role documents granted over one organisation (lead, volunteer) or one community (committee).
 * Their `_id` is derived from the scope and the person, so granting the same role twice collides
 * on `_id` instead of leaving two documents behind when two requests race.
 */
import { createHash } from 'node:crypto'
import { database, documentsWhereIn, readAll } from './cloudbase'
import type { CodeAttemptsDoc, JoinRequestDoc, RoleDoc } from './documents'
import { isDuplicateWrite } from './write-errors'

const roles = () => database().collection('roles')

/** One id per (organisation or community, person); a lead handing over keeps their document. */
export function roleDocId(scopeId: string, openid: string): string {
  return createHash('sha256').update(`${scopeId}\n${openid}`).digest('hex').slice(0, 32)
}

export async function roleById(id: string): Promise<RoleDoc | null> {
  const { data } = await roles().doc(id).get()
  return (data[0] as RoleDoc | undefined) ?? null
}

export async function rolesByIds(ids: string[]): Promise<RoleDoc[]> {
  return (await documentsWhereIn('roles', '_id', ids)) as RoleDoc[]
}

/** Lead and volunteers of an organisation. */
export async function membersOf(organisationId: string): Promise<RoleDoc[]> {
  return readAll<RoleDoc>(roles().where({ organisationId }).orderBy('grantedAt', 'asc'))
}

export async function membershipOf(organisationId: string, openid: string): Promise<RoleDoc | null> {
  const { data } = await roles().where({ organisationId, openid }).limit(1).get()
  return (data[0] as RoleDoc | undefined) ?? null
}

/** Members per organisation, in one aggregation. */
export async function memberCounts(organisationIds: string[]): Promise<Map<string, number>> {
  const counts = new Map<string, number>(organisationIds.map((id) => [id, 0]))
  if (organisationIds.length === 0) return counts
  const db = database()
  const { data } = await roles()
    .aggregate()
    .match({ organisationId: db.command.in([...counts.keys()]) })
    .group({ _id: '$organisationId', n: db.command.aggregate.sum(1) })
    .limit(counts.size)
    .end()
  for (const row of data as { _id: string; n: number }[]) counts.set(row._id, row.n)
  return counts
}

export async function committeeOf(communityId: string): Promise<RoleDoc[]> {
  const { data } = await roles().where({ communityId, role: 'committee' }).orderBy('grantedAt', 'asc').limit(100).get()
  return data as RoleDoc[]
}

/** Adds a role; false when the person already holds one over that scope under the derived id. */
export async function grantRole(role: Omit<RoleDoc, '_id'> & { _id: string }): Promise<boolean> {
  try {
    await roles().add(role)
    return true
  } catch (error) {
    if (isDuplicateWrite(error)) return false
    throw error
  }
}

// ——— requests to join ———

const joinRequests = () => database().collection('join_requests')

/** One request per (organisation, person): asking again while pending collides instead of adding another. */
export const joinRequestId = roleDocId

export async function joinRequestById(id: string): Promise<JoinRequestDoc | null> {
  const { data } = await joinRequests().doc(id).get()
  return (data[0] as JoinRequestDoc | undefined) ?? null
}

/** Requests waiting for the lead, oldest first. More than a lead answers at one sitting is not shown. */
export async function pendingJoinRequests(organisationId: string): Promise<JoinRequestDoc[]> {
  const { data } = await joinRequests().where({ organisationId, status: 'pending' }).orderBy('askedAt', 'asc').limit(100).get()
  return data as JoinRequestDoc[]
}

/** A person's requests still waiting or declined: what 我的组织 tells them. */
export async function openJoinRequestsBy(openid: string): Promise<JoinRequestDoc[]> {
  const { data } = await joinRequests()
    .where({ openid, status: database().command.in(['pending', 'declined']) })
    .limit(100)
    .get()
  return data as JoinRequestDoc[]
}

/** Where a person's wrong tries of a guessable code are counted: one document per person and purpose. */
export const codeAttemptsId = (purpose: CodeAttemptsDoc['purpose'], openid: string) => roleDocId(purpose, openid)
