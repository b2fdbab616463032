/** 志愿服务时长 as a source of the report: the service records of the period, and service minutes waiting for the committee (over the daily cap, or disputed). */
import type { ServiceFacts } from '../../../shared/domain/report-figures'
import { countedMinutes, heldCauseLabel } from '../../../shared/domain/timebank'
import { heldCreditsPath } from '../../../shared/domain/workbench'
import {
  addServiceMark,
  emptyServiceTally,
  mergeServiceTallies,
  serviceMarksOf,
  type ServiceMark,
  type ServiceTally,
} from '../../../shared/domain/service-tally'
import type { ServiceRecordDoc } from '../../data/documents'
import { serviceChanges, serviceRecordsIn } from '../../data/service-records'
import type { RolledSource } from '../rollups'
import { peopleByOpenids } from '../../data/residents'
import { waitingHeldCount, waitingHeldCredits } from '../../data/timebank'
import { waitingItem, type WaitingSource } from '../waiting-item'

export function serviceFacts(record: ServiceRecordDoc): ServiceFacts {
  return {
    openid: record.openid,
    countedMinutes: countedMinutes(record.minutes, record.credit),
    servedAt: new Date(record.servedAt),
    sourceKind: record.source.kind,
    ...(record.organisationId ? { organisationId: record.organisationId } : {}),
  }
}

/** Minutes over a volunteer's daily cap, held for the committee to credit or decline, oldest first. */
export async function waitingCredits(communityId: string, now: Date, limit: number): Promise<WaitingSource> {
  const [held, count] = await Promise.all([waitingHeldCredits(communityId, limit), waitingHeldCount(communityId)])
  const people = await peopleByOpenids(held.map((h) => h.openid))
  return {
    items: held.map((credit) =>
      waitingItem(now, {
        kind: 'credit',
        id: credit._id,
        title: people.get(credit.openid)?.name ?? '志愿者',
        detail: `${credit.day} ${credit.service.title} · ${heldCauseLabel[credit.cause ?? 'cap']} ${credit.heldMinutes} 分钟`,
        since: new Date(credit.heldAt),
        page: heldCreditsPath(communityId),
      }),
    ),
    counts: { credit: count },
  }
}

/** The service records as a rolled source of the figures (decision 054). */
export const rolledService: RolledSource<ServiceRecordDoc, ServiceMark, ServiceTally> = {
  name: 'service',
  forOffices: true,
  marksOf: (record) => serviceMarksOf(serviceFacts(record)),
  emptyTally: emptyServiceTally,
  addMark: addServiceMark,
  mergeTallies: mergeServiceTallies,
  ...serviceChanges,
  countingIn: serviceRecordsIn,
}
