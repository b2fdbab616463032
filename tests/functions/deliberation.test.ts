/**
 * 议事协商 through the functions (decision 050): the committee opens a topic or ten residents do with
 * their 附议; residents of the community discuss and vote once; the committee closes it with its decision
 * and minutes. Who voted what is in no answer the committee can get.
 */
import { demoDataSet, demoIdentities as who, demoPerson } from '../../local/seed/demo-data'
import type { TopicCommentDoc, TopicDoc } from '../../server/data/documents'
import { allDocuments } from '../../server/data/maintenance'
import type { NewTopicInput } from '../../shared/contracts/deliberation'
import { dayAfter } from '../../shared/domain/deliberation'
import { shanghaiDay } from '../../shared/domain/timebank'
import { EVERYONE_CONSENTED, freshDatabasePerGroup, midMorningForGroup, snapshotDatabase, testClock } from '../support/database'
import { aNewResident, callCommunity, callReports, failure, ok } from './calls'

const urban = demoDataSet.communities.find((c) => c.kind === 'urban')!
const DAY_MS = 24 * 60 * 60 * 1000

freshDatabasePerGroup(undefined, EVERYONE_CONSENTED)
midMorningForGroup()

const today = () => shanghaiDay(testClock.now())
const topicInput = (overrides: Partial<NewTopicInput> = {}): NewTopicInput => ({
  communityId: urban._id,
  title: '3号楼加装电梯',
  question: '3号楼是否加装电梯，费用按楼层分摊',
  background: '3号楼住户多为老人，上下楼困难。',
  votingFrom: today(),
  votingUntil: dayAfter(today(), 3),
  ...overrides,
})
const openTopic = async (overrides: Partial<NewTopicInput> = {}) =>
  (await ok(callCommunity(who.committeeUrban, 'openTopic', topicInput(overrides)))).topicId
const topicDoc = async (id: string) => ((await allDocuments('topics')) as TopicDoc[]).find((t) => t._id === id)!

/** Every collection but the outbox, where the local WeChat keeps each content check it was asked for. */
const stored = async () => {
  const { outbox: _checks, ...rest } = await snapshotDatabase()
  return rest
}

/** Fresh residents of the urban community, each with a name of their own. */
const residents = (n: number) => Promise.all(Array.from({ length: n }, () => aNewResident(who.resident)))

describe('opening a topic', () => {
  it('refuses bad dates and options with the field at fault, changing nothing', async () => {
    const before = await stored()
    const cases: [Partial<NewTopicInput>, string][] = [
      [{ votingUntil: dayAfter(today(), -1) }, 'data.votingUntil'],
      [{ votingFrom: dayAfter(today(), -1) }, 'data.votingFrom'],
      [{ votingFrom: dayAfter(today(), 200), votingUntil: dayAfter(today(), 201) }, 'data.votingFrom'],
      [{ options: ['加装', '加装'] }, 'data.options'],
      [{ options: ['只有一个'] }, 'data.options'],
      [{ options: ['1', '2', '3', '4', '5', '6', '7'] }, 'data.options'],
      [{ title: '' }, 'data.title'],
    ]
    for (const [overrides, field] of cases) {
      expect(await failure(callCommunity(who.committeeUrban, 'openTopic', topicInput(overrides)))).toEqual({ code: 'INVALID_INPUT', field })
    }
    // A proposal needs days to gather its 附议: voting cannot start today.
    expect(await failure(callCommunity(who.resident, 'proposeTopic', topicInput()))).toEqual({
      code: 'INVALID_INPUT',
      field: 'data.votingFrom',
    })
    expect(await stored()).toEqual(before)
  })

  it('is the committee’s alone to open directly; a resident only proposes', async () => {
    expect(await failure(callCommunity(who.resident, 'openTopic', topicInput()))).toEqual({ code: 'FORBIDDEN' })
    expect(await failure(callCommunity(who.committeeRural, 'openTopic', topicInput()))).toEqual({ code: 'FORBIDDEN' })
    const topicId = await openTopic()
    const topic = await ok(callCommunity(who.resident, 'topic', { topicId }))
    expect(topic).toMatchObject({ status: 'voting', statusLabel: '投票中', options: ['同意', '反对', '弃权'], canVote: true, voted: false })
    expect(topic.tally).toBeUndefined()
  })

  it('refuses flagged text in a topic', async () => {
    const before = await stored()
    expect(await failure(callCommunity(who.committeeUrban, 'openTopic', topicInput({ background: '有人在楼道里赌博。' })))).toEqual({
      code: 'CONTENT_REJECTED',
      field: 'data.background',
    })
    expect(await stored()).toEqual(before)
  })
})

