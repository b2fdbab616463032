import { z } from 'zod'

/**
 * The one list of error codes a function may answer with. Codes are stable: clients and
 * tests match on them, so rename none; add new ones at the end of their group.
 */
export const ErrorCode = {
  /** The request is not `{action, data}` or names no action of this function. */
  UNKNOWN_ACTION: 'UNKNOWN_ACTION',
  /** `data` does not satisfy the action's input schema; `field` names the first path at fault. */
  INVALID_INPUT: 'INVALID_INPUT',
  /** The platform gave no caller (no WeChat OPENID). */
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  /** The caller has no person record yet (never joined a community). */
  NOT_REGISTERED: 'NOT_REGISTERED',
  /** The caller's roles do not allow this action over this community or organisation. */
  FORBIDDEN: 'FORBIDDEN',
  /** The caller joined a community whose committee has not confirmed yet that they live there (docs/decisions/024). */
  RESIDENCE_UNCONFIRMED: 'RESIDENCE_UNCONFIRMED',
  NOT_FOUND: 'NOT_FOUND',
  /** The state changed under the caller (already taken, already done). */
  CONFLICT: 'CONFLICT',
  /** Text failed the content check. */
  CONTENT_REJECTED: 'CONTENT_REJECTED',
  /** Too many tries in a short time (a guessable code); `message` says when to try again. */
  RATE_LIMITED: 'RATE_LIMITED',
  INTERNAL: 'INTERNAL',
  /** A person's time-bank balance is less than the minutes asked for (a gift, a redemption, a reversal). */
  INSUFFICIENT_BALANCE: 'INSUFFICIENT_BALANCE',
  /** The catalogue item has none left (or a restock would take its stock below zero). */
  OUT_OF_STOCK: 'OUT_OF_STOCK',
  /** A place outside the community's service area (a need raised elsewhere); `field` names the place. */
  OUTSIDE_SERVICE_AREA: 'OUTSIDE_SERVICE_AREA',
  /** A one-time invitation someone already took (decision 034). */
  INVITATION_USED: 'INVITATION_USED',
  /** An invitation past its time (decision 034). */
  INVITATION_EXPIRED: 'INVITATION_EXPIRED',
} as const
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode]

export const errorCodeSchema = z.enum(Object.values(ErrorCode) as [ErrorCode, ...ErrorCode[]])

export const appErrorSchema = z.object({
  code: errorCodeSchema,
  message: z.string(),
  /** Dotted path of the input field at fault, when there is one. */
  field: z.string().optional(),
})
export type AppErrorBody = z.infer<typeof appErrorSchema>

/** Thrown by domain and handler code; the handler turns it into `{ok: false, error}`. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly field?: string,
  ) {
    super(message)
    this.name = 'AppError'
  }

  toBody(): AppErrorBody {
    return this.field === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, field: this.field }
  }
}
