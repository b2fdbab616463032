/** 议事协商 (decision 050): topics, their 附议, vote markers, tallies and comments. Writes that count are transactions in server/deliberation. */
import { createHash } from 'node:crypto'
import { database } from './cloudbase'
import type { TopicCommentDoc, TopicDoc, TopicTallyDoc } from './documents'

const topics = () => database().collection('topics')

/** The most topics a community's list shows: newest first, more than a community deliberates in years. */
const LISTED_TOPICS = 100
/** The most comments a topic shows, oldest first. */
const LISTED_COMMENTS = 200

const hashed = (...parts: string[]) => createHash('sha256').update(parts.join('\n')).digest('hex').slice(0, 32)

/** One 附议 per resident and topic: a second one collides on this id. */
export const supportDocId = (topicId: string, openid: string) => `s${hashed('support', topicId, openid)}`
/** One vote per resident and topic; the id holds no openid, and the document no choice (decision 050). */
export const voteMarkerId = (topicId: string, openid: string) => `v${hashed('vote', topicId, openid)}`
export const tallyDocId = (topicId: string, option: number) => `${topicId}-${option}`

export async function topicById(id: string): Promise<TopicDoc | null> {
  const { data } = await topics().doc(id).get()
  return (data[0] as TopicDoc | undefined) ?? null
}

export async function topicsOf(communityId: string): Promise<TopicDoc[]> {
  const { data } = await topics().where({ communityId }).orderBy('proposedAt', 'desc').limit(LISTED_TOPICS).get()
  return data as TopicDoc[]
}

/** The communities' topics opened or decided in [start, end), for the period's figures. */
export async function topicsDeliberatedIn(communityIds: string[], range: { start: Date; end: Date }): Promise<TopicDoc[]> {
  if (communityIds.length === 0) return []
  const _ = database().command
  const within = _.gte(range.start).and(_.lt(range.end))
  const [opened, decided] = await Promise.all(
    [{ openedAt: within }, { decidedAt: within }].map(async (when) => {
      const { data } = await topics()
        .where({ communityId: _.in(communityIds), ...when })
        .limit(1000)
        .get()
      return data as TopicDoc[]
    }),
  )
  return [...new Map([...opened, ...decided].map((t) => [t._id, t])).values()]
}

export async function commentsOf(topicId: string): Promise<TopicCommentDoc[]> {
  const { data } = await database().collection('topic_comments').where({ topicId }).orderBy('at', 'asc').limit(LISTED_COMMENTS).get()
  return data as TopicCommentDoc[]
}

export async function topicCommentById(id: string): Promise<TopicCommentDoc | null> {
  const { data } = await database().collection('topic_comments').doc(id).get()
  return (data[0] as TopicCommentDoc | undefined) ?? null
}

export async function talliesOf(topicId: string): Promise<TopicTallyDoc[]> {
  const { data } = await database().collection('topic_tallies').where({ topicId }).limit(10).get()
  return data as TopicTallyDoc[]
}

async function exists(collection: 'topic_supports' | 'topic_votes', id: string): Promise<boolean> {
  const { data } = await database().collection(collection).doc(id).get()
  return data.length > 0
}

/** Whether the caller has joined the proposal and has voted: only whether, for their own page. */
export async function ownMarks(topicId: string, openid: string): Promise<{ supported: boolean; voted: boolean }> {
  const [supported, voted] = await Promise.all([
    exists('topic_supports', supportDocId(topicId, openid)),
    exists('topic_votes', voteMarkerId(topicId, openid)),
  ])
  return { supported, voted }
}
