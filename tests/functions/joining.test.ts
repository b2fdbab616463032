/**
 * Issue 13, hole 2 and the record bug (decision 019), through the functions: joining is a request
 * the lead answers, wrong invite codes are limited per person, only the organisation's own
 * community may ask; a member sees only the tasks assigned to them, and who and where only while
 * the task is open; the committee's record counts offers and tells the median response.
 */
import { demoDataSet, demoIdentities as who } from '../../local/seed/demo-data'
import type { AuditDoc, OfferDoc } from '../../server/data/documents'
import { allDocuments } from '../../server/data/maintenance'
import type { RaiseNeedInput } from '../../shared/contracts/needs'
import { JOIN_CODE_LIMIT } from '../../shared/domain/organisation'
import { freshDatabasePerGroup, snapshotDatabase, testClock } from '../support/database'
import { aNewResident, callNeeds, callOrganisations as call, failure, ok, place } from './calls'

const urban = demoDataSet.communities.find((c) => c.kind === 'urban')!
const organisationId = 'org-qy-xiyanghong'
const lead = who.organisationLead
const memberNames = async () => (await ok(call(lead, 'members', { organisationId }))).members.map((m) => m.name)
/** What the audit log holds of `openid`'s joining 夕阳红. */
const auditActions = async (openid: string) =>
  ((await allDocuments('audit_log')) as AuditDoc[])
    .filter((e) => e.organisationId === organisationId && e.action.startsWith('member.') && e.targetOpenid === openid)
    .sort((a, b) => +new Date(a.at) - +new Date(b.at))
    .map((e) => e.action)

/** A code no organisation has: the alphabet's first letter six times. */
const WRONG_CODE = '222222'

describe('joining is a request the lead answers', () => {
  freshDatabasePerGroup()
  const inviteCode = async () => (await ok(call(lead, 'invitation', { organisationId }))).code
  const requestsOf = async (joiner: { name: string }) =>
    (await ok(call(lead, 'joinRequests', { organisationId }))).requests.filter((r) => r.name === joiner.name)
  /** A new resident who has asked to join 夕阳红, and their request as the lead sees it. */
  async function aJoinRequest() {
    const joiner = await aNewResident()
    const code = await inviteCode()
    await ok(call(joiner.openid, 'join', { code }))
    const [request] = await requestsOf(joiner)
    return { joiner, code, request }
  }

  it('asking with the code leaves the resident outside, pending, until the lead agrees', async () => {
    const joiner = await aNewResident()
    const code = await inviteCode()
    const asked = await ok(call(joiner.openid, 'join', { code: ` ${code.toLowerCase()} ` }))
    expect(asked).toMatchObject({ status: 'pending', organisation: { id: organisationId } })
    expect(await memberNames()).not.toContain(joiner.name)
    // Not a member: the organisation's tasks are not theirs to see.
    expect(await failure(callNeeds(joiner.openid, 'tasks', { organisationId }))).toEqual({ code: 'FORBIDDEN' })
    const { organisations } = await ok(call(joiner.openid, 'mine', {}))
    expect(organisations).toEqual([
      expect.objectContaining({ myRole: 'joining', organisation: expect.objectContaining({ id: organisationId }) }),
    ])
    // Asking again is asking once.
    await ok(call(joiner.openid, 'join', { code }))
    expect(await requestsOf(joiner)).toEqual([
      { requestId: expect.any(String), name: joiner.name, communityName: urban.name, askedAt: expect.any(String) },
    ])
    expect(await auditActions(joiner.openid)).toEqual(['member.ask'])
  })

  it('the lead agrees: the resident is a volunteer, and the request is answered once', async () => {
    const { joiner, code, request } = await aJoinRequest()
    const answer = await ok(call(lead, 'decideJoin', { organisationId, requestId: request.requestId, decision: 'approve' }))
    expect(answer.requests.filter((r) => r.name === joiner.name)).toEqual([])
    expect(answer.members.map((m) => [m.name, m.role])).toContainEqual([joiner.name, 'volunteer'])
    expect(await failure(call(lead, 'decideJoin', { organisationId, requestId: request.requestId, decision: 'approve' }))).toEqual({
      code: 'CONFLICT',
    })
    expect(await failure(call(joiner.openid, 'join', { code }))).toEqual({ code: 'CONFLICT' })
    const { organisations } = await ok(call(joiner.openid, 'mine', {}))
    expect(organisations).toEqual([expect.objectContaining({ myRole: 'volunteer' })])
    expect(await auditActions(joiner.openid)).toEqual(['member.ask', 'member.join'])
  })

  it('a decline needs a reason, which the applicant sees; they may ask again', async () => {
    const { joiner, code, request } = await aJoinRequest()
    expect(await failure(call(lead, 'decideJoin', { organisationId, requestId: request.requestId, decision: 'decline' }))).toEqual({
      code: 'INVALID_INPUT',
      field: 'data.reason',
    })
    await ok(
      call(lead, 'decideJoin', { organisationId, requestId: request.requestId, decision: 'decline', reason: '队里人手已满，明年再招' }),
    )
    expect(await memberNames()).not.toContain(joiner.name)
    const declined = (await ok(call(joiner.openid, 'mine', {}))).organisations.find((o) => o.organisation.id === organisationId)
    expect(declined).toMatchObject({ myRole: 'declined', decisionReason: '队里人手已满，明年再招' })
    await ok(call(joiner.openid, 'join', { code }))
    const again = (await ok(call(joiner.openid, 'mine', {}))).organisations.find((o) => o.organisation.id === organisationId)
    expect(again).toMatchObject({ myRole: 'joining' })
    expect(again?.decisionReason).toBeUndefined()
  })

  it('another organisation’s lead can neither list nor answer the requests', async () => {
    const { joiner, request } = await aJoinRequest()
    const otherOrganisation = 'org-qy-tiaojie'
    const otherLead = demoDataSet.organisations.find((o) => o._id === otherOrganisation)!.leadOpenid
    expect(await failure(call(otherLead, 'joinRequests', { organisationId }))).toEqual({ code: 'FORBIDDEN' })
    // Aimed through their own organisation, the request is one they do not have.
    expect(
      await failure(
        call(otherLead, 'decideJoin', { organisationId: otherOrganisation, requestId: request.requestId, decision: 'approve' }),
      ),
    ).toEqual({ code: 'NOT_FOUND', field: 'data.requestId' })
    expect(await memberNames()).not.toContain(joiner.name)
  })

  it('a resident of another community may not ask, and nothing is written', async () => {
    const code = await inviteCode()
    const before = await snapshotDatabase()
    expect(await failure(call(who.ruralResident, 'join', { code }))).toEqual({ code: 'FORBIDDEN', field: 'data.code' })
    expect(await snapshotDatabase()).toEqual(before)
  })
})

