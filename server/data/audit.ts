/** 审计记录: written with the change it records, read by the committee and civil affairs. */
import { database } from './cloudbase'
import type { AuditDoc } from './documents'
import { afterPosition, type PagePosition } from './paging'

const auditLog = () => database().collection('audit_log')

export async function addAuditEntry(entry: Omit<AuditDoc, '_id'>): Promise<void> {
  await auditLog().add(entry)
}

/** Newest first (ties by id), after `after`; one more than `limit` tells whether there is a next page. */
export async function auditOfCommunity(communityId: string, after: PagePosition | undefined, limit: number): Promise<AuditDoc[]> {
  const { data } = await auditLog()
    .where(afterPosition({ communityId }, after))
    .orderBy('at', 'desc')
    .orderBy('_id', 'desc')
    .limit(limit)
    .get()
  return data as AuditDoc[]
}

/** An organisation's history, oldest first. */
export async function auditOfOrganisation(organisationId: string): Promise<AuditDoc[]> {
  const { data } = await auditLog().where({ organisationId }).orderBy('at', 'asc').limit(200).get()
  return data as AuditDoc[]
}
