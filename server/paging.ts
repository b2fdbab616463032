/**
 * Pages of a log read newest first (time-bank entries, the audit log). A page ends at a document,
 * not at a moment: one request writes several documents in the same millisecond, so the position
 * is the moment and the id, and the next page starts strictly after both.
 */
import { AppError, ErrorCode } from '../shared/errors'
import type { PagePosition } from './data/paging'

interface Logged {
  _id: string
  at: Date | string
}

/** The cursor is where the page ended, opaque to the page: base64url of [epoch ms, id]. */
function cursorOf(doc: Logged): string {
  return Buffer.from(JSON.stringify([new Date(doc.at).getTime(), doc._id])).toString('base64url')
}

export function positionOf(cursor: string | undefined): PagePosition | undefined {
  if (cursor === undefined) return undefined
  try {
    const [ms, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[]
    if (typeof ms === 'number' && Number.isFinite(ms) && typeof id === 'string') return { at: new Date(ms), id }
  } catch {
    // Falls through to the refusal below.
  }
  throw new AppError(ErrorCode.INVALID_INPUT, '翻页位置不正确，请从第一页重新查看', 'data.cursor')
}

/** `limit` of the `limit + 1` documents read, and the cursor of the next page when there is one. */
export function pageOf<T extends Logged>(read: T[], limit: number): { entries: T[]; nextCursor?: string } {
  const entries = read.slice(0, limit)
  return read.length > limit ? { entries, nextCursor: cursorOf(entries[entries.length - 1]) } : { entries }
}
