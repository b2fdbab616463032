/**
 * The figures from rollups (docs/decisions/040 and 054), for each rolled source (the needs, the
 * service records, the care visits: sources/rolled.ts): the due work rebuilds, from the source itself, every closed day a changed item
 * counts in (and counted in before), then the day's month and year and the office's day, month and
 * year: idempotent, keyed by source, community or office, and day, month or year. A report reads a
 * period's years, months and days and puts right, from the source itself, every item changed since
 * the rollups last took changes in: so its figures are those of the items as they are.
 */
import { daysOf, dayOf } from '../../shared/domain/need-tally'
import type { ReportPeriod } from '../../shared/domain/report'
import { inShanghai, shanghaiDayStart } from '../../shared/domain/time'
import { communitiesOfOffices } from '../data/communities'
import type { RolledSourceName, RollupDoc } from '../data/documents'
import { communitiesByIds } from '../data/places'
import { dayRollupsCounting, putRollup, rollupIdOf, rolledTo, rolledToOf, rollupsByIds, setRolledTo } from '../data/report-rollups'

/** What a rolled item has: its id and its community. */
export interface RolledItem {
  _id: string
  communityId: string
}

/** An item as the changed ones are read: with the moment it last changed. */
type Changed<Item> = Item & { updatedAt: Date | string }

/**
 * A source of figures counted by day: what each item adds to the days it counts on (its marks), how
 * marks add up to a tally, and how to read the items changed or counting on days.
 */
export interface RolledSource<Item extends RolledItem, Mark extends { day: string }, Tally> {
  name: RolledSourceName
  /** Whether offices get its rollups too, their communities' side by side, for civil affairs' figures. */
  forOffices: boolean
  marksOf(item: Item): Mark[]
  emptyTally(): Tally
  /** Adds a mark, or takes it away again with `sign` -1. */
  addMark(tally: Tally, mark: Mark, sign?: 1 | -1): Tally
  mergeTallies(tallies: Iterable<Tally>): Tally
  /** What a month or a year keeps of the sum of its parts (none: all of it). */
  summed?(tally: Tally): Tally
  /** Items of any community changed in [since, until), the earliest change first. */
  changedIn(since: Date, until: Date, limit: number): Promise<Changed<Item>[]>
  changedAt(at: Date): Promise<Changed<Item>[]>
  /** The communities' items changed since `since`. */
  changedSince(communityIds: string[], since: Date): Promise<Item[]>
  /** The communities' items with a mark in [start, end). */
  countingIn(communityIds: string[], range: { start: Date; end: Date }): Promise<Item[]>
}

