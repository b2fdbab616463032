/** 志愿服务时长: the service_records collection, as the reports read it. */
import { database, readAll } from './cloudbase'
import type { ServiceRecordDoc } from './documents'

/** A community's confirmed service given in [start, end), through the (communityId, servedAt) index. */
export async function serviceRecordsIn(communityId: string, range: { start: Date; end: Date }): Promise<ServiceRecordDoc[]> {
  const _ = database().command
  return readAll<ServiceRecordDoc>(
    database()
      .collection('service_records')
      .where({ communityId, servedAt: _.gte(range.start).and(_.lt(range.end)) })
      .orderBy('servedAt', 'asc'),
  )
}
