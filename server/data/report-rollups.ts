/** The figures rolled up per day, month and year (docs/decisions/040 and 054): report_rollups and report_rollup_marks. */
import { database, readAll } from './cloudbase'
import type { NeedDoc, RolledSourceName, RollupDoc, RollupMarkDoc } from './documents'
import { FIGURE_FIELDS, readNeed, type NeedForFigures } from './needs'

const rollups = () => database().collection('report_rollups')
const marks = () => database().collection('report_rollup_marks')

export const rollupIdOf = (source: RolledSourceName, scope: RollupDoc['scope'], scopeId: string, key: string) =>
  `${source}:${scope}:${scopeId}:${key}`

/** The rollups of these ids that exist, without the items' marks: only what is summed. */
export async function rollupsByIds(ids: string[]): Promise<RollupDoc[]> {
  const found: RollupDoc[] = []
  for (let i = 0; i < ids.length; i += 1000) {
    const chunk = ids.slice(i, i + 1000)
    const { data } = await rollups()
      .where({ _id: database().command.in(chunk) })
      .field({ source: true, scope: true, scopeId: true, key: true, tallies: true, builtAt: true })
      .limit(chunk.length)
      .get()
    found.push(...(data as RollupDoc[]))
  }
  return found
}

/** Writes the rollup whole, over whatever an earlier run wrote; one with nothing in it is removed. */
export async function putRollup(rollup: RollupDoc, empty: boolean): Promise<void> {
  const { _id, ...fields } = rollup
  if (empty) await rollups().doc(_id).remove()
  else await rollups().doc(_id).set(fields)
}

/** The communities' day rollups of the source that counted any of these, with what each added. */
export async function dayRollupsCounting(source: RolledSourceName, ids: string[]): Promise<RollupDoc[]> {
  const found: RollupDoc[] = []
  // A need counts on up to four days: as many rollups as ids may come back, so every page is read.
  for (let i = 0; i < ids.length; i += 1000) {
    found.push(...(await readAll<RollupDoc>(rollups().where({ ids: database().command.in(ids.slice(i, i + 1000)), source }))))
  }
  return found
}

/** Everything of the source last changed before this moment is in the rollups as it is now; none yet: the epoch. */
export async function rolledTo(source: RolledSourceName): Promise<Date> {
  const { data } = await marks().doc(source).get()
  const mark = data[0] as RollupMarkDoc | undefined
  return mark ? new Date(mark.rolledTo) : new Date(0)
}

/** Each source's mark at once: the scheduler asks every minute whether any is behind. */
export async function rolledToOf(sources: readonly RolledSourceName[]): Promise<Date[]> {
  const { data } = await marks()
    .where({ _id: database().command.in([...sources]) })
    .limit(sources.length)
    .get()
  const at = new Map((data as RollupMarkDoc[]).map((mark) => [mark._id, new Date(mark.rolledTo)]))
  return sources.map((source) => at.get(source) ?? new Date(0))
}

export async function setRolledTo(source: RolledSourceName, at: Date): Promise<void> {
  await marks().doc(source).set({ rolledTo: at })
}

/** How the due work and the reports read what changed in a collection, by its `updatedAt`. */
export interface ChangeReads<T> {
  /** Of any community, changed in [since, until), the earliest change first: the due work's next batch. */
  changedIn(since: Date, until: Date, limit: number): Promise<T[]>
  /** Of any community, changed at exactly this moment. */
  changedAt(at: Date): Promise<T[]>
  /** The communities' changed since `since`: what the rollups may not hold as it is yet. */
  changedSince(communityIds: string[], since: Date): Promise<T[]>
}

/** The reads of what changed in `name` (indexes `updatedAt_1`, `communityId_updatedAt_1`), each document read as `read` says. */
export function changeReads<T>(
  name: 'needs' | 'service_records' | 'care_visits',
  read: (doc: unknown) => T,
  fields?: Record<string, boolean>,
): ChangeReads<T> {
  const collection = () => database().collection(name)
  const projected = <Q extends { field(fields: object): Q }>(query: Q) => (fields ? query.field(fields) : query)
  return {
    async changedIn(since, until, limit) {
      const _ = database().command
      const query = collection()
        .where({ updatedAt: _.gte(since).and(_.lt(until)) })
        .orderBy('updatedAt', 'asc')
      const { data } = await projected(query).limit(limit).get()
      return data.map(read)
    },
    async changedAt(at) {
      const _ = database().command
      return (await readAll<unknown>(projected(collection().where({ updatedAt: _.gte(at).and(_.lte(at)) })))).map(read)
    },
    async changedSince(communityIds, since) {
      const _ = database().command
      const query = collection().where({ communityId: _.in(communityIds), updatedAt: _.gte(since) })
      return (await readAll<unknown>(projected(query))).map(read)
    },
  }
}

/** The needs' changes, with what their figures count. */
export const needChanges = changeReads<NeedForFigures & Pick<NeedDoc, 'updatedAt'>>(
  'needs',
  (doc) => readNeed(doc) as NeedForFigures & Pick<NeedDoc, 'updatedAt'>,
  { ...FIGURE_FIELDS, updatedAt: true },
)
