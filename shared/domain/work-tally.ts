/**
 * An organisation's work on needs as sums over days (docs/decisions/055), for 评估评议's figures:
 * the needs it completed, how long it took to accept them, and the judgements of its work. Counted
 * as need-tally.ts counts a community's needs (a moment on its Shanghai day), but per organisation:
 * acceptance and completion by whoever accepted the need, a judgement by the organisation it judged
 * (a 未解决 takes the acceptance away, the judgement keeps whose work it was; decision 051).
 * Pure and JSON-shaped.
 */
import type { Outcome } from './need'
import { histogramSummary, marksOf, type NeedMark } from './need-tally'
import type { DurationSummary } from './report'
import type { NeedFacts } from './report-figures'

/** What one need adds to one day of its organisations' work. */
export interface WorkMark {
  day: string
  /** Who accepted it: its acceptance and completion that day count for them. */
  organisationId?: string
  /** Accepted that day: whole minutes from raising. */
  accepted?: number
  completed?: true
  /** Judged that day, and whose work was judged. */
  judged?: { organisationId: string; outcome: Outcome }
}

interface OrganisationWork {
  completed: number
  /** Whole minutes → how many waited that long. */
  toAcceptance: Record<string, number>
  outcomes: Partial<Record<Outcome, number>>
}

export interface WorkTally {
  organisations: Record<string, OrganisationWork>
}

/** The facts of a need with whose work it is. */
export interface WorkFacts extends NeedFacts {
  acceptedBy: string | null
  judgedOrganisation: string | null
}

export const emptyWorkTally = (): WorkTally => ({ organisations: {} })

/** A need's marks: its community's (need-tally.ts) kept to what an organisation's figures count. */
export function workMarksOf(need: WorkFacts): WorkMark[] {
  return marksOf(need).flatMap((mark: NeedMark) => {
    const work: WorkMark = { day: mark.day }
    if (need.acceptedBy && mark.accepted !== undefined) work.accepted = mark.accepted
    if (need.acceptedBy && mark.completed !== undefined) work.completed = true
    if (work.accepted !== undefined || work.completed) work.organisationId = need.acceptedBy!
    if (need.judgedOrganisation && mark.outcome !== undefined)
      work.judged = { organisationId: need.judgedOrganisation, outcome: mark.outcome }
    return work.organisationId || work.judged ? [work] : []
  })
}

const isEmpty = (work: OrganisationWork) =>
  work.completed === 0 && Object.keys(work.toAcceptance).length === 0 && Object.keys(work.outcomes).length === 0

/** Adds `n` at `key`, dropping a count that reaches 0 so that equal tallies are equal objects. */
function bump(counts: Record<string, number>, key: string, n: number) {
  const value = (counts[key] ?? 0) + n
  if (value === 0) delete counts[key]
  else counts[key] = value
}

function change(tally: WorkTally, organisationId: string, apply: (work: OrganisationWork) => void) {
  const work = tally.organisations[organisationId] ?? { completed: 0, toAcceptance: {}, outcomes: {} }
  apply(work)
  if (isEmpty(work)) delete tally.organisations[organisationId]
  else tally.organisations[organisationId] = work
}

/** Adds a mark to the tally, or takes it away again with `sign` -1. */
export function addWorkMark(tally: WorkTally, mark: WorkMark, sign: 1 | -1 = 1): WorkTally {
  if (mark.organisationId) {
    change(tally, mark.organisationId, (work) => {
      if (mark.completed) work.completed += sign
      if (mark.accepted !== undefined) bump(work.toAcceptance, String(mark.accepted), sign)
    })
  }
  if (mark.judged)
    change(tally, mark.judged.organisationId, (work) => bump(work.outcomes as Record<string, number>, mark.judged!.outcome, sign))
  return tally
}

export function mergeWorkTallies(tallies: Iterable<WorkTally>): WorkTally {
  const sum = emptyWorkTally()
  for (const tally of tallies) {
    for (const [organisationId, work] of Object.entries(tally.organisations)) {
      change(sum, organisationId, (into) => {
        into.completed += work.completed
        for (const [minutes, n] of Object.entries(work.toAcceptance)) bump(into.toAcceptance, minutes, n)
        for (const [outcome, n] of Object.entries(work.outcomes)) bump(into.outcomes as Record<string, number>, outcome, n)
      })
    }
  }
  return sum
}

/** One organisation's figures from a tally of the period's days. */
export function workFigures(
  tally: WorkTally,
  organisationId: string,
): { completed: number; toAcceptance: DurationSummary; outcomes: Record<Outcome, number> } {
  const work = tally.organisations[organisationId]
  const outcome = (o: Outcome) => work?.outcomes[o] ?? 0
  return {
    completed: work?.completed ?? 0,
    toAcceptance: histogramSummary(work?.toAcceptance ?? {}),
    outcomes: { solved: outcome('solved'), partly: outcome('partly'), unsolved: outcome('unsolved'), unrated: outcome('unrated') },
  }
}
