/**
 * Scheduled work (the scheduler function's timer; the local host's interval): offers past their
 * deadline lapse and pass the need on, and needs done for AUTO_CLOSE_DAYS without an answer close
 * as 未评价, and service records left pending are credited to the time bank; then the activities'
 * reminders and finishing, and the care visits' reminders and escalations. `now` is passed in so
 * that tests drive the clock.
 */
import { AUTO_CLOSE_DAYS, autoCloseBefore, needStatusAfter } from '../../shared/domain/need'
import { runActivityDueWork, type ActivityDueWorkDone } from '../activities/due-work'
import { runCareDueWork, type CareDueWorkDone } from '../care/schedule'
import { addNeedEvent, doneBefore, lapsedOffers } from '../data/needs'
import { inTransaction, whole } from '../data/transaction'
import { creditLeftPending } from '../timebank/credit'
import { passOn } from './matching'
import { needEvent, SYSTEM } from './notify'
import { expireOffer } from './tasks'

/** A bounded batch per run: the timer comes again in a minute for the rest. */
const BATCH = 100

export interface DueWorkDone extends ActivityDueWorkDone, CareDueWorkDone {
  offersExpired: number
  needsClosed: number
  serviceRecordsCredited: number
}

export async function runDueWork(now: Date): Promise<DueWorkDone> {
  const lapsed = await lapsedOffers(now, BATCH)
  const expired = []
  for (const offer of lapsed) if (await expireOffer(offer, now)) expired.push(offer)
  for (const needId of new Set(expired.map((o) => o.needId))) {
    await addNeedEvent(needEvent(needId, SYSTEM, '有组织未在期限内答复', now))
    await passOn(needId, now)
  }

  const unanswered = await doneBefore(autoCloseBefore(now), BATCH)
  let needsClosed = 0
  for (const need of unanswered) {
    const closed = await inTransaction(async (tx) => {
      const current = await tx.get('needs', need._id)
      if (!current || !needStatusAfter(current.status, 'autoClose')) return false
      await tx.update('needs', need._id, { status: 'closed', outcome: whole({ result: 'unrated', at: now }), updatedAt: now })
      await tx.add('need_events', needEvent(need._id, SYSTEM, `${AUTO_CLOSE_DAYS} 天内未评价，自动结束`, now))
      return true
    })
    if (closed) needsClosed++
  }
  return {
    offersExpired: expired.length,
    needsClosed,
    serviceRecordsCredited: await creditLeftPending(now),
    ...(await runActivityDueWork(now)),
    ...(await runCareDueWork(now)),
  }
}
