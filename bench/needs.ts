/**
 * Figures for issue 4: database round trips per user action on the demo data, and matching one
 * need among 1,000, 10,000 and 100,000 organisations spread over a city (through the geo index).
 */
import { main as needs } from '../cloudfunctions/needs/main'
import { platformContext } from '../local/host/platform-context'
import { demoDataSet, demoIdentities as who } from '../local/seed/demo-data'
import type { ManualClock } from '../local/clock'
import type { Standin } from '../local/standin'
import type { Envelope } from '../shared/contract'
import type { NeedView } from '../shared/contracts/needs'
import { MAX_SERVICE_RADIUS_M, NO_TASKS_YET, distanceM } from '../shared/domain/organisation'
import { helpKinds, type HelpKind } from '../shared/domain/vocabulary'
import type { OrganisationDoc } from '../server/data/documents'
import { insertAll, removeMany } from '../server/data/maintenance'
import { addNeed, newNeed } from '../server/data/needs'
import { dispatchRound } from '../server/needs/matching'
import { sampleActions } from './action-figures'

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]

/** A caller of one function's actions as `openid`, answering the data or throwing the error. */
export function callOf(main: (event: unknown, context: unknown) => Promise<unknown>, name: string) {
  return async <T>(openid: string, action: string, data: object): Promise<T> => {
    const answer = (await main({ action, data }, platformContext(name, openid))) as Envelope<T>
    if (!answer.ok) throw new Error(`${name}.${action}: ${answer.error.code} ${answer.error.message}`)
    return answer.data
  }
}

const call = callOf(needs, 'needs')

/** One need from raising to the requester's answer, each step one sample of its action. */
async function actions(standin: Standin, trips: () => number, clock: ManualClock) {
  const urban = demoDataSet.communities.find((c) => c.kind === 'urban')!
  await sampleActions(standin, trips, 'Needs', async (figures) => {
    const { need } = await figures.of('needs.raise (一般, offered to 2)', () =>
      call<{ need: NeedView }>(who.resident, 'raise', {
        helpKind: '亲情陪伴',
        urgency: 'normal',
        description: '想有人来陪我说说话。',
        location: urban.centre.coordinates,
        neighbourhood: '柳泉花园',
        addressDetail: '12号楼1单元1502',
        contactPhone: '18653312469',
      }),
    )
    await figures.of('needs.mine', () => call(who.resident, 'mine', {}))
    await figures.of('needs.detail (the requester)', () => call(who.resident, 'detail', { needId: need.id }))
    const { offers } = await call<{ offers: { offerId: string; organisationId: string }[] }>(who.committeeUrban, 'matchDetails', {
      needId: need.id,
    })
    const { organisationId, offerId } = offers[0]
    const lead = demoDataSet.organisations.find((o) => o._id === organisationId)!.leadOpenid
    await figures.of('needs.offers', () => call(lead, 'offers', { organisationId }))
    await figures.of('needs.accept', () => call(lead, 'accept', { organisationId, offerId }))
    const memberId = demoDataSet.roles.find((r) => r.organisationId === organisationId && r.role === 'organisation_lead')!._id
    await figures.of('needs.assignVolunteers', () =>
      call(lead, 'assignVolunteers', { organisationId, needId: need.id, memberIds: [memberId] }),
    )
    await figures.of('needs.tasks', () => call(lead, 'tasks', { organisationId }))
    // Nobody can have served longer than the need has been accepted.
    clock.advance(3 * 3600_000)
    await figures.of('needs.markDone (one volunteer)', () =>
      call(lead, 'markDone', { organisationId, needId: need.id, summary: '陪老人聊了一下午。', service: [{ memberId, minutes: 120 }] }),
    )
    await figures.of('needs.confirm (已解决, rated)', () => call(who.resident, 'confirm', { needId: need.id, result: 'solved', rating: 5 }))
  })
}

/** A deterministic stream of numbers in [0, 1), so every run places the same city. */
function random(seed: number) {
  let state = seed >>> 0
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0
    return state / 2 ** 32
  }
}

/** The city: 40 km × 40 km around 淄博; needs fall in its middle 20 km so every circle is full. */
const CITY_CENTRE: [number, number] = [118.05, 36.81]
const M_PER_DEG_LAT = 110_574
const M_PER_DEG_LNG = 111_320 * Math.cos((CITY_CENTRE[1] * Math.PI) / 180)
const at = (eastM: number, northM: number): [number, number] => [
  CITY_CENTRE[0] + eastM / M_PER_DEG_LNG,
  CITY_CENTRE[1] + northM / M_PER_DEG_LAT,
]