describe('a proposal', () => {
  it('opens at the tenth 附议 exactly once, however many arrive at once, one 附议 per resident', async () => {
    const [proposer, ...others] = await residents(12)
    const { topicId } = await ok(
      callCommunity(proposer.openid, 'proposeTopic', topicInput({ votingFrom: dayAfter(today(), 2), votingUntil: dayAfter(today(), 4) })),
    )
    expect(await ok(callCommunity(proposer.openid, 'topic', { topicId }))).toMatchObject({
      status: 'proposed',
      supporters: 1,
      supported: true,
    })
    // Nine more make ten with the proposer; each of them tries twice, and two more arrive at the same moment.
    const nine = others.slice(0, 9)
    const answers = await Promise.all(
      [...nine, ...nine, ...others.slice(9)].map((r) => callCommunity(r.openid, 'supportTopic', { topicId })),
    )
    const succeeded = answers.flatMap((a) => (a.ok ? [a.data] : []))
    expect(succeeded.filter((a) => a.opened)).toHaveLength(1)
    expect(succeeded.find((a) => a.opened)!.supporters).toBe(10)
    expect(answers.filter((a) => !a.ok).every((a) => !a.ok && a.error.code === 'CONFLICT')).toBe(true)
    const topic = await topicDoc(topicId)
    expect(topic.supporters).toBe(10)
    expect(topic.openedAt).toBeDefined()
    expect((await allDocuments('topic_supports')).filter((s) => (s as { topicId: string }).topicId === topicId)).toHaveLength(10)
    expect((await allDocuments('topic_tallies')).filter((s) => (s as { topicId: string }).topicId === topicId)).toHaveLength(3)
    expect(await ok(callCommunity(proposer.openid, 'topic', { topicId }))).toMatchObject({ status: 'discussing', canVote: false })
  })

  it('takes 附议 only from confirmed residents of its community', async () => {
    const { topicId } = await ok(
      callCommunity(who.resident, 'proposeTopic', topicInput({ votingFrom: dayAfter(today(), 2), votingUntil: dayAfter(today(), 4) })),
    )
    expect(await failure(callCommunity(who.ruralResident, 'supportTopic', { topicId }))).toEqual({ code: 'FORBIDDEN' })
    expect(await failure(callCommunity(who.newcomer, 'supportTopic', { topicId }))).toEqual({ code: 'RESIDENCE_UNCONFIRMED' })
    expect(await failure(callCommunity(who.resident, 'supportTopic', { topicId }))).toEqual({ code: 'CONFLICT' })
    expect((await topicDoc(topicId)).supporters).toBe(1)
  })
})

describe('discussing', () => {
  it('takes comments from the community, refuses flagged ones, and hides those the committee took down', async () => {
    const topicId = await openTopic()
    const { commentId } = await ok(callCommunity(who.resident, 'commentOnTopic', { topicId, text: '支持加装，老人上楼太难了。' }))
    expect(await failure(callCommunity(who.ruralResident, 'commentOnTopic', { topicId, text: '我也说两句。' }))).toEqual({
      code: 'FORBIDDEN',
    })
    expect(await failure(callCommunity(who.ruralResident, 'topic', { topicId }))).toEqual({ code: 'FORBIDDEN' })
    expect(await failure(callCommunity(who.committeeRural, 'topic', { topicId }))).toEqual({ code: 'FORBIDDEN' })
    const before = await stored()
    expect(await failure(callCommunity(who.resident, 'commentOnTopic', { topicId, text: '加我微信，代开发票。' }))).toEqual({
      code: 'CONTENT_REJECTED',
      field: 'data.text',
    })
    expect(await failure(callCommunity(who.resident, 'commentOnTopic', { topicId, text: '长'.repeat(301) }))).toMatchObject({
      code: 'INVALID_INPUT',
      field: 'data.text',
    })
    expect(await stored()).toEqual(before)
    expect((await ok(callCommunity(who.elderResident, 'topic', { topicId }))).comments).toEqual([
      expect.objectContaining({ commentId, shownName: '杨*', text: '支持加装，老人上楼太难了。' }),
    ])

    await ok(callCommunity(who.committeeUrban, 'takeDown', { content: { kind: 'topicComment', commentId }, reason: '与议题无关' }))
    expect((await ok(callCommunity(who.elderResident, 'topic', { topicId }))).comments).toEqual([])
    expect((await ok(callCommunity(who.committeeUrban, 'topic', { topicId }))).comments).toEqual([
      expect.objectContaining({ commentId, takenDown: expect.objectContaining({ reason: '与议题无关' }) }),
    ])
    expect(
      await failure(callCommunity(who.committeeRural, 'takeDown', { content: { kind: 'topicComment', commentId }, reason: '无关' })),
    ).toEqual({
      code: 'FORBIDDEN',
    })
    await ok(callCommunity(who.committeeUrban, 'restore', { content: { kind: 'topicComment', commentId } }))
    expect((await ok(callCommunity(who.elderResident, 'topic', { topicId }))).comments).toHaveLength(1)
    expect(((await allDocuments('topic_comments')) as TopicCommentDoc[]).find((c) => c._id === commentId)!.takenDown).toBeUndefined()
  })
})

