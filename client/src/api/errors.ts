import type { AppErrorBody, ErrorCode } from '../../../shared/errors'

/** A function answered `{ok: false}`, or the call never reached it. Pages match on `code`. */
export class ApiError extends Error {
  readonly code: ErrorCode
  readonly field?: string

  constructor(body: AppErrorBody, options?: { cause?: unknown }) {
    super(body.message, options)
    this.name = 'ApiError'
    this.code = body.code
    this.field = body.field
  }
}