function organisationsOfCity(count: number, next: () => number, from: number): OrganisationDoc[] {
  return Array.from({ length: count }, (_, i) => {
    const kinds = [...helpKinds].sort(() => next() - 0.5).slice(0, 1 + Math.floor(next() * 4)) as HelpKind[]
    const capacity = 3 + Math.floor(next() * 6)
    return {
      _id: `bench-org-${from + i}`,
      name: `组织${from + i}`,
      kind: '邻里互助类',
      helpKinds: kinds,
      communityId: 'c-zd-qinyuan',
      servesCommunityIds: ['c-zd-qinyuan'],
      serviceArea: {
        centre: { type: 'Point', coordinates: at((next() - 0.5) * 40_000, (next() - 0.5) * 40_000) },
        radiusM: 500 + Math.floor(next() * 2500),
      },
      capacity,
      status: next() < 0.9 ? 'approved' : 'suspended',
      leadOpenid: `bench-lead-${from + i}`,
      contactPhone: '13800000000',
      charterSummary: '',
      description: '',
      inviteCode: `B${from + i}`,
      createdAt: new Date(),
      activeTasks: Math.floor(next() * capacity),
      taskCounters: { ...NO_TASKS_YET },
    } satisfies OrganisationDoc
  })
}

async function matching(standin: Standin) {
  console.log('\nMatching one need among the organisations of a city (40 × 40 km), through the 2dsphere index')
  const next = random(4)
  const city: OrganisationDoc[] = []
  const MATCHES = 100
  let ratioBase: number | undefined
  for (const size of [1_000, 10_000, 100_000]) {
    const added = organisationsOfCity(size - city.length, next, city.length)
    await insertAll('organisations', added)
    city.push(...added)
    const times: number[] = []
    let read = 0
    let inRange = 0
    let withinMax = 0
    for (let i = 0; i < MATCHES; i++) {
      const point = at((next() - 0.5) * 20_000, (next() - 0.5) * 20_000)
      const helpKind = helpKinds[Math.floor(next() * helpKinds.length)]
      const need = newNeed(benchNeed(point, helpKind), new Date())
      await addNeed(need)
      const readBefore = standin.stats().documentsRead
      const started = performance.now()
      await dispatchRound(need, new Date())
      times.push(performance.now() - started)
      read += standin.stats().documentsRead - readBefore
      for (const o of city) {
        const d = distanceM(o.serviceArea.centre.coordinates, point)
        if (d > MAX_SERVICE_RADIUS_M) continue
        withinMax++
        if (o.status === 'approved' && o.helpKinds.includes(helpKind) && d <= o.serviceArea.radiusM) inRange++
      }
    }
    times.sort((a, b) => a - b)
    const median = percentile(times, 50)
    ratioBase ??= median
    console.log(
      `${String(size).padStart(7)} organisations  median ${median.toFixed(1).padStart(6)} ms  p99 ${percentile(times, 99).toFixed(1).padStart(6)} ms  ` +
        `documents read/match ${(read / MATCHES).toFixed(0).padStart(4)}  in range (kind, circle, approved) ${(inRange / MATCHES).toFixed(0).padStart(4)}  ` +
        `within 5 km ${(withinMax / MATCHES).toFixed(0).padStart(5)}  time ×${(median / ratioBase).toFixed(2)} of 1,000`,
    )
    if (median > 2 * ratioBase) console.log(`  NOTE: the median at ${size} is more than twice the median at 1,000`)
  }
  // A city's organisations, not one community's: the reports after must not count them as its own.
  await removeMany(
    'organisations',
    city.map((o) => o._id),
  )
}

function benchNeed(point: [number, number], helpKind: HelpKind): Parameters<typeof newNeed>[0] {
  return {
    communityId: 'c-zd-qinyuan',
    requesterOpenid: 'bench-resident',
    requesterName: '测试',
    helpKind,
    urgency: 'urgent',
    description: '测试',
    location: { type: 'Point', coordinates: point },
    neighbourhood: '测试',
    addressDetail: '测试',
    photos: [],
    timeline: [],
    contactPhone: '13800000000',
    status: 'matching',
  }
}

export async function benchNeeds(standin: Standin, trips: () => number, clock: ManualClock) {
  await actions(standin, trips, clock)
  await matching(standin)
}
