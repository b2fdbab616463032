/**
 * The moments at which date-sensitive behaviour is tried (Asia/Shanghai): the edges of a month, a
 * week, a year and a leap day, and the real today. A rule that holds at all of them holds on any
 * calendar day the suite happens to run.
 */
export interface Moment {
  name: string
  at: Date
}

const shanghai = (text: string) => new Date(`${text}+08:00`)

export const calendarMoments: readonly Moment[] = [
  { name: 'the last minute of a month (30 Nov 23:59)', at: shanghai('2026-11-30T23:59:00') },
  { name: 'the first minute of the next month (1 Dec 00:01)', at: shanghai('2026-12-01T00:01:00') },
  { name: 'Sunday 23:59', at: shanghai('2026-12-06T23:59:00') },
  { name: 'Monday 00:01', at: shanghai('2026-12-07T00:01:00') },
  { name: '31 Dec 23:59', at: shanghai('2026-12-31T23:59:00') },
  { name: '1 Jan 00:01', at: shanghai('2027-01-01T00:01:00') },
  { name: '29 Feb 2028 (a leap day)', at: shanghai('2028-02-29T12:00:00') },
  { name: 'the real today', at: new Date() },
]
