/** 志愿服务记录: written by needs and activities with the lead's confirmation, credited by the time bank. */
import { database, readAll } from './cloudbase'
import type { ServiceRecordDoc } from './documents'
import { changeReads } from './report-rollups'

const records = () => database().collection('service_records')

export async function serviceRecordById(id: string): Promise<ServiceRecordDoc | null> {
  const { data } = await records().doc(id).get()
  return (data[0] as ServiceRecordDoc | undefined) ?? null
}

/** A person's records served in [since, until), newest first. */
export async function serviceRecordsOfPerson(openid: string, bounds: { since?: Date; until?: Date }): Promise<ServiceRecordDoc[]> {
  const _ = database().command
  const servedAt =
    bounds.since && bounds.until
      ? _.gte(bounds.since).and(_.lt(bounds.until))
      : bounds.since
        ? _.gte(bounds.since)
        : bounds.until
          ? _.lt(bounds.until)
          : undefined
  return readAll<ServiceRecordDoc>(
    records()
      .where({ openid, ...(servedAt ? { servedAt } : {}) })
      .orderBy('servedAt', 'desc'),
  )
}

/** Records confirmed by `now` and not credited yet, the longest waiting first. */
export async function pendingServiceRecords(now: Date, limit: number): Promise<ServiceRecordDoc[]> {
  const { data } = await records()
    .where({ 'credit.status': 'pending', confirmedAt: database().command.lte(now) })
    .orderBy('confirmedAt', 'asc')
    .limit(limit)
    .get()
  return data as ServiceRecordDoc[]
}

/** The communities' confirmed service given in [start, end), through the (communityId, servedAt) index. */
export async function serviceRecordsIn(communityIds: string[], range: { start: Date; end: Date }): Promise<ServiceRecordDoc[]> {
  const _ = database().command
  return readAll<ServiceRecordDoc>(
    records()
      .where({ communityId: _.in(communityIds), servedAt: _.gte(range.start).and(_.lt(range.end)) })
      .orderBy('servedAt', 'asc'),
  )
}

// ——— the service figures' rollups (decision 054) ———

/** The records' changes (decision 054). */
export const serviceChanges = changeReads<ServiceRecordDoc>('service_records', (doc) => doc as ServiceRecordDoc)

/** The latest `limit` records served in [start, end), in the order they were served: the committee's export lists them. */
export async function serviceListed(communityId: string, range: { start: Date; end: Date }, limit: number): Promise<ServiceRecordDoc[]> {
  const _ = database().command
  const { data } = await records()
    .where({ communityId, servedAt: _.gte(range.start).and(_.lt(range.end)) })
    .orderBy('servedAt', 'desc')
    .limit(limit)
    .get()
  return (data as ServiceRecordDoc[]).reverse()
}
