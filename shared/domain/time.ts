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

/** The moment a Shanghai day (YYYY-MM-DD) begins. */
export function shanghaiDayStart(day: string): Date {
  return new Date(`${day}T00:00:00+08:00`)
}
