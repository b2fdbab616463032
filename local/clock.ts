/**
 * The movable clock of the local host and the tests (docs/decisions/014). It starts at the real
 * time and runs on at the real pace, so the app behaves as on a phone; setting or advancing it
 * shifts that pace by an offset, for everything that reads server/clock.ts at once.
 */
import type { Clock } from '../server/clock'

export class ManualClock implements Clock {
  private offsetMs = 0

  constructor(private readonly realMs: () => number = Date.now) {}

  now(): Date {
    return new Date(this.realMs() + this.offsetMs)
  }

  /** From now on the clock reads `at`, and runs on from there. */
  set(at: Date): void {
    this.offsetMs = at.getTime() - this.realMs()
  }

  advance(ms: number): void {
    this.offsetMs += ms
  }

  /** Back to the real time. */
  reset(): void {
    this.offsetMs = 0
  }
}
