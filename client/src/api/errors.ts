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

/** What to tell the person: our own message for an ApiError, a plain apology for a bug. */
export function messageOf(error: unknown): string {
  return error instanceof ApiError ? error.message : '出了点问题'
}

/** The input field an error is about, as the page names it: the function says `data.name`, the page `name`. */
export function fieldOf(error: unknown): string | undefined {
  if (!(error instanceof ApiError) || !error.field?.startsWith('data.')) return undefined
  return error.field.slice('data.'.length)
}
