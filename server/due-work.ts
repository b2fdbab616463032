/**
 * The contract between the scheduler (server/scheduler) and each feature's due work
 * (`<feature>/due-work.ts`): a step finds the records due and does one at a time. The runner keeps
 * each record apart from the rest, so a step never has to guard against one bad record.
 */
export type DueStepName =
  | 'offersExpired'
  | 'needsClosed'
  | 'serviceRecordsCredited'
  | 'leadsReminded'
  | 'needsOverdue'
  | 'activityReminders'
  | 'activitiesFinished'
  | 'visitReminders'
  | 'careEscalations'
  | 'giftsReturned'
  | 'figuresRolled'

/** What each step did in one run, by its name, and how many records failed. */
export type DueWorkDone = Record<DueStepName, number> & { failed: number }

export interface DueRecord {
  _id: string
  communityId: string
}

export interface DueStep<R extends DueRecord> {
  name: DueStepName
  /** How the committee's waiting list names the work when a record keeps failing. */
  title: string
  /** At most `limit` records due at `now`, those due longest first. */
  due(now: Date, limit: number): Promise<R[]>
  /** The record for a retry, which may no longer be among those due (null: it is gone). */
  load(id: string): Promise<R | null>
  /** The committee's page to see to the record from. */
  page(record: R): string
  /** Does the record's work; false when there was none after all (another run did it). */
  run(record: R, now: Date): Promise<boolean>
  /** How many records it works on at once, for work whose records never meet (default 1: one after another). */
  atOnce?: number
}

/** After this many failed attempts at one record, the committee sees it in its waiting list. */
export const SHOWN_AFTER_ATTEMPTS = 3
