/** The time bank's due work: gifts nobody accepted in time go back to their givers (decision 018). */
import { AppError, ErrorCode } from '../../shared/errors'
import { expiredGifts } from '../data/timebank'
import { settleGift } from './gifts'

/** A bounded batch per run: the timer comes again in a minute for the rest. */
const BATCH = 100

export interface TimebankDueWorkDone {
  giftsReturned: number
}

export async function runTimebankDueWork(now: Date): Promise<TimebankDueWorkDone> {
  let giftsReturned = 0
  for (const gift of await expiredGifts(now, BATCH)) {
    try {
      await settleGift(gift, 'returned', 'system', now)
      giftsReturned++
    } catch (error) {
      // Accepted or cancelled since it was read: settled, and left so. Anything else waits for the next run.
      if (!(error instanceof AppError && error.code === ErrorCode.CONFLICT)) console.error(`[timebank] gift ${gift._id} left for the next run`, error)
    }
  }
  return { giftsReturned }
}
