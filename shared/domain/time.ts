/**
 * The product's users live in Asia/Shanghai, so dates are shown and days are counted there,
 * whatever zone the phone, the browser or the cloud function runs in. Shanghai has been UTC+8
 * all year since 1991 (no daylight saving), so a fixed offset is exact and needs no time-zone
 * database, which not every WeChat runtime carries.
 */
import dayjs, { type Dayjs } from 'dayjs'
import utc from 'dayjs/plugin/utc'

dayjs.extend(utc)

export const SHANGHAI_UTC_OFFSET_MINUTES = 8 * 60

/** `date` (or now) as a Shanghai wall-clock time. */
export function inShanghai(date?: Date | string | number): Dayjs {
  return dayjs(date).utcOffset(SHANGHAI_UTC_OFFSET_MINUTES)
}

/** A stored moment as the functions answer it: an ISO 8601 string (contracts never carry Date objects). */
export function iso(date: Date | string): string {
  return new Date(date).toISOString()
}

/** The Shanghai month of a moment, `YYYY-MM`. */
export function monthOf(date: Date | string): string {
  return inShanghai(date).format('YYYY-MM')
}

/** [start, end) of a `YYYY-MM` month in Shanghai. */
export function monthRange(month: string): { start: Date; end: Date } {
  const start = inShanghai(`${month}-01T00:00:00+08:00`).startOf('month')
  return { start: start.toDate(), end: start.add(1, 'month').toDate() }
}

/** The moment a Shanghai day (YYYY-MM-DD) begins. */
export function shanghaiDayStart(day: string): Date {
  return new Date(`${day}T00:00:00+08:00`)
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