describe('wrong invite codes are limited per person', () => {
  freshDatabasePerGroup()
  afterAll(() => testClock.reset())
  /** `guesser` tries wrong codes until the next try would be refused. */
  async function guessesUpToTheLimit(guesser: string) {
    for (let i = 0; i < JOIN_CODE_LIMIT.attempts; i++) {
      expect(await failure(call(guesser, 'join', { code: WRONG_CODE }))).toEqual({ code: 'NOT_FOUND', field: 'data.code' })
    }
  }

  it(`${JOIN_CODE_LIMIT.attempts} wrong codes, then RATE_LIMITED with when to try again, even for the right code`, async () => {
    const guesser = (await aNewResident()).openid
    const { code } = await ok(call(lead, 'invitation', { organisationId }))
    await guessesUpToTheLimit(guesser)
    const limited = await call(guesser, 'join', { code })
    expect(limited).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED', field: 'data.code' } })
    expect(!limited.ok && limited.error.message).toMatch(new RegExp(`请 ${JOIN_CODE_LIMIT.windowMinutes} 分钟后再试`))
    // Another person is not held back by this one's guesses.
    expect(await ok(call((await aNewResident()).openid, 'join', { code }))).toMatchObject({ status: 'pending' })
  })

  it('counts guesses made at the same moment', async () => {
    const guesser = (await aNewResident()).openid
    const answers = await Promise.all(Array.from({ length: 8 }, () => call(guesser, 'join', { code: WRONG_CODE })))
    const codes = answers.map((a) => (a.ok ? 'ok' : `${a.error.code} ${a.error.field}`)).sort()
    expect(codes).toEqual([...Array(5).fill('NOT_FOUND data.code'), ...Array(3).fill('RATE_LIMITED data.code')])
  })

  it('once the window has passed the resident may ask again', async () => {
    const guesser = (await aNewResident()).openid
    const { code } = await ok(call(lead, 'invitation', { organisationId }))
    await guessesUpToTheLimit(guesser)
    testClock.advance((JOIN_CODE_LIMIT.windowMinutes - 1) * 60_000)
    expect(await failure(call(guesser, 'join', { code }))).toEqual({ code: 'RATE_LIMITED', field: 'data.code' })
    testClock.advance(60_000)
    expect(await ok(call(guesser, 'join', { code }))).toMatchObject({ status: 'pending' })
  })
})

