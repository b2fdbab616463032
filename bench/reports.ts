/**
 * Figures for issues 8 and 17: what the report figures, the export and the waiting list cost as a
 * community's needs grow (a month and a year of them, read from rollups), that another community's
 * needs are never read, and what an office of 200 communities costs; the due work's rollups apart.
 */
import { main as evaluation } from '../cloudfunctions/evaluation/main'
import { main as reports } from '../cloudfunctions/reports/main'
import { platformContext } from '../local/host/platform-context'
import { demoDataSet, demoIdentities as who } from '../local/seed/demo-data'
import type { Standin } from '../local/standin'
import type { Envelope } from '../shared/contract'
import type { NeedDoc, ServiceRecordDoc } from '../server/data/documents'
import { insertMany, removeAll, removeMany } from '../server/data/maintenance'
import { rollUpFigures } from '../server/reports/due-work'
import type { ManualClock } from '../local/clock'
import { urgencySchema } from '../shared/domain/need'
import { helpKinds } from '../shared/domain/vocabulary'

const functions = { reports, evaluation }

async function call(openid: string, action: string, data: object, name: keyof typeof functions = 'reports'): Promise<unknown> {
  const answer = (await functions[name]({ action, data }, platformContext(name, openid))) as Envelope<unknown>
  if (!answer.ok) throw new Error(`${name}.${action}: ${answer.error.code} ${answer.error.message}`)
  return answer.data
}

/** `count` needs spread evenly over 2026, every one accepted and most done and judged. */
function needsOfYear(communityId: string, count: number, centre: readonly [number, number]): NeedDoc[] {
  const yearStart = new Date('2026-01-01T00:00:00+08:00').getTime()
  const step = (365 * 24 * 3600_000) / count
  return Array.from({ length: count }, (_, i) => {
    const createdAt = new Date(yearStart + i * step)
    const at = (minutes: number) => new Date(createdAt.getTime() + minutes * 60_000)
    return {
      _id: `bench-${communityId}-${i}`,
      communityId,
      requesterOpenid: who.resident,
      requesterName: '杨丽',
      helpKind: helpKinds[i % helpKinds.length],
      urgency: urgencySchema.options[i % 4],
      description: '测试。',
      location: { type: 'Point', coordinates: [centre[0] + ((i % 50) - 25) * 0.0004, centre[1] + ((i % 37) - 18) * 0.0004] },
      neighbourhood: '沁园小区',
      addressDetail: '1号楼',
      photos: [],
      timeline: [],
      contactPhone: '18653312469',
      status: i % 5 === 0 ? 'accepted' : 'closed',
      round: 1,
      offeredTo: [],
      acceptedBy: { organisationId: 'org-qy-xiyanghong', name: '夕阳红', at: at(10 + (i % 90)), distanceM: 300 },
      volunteers: [],
      ...(i % 5 === 0
        ? {}
        : { doneAt: at(200 + (i % 600)), outcome: { result: (['solved', 'partly', 'unrated'] as const)[i % 3], at: at(900) } }),
      createdAt,
      updatedAt: createdAt,
    }
  })
}

/** A credited hour of service for every need done, by one of 50 volunteers: the service figures grow with the needs. */
function serviceOfNeeds(needs: readonly NeedDoc[]): ServiceRecordDoc[] {
  return needs.flatMap((need, i) => {
    if (!need.doneAt) return []
    const record: ServiceRecordDoc = {
      _id: `bench-service-${need._id}`,
      openid: `bench-volunteer-${i % 50}`,
      communityId: need.communityId,
      organisationId: need.acceptedBy!.organisationId,
      source: { kind: 'need', id: need._id, title: need.helpKind },
      minutes: 60,
      servedAt: need.doneAt,
      confirmedByOpenid: who.organisationLead,
      confirmedAt: need.doneAt,
      credit: { status: 'credited', entryId: `bench-entry-${need._id}`, at: need.doneAt },
      updatedAt: need.doneAt,
    }
    return [record]
  })
}

/** One line of figures: `<label> … ms  round trips N  documents read N`. */
async function measured(standin: Standin, trips: () => number, label: string, run: () => Promise<unknown>) {
  const [tripsBefore, readBefore, started] = [trips(), standin.stats().documentsRead, performance.now()]
  await run()
  const ms = performance.now() - started
  console.log(
    `${label.padEnd(52)} ${ms.toFixed(0).padStart(6)} ms  ` +
      `round trips ${String(trips() - tripsBefore).padStart(4)}  documents read ${String(standin.stats().documentsRead - readBefore).padStart(6)}`,
  )
}

