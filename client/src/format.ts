import { hoursOf } from '../../shared/domain/report-figures'
import { formatMinutes, inShanghai } from '../../shared/domain/time'

export { formatMinutes, formatSignedMinutes } from '../../shared/domain/time'

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

/** A waiting time in the largest units that read naturally: 45 分钟, 3 小时 20 分钟, 2 天 5 小时; — when there is none. */
export function formatDuration(minutes: number | null): string {
  if (minutes === null) return '—'
  if (minutes < 60) return `${minutes} 分钟`
  const [days, hours, rest] = [Math.floor(minutes / 1440), Math.floor((minutes % 1440) / 60), minutes % 60]
  if (days > 0) return hours > 0 ? `${days} 天 ${hours} 小时` : `${days} 天`
  return rest > 0 ? `${hours} 小时 ${rest} 分钟` : `${hours} 小时`
}

/** Minutes of service as hours to one decimal, as 志愿服务时长 is reported. */
export function formatHours(minutes: number): string {
  return `${hoursOf(minutes)} 小时`
}

export function formatPeriod(period: { from: string; to: string }): string {
  return `${formatDate(`${period.from}T00:00:00+08:00`)} 至 ${formatDate(`${period.to}T00:00:00+08:00`)}`
}

const weekdays = ['周日', '周一', '周二', '周三', '周四', '周五', '周六']

/** 11月28日 周六 */
export function formatWeekday(iso: string): string {
  const day = inShanghai(iso)
  return `${day.format('M月D日')} ${weekdays[day.day()]}`
}

/** 11月28日 周六 09:00–11:00; an activity that ends on a later day names that day too. */
export function formatActivityTime(startAt: string, endAt: string): string {
  const start = inShanghai(startAt)
  const end = inShanghai(endAt)
  const endPart = start.isSame(end, 'day') ? end.format('HH:mm') : `${formatWeekday(endAt)} ${end.format('HH:mm')}`
  return `${formatWeekday(startAt)} ${start.format('HH:mm')}–${endPart}`
}

/** 09:30 in Shanghai: for times on the day the page is about. */
export function formatClock(iso: string): string {
  return inShanghai(iso).format('HH:mm')
}
