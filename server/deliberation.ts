/**
 * 议事协商 (docs/decisions/050). A topic is the committee's to open and close, or a resident's to propose
 * and ten residents' to open together; its community's residents discuss and vote. A vote is counted in
 * one transaction as a marker that says only "this person has voted" and an increment of the option's
 * tally: no document, and so no answer, joins a voter to a choice.
 */
import type { CommunityContract } from '../shared/contracts/community'
import type { NewTopicInput } from '../shared/contracts/deliberation'
import { maskedName } from '../shared/domain/activity'
import {
  datesProblem,
  SUPPORTERS_TO_OPEN,
  topicStatus,
  topicStatusLabel,
  YES_NO_ABSTAIN,
  type TopicStatus,
} from '../shared/domain/deliberation'
import { shanghaiDay } from '../shared/domain/timebank'
import { iso } from '../shared/domain/time'
import { AppError, ErrorCode } from '../shared/errors'
import type { CommunityDoc, TopicDoc } from './data/documents'
import { commentsOf, ownMarks, supportDocId, talliesOf, tallyDocId, topicById, topicsOf, voteMarkerId } from './data/deliberation'
import { appended, increment, inTransaction, type Transaction } from './data/transaction'
import type { ActionContext, ActionImplementations } from './handler'
import { sitsOnCommitteeOf } from './principal'
import { authoriseOverCommunity } from './scopes'
import { refuseFlagged } from './wechat'
import { randomUUID } from 'node:crypto'

type Action<A extends keyof CommunityContract['actions']> = ActionImplementations<CommunityContract>[A]

const topicNotFound = () => new AppError(ErrorCode.NOT_FOUND, '没有这个议题', 'data.topicId')

/** The topic, after authorising the caller over its community: another community's resident or committee is refused. */
async function authorisedTopic(context: ActionContext<{ topicId: string }>): Promise<{ topic: TopicDoc; community: CommunityDoc }> {
  const topic = await topicById(context.input.topicId)
  if (!topic) throw topicNotFound()
  return { topic, community: await authoriseOverCommunity(context, topic.communityId) }
}

const statusOf = (topic: TopicDoc, now: Date): TopicStatus => topicStatus(topic, shanghaiDay(now))

/** Refuses with `code` unless the topic stands where `allowed` says. */
function requireStatus(topic: TopicDoc, now: Date, allowed: readonly TopicStatus[], message: string): void {
  if (!allowed.includes(statusOf(topic, now))) throw new AppError(ErrorCode.CONFLICT, message)
}

async function checkedNewTopic(context: ActionContext<NewTopicInput>, proposal: boolean): Promise<Omit<TopicDoc, '_id'>> {
  const { input, now } = context
  const today = shanghaiDay(now)
  const problem = datesProblem(input.votingFrom, input.votingUntil, today)
  if (problem) throw new AppError(ErrorCode.INVALID_INPUT, problem.message, `data.${problem.field}`)
  // A proposal needs days to gather its 附议 before voting could start.
  if (proposal && input.votingFrom <= today)
    throw new AppError(ErrorCode.INVALID_INPUT, '提议的投票开始日期应在今天之后', 'data.votingFrom')
  const options = input.options ?? [...YES_NO_ABSTAIN]
  if (new Set(options).size !== options.length) throw new AppError(ErrorCode.INVALID_INPUT, '选项不能重复', 'data.options')
  await authoriseOverCommunity(context, input.communityId)
  await refuseFlagged(
    context.openid,
    { title: input.title, question: input.question, background: input.background, options: input.options?.join('\n') },
    3,
  )
  return {
    communityId: input.communityId,
    title: input.title,
    question: input.question,
    background: input.background,
    options,
    votingFrom: input.votingFrom,
    votingUntil: input.votingUntil,
    proposedBy: context.openid,
    proposedAt: now,
    supporters: proposal ? 1 : 0,
    votes: 0,
    followUps: [],
  }
}

/** Each option's tally, at nought: written with the opening, so that a vote only ever increments. */
async function addTallies(tx: Transaction, topicId: string, options: readonly string[]): Promise<void> {
  for (const [option] of options.entries()) await tx.add('topic_tallies', { _id: tallyDocId(topicId, option), topicId, option, count: 0 })
}

