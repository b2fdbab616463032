/**
 * The one clock server code reads the time from. In production it is the system's time; the
 * local host and the tests plug in a clock they can move (local/clock.ts), so the functions,
 * the stand-in and the due work all see the same moment. Read it once per call (the handler
 * does) and pass the moment on, so one action never sees two different "nows".
 */
export interface Clock {
  now(): Date
}

const systemClock: Clock = { now: () => new Date() }

let current: Clock = systemClock

export function now(): Date {
  return current.now()
}

/** Only where the functions are assembled outside CloudBase (the local host, the tests). */
export function useClock(clock: Clock): void {
  current = clock
}
