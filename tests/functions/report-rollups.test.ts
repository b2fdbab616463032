/**
 * The figures from rollups (docs/decisions/040 and 054) equal those counted from the needs and the
 * service records themselves (report-figures.ts needFigures, weeklyTrend, needPlaces, serviceFigures)
 * over random histories, with the due work taking changes in at random moments, late changes to old
 * days included; for a community's own rollups and for its office's.
 * - Needs raised, accepted, done, confirmed, judged 未解决 and so reopened, cancelled, hidden by the
 *   committee and closed unrated.
 * - Service recorded pending, credited, held over the cap and then credited or declined, disputed
 *   after being credited, and its volunteer's data erased.
 * - Care visits recorded, some days late, for the monthly visit rate.
 */
import { demoDataSet } from '../../local/seed/demo-data'
import type { CareVisitDoc, NeedDoc, ServiceRecordDoc } from '../../server/data/documents'
import { database } from '../../server/data/cloudbase'
import { rolledTo } from '../../server/data/report-rollups'
import {
  rollUpChanges,
  summedTally,
  talliesOf,
  type AnyRolledSource,
  type RolledItem,
  type RolledSource,
} from '../../server/reports/rollups'
import { needFacts, rolledNeeds, rolledWork } from '../../server/reports/sources/needs'
import { rolledService, serviceFacts } from '../../server/reports/sources/service'
import { rolledVisits, visitFacts } from '../../server/reports/sources/care'
import { visitsOfTally } from '../../shared/domain/visit-tally'
import { workFigures } from '../../shared/domain/work-tally'
import { serviceByOrganisation, serviceTallyFigures } from '../../shared/domain/service-tally'
import { tallyFigures, tallyPlaces, tallyTrend } from '../../shared/domain/need-tally'
import { urgencySchema, type NeedStatus } from '../../shared/domain/need'
import type { ReportPeriod } from '../../shared/domain/report'
import { monthsOf, needFigures, needPlaces, serviceFigures, weeklyTrend } from '../../shared/domain/report-figures'
import { periodRange, inPeriod } from '../../shared/domain/report'
import { inShanghai, monthRange, shanghaiDayStart } from '../../shared/domain/time'
import { helpKinds } from '../../shared/domain/vocabulary'
import { freshDatabasePerGroup, testClock } from '../support/database'
import { rollUpFigures } from '../../server/reports/due-work'
import { rolledSources } from '../../server/reports/sources/rolled'
import { random } from '../support/random'
import { removeAll } from '../../server/data/maintenance'

const office = demoDataSet.communities[0].officeId
const communities = demoDataSet.communities.filter((c) => c.officeId === office)
const START = new Date('2026-03-01T00:00:00+08:00')
const DAYS = 45

type Change = (at: Date, need: NeedDoc) => Partial<NeedDoc>

/** The organisations that accept needs: by the minute, so that both carry work. */
const acceptors = ['org-a', 'org-b']
/** A judgement judges the work of whoever accepted the need (decision 051). */
const judged = (need: NeedDoc) => need.acceptedBy!.organisationId

/** What may happen next to a need, by its status: the product's own moves and their reversals. */
const changes: Record<string, Change[]> = {
  review: [(): Partial<NeedDoc> => ({ status: 'matching', queue: undefined }), (): Partial<NeedDoc> => ({ status: 'hidden' })],
  matching: [
    (at) => ({
      status: 'accepted',
      acceptedBy: { organisationId: acceptors[at.getMinutes() % 2], name: '组织', at, distanceM: 100 },
    }),
    (): Partial<NeedDoc> => ({ status: 'cancelled' }),
    (): Partial<NeedDoc> => ({ status: 'hidden' }),
  ],
  accepted: [(at) => ({ status: 'done', doneAt: at }), (): Partial<NeedDoc> => ({ status: 'cancelled' })],
  done: [
    (at, need) => ({ status: 'closed', outcome: { result: 'solved', rating: 5, at, organisationId: judged(need) } }),
    (at, need) => ({ status: 'closed', outcome: { result: 'partly', rating: 3, at, organisationId: judged(need) } }),
    // 未解决: back to matching, its acceptance gone, the judgement kept until a later one.
    (at, need) => ({
      status: 'matching',
      acceptedBy: undefined,
      outcome: { result: 'unsolved', rating: 1, at, organisationId: judged(need) },
    }),
    (at, need) => ({ status: 'closed', outcome: { result: 'unrated', at, organisationId: judged(need) } }),
  ],
}

