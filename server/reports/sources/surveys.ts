/** 需求调查 as a source of the figures and of the workbench: what residents asked for, and who offers it (decision 049). */
import type { Figures } from '../../../shared/contracts/reports'
import { mergeWanted, surveyResultsPath, type WantedKinds } from '../../../shared/domain/survey'
import { inShanghai } from '../../../shared/domain/time'
import type { OrganisationDoc, SurveyDoc } from '../../data/documents'
import { organisationsOfCommunities } from '../../data/organisations'
import { surveysOfCommunity } from '../../data/surveys'
import { waitingItem, type WaitingSource } from '../waiting-item'

/** The surveys' counts, and the wanted help kinds beside the organisations (approved, as the period ended) that offer each. */
export function surveyFigures(surveys: readonly SurveyDoc[], organisations: readonly OrganisationDoc[]): Figures['surveys'] {
  return {
    run: surveys.length,
    answers: surveys.reduce((sum, s) => sum + s.answerCount, 0),
    wanted: mergeWanted(surveys.map((s) => s.wanted)).map(({ helpKind, count }) => ({
      helpKind,
      count,
      offeredBy: organisations.filter((o) => o.helpKinds.includes(helpKind)).map((o) => ({ organisationId: o._id, name: o.name })),
    })),
  }
}

/** How far back the workbench looks for what residents asked for: a year of surveys. */
const GAP_DAYS = 365
/** The workbench names the gaps among this many most asked-for kinds: the ones that matter most. */
const TOP_WANTED = 3
/** A committee runs a few surveys a year: this many newest are more than a year's. */
const RECENT_SURVEYS = 20

/** The most asked-for help kinds of the last year's surveys that no approved organisation of the community offers. */
export async function waitingHelpGaps(communityId: string, now: Date): Promise<WaitingSource> {
  const since = inShanghai(now).subtract(GAP_DAYS, 'day').format('YYYY-MM-DD')
  const surveys = (await surveysOfCommunity(communityId, RECENT_SURVEYS)).filter((s) => s.status !== 'draft' && s.closesOn >= since)
  if (surveys.length === 0) return { items: [], counts: {} }
  const organisations = (await organisationsOfCommunities([communityId])).filter((o) => o.status === 'approved')
  const wanted: WantedKinds = mergeWanted(surveys.map((s) => s.wanted)).slice(0, TOP_WANTED)
  const gaps = wanted.filter(({ helpKind }) => !organisations.some((o) => o.helpKinds.includes(helpKind)))
  const latest = surveys.find((s) => s.wanted.length > 0) ?? surveys[0]
  return {
    items: gaps.map(({ helpKind, count }) =>
      waitingItem(now, {
        kind: 'help_gap',
        id: `help-gap-${helpKind}`,
        title: `居民最需要的${helpKind}，本社区还没有组织提供`,
        detail: `${count} 位居民在需求调查中选了${helpKind}`,
        since: new Date(latest.publishedAt ?? latest.createdAt),
        page: surveyResultsPath(latest._id),
      }),
    ),
    counts: { help_gap: gaps.length },
  }
}
