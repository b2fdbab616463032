/**
 * 议事协商 (docs/decisions/050): a topic the committee opens, or that residents propose and open together
 * with ten 附议; residents discuss and vote once; the committee records the decision, the minutes and later
 * what was done. Pure: no I/O.
 */
import { inShanghai } from './time'

/** How many residents must join a proposal (附议) before it opens. */
export const SUPPORTERS_TO_OPEN = 10

/** The fixed choices when a topic lists none of its own. */
export const YES_NO_ABSTAIN = ['同意', '反对', '弃权'] as const

/** The longest a vote may run, and the furthest ahead it may start: a topic is decided within a season. */
export const MAX_DAYS_AHEAD = 90

export const topicStatuses = ['proposed', 'discussing', 'voting', 'counted', 'decided'] as const
export type TopicStatus = (typeof topicStatuses)[number]

export const topicStatusLabel: Record<TopicStatus, string> = {
  proposed: '征集附议',
  discussing: '讨论中',
  voting: '投票中',
  counted: '投票结束，待决定',
  decided: '已决定',
}

/** The topic's page, which messages open. */
export const TOPIC_PAGE = 'pages/topics/detail/index'

/** The day `days` after `day` (both `YYYY-MM-DD`). */
export const dayAfter = (day: string, days: number) => inShanghai(`${day}T12:00:00+08:00`).add(days, 'day').format('YYYY-MM-DD')

export interface TopicTimes {
  /** Set once the topic is open (by the committee, or at the tenth 附议). */
  openedAt?: Date
  decidedAt?: Date
  votingFrom: string
  votingUntil: string
}

/** Where a topic stands on `today` (a Shanghai day): a closed one is decided, whatever its dates. */
export function topicStatus(topic: TopicTimes, today: string): TopicStatus {
  if (topic.decidedAt) return 'decided'
  if (!topic.openedAt) return 'proposed'
  if (today < topic.votingFrom) return 'discussing'
  if (today <= topic.votingUntil) return 'voting'
  return 'counted'
}

/**
 * What is wrong with a topic's voting dates on `today`, by field; nothing when they fit. Voting may start
 * today (the committee opens it ready to vote) but not before, and ends on or after the day it starts.
 */
export function datesProblem(votingFrom: string, votingUntil: string, today: string): { field: string; message: string } | null {
  if (votingFrom < today) return { field: 'votingFrom', message: '投票开始日期不能早于今天' }
  if (votingFrom > dayAfter(today, MAX_DAYS_AHEAD)) return { field: 'votingFrom', message: `投票开始日期不能晚于 ${MAX_DAYS_AHEAD} 天后` }
  if (votingUntil < votingFrom) return { field: 'votingUntil', message: '投票截止日期不能早于开始日期' }
  if (votingUntil > dayAfter(votingFrom, MAX_DAYS_AHEAD)) return { field: 'votingUntil', message: `投票最多进行 ${MAX_DAYS_AHEAD} 天` }
  return null
}

/** A period's 议事协商 in the figures: topics that began discussion in [start, end), and topics decided in it. */
export function deliberationFigures(topics: readonly TopicTimes[], range: { start: Date; end: Date }): { opened: number; decided: number } {
  const within = (at: Date | undefined) => at !== undefined && at >= range.start && at < range.end
  return { opened: topics.filter((t) => within(t.openedAt)).length, decided: topics.filter((t) => within(t.decidedAt)).length }
}