export const openTopic: Action<'openTopic'> = async (context) => {
  const topic = { ...(await checkedNewTopic(context, false)), openedAt: context.now }
  const topicId = randomUUID().replaceAll('-', '')
  await inTransaction(async (tx) => {
    await tx.add('topics', { _id: topicId, ...topic })
    await addTallies(tx, topicId, topic.options)
  })
  return { topicId }
}

export const proposeTopic: Action<'proposeTopic'> = async (context) => {
  const topic = await checkedNewTopic(context, true)
  const topicId = randomUUID().replaceAll('-', '')
  // The proposer is the first of the ten.
  await inTransaction(async (tx) => {
    await tx.add('topics', { _id: topicId, ...topic })
    await tx.add('topic_supports', { _id: supportDocId(topicId, context.openid), topicId, openid: context.openid, at: context.now })
  })
  return { topicId }
}

export const supportTopic: Action<'supportTopic'> = async (context) => {
  const { now, openid } = context
  const { topic } = await authorisedTopic(context)
  const supportId = supportDocId(topic._id, openid)
  return inTransaction(async (tx) => {
    // Read inside: the tenth 附议 is the one that finds nine, however many arrive at once.
    const current = await tx.get('topics', topic._id)
    if (!current) throw topicNotFound()
    if (current.openedAt) throw new AppError(ErrorCode.CONFLICT, '这个议题已经开始讨论，不需要再附议')
    if (shanghaiDay(now) >= current.votingFrom)
      throw new AppError(ErrorCode.CONFLICT, '这个提议已过了投票开始日期，附议人数不足，未能成为议题')
    if (await tx.get('topic_supports', supportId)) throw new AppError(ErrorCode.CONFLICT, '你已经附议过了')
    await tx.add('topic_supports', { _id: supportId, topicId: topic._id, openid, at: now })
    const supporters = current.supporters + 1
    const opened = supporters >= SUPPORTERS_TO_OPEN
    await tx.update('topics', topic._id, opened ? { supporters: increment(1), openedAt: now } : { supporters: increment(1) })
    if (opened) await addTallies(tx, topic._id, current.options)
    return { supporters, opened }
  })
}

export const commentOnTopic: Action<'commentOnTopic'> = async (context) => {
  const { input, now, openid } = context
  const { topic } = await authorisedTopic(context)
  requireStatus(topic, now, ['discussing', 'voting'], '只能在讨论和投票期间发表意见')
  await refuseFlagged(openid, { text: input.text }, 2)
  const caller = await context.caller()
  const commentId = randomUUID().replaceAll('-', '')
  await inTransaction((tx) =>
    tx.add('topic_comments', {
      _id: commentId,
      topicId: topic._id,
      communityId: topic.communityId,
      openid,
      shownName: sitsOnCommitteeOf(caller, topic.communityId) ? '社区两委' : maskedName(caller.person?.name ?? ''),
      text: input.text,
      at: now,
    }),
  )
  return { commentId }
}

export const voteOnTopic: Action<'voteOnTopic'> = async (context) => {
  const { input, now, openid } = context
  const { topic } = await authorisedTopic(context)
  if (input.choice >= topic.options.length) throw new AppError(ErrorCode.INVALID_INPUT, '没有这个选项', 'data.choice')
  const markerId = voteMarkerId(topic._id, openid)
  await inTransaction(async (tx) => {
    const current = await tx.get('topics', topic._id)
    if (!current) throw topicNotFound()
    requireStatus(current, now, ['voting'], '现在不在投票期内')
    if (await tx.get('topic_votes', markerId)) throw new AppError(ErrorCode.CONFLICT, '你已经投过票了')
    await tx.add('topic_votes', { _id: markerId, topicId: topic._id })
    await tx.update('topic_tallies', tallyDocId(topic._id, input.choice), { count: increment(1) })
    // The topic is written too, so that two votes of one person conflict on it and one of them reads the marker.
    await tx.update('topics', topic._id, { votes: increment(1) })
  })
  return {}
}