const raiseInput = (overrides: Partial<RaiseNeedInput> = {}): RaiseNeedInput => ({
  helpKind: '亲情陪伴',
  urgency: 'normal',
  description: '老伴住院了，家里就我一个人，想有人来陪我说说话。',
  location: urban.centre.coordinates,
  neighbourhood: '柳泉花园',
  addressDetail: '12号楼1单元1502',
  contactPhone: '18653312469',
  ...overrides,
})

describe('a member sees only the tasks assigned to them, and who and where only while they are open', () => {
  freshDatabasePerGroup()
  const assigned = who.volunteer
  const notAssigned = 'demo-cao-lihua'
  const memberIdOf = (openid: string) => demoDataSet.roles.find((r) => r.organisationId === organisationId && r.openid === openid)!._id
  const contact = ['requesterName', 'addressDetail', 'contactPhone', 'location'] as const
  const tasksOf = async (openid: string) => (await ok(callNeeds(openid, 'tasks', { organisationId }))).tasks
  /** 杨丽's need at `eastM`, assigned by the committee to 夕阳红, whose lead gives it to `assigned`. */
  async function aTaskOfTheAssigned(eastM: number) {
    const needId = (await ok(callNeeds(who.resident, 'raise', raiseInput({ location: place(eastM) })))).need.id
    await ok(callNeeds(who.committeeUrban, 'assign', { needId, organisationId }))
    await ok(callNeeds(lead, 'assignVolunteers', { organisationId, needId, memberIds: [memberIdOf(assigned)] }))
    return needId
  }

  it('the lead sees every task; a volunteer only the one assigned to them; a new member none', async () => {
    const leadsBefore = (await tasksOf(lead)).map((t) => t.id)
    const assignedBefore = (await tasksOf(assigned)).map((t) => t.id)
    const needId = await aTaskOfTheAssigned(0)
    const other = (await ok(callNeeds(who.elderResident, 'raise', raiseInput({ helpKind: '生活照料', location: undefined })))).need.id
    await ok(callNeeds(who.committeeUrban, 'assign', { needId: other, organisationId }))

    expect((await tasksOf(lead)).map((t) => t.id).sort()).toEqual([...leadsBefore, needId, other].sort())
    const mine = await tasksOf(assigned)
    expect(mine.map((t) => t.id).sort()).toEqual([...assignedBefore, needId].sort())
    expect(mine.find((t) => t.id === needId)).toMatchObject({
      requesterName: '杨丽',
      contactPhone: '18653312469',
      addressDetail: '12号楼1单元1502',
    })
    expect(await tasksOf(notAssigned)).toEqual([])

    // A newcomer, just let in, sees nobody's name, phone or address.
    const newcomer = await aNewResident()
    const { code } = await ok(call(lead, 'invitation', { organisationId }))
    await ok(call(newcomer.openid, 'join', { code }))
    const request = (await ok(call(lead, 'joinRequests', { organisationId }))).requests.find((r) => r.name === newcomer.name)!
    await ok(call(lead, 'decideJoin', { organisationId, requestId: request.requestId, decision: 'approve' }))
    expect(await tasksOf(newcomer.openid)).toEqual([])
  })

  it('a member not assigned cannot read the task, nor write progress on it', async () => {
    const needId = await aTaskOfTheAssigned(60)
    expect(await failure(callNeeds(notAssigned, 'detail', { needId }))).toEqual({ code: 'NOT_FOUND' })
    expect(await failure(callNeeds(notAssigned, 'postProgress', { organisationId, needId, text: '我也来看看' }))).toEqual({
      code: 'FORBIDDEN',
    })
    const { need } = await ok(callNeeds(assigned, 'detail', { needId }))
    expect(need).toMatchObject({ access: 'full', requesterName: '杨丽', contactPhone: '18653312469' })
  })

  it('once done, the organisation no longer sees who and where; the requester and the committee still do', async () => {
    const needId = await aTaskOfTheAssigned(120)
    const { need: done } = await ok(callNeeds(lead, 'markDone', { organisationId, needId, summary: '陪老人聊了一下午', service: [] }))
    for (const field of contact) expect(done).not.toHaveProperty(field)
    for (const openid of [lead, assigned]) {
      const { need } = await ok(callNeeds(openid, 'detail', { needId }))
      expect(need).toMatchObject({ access: 'full', status: 'done', doneSummary: '陪老人聊了一下午' })
      for (const field of contact) expect(need).not.toHaveProperty(field)
      expect(JSON.stringify(need)).not.toContain('杨丽')
      const task = (await ok(callNeeds(openid, 'tasks', { organisationId }))).tasks.find((t) => t.id === needId)!
      for (const field of contact) expect(task).not.toHaveProperty(field)
    }
    const reveals = async () =>
      ((await allDocuments('audit_log')) as AuditDoc[]).filter((e) => e.action === 'need.reveal' && e.needId === needId).length
    const before = await reveals()
    await ok(callNeeds(lead, 'detail', { needId }))
    // Nothing shown, nothing to audit.
    expect(await reveals()).toBe(before)
    await ok(callNeeds(who.resident, 'confirm', { needId, result: 'solved', rating: 5 }))
    const { need: closed } = await ok(callNeeds(assigned, 'detail', { needId }))
    expect(closed.status).toBe('closed')
    for (const field of contact) expect(closed).not.toHaveProperty(field)
    expect((await ok(callNeeds(who.resident, 'detail', { needId }))).need).toMatchObject({
      requesterName: '杨丽',
      contactPhone: '18653312469',
    })
    expect((await ok(callNeeds(who.committeeUrban, 'detail', { needId }))).need).toMatchObject({
      requesterName: '杨丽',
      contactPhone: '18653312469',
    })
  })
})