/**
 * DAYS of random moments from START, at most `stepMinutes` apart: at each, `step` writes what
 * happened; now and then the due work takes the sources' changes in; every ninth day, and at the end
 * once everything before today is rolled up, `check` compares.
 */
async function overDays(
  r: () => number,
  stepMinutes: number,
  sources: readonly AnyRolledSource[],
  step: (at: Date) => Promise<void>,
  check: (at: Date) => Promise<void>,
) {
  let at = START
  let day = 0
  while (at < new Date(START.getTime() + DAYS * 86_400_000)) {
    at = new Date(at.getTime() + Math.floor(r() * stepMinutes) * 60_000)
    await step(at)
    if (r() < 0.08) for (const source of sources) await rollUpChanges(source, at)
    const today = Math.floor((at.getTime() - START.getTime()) / 86_400_000)
    if (today > day && today % 9 === 0) await check(at)
    day = today
  }
  for (const source of sources) await rollUpChanges(source, at)
  // Everything before today is in the rollups now: the last check reads them, not the documents.
  for (const source of sources) expect(await rolledTo(source.name)).toEqual(shanghaiDayStart(inShanghai(at).format('YYYY-MM-DD')))
  await check(at)
}

async function history(seed: number, check: (needs: NeedDoc[], at: Date) => Promise<void>) {
  const r = random(seed)
  const pick = <T>(list: readonly T[]) => list[Math.floor(r() * list.length)]
  const needs = new Map<string, NeedDoc>()
  const write = (need: NeedDoc) => {
    const { _id, ...fields } = need
    return database().collection('needs').doc(_id).set(fields)
  }
  const step = async (at: Date) => {
    const open = [...needs.values()].filter((n) => changes[n.status])
    if (r() < 0.4 || open.length === 0) {
      const community = pick(communities)
      const [lng, lat] = community.centre.coordinates
      const status: NeedStatus = r() < 0.15 ? 'review' : 'matching'
      const need = {
        _id: `n-${seed}-${needs.size}`,
        communityId: community._id,
        helpKind: pick(helpKinds),
        urgency: pick(urgencySchema.options),
        location: { type: 'Point', coordinates: [lng + (r() - 0.5) * 0.03, lat + (r() - 0.5) * 0.03] },
        neighbourhood: '测试小区',
        status,
        createdAt: at,
        updatedAt: at,
      } as NeedDoc
      needs.set(need._id, need)
      await write(need)
    } else {
      // Now and then an old need: a late change to a day long rolled up.
      const need = r() < 0.2 ? open[0] : pick(open)
      const patch = pick(changes[need.status])(at, need)
      const changed = { ...need, ...patch, updatedAt: at } as NeedDoc
      for (const key of Object.keys(patch) as (keyof NeedDoc)[]) if (patch[key] === undefined) delete changed[key]
      needs.set(need._id, changed)
      await write(changed)
    }
  }
  await overDays(r, 240, [rolledNeeds, rolledWork], step, (at) => check([...needs.values()], at))
}

const dayAfter = (days: number) => inShanghai(START).add(days, 'day').format('YYYY-MM-DD')

function periodsOf(r: () => number, at: Date): ReportPeriod[] {
  const upTo = Math.floor((at.getTime() - START.getTime()) / 86_400_000) + 1
  const random = Array.from({ length: 3 }, () => {
    const from = Math.floor(r() * upTo)
    return { from: dayAfter(from), to: dayAfter(from + Math.floor(r() * (upTo - from + 2))) }
  })
  // Whole months, read as months; a whole year, read as its year.
  return [
    ...random,
    { from: '2026-03-01', to: '2026-03-31' },
    { from: '2026-02-15', to: '2026-04-30' },
    { from: '2026-01-01', to: '2026-12-31' },
    { from: '2025-12-31', to: '2027-01-01' },
  ]
}

