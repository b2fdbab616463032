/**
 * The time bank's scheduled work (server/scheduler): service records that leads, activities and
 * visits confirm wait for it, and are credited within the minute (decision 053). And gifts nobody
 * accepted in time go back to their givers (decision 018).
 */
import { heldCreditsPath } from '../../shared/domain/workbench'
import { AppError, ErrorCode } from '../../shared/errors'
import type { GiftDoc, ServiceRecordDoc } from '../data/documents'
import { pendingServiceRecords, serviceRecordById } from '../data/service-records'
import { expiredGifts, giftById } from '../data/timebank'
import type { DueStep } from '../due-work'
import { creditServiceRecord } from './credit'
import { settleGift } from './gifts'

export const creditLeftPending: DueStep<ServiceRecordDoc> = {
  name: 'serviceRecordsCredited',
  title: '服务时长入账',
  due: pendingServiceRecords,
  load: serviceRecordById,
  page: (record) => heldCreditsPath(record.communityId),
  run: async (record, now) => (await creditServiceRecord(record._id, now)) !== null,
  // Each credit is its own transaction; a festival's volunteers go through together (pool shards, decision 053).
  atOnce: 10,
}

export const returnExpiredGifts: DueStep<GiftDoc> = {
  name: 'giftsReturned',
  title: '转赠到期退回',
  due: expiredGifts,
  load: giftById,
  page: (gift) => heldCreditsPath(gift.communityId),
  async run(gift, now) {
    try {
      const settled = (await settleGift(gift._id, 'returned', 'system', now)).gift
      // Already returned (a replay): nothing done this time.
      return settled.settledAt === now
    } catch (error) {
      // Accepted or cancelled since it was read: settled, and left so. Anything else is the runner's to retry.
      if (error instanceof AppError && error.code === ErrorCode.CONFLICT) return false
      throw error
    }
  },
}
