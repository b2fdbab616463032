/**
 * The needs figures from rollups (docs/decisions/040) equal those counted from the needs themselves
 * (report-figures.ts needFigures, weeklyTrend, needPlaces) over random histories: needs raised,
 * accepted, done, confirmed, judged 未解决 and so reopened, cancelled, hidden by the committee and
 * closed unrated, with the due work taking changes in at random moments, late changes to old needs
 * included; for a community's own rollups and for its office's.
 */
import { demoDataSet } from '../../local/seed/demo-data'
import type { NeedDoc } from '../../server/data/documents'
import { database } from '../../server/data/cloudbase'
import { rolledTo } from '../../server/data/report-rollups'
import { needTallies, rollUpChanges } from '../../server/reports/rollups'
import { needFacts } from '../../server/reports/sources/needs'
import { tallyFigures, tallyPlaces, tallyTrend } from '../../shared/domain/need-tally'
import { urgencySchema, type NeedStatus } from '../../shared/domain/need'
import type { ReportPeriod } from '../../shared/domain/report'
import { needFigures, needPlaces, weeklyTrend } from '../../shared/domain/report-figures'
import { inShanghai, shanghaiDayStart } from '../../shared/domain/time'
import { helpKinds } from '../../shared/domain/vocabulary'
import { freshDatabasePerGroup } from '../support/database'
import { random } from '../support/random'
import { removeAll } from '../../server/data/maintenance'

const office = demoDataSet.communities[0].officeId
const communities = demoDataSet.communities.filter((c) => c.officeId === office)
const START = new Date('2026-03-01T00:00:00+08:00')
const DAYS = 45

type Change = (at: Date) => Partial<NeedDoc>

/** What may happen next to a need, by its status: the product's own moves and their reversals. */
const changes: Record<string, Change[]> = {
  review: [(): Partial<NeedDoc> => ({ status: 'matching', queue: undefined }), (): Partial<NeedDoc> => ({ status: 'hidden' })],
  matching: [
    (at) => ({ status: 'accepted', acceptedBy: { organisationId: 'org', name: '组织', at, distanceM: 100 } }),
    (): Partial<NeedDoc> => ({ status: 'cancelled' }),
    (): Partial<NeedDoc> => ({ status: 'hidden' }),
  ],
  accepted: [(at) => ({ status: 'done', doneAt: at }), (): Partial<NeedDoc> => ({ status: 'cancelled' })],
  done: [
    (at) => ({ status: 'closed', outcome: { result: 'solved', rating: 5, at } }),
    (at) => ({ status: 'closed', outcome: { result: 'partly', rating: 3, at } }),
    // 未解决: back to matching, its acceptance gone, the judgement kept until a later one.
    (at) => ({ status: 'matching', acceptedBy: undefined, outcome: { result: 'unsolved', rating: 1, at } }),
    (at) => ({ status: 'closed', outcome: { result: 'unrated', at } }),
  ],
}

async function history(seed: number, check: (needs: NeedDoc[], at: Date) => Promise<void>) {
  const r = random(seed)
  const pick = <T>(list: readonly T[]) => list[Math.floor(r() * list.length)]
  const needs = new Map<string, NeedDoc>()
  const write = (need: NeedDoc) => {
    const { _id, ...fields } = need
    return database().collection('needs').doc(_id).set(fields)
  }
  let at = START
  let day = 0
  while (at < new Date(START.getTime() + DAYS * 86_400_000)) {
    at = new Date(at.getTime() + Math.floor(r() * 240) * 60_000)
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
      const patch = pick(changes[need.status])(at)
      const changed = { ...need, ...patch, updatedAt: at } as NeedDoc
      for (const key of Object.keys(patch) as (keyof NeedDoc)[]) if (patch[key] === undefined) delete changed[key]
      needs.set(need._id, changed)
      await write(changed)
    }
    if (r() < 0.08) await rollUpChanges(at)
    const today = Math.floor((at.getTime() - START.getTime()) / 86_400_000)
    if (today > day && today % 9 === 0) await check([...needs.values()], at)
    day = today
  }
  await rollUpChanges(at)
  // Everything before today is in the rollups now: the last check reads them, not the needs.
  expect(await rolledTo()).toEqual(shanghaiDayStart(inShanghai(at).format('YYYY-MM-DD')))
  await check([...needs.values()], at)
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

describe('the needs figures from rollups', () => {
  freshDatabasePerGroup()
  // Each history starts from no needs and no rollups.
  beforeEach(() => Promise.all(['needs', 'report_rollups', 'report_rollup_marks'].map(removeAll)))

  it.each([1, 2, 3, 4])('equal those counted from the needs, history %i', async (seed) => {
    const r = random(seed * 7919)
    let checks = 0
    await history(seed, async (needs, at) => {
      for (const period of periodsOf(r, at)) {
        const [own, ofOffice] = await Promise.all([
          Promise.all(communities.map((c) => needTallies('community', c._id, [c._id], period))),
          needTallies(
            'office',
            office,
            communities.map((c) => c._id),
            period,
          ),
        ])
        for (const [i, community] of communities.entries()) {
          const facts = needs.filter((n) => n.communityId === community._id).map(needFacts)
          const expected = { needs: needFigures(facts, period), trend: weeklyTrend(facts, period), places: needPlaces(facts, period) }
          for (const tally of [own[i].get(community._id)!, ofOffice.get(community._id)!]) {
            expect({ needs: tallyFigures(tally), trend: tallyTrend(tally, period), places: tallyPlaces(tally) }).toEqual(expected)
          }
        }
        checks++
      }
    })
    expect(checks).toBeGreaterThan(10)
  })
})
