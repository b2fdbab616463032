/**
 * The needs' scheduled work (server/scheduler): offers past their deadline lapse and pass the need
 * on, and needs done for AUTO_CLOSE_DAYS without an answer close as 未评价.
 */
import { AUTO_CLOSE_DAYS, autoCloseBefore, needStatusAfter } from '../../shared/domain/need'
import { committeeNeedPath } from '../../shared/domain/workbench'
import type { NeedDoc, OfferDoc } from '../data/documents'
import { addNeedEvents, doneBefore, lapsedOffers, needById, offerById, withEvents } from '../data/needs'
import { inTransaction, whole } from '../data/transaction'
import type { DueStep } from '../due-work'
import { passOn } from './matching'
import { needEvent, SYSTEM } from './notify'
import { expireOffer } from './tasks'

export const expireOffers: DueStep<OfferDoc> = {
  name: 'offersExpired',
  title: '求助超时转派',
  due: lapsedOffers,
  load: offerById,
  page: (offer) => committeeNeedPath(offer.needId),
  async run(offer, now) {
    const expired = await expireOffer(offer, now)
    if (expired === 'expired') await addNeedEvents(offer.needId, [needEvent(SYSTEM, '有组织未在期限内答复', now)])
    // Also when a retry finds the offer lapsed already: passing on does nothing when another offer is open or the need has moved on.
    await passOn(offer.needId, now)
    return expired !== false
  },
}

export const closeUnanswered: DueStep<NeedDoc> = {
  name: 'needsClosed',
  title: '求助自动结束',
  due: (now, limit) => doneBefore(autoCloseBefore(now), limit),
  load: needById,
  page: (need) => committeeNeedPath(need._id),
  run: (need, now) =>
    inTransaction(async (tx) => {
      const current = await tx.get('needs', need._id)
      if (!current || !needStatusAfter(current.status, 'autoClose')) return false
      // Whole: an earlier 未解决 answer's rating and comment must not stay with the 未评价.
      await tx.update('needs', need._id, {
        status: 'closed',
        outcome: whole({ result: 'unrated', at: now }),
        ...withEvents(needEvent(SYSTEM, `${AUTO_CLOSE_DAYS} 天内未评价，自动结束`, now)),
        updatedAt: now,
      })
      return true
    }),
}