describe('the committee’s record of an organisation', () => {
  freshDatabasePerGroup()
  // Only 沁园社区和事佬调解队 gives 纠纷调解 near 沁园社区: every such need is offered to it.
  const mediators = 'org-qy-tiaojie'
  const mediatorsLead = demoDataSet.organisations.find((o) => o._id === mediators)!.leadOpenid
  const record = async () => (await ok(call(who.committeeUrban, 'record', { organisationId: mediators }))).record.tasks
  const dispute = (eastM: number) =>
    raiseInput({
      helpKind: '纠纷调解',
      description: '楼上装修天天到半夜，协商不成。',
      location: [urban.centre.coordinates[0] + eastM / 90_000, urban.centre.coordinates[1]],
    })

  const offerOf = async (needId: string) =>
    ((await allDocuments('offers')) as OfferDoc[]).find((o) => o.needId === needId && o.organisationId === mediators)!._id

  it('is answered for an organisation that has been offered a need, every count there', async () => {
    const before = await record()
    expect(before).toEqual({
      offered: expect.any(Number),
      accepted: expect.any(Number),
      declined: expect.any(Number),
      completed: expect.any(Number),
      medianResponseMinutes: before.accepted === 0 ? null : expect.any(Number),
    })
    await ok(callNeeds(who.resident, 'raise', dispute(0)))
    expect(await record()).toEqual({ ...before, offered: before.offered + 1 })
  })

  it('tells the median minutes from offer to acceptance', async () => {
    const before = await record()
    const needs = [(await ok(callNeeds(who.resident, 'raise', dispute(100)))).need.id]
    needs.push((await ok(callNeeds(who.elderResident, 'raise', dispute(200)))).need.id)
    needs.push((await ok(callNeeds(who.volunteer, 'raise', dispute(300)))).need.id)
    // Accepted 10, 30 and 50 minutes after they were offered, not in the order raised.
    for (const [needId, minutes] of [
      [needs[0], 10],
      [needs[2], 20],
      [needs[1], 20],
    ] as const) {
      testClock.advance(minutes * 60_000)
      await ok(callNeeds(mediatorsLead, 'accept', { organisationId: mediators, offerId: await offerOf(needId) }))
    }
    // No other test of the group has the mediators accept: these three are all the acceptances there are.
    expect(before.accepted).toBe(0)
    expect(await record()).toEqual({ ...before, offered: before.offered + 3, accepted: 3, medianResponseMinutes: 30 })
  })
})
