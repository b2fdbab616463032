/**
 * Figures for issue 8: what the report figures and the export cost as a community's needs grow
 * (a month and a year of them), and that another community's needs are never read.
 */
import { main as reports } from '../cloudfunctions/reports/main'
import { platformContext } from '../local/host/platform-context'
import { demoDataSet, demoIdentities as who } from '../local/seed/demo-data'
import type { Standin } from '../local/standin'
import type { Envelope } from '../shared/contract'
import type { NeedDoc } from '../server/data/documents'
import { insertAll, removeAll } from '../server/data/maintenance'
import { urgencySchema } from '../shared/domain/need'
import { helpKinds } from '../shared/domain/vocabulary'

async function call(openid: string, action: string, data: object): Promise<unknown> {
  const answer = (await reports({ action, data }, platformContext('reports', openid))) as Envelope<unknown>
  if (!answer.ok) throw new Error(`reports.${action}: ${answer.error.code} ${answer.error.message}`)
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

export async function benchReports(standin: Standin, trips: () => number) {
  console.log('\nReports: figures and export against a year of needs (round trips, documents read)')
  const [urban, rural] = [
    demoDataSet.communities.find((c) => c.kind === 'urban')!,
    demoDataSet.communities.find((c) => c.kind === 'rural')!,
  ]
  const month = { from: '2026-06-01', to: '2026-06-30' }
  const year = { from: '2026-01-01', to: '2026-12-31' }
  for (const count of [1_000, 10_000]) {
    await removeAll('needs')
    // The other community's needs are as many: none of them may be read.
    await insertAll('needs', [
      ...needsOfYear(urban._id, count, urban.centre.coordinates),
      ...needsOfYear(rural._id, count, rural.centre.coordinates),
    ])
    for (const [label, action, openid, data] of [
      ['figures, a month', 'figures', who.committeeUrban, { communityId: urban._id, period: month }],
      ['figures, the year', 'figures', who.committeeUrban, { communityId: urban._id, period: year }],
      ['export, the year', 'export', who.committeeUrban, { communityId: urban._id, period: year }],
      ['waiting', 'waiting', who.committeeUrban, { communityId: urban._id }],
    ] as const) {
      const [tripsBefore, readBefore, started] = [trips(), standin.stats().documentsRead, performance.now()]
      await call(openid, action, data)
      const ms = performance.now() - started
      console.log(
        `${`${label} (${count.toLocaleString('en')} needs a year)`.padEnd(44)} ${ms.toFixed(0).padStart(6)} ms  ` +
          `round trips ${String(trips() - tripsBefore).padStart(3)}  documents read ${String(standin.stats().documentsRead - readBefore).padStart(6)}`,
      )
    }
  }
  await removeAll('needs')
}
