/**
 * The needs figures from rollups (docs/decisions/040). The due work rebuilds, from the needs
 * themselves, every closed day a changed need counts in (and counted in before), then the day's
 * month and year and the office's day, month and year: idempotent, keyed by community or office and
 * day, month or year. A report reads a period's years, months and days and puts right, from the needs
 * themselves, every need changed since the rollups last took changes in: so its figures are those of
 * the needs as they are.
 */
import { addMark, dayOf, daysOf, emptyTally, marksOf, mergeTallies, type NeedMark, type NeedTally } from '../../shared/domain/need-tally'
import type { ReportPeriod } from '../../shared/domain/report'
import { inShanghai, shanghaiDayStart } from '../../shared/domain/time'
import { communitiesOfOffices } from '../data/communities'
import type { RollupDoc } from '../data/documents'
import { needsForFigures } from '../data/needs'
import { communitiesByIds } from '../data/places'
import {
  dayRollupsCounting,
  needsChangedAt,
  needsChangedIn,
  needsChangedSince,
  putRollup,
  rollupIdOf,
  rolledTo,
  rollupsByIds,
  setRolledTo,
  type ChangedNeed,
} from '../data/report-rollups'
import { needFacts } from './sources/needs'

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

const marksIn = (need: ChangedNeed, days: ReadonlySet<string>) => marksOf(needFacts(need)).filter((mark) => days.has(mark.day))

/**
 * The needs tally of each community for the period, from the rollups of `scope` (a community's own,
 * or its office's), with the needs changed since the rollups took changes in counted as they are now.
 */
export async function needTallies(
  scope: RollupDoc['scope'],
  scopeId: string,
  communityIds: string[],
  period: ReportPeriod,
): Promise<Map<string, NeedTally>> {
  const ids = periodKeys(period).map((key) => rollupIdOf(scope, scopeId, key))
  for (;;) {
    const since = await rolledTo()
    const [rolled, changed] = await Promise.all([rollupsByIds(ids), needsChangedSince(communityIds, since)])
    const counted = changed.length > 0 ? await dayRollupsCounting(changed.map((n) => n._id)) : []
    // The due work took changes in meanwhile: what was read may mix before and after; read again.
    if ((await rolledTo()).getTime() !== since.getTime()) continue
    const days = new Set(daysOf(period))
    const tallies = new Map(communityIds.map((id) => [id, mergeTallies(rolled.flatMap((doc) => doc.tallies[id] ?? []))]))
    const changedIds = new Set(changed.map((n) => n._id))
    // What each changed need added when it was rolled up comes out; what it adds now goes in.
    for (const doc of counted) {
      const tally = tallies.get(doc.scopeId)
      if (!tally || !days.has(doc.key)) continue
      for (const id of doc.needIds ?? []) if (changedIds.has(id)) addMark(tally, doc.marks![id], -1)
    }
    for (const need of changed) {
      const tally = tallies.get(need.communityId)
      if (tally) for (const mark of marksIn(need, days)) addMark(tally, mark)
    }
    return tallies
  }
}

// ——— the due work ———

/** Changed needs taken in at once. */
const BATCH = 1000
/** Batches in one run of the due work; the timer comes back in a minute for the rest. */
const BATCHES_PER_RUN = 20
/** Consecutive days read from the needs at once. */
const DAYS_READ_AT_ONCE = 7

/** Whether changes before today wait to be rolled up. */
export async function changesToRollUp(now: Date): Promise<boolean> {
  return (await rolledTo()) < startOfToday(now)
}

const startOfToday = (now: Date) => shanghaiDayStart(dayOf(now))

/**
 * Takes in the needs changed before today, a batch at a time, earliest change first; the mark moves
 * on only once a batch's rollups are written, so a run cut short is taken up again, idempotently.
 */
export async function rollUpChanges(now: Date): Promise<number> {
  const until = startOfToday(now)
  let since = await rolledTo()
  let taken = 0
  for (let batch = 0; batch < BATCHES_PER_RUN && since < until; batch++) {
    let changed = await needsChangedIn(since, until, BATCH)
    let next = changed.length < BATCH ? until : new Date(changed[changed.length - 1].updatedAt)
    // A whole batch changed at one moment: take in every need changed then, and move past it.
    if (next.getTime() === since.getTime()) {
      changed = await needsChangedAt(since)
      next = new Date(since.getTime() + 1)
    }
    await rebuildFor(changed, dayOf(until), now)
    await setRolledTo(next)
    since = next
    taken += changed.length
  }
  return taken
}

