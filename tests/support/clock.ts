/** The functions' clock, run ahead of the wall clock by what a test says has passed: no test waits. */
import { useClock } from '../../server/clock'

export function clockAhead(): { advance(minutes: number): void; reset(): void } {
  let offsetMs = 0
  useClock({ now: () => new Date(Date.now() + offsetMs) })
  return {
    advance(minutes) {
      offsetMs += minutes * 60_000
    },
    reset() {
      offsetMs = 0
    },
  }
}
