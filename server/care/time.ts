import { AppError, ErrorCode } from '../../shared/errors'

/** A phone's clock may run a little ahead of the server's: "now" there is not the future here. */
const CLOCK_SKEW_MS = 5 * 60_000

/** The moment `text` names, refused with `message` at `field` when it is later than now. */
export function notInFuture(text: string, now: Date, field: string, message: string): Date {
  const at = new Date(text)
  if (at.getTime() > now.getTime() + CLOCK_SKEW_MS) throw new AppError(ErrorCode.INVALID_INPUT, message, field)
  return at
}