/** Rebuilds every closed day the needs count in now or counted in before, their months, and their offices'. */
async function rebuildFor(changed: readonly ChangedNeed[], today: string, now: Date): Promise<void> {
  const days = new Map<string, Set<string>>()
  const add = (communityId: string, day: string) => {
    if (day < today) days.set(communityId, (days.get(communityId) ?? new Set()).add(day))
  }
  for (const doc of await dayRollupsCounting(changed.map((n) => n._id))) add(doc.scopeId, doc.key)
  for (const need of changed) for (const mark of marksOf(needFacts(need))) add(need.communityId, mark.day)
  await rebuildDays(days, now)
  const communities = await communitiesByIds([...days.keys()])
  const offices = new Map<string, Set<string>>()
  const months = [...days].flatMap(([communityId, ofCommunity]) =>
    [...new Set([...ofCommunity].map(monthOfDay))].map((month) => ({ communityId, month })),
  )
  await inGroups(months, ({ communityId, month }) => rebuildSum(communityId, month, daysOfMonth(month), now))
  const years = [...days].flatMap(([communityId, ofCommunity]) =>
    [...new Set([...ofCommunity].map(yearOf))].map((year) => ({ communityId, year })),
  )
  await inGroups(years, ({ communityId, year }) => rebuildSum(communityId, year, monthsOfYear(year), now))
  for (const [communityId, ofCommunity] of days) {
    const officeId = communities.get(communityId)?.officeId
    const keys = [...ofCommunity].flatMap((day) => [day, monthOfDay(day), yearOf(day)])
    if (officeId) offices.set(officeId, new Set([...(offices.get(officeId) ?? []), ...keys]))
  }
  const officeCommunities = await communitiesOfOffices([...offices.keys()])
  for (const [officeId, keys] of offices) {
    const members = officeCommunities.filter((c) => c.officeId === officeId).map((c) => c._id)
    await inGroups([...keys], (key) => rebuildOffice(officeId, members, key, now))
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

/** Each community's days, from the needs of every community with a day in a run read at once. */
async function rebuildDays(days: ReadonlyMap<string, ReadonlySet<string>>, now: Date): Promise<void> {
  for (const run of runsOf([...new Set([...days.values()].flatMap((d) => [...d]))].sort())) {
    const communityIds = [...days].filter(([, ofCommunity]) => run.some((day) => ofCommunity.has(day))).map(([id]) => id)
    const range = { start: shanghaiDayStart(run[0]), end: shanghaiDayStart(nextDay(run[run.length - 1])) }
    const marks = new Map<string, Map<string, NeedMark>>()
    for (const need of await needsForFigures(communityIds, range)) {
      for (const mark of marksOf(needFacts(need))) {
        const key = `${need.communityId}:${mark.day}`
        marks.set(key, (marks.get(key) ?? new Map<string, NeedMark>()).set(need._id, mark))
      }
    }
    const wanted = communityIds.flatMap((communityId) =>
      run.filter((day) => days.get(communityId)!.has(day)).map((day) => ({ communityId, day })),
    )
    await inGroups(wanted, async ({ communityId, day }) => {
      const ofDay = marks.get(`${communityId}:${day}`) ?? new Map<string, NeedMark>()
      const tally = emptyTally()
      for (const mark of ofDay.values()) addMark(tally, mark)
      await putRollup(
        {
          _id: rollupIdOf('community', communityId, day),
          scope: 'community',
          scopeId: communityId,
          key: day,
          tallies: { [communityId]: tally },
          marks: Object.fromEntries(ofDay),
          needIds: [...ofDay.keys()],
          builtAt: now,
        },
        ofDay.size === 0,
      )
    })
  }
}

const daysOfMonth = (month: string) => daysOf({ from: `${month}-01`, to: `${month}-${String(daysInMonth(month)).padStart(2, '0')}` })

/** A community's month, the sum of its days, or its year, the sum of its months: a whole year reads one rollup, not twelve. */
async function rebuildSum(communityId: string, key: string, parts: readonly string[], now: Date): Promise<void> {
  const rolled = await rollupsByIds(parts.map((part) => rollupIdOf('community', communityId, part)))
  await putSum('community', communityId, key, rolled, { [communityId]: mergeTallies(rolled.map((doc) => doc.tallies[communityId])) }, now)
}

/** A month or year, or an office's day, month or year: the sum of the rollups read, removed when there were none. */
async function putSum(
  scope: RollupDoc['scope'],
  scopeId: string,
  key: string,
  rolled: RollupDoc[],
  tallies: Record<string, NeedTally>,
  now: Date,
) {
  await putRollup({ _id: rollupIdOf(scope, scopeId, key), scope, scopeId, key, tallies, builtAt: now }, rolled.length === 0)
}

/** An office's day, month or year: its communities' own, side by side. */
async function rebuildOffice(officeId: string, communityIds: string[], key: string, now: Date): Promise<void> {
  const rolled = await rollupsByIds(communityIds.map((id) => rollupIdOf('community', id, key)))
  await putSum('office', officeId, key, rolled, Object.fromEntries(rolled.map((doc) => [doc.scopeId, doc.tallies[doc.scopeId]])), now)
}
