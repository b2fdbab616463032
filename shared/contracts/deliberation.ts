/**
 * 议事协商 (docs/decisions/050): the community function's actions over topics. Who voted what is in no
 * answer: a topic answers its tally (once voting has ended), never its voters.
 */
import { z } from 'zod'
import { action } from '../contract'
import { topicStatuses } from '../domain/deliberation'
import { daySchema, idSchema, isoDateTimeSchema, textSchema } from '../domain/fields'
import { takenDownViewSchema } from '../domain/moderation'

const topicRef = z.strictObject({ topicId: idSchema })

/** What a topic states, whoever opens it. Without `options` the choices are 同意 / 反对 / 弃权. */
export const topicFields = {
  communityId: idSchema,
  title: textSchema(40),
  /** What is to be decided. */
  question: textSchema(200),
  background: textSchema(2000),
  options: z.array(textSchema(30)).min(2, '至少两个选项').max(6, '最多六个选项').optional(),
  votingFrom: daySchema,
  votingUntil: daySchema,
}
export const newTopicSchema = z.strictObject(topicFields)
export type NewTopicInput = z.input<typeof newTopicSchema>

const statusFields = { status: z.enum(topicStatuses), statusLabel: z.string() }

export const topicSummarySchema = z.object({
  topicId: z.string(),
  title: z.string(),
  ...statusFields,
  votingFrom: z.string(),
  votingUntil: z.string(),
  supporters: z.number().int(),
})
export type TopicSummary = z.infer<typeof topicSummarySchema>

export const topicCommentSchema = z.object({
  commentId: z.string(),
  shownName: z.string(),
  text: z.string(),
  at: isoDateTimeSchema,
  /** Only the committee sees a taken-down comment (to restore it); everyone else does not get it. */
  takenDown: takenDownViewSchema.optional(),
})
export type TopicComment = z.infer<typeof topicCommentSchema>

export const topicViewSchema = z.object({
  topicId: z.string(),
  communityId: z.string(),
  title: z.string(),
  question: z.string(),
  background: z.string(),
  options: z.array(z.string()),
  ...statusFields,
  votingFrom: z.string(),
  votingUntil: z.string(),
  openedAt: isoDateTimeSchema.optional(),
  /** A proposal's 附议 so far, and how many it needs to open. */
  supporters: z.number().int(),
  supportersNeeded: z.number().int(),
  /** The caller's own 附议 and vote: only whether, never what. */
  supported: z.boolean(),
  voted: z.boolean(),
  /** Votes cast so far: the count per option only once voting has ended, so that no vote is read off a change. */
  votes: z.number().int(),
  tally: z.array(z.object({ option: z.string(), count: z.number().int() })).optional(),
  comments: z.array(topicCommentSchema),
  decision: z.string().optional(),
  minutes: z.string().optional(),
  decidedAt: isoDateTimeSchema.optional(),
  followUps: z.array(z.object({ text: z.string(), at: isoDateTimeSchema })),
  /** What the caller may do now, so that a page shows only that. */
  canSupport: z.boolean(),
  canComment: z.boolean(),
  canVote: z.boolean(),
  canClose: z.boolean(),
})
export type TopicView = z.infer<typeof topicViewSchema>

export const deliberationActions = {
  topics: action(
    '居民、两委：本社区的议事协商议题和状态（征集附议、讨论中、投票中、已决定）',
    z.strictObject({ communityId: idSchema }),
    z.object({ topics: z.array(topicSummarySchema) }),
  ),
  topic: action('居民、两委：一个议题的内容、讨论、票数（投票结束后）和结果；谁投了什么从不显示', topicRef, topicViewSchema),
  openTopic: action(
    '两委：发起议题（要决定什么、背景、选项或同意/反对/弃权、投票日期）',
    newTopicSchema,
    z.object({ topicId: z.string() }),
  ),
  proposeTopic: action('居民：提议一个议题；本社区十位居民（含提议人）附议后开始讨论', newTopicSchema, z.object({ topicId: z.string() })),
  supportTopic: action(
    '居民：附议一个提议，每人一次；第十位附议时议题开始讨论',
    topicRef,
    z.object({ supporters: z.number().int(), opened: z.boolean() }),
  ),
  commentOnTopic: action(
    '居民、两委：在讨论中或投票中的议题下发表意见',
    z.strictObject({ topicId: idSchema, text: textSchema(300) }),
    z.object({ commentId: z.string() }),
  ),
  voteOnTopic: action(
    '居民：在投票期内投票，每人一票，投了什么不记名',
    z.strictObject({ topicId: idSchema, choice: z.number().int().min(0).max(5) }),
    z.object({}),
  ),
  closeTopic: action(
    '两委：结束议题，写下决定和议事纪要；投票随之结束',
    z.strictObject({ topicId: idSchema, decision: textSchema(500), minutes: textSchema(5000) }),
    z.object({}),
  ),
  addFollowUp: action('两委：为已决定的议题补充落实情况', z.strictObject({ topicId: idSchema, text: textSchema(1000) }), z.object({})),
}