export const closeTopic: Action<'closeTopic'> = async (context) => {
  const { input, now, openid } = context
  const { topic } = await authorisedTopic(context)
  await inTransaction(async (tx) => {
    const current = await tx.get('topics', topic._id)
    if (!current) throw topicNotFound()
    requireStatus(
      current,
      now,
      ['discussing', 'voting', 'counted'],
      current.decidedAt ? '这个议题已经决定了' : '提议还在征集附议，不能结束',
    )
    await tx.update('topics', topic._id, { decision: input.decision, minutes: input.minutes, decidedAt: now, decidedBy: openid })
  })
  return {}
}

export const addFollowUp: Action<'addFollowUp'> = async (context) => {
  const { input, now } = context
  const { topic } = await authorisedTopic(context)
  requireStatus(topic, now, ['decided'], '议题决定后才能补充落实情况')
  await inTransaction((tx) => tx.update('topics', topic._id, { followUps: appended([{ text: input.text, at: now }]) }))
  return {}
}

export const topics: Action<'topics'> = async (context) => {
  const community = await authoriseOverCommunity(context, context.input.communityId)
  const today = shanghaiDay(context.now)
  return {
    topics: (await topicsOf(community._id)).map((t) => {
      const status = topicStatus(t, today)
      return {
        topicId: t._id,
        title: t.title,
        status,
        statusLabel: topicStatusLabel[status],
        votingFrom: t.votingFrom,
        votingUntil: t.votingUntil,
        supporters: t.supporters,
      }
    }),
  }
}

export const topic: Action<'topic'> = async (context) => {
  const { now, openid } = context
  const { topic } = await authorisedTopic(context)
  const caller = await context.caller()
  const committee = sitsOnCommitteeOf(caller, topic.communityId)
  const status = statusOf(topic, now)
  const [comments, marks] = await Promise.all([commentsOf(topic._id), ownMarks(topic._id, openid)])
  const votingOver = status === 'counted' || status === 'decided'
  const tallies = votingOver ? await talliesOf(topic._id) : []
  const confirmedHere = caller.residenceConfirmed && caller.communityId === topic.communityId
  return {
    topicId: topic._id,
    communityId: topic.communityId,
    title: topic.title,
    question: topic.question,
    background: topic.background,
    options: topic.options,
    status,
    statusLabel: topicStatusLabel[status],
    votingFrom: topic.votingFrom,
    votingUntil: topic.votingUntil,
    ...(topic.openedAt ? { openedAt: iso(topic.openedAt) } : {}),
    supporters: topic.supporters,
    supportersNeeded: SUPPORTERS_TO_OPEN,
    supported: marks.supported,
    voted: marks.voted,
    votes: topic.votes,
    ...(votingOver
      ? { tally: topic.options.map((option, i) => ({ option, count: tallies.find((t) => t.option === i)?.count ?? 0 })) }
      : {}),
    comments: comments
      .filter((c) => committee || !c.takenDown)
      .map((c) => ({
        commentId: c._id,
        shownName: c.shownName,
        text: c.text,
        at: iso(c.at),
        ...(c.takenDown ? { takenDown: { reason: c.takenDown.reason, at: iso(c.takenDown.at) } } : {}),
      })),
    ...(topic.decision ? { decision: topic.decision, minutes: topic.minutes, decidedAt: iso(topic.decidedAt!) } : {}),
    followUps: topic.followUps.map((f) => ({ text: f.text, at: iso(f.at) })),
    canSupport: status === 'proposed' && confirmedHere && !marks.supported && shanghaiDay(now) < topic.votingFrom,
    canComment: (status === 'discussing' || status === 'voting') && (confirmedHere || committee),
    canVote: status === 'voting' && confirmedHere && !marks.voted,
    canClose: committee && (status === 'discussing' || status === 'voting' || status === 'counted'),
  }
}

/** The community function's deliberation actions. */
export const deliberation = {
  topics,
  topic,
  openTopic,
  proposeTopic,
  supportTopic,
  commentOnTopic,
  voteOnTopic,
  closeTopic,
  addFollowUp,
}
