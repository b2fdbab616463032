import { inShanghai } from '../../shared/domain/time'

/** People walk about 80 m a minute: the seeds' 15-minute circle is about 1 km. */
const WALK_M_PER_MINUTE = 80

export function formatDistance(metres: number): string {
  return metres < 1000 ? `${Math.round(metres)} 米` : `${(metres / 1000).toFixed(1)} 公里`
}

export function walkingMinutes(metres: number): string {
  return `步行约 ${Math.max(1, Math.round(metres / WALK_M_PER_MINUTE))} 分钟`
}

export function formatDate(iso: string): string {
  return inShanghai(iso).format('YYYY年M月D日')
}

/** A Shanghai calendar day as the contracts send it, `YYYY-MM-DD`: no time zone to convert. */
export function formatDay(day: string): string {
  const [year, month, date] = day.split('-').map(Number)
  return `${year}年${month}月${date}日`
}

/** A month as the contracts send it, `YYYY-MM`. */
export function formatMonth(month: string): string {
  const [year, number] = month.split('-').map(Number)
  return `${year}年${number}月`
}

export function formatDateTime(iso: string): string {
  return inShanghai(iso).format('YYYY年M月D日 HH:mm')
}

export function formatRating({ average, count }: { average: number | null; count: number }): string {
  return average === null ? '居民评价：还没有评价' : `居民评价：${average.toFixed(1)} 分（${count} 人评价）`
}

/** Time left before `deadline`, rounded up to the minute: an offer with seconds left still shows 1. */
export function formatTimeLeft(deadline: string, now: number): string {
  const minutes = Math.ceil((new Date(deadline).getTime() - now) / 60_000)
  if (minutes <= 0) return '已过答复期限'
  if (minutes < 60) return `还剩 ${minutes} 分钟`
  if (minutes < 24 * 60) return `还剩 ${formatMinutes(minutes)}`
  return `还剩 ${Math.floor(minutes / (24 * 60))} 天`
}

export function formatWaiting(minutes: number): string {
  if (minutes < 60) return `已等 ${minutes} 分钟`
  if (minutes < 24 * 60) return `已等 ${Math.floor(minutes / 60)} 小时`
  return `已等 ${Math.floor(minutes / (24 * 60))} 天`
}

/**
 * 时间银行 minutes as people say them: 2 小时 30 分钟, 45 分钟, 3 小时. A negative amount keeps
 * its sign (−30 分钟), so that the same words serve a balance and a movement.
 */
export function formatMinutes(minutes: number): string {
  const sign = minutes < 0 ? '−' : ''
  const hours = Math.floor(Math.abs(minutes) / 60)
  const rest = Math.abs(minutes) % 60
  if (hours === 0) return `${sign}${rest} 分钟`
  return rest === 0 ? `${sign}${hours} 小时` : `${sign}${hours} 小时 ${rest} 分钟`
}

/** A movement of time: +1 小时 came in, −30 分钟 went out. */
export function formatSignedMinutes(minutes: number): string {
  return minutes > 0 ? `+${formatMinutes(minutes)}` : formatMinutes(minutes)
}
