/** Codes short enough to guess (a check-in code, an invite code) allow a few wrong tries per person. */
export interface AttemptLimit {
  /** Wrong tries allowed within the window before waiting. */
  attempts: number
  windowMinutes: number
}

/** The misses that still count at `now`: those within the window. */
export function missesWithin(misses: readonly Date[], now: Date, limit: AttemptLimit): Date[] {
  const since = now.getTime() - limit.windowMinutes * 60_000
  return misses.map((m) => new Date(m)).filter((m) => m.getTime() > since)
}

/**
 * Whole minutes (at least 1) until a person may try again, or null when they may now.
 * `misses` are the times of their wrong tries; only those within the window count.
 */
export function waitAfterMisses(misses: readonly Date[], now: Date, limit: AttemptLimit): number | null {
  const recent = missesWithin(misses, now, limit)
    .map((m) => m.getTime())
    .sort((a, b) => a - b)
  if (recent.length < limit.attempts) return null
  // Free again once the oldest of the last `attempts` leaves the window.
  const freeAt = recent[recent.length - limit.attempts] + limit.windowMinutes * 60_000
  return Math.max(1, Math.ceil((freeAt - now.getTime()) / 60_000))
}
