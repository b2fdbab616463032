/** 社区工作台's waiting list: every source of what waits on the committee, in one order. */
import type { ReportsContract } from '../../shared/contracts/reports'
import type { ActionOutput } from '../../shared/contract'
import { waitingKindLabel, waitingKinds, waitingOrder } from '../../shared/domain/workbench'
import { waitingActivities } from './sources/activities'
import { waitingVisits } from './sources/care'
import { waitingDueWork } from './sources/due-work'
import { waitingNeeds } from './sources/needs'
import { waitingNewcomers } from './sources/newcomers'
import { waitingOrganisations } from './sources/organisations'
import { waitingPhotos } from './sources/photos'
import { waitingResidents } from './sources/residents'
import { waitingCredits } from './sources/service'
import { waitingHelpGaps } from './sources/surveys'

type Waiting = ActionOutput<ReportsContract, 'waiting'>

/** More than a committee works through in a day; each source lists at most this many of its first. */
const WAITING_LIMIT = 100

/** Everything waiting on the committee of `communityId`: the first items in order, and how many of each kind. */
export async function waitingOf(communityId: string, now: Date): Promise<Waiting> {
  const sources = await Promise.all([
    waitingOrganisations(communityId, now),
    waitingActivities(communityId, now, WAITING_LIMIT),
    waitingNeeds(communityId, now, WAITING_LIMIT),
    waitingCredits(communityId, now, WAITING_LIMIT),
    waitingVisits(communityId, now),
    waitingPhotos(communityId, now, WAITING_LIMIT),
    waitingDueWork(communityId, now, WAITING_LIMIT),
    waitingNewcomers(communityId, now, WAITING_LIMIT),
    waitingResidents(communityId, now, WAITING_LIMIT),
    waitingHelpGaps(communityId, now),
  ])
  const items = sources
    .flatMap((s) => s.items)
    .sort(waitingOrder)
    .slice(0, WAITING_LIMIT)
  const counts = waitingKinds.map((kind) => ({
    kind,
    label: waitingKindLabel[kind],
    count: sources.reduce((sum, s) => sum + (s.counts[kind] ?? 0), 0),
  }))
  return { items, counts, total: counts.reduce((sum, c) => sum + c.count, 0) }
}