/** The due work takes the seeded needs and service into the rollups, as the timer would run it, until nothing is left. */
async function rollUp(now: Date) {
  for (let due = await rollUpFigures.due(now, 1); due.length > 0; due = await rollUpFigures.due(now, 1))
    await rollUpFigures.run(due[0], now)
}

/** `BENCH_NEEDS=1000,10000` measures only those sizes of a community's year (none: only the office). */
const NEEDS_A_YEAR = process.env.BENCH_NEEDS?.split(',').filter(Boolean).map(Number) ?? [1_000, 10_000, 100_000]

/** Communities of the urban community's office, as many as a district office has. */
const OFFICE_COMMUNITIES = 200
const NEEDS_A_YEAR_PER_OFFICE_COMMUNITY = 100

export async function benchReports(standin: Standin, trips: () => number, clock: ManualClock) {
  console.log('\nReports: figures, export and waiting list against a year of needs (round trips, documents read)')
  const [urban, rural] = [
    demoDataSet.communities.find((c) => c.kind === 'urban')!,
    demoDataSet.communities.find((c) => c.kind === 'rural')!,
  ]
  const month = { from: '2026-06-01', to: '2026-06-30' }
  const year = { from: '2026-01-01', to: '2026-12-31' }
  // The year is over: its days are closed and rolled up, as a 总结报告 is made in January.
  clock.set(new Date('2027-01-10T10:00:00+08:00'))
  const clear = async (needs: readonly { _id: string }[]) => {
    await removeMany(
      'needs',
      needs.map((n) => n._id),
    )
    await removeMany(
      'service_records',
      needs.map((n) => `bench-service-${n._id}`),
    )
    for (const collection of ['report_rollups', 'report_rollup_marks']) await removeAll(collection)
  }
  for (const count of NEEDS_A_YEAR) {
    const seeded = performance.now()
    // The other community's needs are as many: none of them may be read.
    const needs = [...needsOfYear(urban._id, count, urban.centre.coordinates), ...needsOfYear(rural._id, count, rural.centre.coordinates)]
    await insertMany('needs', needs)
    await insertMany('service_records', serviceOfNeeds(needs))
    console.log(
      `${`seeding ${(2 * count).toLocaleString('en')} needs and their service`.padEnd(52)} ${(performance.now() - seeded).toFixed(0).padStart(6)} ms`,
    )
    const of = `(${count.toLocaleString('en')} needs a year)`
    await measured(standin, trips, `rollups of ${(2 * count).toLocaleString('en')} needs, due work`, () => rollUp(clock.now()))
    const actions = [
      ['figures, a month', 'figures', { communityId: urban._id, period: month }, 'reports'],
      ['figures, the year', 'figures', { communityId: urban._id, period: year }, 'reports'],
      ['export, the year', 'export', { communityId: urban._id, period: year }, 'reports'],
      ['waiting', 'waiting', { communityId: urban._id }, 'reports'],
      // 评估评议: the year of the organisation that accepted every one of them (decision 055).
      ['an organisation’s year (评估评议)', 'sheet', { organisationId: 'org-qy-xiyanghong', year: 2026 }, 'evaluation'],
    ] as const
    // Once unmeasured at the first size: the first workbook and the first of each query pay for warming up.
    if (count === NEEDS_A_YEAR[0]) for (const [, action, data, name] of actions) await call(who.committeeUrban, action, data, name)
    for (const [label, action, data, name] of actions) {
      await measured(standin, trips, `${label} ${of}`, () => call(who.committeeUrban, action, data, name))
    }
    await clear(needs)
  }
  const office = Array.from({ length: OFFICE_COMMUNITIES - 1 }, (_, i) => ({ ...urban, _id: `bench-community-${i}`, name: `测试社区${i}` }))
  await insertMany('communities', office)
  const officeNeeds = [urban, ...office].flatMap((c) => needsOfYear(c._id, NEEDS_A_YEAR_PER_OFFICE_COMMUNITY, c.centre.coordinates))
  await insertMany('needs', officeNeeds)
  await insertMany('service_records', serviceOfNeeds(officeNeeds))
  const needs = (OFFICE_COMMUNITIES * NEEDS_A_YEAR_PER_OFFICE_COMMUNITY).toLocaleString('en')
  await measured(standin, trips, `rollups of ${needs} needs in ${OFFICE_COMMUNITIES} communities, due work`, () => rollUp(clock.now()))
  for (const [label, action] of [
    ['office figures, the year', 'officeFigures'],
    ['office export, the year', 'exportOffice'],
  ] as const) {
    await measured(standin, trips, `${label} (${OFFICE_COMMUNITIES} communities, ${needs} needs)`, () =>
      call(who.civilAffairs, action, { period: year }),
    )
  }
  await clear(officeNeeds)
  await removeMany(
    'communities',
    office.map((c) => c._id),
  )
}