describe('voting', () => {
  it('counts one vote per resident, whatever arrives at once', async () => {
    const topicId = await openTopic({ options: ['加装', '不加装'] })
    const answers = await Promise.all(
      Array.from({ length: 5 }, (_, i) => callCommunity(who.resident, 'voteOnTopic', { topicId, choice: i % 2 })),
    )
    expect(answers.filter((a) => a.ok)).toHaveLength(1)
    expect(answers.filter((a) => !a.ok).map((a) => !a.ok && a.error.code)).toEqual(['CONFLICT', 'CONFLICT', 'CONFLICT', 'CONFLICT'])
    await ok(callCommunity(who.committeeUrban, 'closeTopic', { topicId, decision: '加装', minutes: '一票。' }))
    const topic = await ok(callCommunity(who.resident, 'topic', { topicId }))
    expect(topic.votes).toBe(1)
    expect(topic.voted).toBe(true)
    expect(topic.tally!.reduce((sum, t) => sum + t.count, 0)).toBe(1)
  })

  it('refuses votes before, after and once the topic is closed, and choices it does not have', async () => {
    const topicId = await openTopic({ votingFrom: dayAfter(today(), 1), votingUntil: dayAfter(today(), 2) })
    const before = await stored()
    expect(await failure(callCommunity(who.resident, 'voteOnTopic', { topicId, choice: 0 }))).toEqual({ code: 'CONFLICT' })
    expect(await failure(callCommunity(who.resident, 'voteOnTopic', { topicId, choice: 3 }))).toEqual({
      code: 'INVALID_INPUT',
      field: 'data.choice',
    })
    expect(await failure(callCommunity(who.ruralResident, 'voteOnTopic', { topicId, choice: 0 }))).toEqual({ code: 'FORBIDDEN' })
    expect(await failure(callCommunity(who.newcomer, 'voteOnTopic', { topicId, choice: 0 }))).toEqual({ code: 'RESIDENCE_UNCONFIRMED' })
    expect(await stored()).toEqual(before)
    try {
      testClock.advance(DAY_MS)
      await ok(callCommunity(who.resident, 'voteOnTopic', { topicId, choice: 0 }))
      testClock.advance(2 * DAY_MS)
      expect(await failure(callCommunity(who.elderResident, 'voteOnTopic', { topicId, choice: 1 }))).toEqual({ code: 'CONFLICT' })
      expect(await ok(callCommunity(who.resident, 'topic', { topicId }))).toMatchObject({
        status: 'counted',
        tally: [
          { option: '同意', count: 1 },
          { option: '反对', count: 0 },
          { option: '弃权', count: 0 },
        ],
      })
    } finally {
      testClock.advance(-3 * DAY_MS)
    }
    const open = await openTopic()
    await ok(callCommunity(who.committeeUrban, 'closeTopic', { topicId: open, decision: '暂缓', minutes: '意见分歧大。' }))
    expect(await failure(callCommunity(who.resident, 'voteOnTopic', { topicId: open, choice: 0 }))).toEqual({ code: 'CONFLICT' })
  })

  it('lets no read of the committee join a voter to a choice', async () => {
    const voters = await residents(4)
    const topicId = await openTopic({ options: ['东门', '西门', '南门'] })
    await Promise.all(voters.map((v, i) => ok(callCommunity(v.openid, 'voteOnTopic', { topicId, choice: i % 3 }))))
    await ok(callCommunity(voters[0].openid, 'commentOnTopic', { topicId, text: '东门离菜场近。' }))
    const during = await ok(callCommunity(who.committeeUrban, 'topic', { topicId }))
    // While voting runs only the number of votes shows: a change in the counts would tell whose vote it was.
    expect(during.votes).toBe(4)
    expect(during.tally).toBeUndefined()
    await ok(callCommunity(who.committeeUrban, 'closeTopic', { topicId, decision: '开东门', minutes: '东门票多。' }))
    const month = testClock.now().toISOString().slice(0, 7)
    const period = { from: `${month}-01`, to: today() }
    const closed = await ok(callCommunity(who.committeeUrban, 'topic', { topicId }))
    const reads = [
      closed,
      await ok(callCommunity(who.committeeUrban, 'topics', { communityId: urban._id })),
      await ok(callCommunity(who.committeeUrban, 'auditLog', { communityId: urban._id })),
      await ok(callReports(who.committeeUrban, 'figures', { communityId: urban._id, period })),
    ]
    expect(closed.tally).toEqual([
      { option: '东门', count: 2 },
      { option: '西门', count: 1 },
      { option: '南门', count: 1 },
    ])
    const text = JSON.stringify(reads)
    for (const v of voters.slice(1)) {
      expect(text).not.toContain(v.openid)
      expect(text).not.toContain(v.name)
    }
    // The commenter is shown masked, as on any public page; never with a choice.
    expect(text).not.toContain(voters[0].openid)
    // What is stored cannot join them either: the marker names no one and no choice; the tallies name no one.
    const kept = JSON.stringify([await allDocuments('topic_votes'), await allDocuments('topic_tallies'), await topicDoc(topicId)])
    for (const v of voters) expect(kept).not.toContain(v.openid)
    for (const marker of (await allDocuments('topic_votes')) as object[]) expect(Object.keys(marker).sort()).toEqual(['_id', 'topicId'])
  })
})

