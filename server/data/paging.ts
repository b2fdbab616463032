/** Reading a log newest first, a page at a time (server/paging.ts makes and reads the cursors). */
import { database } from './cloudbase'

/** Where a page, newest first, starts after: the last document of the previous page. */
export interface PagePosition {
  at: Date
  id: string
}

/** `filter`, and only what comes after `after` newest first: earlier, or as early with a smaller id. */
export function afterPosition<F extends object>(filter: F, after: PagePosition | undefined) {
  const _ = database().command
  return after ? _.and([filter, _.or([{ at: _.lt(after.at) }, { at: after.at, _id: _.lt(after.id) }])]) : filter
}
