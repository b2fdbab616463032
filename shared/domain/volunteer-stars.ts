/**
 * 星级志愿者, as 《志愿服务记录办法》 sets them: cumulative confirmed service hours of 100, 300, 600,
 * 1,000 and 1,500 make one to five stars. Counted in whole minutes, like every time-bank figure.
 */

/** The minutes each star starts at, one star first. */
export const STAR_THRESHOLD_MINUTES = [100, 300, 600, 1000, 1500].map((hours) => hours * 60)

export type StarGrade = 0 | 1 | 2 | 3 | 4 | 5

/** Stars earned by `minutes` of confirmed service: 99 h 59 min is none, 100 h is one. */
export function starGradeOf(minutes: number): StarGrade {
  return STAR_THRESHOLD_MINUTES.filter((threshold) => minutes >= threshold).length as StarGrade
}

/** Where the volunteer stands: their stars and, below five, the minutes still to serve for the next. */
export function starProgress(minutes: number): { stars: StarGrade; minutesToNext?: number } {
  const stars = starGradeOf(minutes)
  const next = STAR_THRESHOLD_MINUTES[stars]
  return next === undefined ? { stars } : { stars, minutesToNext: next - minutes }
}

/** The star a credit of `before` → `after` minutes reaches, if it crosses one (for the message). */
export function starReached(before: number, after: number): StarGrade | null {
  const reached = starGradeOf(after)
  return reached > starGradeOf(before) ? reached : null
}

/** 一星志愿者 … 五星志愿者; nothing below 100 hours. */
export function starLabel(stars: StarGrade): string {
  return stars === 0 ? '' : `${'一二三四五'[stars - 1]}星志愿者`
}