/** Each community with its tally for the period twice: from its own rollups and from its office's. */
async function bothTallies<Item extends RolledItem, Mark extends { day: string }, Tally>(
  source: RolledSource<Item, Mark, Tally>,
  period: ReportPeriod,
): Promise<{ community: (typeof communities)[number]; tallies: Tally[] }[]> {
  const [own, ofOffice] = await Promise.all([
    Promise.all(communities.map((c) => talliesOf(source, 'community', c._id, [c._id], period))),
    talliesOf(
      source,
      'office',
      office,
      communities.map((c) => c._id),
      period,
    ),
  ])
  return communities.map((community, i) => ({ community, tallies: [own[i].get(community._id)!, ofOffice.get(community._id)!] }))
}

describe('the needs figures from rollups', () => {
  freshDatabasePerGroup()
  // Each history starts from no needs and no rollups.
  beforeEach(() => Promise.all(['needs', 'report_rollups', 'report_rollup_marks'].map(removeAll)))

  it.each([1, 2, 3, 4])('equal those counted from the needs, history %i', async (seed) => {
    const r = random(seed * 7919)
    let checks = 0
    await history(seed, async (needs, at) => {
      for (const period of periodsOf(r, at)) {
        for (const { community, tallies } of await bothTallies(rolledNeeds, period)) {
          const facts = needs.filter((n) => n.communityId === community._id).map(needFacts)
          const expected = { needs: needFigures(facts, period), trend: weeklyTrend(facts, period), places: needPlaces(facts, period) }
          for (const tally of tallies) {
            expect({ needs: tallyFigures(tally), trend: tallyTrend(tally, period), places: tallyPlaces(tally) }).toEqual(expected)
          }
        }
        checks++
      }
    })
    expect(checks).toBeGreaterThan(10)
  })

  // 评估评议's figures (decision 055): per organisation, over the communities it serves.
  it.each([1, 2])('each organisation’s work equals that counted from the needs, history %i', async (seed) => {
    const r = random(seed * 15485863)
    let checks = 0
    await history(seed, async (needs, at) => {
      for (const period of periodsOf(r, at)) {
        const serves = r() < 0.5 ? [communities[0]._id] : communities.map((c) => c._id)
        const work = await summedTally(rolledWork, serves, period)
        const ofServed = needs.filter((n) => serves.includes(n.communityId))
        for (const organisationId of acceptors) {
          const carried = needFigures(ofServed.filter((n) => n.acceptedBy?.organisationId === organisationId).map(needFacts), period)
          const judgedWork = ofServed.filter((n) => n.outcome?.organisationId === organisationId).map(needFacts)
          expect(workFigures(work, organisationId)).toEqual({
            completed: carried.completed,
            toAcceptance: carried.toAcceptance,
            outcomes: needFigures(judgedWork, period).outcomes,
          })
        }
        checks++
      }
    })
    expect(checks).toBeGreaterThan(10)
  })
})

// ——— the service figures (decision 054) ———

type ServiceChange = (record: ServiceRecordDoc, at: Date) => Partial<ServiceRecordDoc>

/** What may happen next to a service record, by where the time bank is with it. */
const serviceChanges: Record<ServiceRecordDoc['credit']['status'], ServiceChange[]> = {
  pending: [
    (_, at) => ({ credit: { status: 'credited', entryId: 'e', at } }),
    // Over the daily cap: part paid, part held for the committee.
    (record, at) => ({ credit: { status: 'held', at, heldMinutes: Math.ceil(record.minutes / 2), entryId: 'e' } }),
  ],
  credited: [
    // A requester's 未解决 holds it whole.
    (record, at) => ({ credit: { status: 'held', at, heldMinutes: record.minutes } }),
  ],
  held: [
    (_, at) => ({ credit: { status: 'credited', entryId: 'e', at } }),
    (record, at) => ({
      credit: {
        status: 'declined',
        at,
        reason: '重复记录',
        declinedMinutes: record.credit.status === 'held' ? record.credit.heldMinutes : 0,
      },
    }),
  ],
  declined: [],
}