const monthOfDay = (day: string) => day.slice(0, 7)
const yearOf = (dayOrMonth: string) => dayOrMonth.slice(0, 4)
const monthsOfYear = (year: string) => Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`)
const daysInMonth = (month: string) => inShanghai(`${month}-01T00:00:00+08:00`).daysInMonth()
const nextDay = (day: string) => inShanghai(`${day}T00:00:00+08:00`).add(1, 'day').format('YYYY-MM-DD')

/** The rollups a period reads: each whole year as its year, each other whole month as its month, the days of a month it cuts one by one. */
export function periodKeys(period: ReportPeriod): string[] {
  const byMonth = new Map<string, string[]>()
  for (const day of daysOf(period)) byMonth.set(monthOfDay(day), [...(byMonth.get(monthOfDay(day)) ?? []), day])
  const keys = [...byMonth].flatMap(([month, days]) => (days.length === daysInMonth(month) ? [month] : days))
  const wholeMonths = new Set(keys)
  const wholeYears = new Set(keys.map(yearOf).filter((year) => monthsOfYear(year).every((month) => wholeMonths.has(month))))
  return [...wholeYears, ...keys.filter((key) => !wholeYears.has(yearOf(key)))]
}

/**
 * Each community's tally of the source for the period, from the rollups of `scope` (a community's
 * own, or its office's), with the items changed since the rollups took changes in counted as they are now.
 */
export async function talliesOf<Item extends RolledItem, Mark extends { day: string }, Tally>(
  source: RolledSource<Item, Mark, Tally>,
  scope: RollupDoc['scope'],
  scopeId: string,
  communityIds: string[],
  period: ReportPeriod,
): Promise<Map<string, Tally>> {
  const ids = periodKeys(period).map((key) => rollupIdOf(source.name, scope, scopeId, key))
  for (;;) {
    const since = await rolledTo(source.name)
    const [rolled, changed] = await Promise.all([rollupsByIds(ids), source.changedSince(communityIds, since)])
    const counted =
      changed.length > 0
        ? await dayRollupsCounting(
            source.name,
            changed.map((item) => item._id),
          )
        : []
    // The due work took changes in meanwhile: what was read may mix before and after; read again.
    if ((await rolledTo(source.name)).getTime() !== since.getTime()) continue
    const days = new Set(daysOf(period))
    const tallies = new Map(communityIds.map((id) => [id, source.mergeTallies(rolled.flatMap((doc) => (doc.tallies[id] as Tally) ?? []))]))
    const changedIds = new Set(changed.map((item) => item._id))
    // What each changed item added when it was rolled up comes out; what it adds now goes in.
    for (const doc of counted) {
      const tally = tallies.get(doc.scopeId)
      if (!tally || !days.has(doc.key)) continue
      for (const id of doc.ids ?? []) if (changedIds.has(id)) source.addMark(tally, doc.marks![id] as Mark, -1)
    }
    for (const item of changed) {
      const tally = tallies.get(item.communityId)
      if (!tally) continue
      for (const mark of source.marksOf(item)) if (days.has(mark.day)) source.addMark(tally, mark)
    }
    return tallies
  }
}

/** The sum of the communities' tallies, each from its own rollups: an organisation serving several of them. */
export async function summedTally<Item extends RolledItem, Mark extends { day: string }, Tally>(
  source: RolledSource<Item, Mark, Tally>,
  communityIds: readonly string[],
  period: ReportPeriod,
): Promise<Tally> {
  const tallies = await Promise.all(communityIds.map((id) => talliesOf(source, 'community', id, [id], period)))
  return source.mergeTallies(tallies.map((ofCommunity, i) => ofCommunity.get(communityIds[i])!))
}

// ——— the due work ———

/** A source as the due work sees it: items with marks by day, whatever its tally. */
export type AnyRolledSource = RolledSource<RolledItem, { day: string }, unknown>

/** Changed items taken in at once. */
const BATCH = 1000
/** Batches of each source in one run of the due work; the timer comes back in a minute for the rest. */
const BATCHES_PER_RUN = 20
/** Consecutive days read from a source at once. */
const DAYS_READ_AT_ONCE = 7

const startOfToday = (now: Date) => shanghaiDayStart(dayOf(now))

/** Whether changes to any of the sources before today wait to be rolled up. */
export async function changesToRollUp(sources: readonly AnyRolledSource[], now: Date): Promise<boolean> {
  const marks = await rolledToOf(sources.map((source) => source.name))
  return marks.some((mark) => mark < startOfToday(now))
}

/**
 * Takes in the source's items changed before today, a batch at a time, earliest change first; the
 * mark moves on only once a batch's rollups are written, so a run cut short is taken up again, idempotently.
 */
export async function rollUpChanges(source: AnyRolledSource, now: Date): Promise<number> {
  const until = startOfToday(now)
  let since = await rolledTo(source.name)
  let taken = 0
  for (let batch = 0; batch < BATCHES_PER_RUN && since < until; batch++) {
    let changed = await source.changedIn(since, until, BATCH)
    let next = changed.length < BATCH ? until : new Date(changed[changed.length - 1].updatedAt)
    // A whole batch changed at one moment: take in every item changed then, and move past it.
    if (next.getTime() === since.getTime()) {
      changed = await source.changedAt(since)
      next = new Date(since.getTime() + 1)
    }
    await rebuildFor(source, changed, dayOf(until), now)
    await setRolledTo(source.name, next)
    since = next
    taken += changed.length
  }
  return taken
}

/** Rebuilds every closed day the items count in now or counted in before, their months and years, and their offices'. */
async function rebuildFor(source: AnyRolledSource, changed: readonly RolledItem[], today: string, now: Date): Promise<void> {
  const days = new Map<string, Set<string>>()
  const add = (communityId: string, day: string) => {
    if (day < today) days.set(communityId, (days.get(communityId) ?? new Set()).add(day))
  }
  for (const doc of await dayRollupsCounting(
    source.name,
    changed.map((item) => item._id),
  ))
    add(doc.scopeId, doc.key)
  for (const item of changed) for (const mark of source.marksOf(item)) add(item.communityId, mark.day)
  await rebuildDays(source, days, now)
  const communities = await communitiesByIds([...days.keys()])
  const offices = new Map<string, Set<string>>()
  const months = [...days].flatMap(([communityId, ofCommunity]) =>
    [...new Set([...ofCommunity].map(monthOfDay))].map((month) => ({ communityId, month })),
  )
  await inGroups(months, ({ communityId, month }) => rebuildSum(source, communityId, month, daysOfMonth(month), now))
  const years = [...days].flatMap(([communityId, ofCommunity]) =>
    [...new Set([...ofCommunity].map(yearOf))].map((year) => ({ communityId, year })),
  )
  await inGroups(years, ({ communityId, year }) => rebuildSum(source, communityId, year, monthsOfYear(year), now))
  if (!source.forOffices) return
  for (const [communityId, ofCommunity] of days) {
    const officeId = communities.get(communityId)?.officeId
    const keys = [...ofCommunity].flatMap((day) => [day, monthOfDay(day), yearOf(day)])
    if (officeId) offices.set(officeId, new Set([...(offices.get(officeId) ?? []), ...keys]))
  }
  const officeCommunities = await communitiesOfOffices([...offices.keys()])
  for (const [officeId, keys] of offices) {
    const members = officeCommunities.filter((c) => c.officeId === officeId).map((c) => c._id)
    await inGroups([...keys], (key) => rebuildOffice(source, officeId, members, key, now))
  }
}

/** Writes this many rollups at once: the database takes them side by side. */
const WRITES_AT_ONCE = 20

async function inGroups<T>(items: readonly T[], work: (item: T) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += WRITES_AT_ONCE) await Promise.all(items.slice(i, i + WRITES_AT_ONCE).map(work))
}

/** Runs of consecutive days, at most DAYS_READ_AT_ONCE long. */
function runsOf(days: readonly string[]): string[][] {
  const runs: string[][] = []
  for (const day of days) {
    const run = runs[runs.length - 1]
    if (run && run.length < DAYS_READ_AT_ONCE && nextDay(run[run.length - 1]) === day) run.push(day)
    else runs.push([day])
  }
  return runs
}

/** Each community's days, from the items of every community with a day in a run read at once. */
async function rebuildDays(source: AnyRolledSource, days: ReadonlyMap<string, ReadonlySet<string>>, now: Date): Promise<void> {
  for (const run of runsOf([...new Set([...days.values()].flatMap((d) => [...d]))].sort())) {
    const communityIds = [...days].filter(([, ofCommunity]) => run.some((day) => ofCommunity.has(day))).map(([id]) => id)
    const range = { start: shanghaiDayStart(run[0]), end: shanghaiDayStart(nextDay(run[run.length - 1])) }
    const marks = new Map<string, Map<string, { day: string }>>()
    for (const item of await source.countingIn(communityIds, range)) {
      for (const mark of source.marksOf(item)) {
        const key = `${item.communityId}:${mark.day}`
        marks.set(key, (marks.get(key) ?? new Map<string, { day: string }>()).set(item._id, mark))
      }
    }
    const wanted = communityIds.flatMap((communityId) =>
      run.filter((day) => days.get(communityId)!.has(day)).map((day) => ({ communityId, day })),
    )
    await inGroups(wanted, async ({ communityId, day }) => {
      const ofDay = marks.get(`${communityId}:${day}`) ?? new Map<string, { day: string }>()
      const tally = source.emptyTally()
      for (const mark of ofDay.values()) source.addMark(tally, mark)
      await putRollup(
        {
          _id: rollupIdOf(source.name, 'community', communityId, day),
          source: source.name,
          scope: 'community',
          scopeId: communityId,
          key: day,
          tallies: { [communityId]: tally },
          marks: Object.fromEntries(ofDay),
          ids: [...ofDay.keys()],
          builtAt: now,
        },
        ofDay.size === 0,
      )
    })
  }
}

const daysOfMonth = (month: string) => daysOf({ from: `${month}-01`, to: `${month}-${String(daysInMonth(month)).padStart(2, '0')}` })

/** A community's month, the sum of its days, or its year, the sum of its months: a whole year reads one rollup, not twelve. */
async function rebuildSum(source: AnyRolledSource, communityId: string, key: string, parts: readonly string[], now: Date): Promise<void> {
  const rolled = await rollupsByIds(parts.map((part) => rollupIdOf(source.name, 'community', communityId, part)))
  const sum = source.mergeTallies(rolled.map((doc) => doc.tallies[communityId]))
  const tally = source.summed ? source.summed(sum) : sum
  await putSum(source.name, 'community', communityId, key, rolled, { [communityId]: tally }, now)
}

/** A month or year, or an office's day, month or year: the sum of the rollups read, removed when there were none. */
async function putSum(
  source: RolledSourceName,
  scope: RollupDoc['scope'],
  scopeId: string,
  key: string,
  rolled: RollupDoc[],
  tallies: Record<string, unknown>,
  now: Date,
) {
  await putRollup({ _id: rollupIdOf(source, scope, scopeId, key), source, scope, scopeId, key, tallies, builtAt: now }, rolled.length === 0)
}

/** An office's day, month or year: its communities' own, side by side. */
async function rebuildOffice(source: AnyRolledSource, officeId: string, communityIds: string[], key: string, now: Date): Promise<void> {
  const rolled = await rollupsByIds(communityIds.map((id) => rollupIdOf(source.name, 'community', id, key)))
  const tallies = Object.fromEntries(rolled.map((doc) => [doc.scopeId, doc.tallies[doc.scopeId]]))
  await putSum(source.name, 'office', officeId, key, rolled, tallies, now)
}
