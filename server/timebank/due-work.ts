/**
 * The time bank's scheduled work (server/scheduler): a crash between a lead's confirmation and its
 * crediting leaves service records pending; they are credited once they have waited a minute.
 */
import { heldCreditsPath } from '../../shared/domain/workbench'
import type { ServiceRecordDoc } from '../data/documents'
import { pendingServiceRecords, serviceRecordById } from '../data/service-records'
import type { DueStep } from '../due-work'
import { creditServiceRecord } from './credit'

/** The confirmation credits its records itself: give it this long first. */
const PENDING_GRACE_MS = 60_000

export const creditLeftPending: DueStep<ServiceRecordDoc> = {
  name: 'serviceRecordsCredited',
  title: '服务时长入账',
  due: (now, limit) => pendingServiceRecords(new Date(now.getTime() - PENDING_GRACE_MS), limit),
  load: serviceRecordById,
  page: (record) => heldCreditsPath(record.communityId),
  run: async (record, now) => (await creditServiceRecord(record._id, now)) !== null,
}