const volunteers = ['v-1', 'v-2', 'v-3', 'v-4', 'v-5', 'v-6']
const organisations = ['org-a', 'org-b', undefined]

async function serviceHistory(seed: number, check: (records: ServiceRecordDoc[], at: Date) => Promise<void>) {
  const r = random(seed)
  const pick = <T>(list: readonly T[]) => list[Math.floor(r() * list.length)]
  const records = new Map<string, ServiceRecordDoc>()
  const write = (record: ServiceRecordDoc) => {
    const { _id, ...fields } = record
    return database().collection('service_records').doc(_id).set(fields)
  }
  const step = async (at: Date) => {
    const open = [...records.values()].filter((record) => serviceChanges[record.credit.status].length > 0)
    const choice = r()
    if (choice < 0.4 || open.length === 0) {
      const organisationId = pick(organisations)
      // Served up to two days before it is confirmed: a lead confirms an activity's hours late.
      const servedAt = new Date(at.getTime() - Math.floor(r() * 48) * 3600_000)
      const record: ServiceRecordDoc = {
        _id: `s-${seed}-${records.size}`,
        openid: pick(volunteers),
        communityId: pick(communities)._id,
        ...(organisationId ? { organisationId } : {}),
        source: { kind: pick(['need', 'activity', 'visit'] as const), id: 'x', title: '服务' },
        minutes: 1 + Math.floor(r() * 240),
        servedAt,
        confirmedByOpenid: 'lead',
        confirmedAt: at,
        credit: { status: 'pending' },
        updatedAt: at,
      }
      records.set(record._id, record)
      await write(record)
    } else if (choice < 0.95) {
      // Now and then an old record: a late change to a day long rolled up.
      const record = r() < 0.2 ? open[0] : pick(open)
      const changed = { ...record, ...pick(serviceChanges[record.credit.status])(record, at), updatedAt: at }
      records.set(record._id, changed)
      await write(changed)
    } else {
      // A volunteer's data erased: their records stay for the books under an anonymous id.
      const openid = pick(volunteers)
      for (const record of records.values()) {
        if (record.openid !== openid) continue
        const changed = { ...record, openid: `anon-${openid}-${at.getTime()}`, updatedAt: at }
        records.set(record._id, changed)
        await write(changed)
      }
    }
  }
  await overDays(r, 240, [rolledService], step, (at) => check([...records.values()], at))
}

/** Minutes and distinct volunteers per organisation, counted from the records themselves. */
function byOrganisationOf(records: readonly ServiceRecordDoc[], period: ReportPeriod) {
  const range = periodRange(period)
  const counted = records.map(serviceFacts).filter((f) => f.organisationId && f.countedMinutes > 0 && inPeriod(f.servedAt, range))
  return [...new Set(counted.map((f) => f.organisationId!))]
    .map((organisationId) => {
      const ofOrganisation = counted.filter((f) => f.organisationId === organisationId)
      return {
        organisationId,
        minutes: ofOrganisation.reduce((sum, f) => sum + f.countedMinutes, 0),
        volunteers: new Set(ofOrganisation.map((f) => f.openid)).size,
      }
    })
    .sort((a, b) => b.minutes - a.minutes || a.organisationId.localeCompare(b.organisationId))
}

describe('the service figures from rollups', () => {
  freshDatabasePerGroup()
  beforeEach(() => Promise.all(['service_records', 'report_rollups', 'report_rollup_marks'].map(removeAll)))

  it.each([1, 2, 3])('equal those counted from the service records, history %i', async (seed) => {
    const r = random(seed * 104729)
    let checks = 0
    await serviceHistory(seed, async (records, at) => {
      for (const period of periodsOf(r, at)) {
        for (const { community, tallies } of await bothTallies(rolledService, period)) {
          const ofCommunity = records.filter((record) => record.communityId === community._id)
          const expected = {
            figures: serviceFigures(ofCommunity.map(serviceFacts), period),
            byOrganisation: byOrganisationOf(ofCommunity, period),
          }
          for (const tally of tallies) {
            expect({ figures: serviceTallyFigures(tally), byOrganisation: serviceByOrganisation(tally) }).toEqual(expected)
          }
        }
        checks++
      }
    })
    expect(checks).toBeGreaterThan(10)
  })
})

