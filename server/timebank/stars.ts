/**
 * 星级志愿者 (decision 046): each person's counted minutes are kept as a running total, changed in
 * the very transaction that settles a service record, so a member list reads one document per
 * person and a star reached is known exactly once, when the total crosses it.
 */
import { formatMinutes } from '../../shared/domain/time'
import { countedMinutes } from '../../shared/domain/timebank'
import { VOLUNTEER_PAGE } from '../../shared/domain/volunteer-profile'
import { starLabel, starReached, type StarGrade } from '../../shared/domain/volunteer-stars'
import type { ServiceCredit, ServiceRecordDoc } from '../data/documents'
import type { Transaction } from '../data/transaction'
import { addCountedMinutes } from '../data/volunteers'
import { tellEach } from '../wechat'

export interface StarNews {
  openid: string
  stars: StarGrade
  totalMinutes: number
}

/**
 * Inside the transaction that changes `record`'s credit to `credit`: moves the person's running
 * total by the change in counted minutes; answers the star the change reaches, if any.
 */
export async function countSettlement(tx: Transaction, record: ServiceRecordDoc, credit: ServiceCredit): Promise<StarNews | null> {
  const change = countedMinutes(record.minutes, credit) - countedMinutes(record.minutes, record.credit)
  if (change === 0) return null
  const { before, after } = await addCountedMinutes(tx, record.openid, change)
  const stars = starReached(before, after)
  return stars === null ? null : { openid: record.openid, stars, totalMinutes: after }
}

/**
 * After the transaction: tells the volunteer. Keyed by the star, so a retry (or the same star
 * reached again after a review took minutes back) leaves one message in their inbox.
 */
export async function tellStar(news: StarNews | null): Promise<void> {
  if (!news) return
  await tellEach(
    [news.openid],
    'starReached',
    { grade: starLabel(news.stars), hours: `累计 ${formatMinutes(news.totalMinutes)}`, tip: '感谢您为邻里付出的每一小时' },
    VOLUNTEER_PAGE,
    `star-${news.stars}`,
  )
}