describe('closing', () => {
  it('is the committee’s: the decision, the minutes and what was done stay public to the community', async () => {
    const topicId = await openTopic()
    const closing = { topicId, decision: '同意加装', minutes: '到会居民 32 人，同意 25 人。' }
    expect(await failure(callCommunity(who.resident, 'closeTopic', closing))).toEqual({ code: 'FORBIDDEN' })
    expect(await failure(callCommunity(who.committeeRural, 'closeTopic', closing))).toEqual({ code: 'FORBIDDEN' })
    expect(await failure(callCommunity(who.committeeUrban, 'addFollowUp', { topicId, text: '已开工。' }))).toEqual({ code: 'CONFLICT' })
    await ok(callCommunity(who.committeeUrban, 'closeTopic', closing))
    expect(await failure(callCommunity(who.committeeUrban, 'closeTopic', closing))).toEqual({ code: 'CONFLICT' })
    await ok(callCommunity(who.committeeUrban, 'addFollowUp', { topicId, text: '电梯已于本月开工。' }))
    expect(await failure(callCommunity(who.resident, 'addFollowUp', { topicId, text: '我来补充。' }))).toEqual({ code: 'FORBIDDEN' })
    const seen = await ok(callCommunity(who.elderResident, 'topic', { topicId }))
    expect(seen).toMatchObject({
      status: 'decided',
      statusLabel: '已决定',
      decision: '同意加装',
      minutes: '到会居民 32 人，同意 25 人。',
      followUps: [expect.objectContaining({ text: '电梯已于本月开工。' })],
      canVote: false,
      canComment: false,
    })
    const listed = (await ok(callCommunity(who.elderResident, 'topics', { communityId: urban._id }))).topics
    expect(listed.find((t) => t.topicId === topicId)).toMatchObject({ status: 'decided', statusLabel: '已决定' })
    expect(await failure(callCommunity(who.ruralResident, 'topics', { communityId: urban._id }))).toEqual({ code: 'FORBIDDEN' })
    expect(demoPerson(who.elderResident).communityId).toBe(urban._id)
  })
})