// ——— the visits of the monthly visit rate (decision 054) ———

const entries = ['care-1', 'care-2', 'care-3', 'care-4', 'care-5']

/** Visits recorded at random moments, some days after they happened; each month's visited entries are checked. */
async function visitHistory(seed: number, check: (visits: CareVisitDoc[], at: Date) => Promise<void>) {
  const r = random(seed)
  const pick = <T>(list: readonly T[]) => list[Math.floor(r() * list.length)]
  const visits: CareVisitDoc[] = []
  const step = async (at: Date) => {
    // Recorded up to four days late: across a month's end now and then.
    const visitedAt = new Date(at.getTime() - Math.floor(r() * 96) * 3600_000)
    const visit: CareVisitDoc = {
      _id: `v-${seed}-${visits.length}`,
      entryId: pick(entries),
      communityId: pick(communities)._id,
      visitedAt,
      mode: 'in_person',
      wellbeing: 'good',
      visitorOpenid: 'visitor',
      visitorName: '探访员',
      recordedAt: at,
      updatedAt: at,
    }
    visits.push(visit)
    const { _id, ...fields } = visit
    await database().collection('care_visits').doc(_id).set(fields)
  }
  await overDays(r, 600, [rolledVisits], step, (at) => check(visits, at))
}

/** Month → the entries visited in it, sorted. */
function visitedByMonth(visits: readonly { registerId: string; at: Date }[], months: readonly string[]) {
  return Object.fromEntries(
    months.map((month) => {
      const { start, end } = monthRange(month)
      const visited = visits.filter((v) => v.at >= start && v.at < end).map((v) => v.registerId)
      return [month, [...new Set(visited)].sort()]
    }),
  )
}

describe('the visits of the monthly visit rate from rollups', () => {
  freshDatabasePerGroup()
  beforeEach(() => Promise.all(['care_visits', 'report_rollups', 'report_rollup_marks'].map(removeAll)))

  it.each([1, 2])('equal the visits themselves, month by month, history %i', async (seed) => {
    const r = random(seed * 1299709)
    let checks = 0
    await visitHistory(seed, async (visits, at) => {
      for (const period of periodsOf(r, at)) {
        const months = monthsOf(period)
        const whole = {
          from: `${months[0]}-01`,
          to: inShanghai(monthRange(months[months.length - 1]).end)
            .subtract(1, 'day')
            .format('YYYY-MM-DD'),
        }
        for (const { community, tallies } of await bothTallies(rolledVisits, whole)) {
          const expected = visitedByMonth(visits.filter((v) => v.communityId === community._id).map(visitFacts), months)
          for (const tally of tallies) {
            expect(visitedByMonth(visitsOfTally(tally), months)).toEqual(expected)
          }
        }
        checks++
      }
    })
    expect(checks).toBeGreaterThan(10)
  })
})

describe('the due step of the rollups', () => {
  freshDatabasePerGroup()
  beforeEach(() => Promise.all(['report_rollups', 'report_rollup_marks'].map(removeAll)))

  it('is due while any source has changes before today to take in, and not once every source took them in', async () => {
    const now = testClock.now()
    expect(await rollUpFigures.due(now, 1)).toHaveLength(1)
    for (const source of rolledSources.slice(0, -1)) await rollUpChanges(source, now)
    // The last source is still behind.
    expect(await rollUpFigures.due(now, 1)).toHaveLength(1)
    await rollUpChanges(rolledSources[rolledSources.length - 1], now)
    expect(await rollUpFigures.due(now, 1)).toEqual([])
  })
})
