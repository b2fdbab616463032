/** 志愿服务时长 as a source of the report: the service records of the period. */
import type { ServiceFacts } from '../../../shared/domain/report-figures'
import type { ServiceRecordDoc } from '../../data/documents'

export function serviceFacts(record: ServiceRecordDoc): ServiceFacts {
  return {
    openid: record.openid,
    minutes: record.minutes,
    servedAt: new Date(record.servedAt),
    sourceKind: record.source.kind,
    declined: record.credit.status === 'declined',
  }
}
