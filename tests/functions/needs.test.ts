/**
 * The needs function through the SDK against the stand-in: the whole story from raising to
 * closing, passing on by decline and by lapse, escalation, reopening, cancelling, auto-closing,
 * 危及生命安全, flagged text, review-before-matching, duplicates and assignment by hand.
 */
import { demoDataSet, demoIdentities as who, demoPerson as personOf } from '../../local/seed/demo-data'
import { allDocuments, insertAll } from '../../server/data/maintenance'
import type { AuditDoc, NeedDoc, OrganisationDoc, ServiceRecordDoc } from '../../server/data/documents'
import { runDueWork } from '../../server/scheduler/run'
import { LIFE_DEFAULT_HELP_KIND, type RaiseNeedInput } from '../../shared/contracts/needs'
import { AUTO_CLOSE_DAYS, EMERGENCY_NUMBERS, FRAUD_NUMBERS, offerWindowMinutes, shortlistSize } from '../../shared/domain/need'
import { database } from '../../server/data/cloudbase'
import { EVERYONE_CONSENTED, freshDatabasePerGroup, snapshotDatabase, testClock } from '../support/database'
import { callNeeds as call, callOrganisations, failure, ok, outbox, place, raiseInput, sentSince } from './calls'

const urban = demoDataSet.communities.find((c) => c.kind === 'urban')!
const leadOf = (organisationId: string) => demoDataSet.organisations.find((o) => o._id === organisationId)!.leadOpenid
const rolesOf = (organisationId: string) => demoDataSet.roles.filter((r) => r.organisationId === organisationId)

const raise = (overrides: Partial<RaiseNeedInput> = {}, openid: string = who.resident) => ok(call(openid, 'raise', raiseInput(overrides)))
const matchDetails = async (needId: string) => (await ok(call(who.committeeUrban, 'matchDetails', { needId }))).offers
/** The open offer of `needId` in an organisation's inbox, as its lead sees it. */
async function offerOf(organisationId: string, needId: string) {
  const { offers } = await ok(call(leadOf(organisationId), 'offers', { organisationId }))
  return offers.find((o) => o.need.id === needId)
}
const organisation = async (id: string) => ((await allDocuments('organisations')) as OrganisationDoc[]).find((o) => o._id === id)!
const needDoc = async (id: string) => ((await allDocuments('needs')) as NeedDoc[]).find((n) => n._id === id)!
const minutesLater = (minutes: number) => new Date(testClock.now().getTime() + minutes * 60_000)
/** Lets the urgent need's offers lapse, round after round, until nobody is left to offer it to. */
async function lapseUntilNobodyIsLeft(needId: string) {
  let rounds = 0
  while ((await needDoc(needId)).status === 'matching' && rounds++ < 5)
    await runDueWork(minutesLater(offerWindowMinutes.urgent * (rounds + 1)))
}

describe('the whole story: raise, offer to a shortlist, accept, carry out, confirm', () => {
  freshDatabasePerGroup(undefined, EVERYONE_CONSENTED)
  afterAll(() => testClock.reset())

  /** 杨丽's need at `eastM`, accepted by the first organisation it was offered to (the winner); the other offered are `offered`. */
  async function aNeedAccepted(eastM: number) {
    const { need } = await raise({ location: place(eastM) })
    const offered = (await matchDetails(need.id)).map((o) => o.organisationId)
    const winner = offered[0]
    const offer = await offerOf(winner, need.id)
    await ok(call(leadOf(winner), 'accept', { organisationId: winner, offerId: offer!.offerId }))
    return { needId: need.id, offered, winner }
  }

  /** A need accepted, a volunteer of the winner assigned who posts progress, marked done: waiting for 杨丽's answer. */
  async function aDoneNeed(eastM: number) {
    const { needId, winner } = await aNeedAccepted(eastM)
    const volunteer = rolesOf(winner).find((r) => r.role === 'volunteer')!
    await ok(call(leadOf(winner), 'assignVolunteers', { organisationId: winner, needId, memberIds: [volunteer._id] }))
    await ok(call(volunteer.openid, 'postProgress', { organisationId: winner, needId, text: '下午三点上门陪老人聊天。' }))
    await ok(call(leadOf(winner), 'markDone', { organisationId: winner, needId, summary: '上门陪老人聊了一下午。', service: [] }))
    return { needId, winner }
  }

  it('a resident raises a need: matching, offered to a shortlist of the right size with scores stored', async () => {
    const before = await outbox()
    const { need, emergency } = await raise()
    expect(emergency).toBeUndefined()
    expect(need).toMatchObject({
      access: 'full',
      status: 'matching',
      communityId: urban._id,
      requesterName: '杨丽',
      addressDetail: '12号楼1单元1502',
    })
    const offers = await matchDetails(need.id)
    expect(offers).toHaveLength(shortlistSize.normal)
    const offered = offers.map((o) => o.organisationId)
    for (const o of offers) {
      expect(o).toMatchObject({ round: 1, status: 'open' })
      expect(o.score.total).toBeGreaterThan(0)
      expect(Object.values(o.score.parts).every((p) => p >= 0 && p <= 1)).toBe(true)
      expect(new Date(o.deadline).getTime() - new Date(o.offeredAt).getTime()).toBe(offerWindowMinutes.normal * 60_000)
    }
    // Each lead is told of the new offer.
    const told = (await sentSince(before)).filter((m) => m.template === 'newOffer').map((m) => m.toOpenid)
    expect(told.sort()).toEqual(offered.map(leadOf).sort())
  })

  it('an offered lead sees the limited view: kind, urgency, 小区 and distance only', async () => {
    const { need } = await raise({ location: place(60) })
    const [first] = await matchDetails(need.id)
    const offer = await offerOf(first.organisationId, need.id)
    expect(offer?.need).toMatchObject({ access: 'limited', helpKind: '亲情陪伴', neighbourhood: '柳泉花园', statusLabel: '等待组织接单' })
    expect(need.statusLabel).toBe('正在联系附近组织')
    expect(offer!.need.distanceM).toEqual(expect.any(Number))
    for (const field of ['requesterName', 'addressDetail', 'contactPhone', 'location', 'photos', 'timeline'])
      expect(offer!.need).not.toHaveProperty(field)
  })

  it('one lead accepts and sees everything; the other finds it taken', async () => {
    const { need: raised } = await raise({ location: place(120) })
    const needId = raised.id
    const [winner, loser] = (await matchDetails(needId)).map((o) => o.organisationId)
    const activeBefore = (await organisation(winner)).activeTasks ?? 0
    const before = await outbox()
    const offer = await offerOf(winner, needId)
    const { need } = await ok(call(leadOf(winner), 'accept', { organisationId: winner, offerId: offer!.offerId }))
    expect(need).toMatchObject({ access: 'full', status: 'accepted', contactPhone: '18653312469', acceptedBy: { organisationId: winner } })
    const { offers } = await ok(call(leadOf(loser), 'offers', { organisationId: loser }))
    expect(offers.find((o) => o.need.id === needId)).toBeUndefined()
    const lostOffer = (await matchDetails(needId)).find((o) => o.organisationId === loser)!
    expect(lostOffer.status).toBe('taken')
    expect(await failure(call(leadOf(loser), 'accept', { organisationId: loser, offerId: lostOffer.offerId }))).toEqual({
      code: 'CONFLICT',
    })
    expect((await sentSince(before)).some((m) => m.template === 'needAccepted' && m.toOpenid === who.resident)).toBe(true)
    const reveals = ((await allDocuments('audit_log')) as AuditDoc[]).filter((e) => e.action === 'need.reveal' && e.needId === needId)
    expect(reveals.map((e) => e.actorOpenid)).toEqual([leadOf(winner)])
    expect((await organisation(winner)).activeTasks).toBe(activeBefore + 1)
  })

  it('the lead assigns volunteers of that organisation only; one of them posts progress', async () => {
    const { needId, winner } = await aNeedAccepted(180)
    const volunteer = rolesOf(winner).find((r) => r.role === 'volunteer')!
    const stranger = demoDataSet.roles.find((r) => r.role === 'volunteer' && r.organisationId !== winner)!
    expect(await failure(call(leadOf(winner), 'assignVolunteers', { organisationId: winner, needId, memberIds: [stranger._id] }))).toEqual({
      code: 'NOT_FOUND',
      field: 'data.memberIds.0',
    })
    const { need } = await ok(call(leadOf(winner), 'assignVolunteers', { organisationId: winner, needId, memberIds: [volunteer._id] }))
    expect(need.volunteers).toEqual([{ memberId: volunteer._id, name: expect.any(String) }])
    const progress = await ok(call(volunteer.openid, 'postProgress', { organisationId: winner, needId, text: '下午三点上门陪老人聊天。' }))
    expect(progress.need.timeline!.map((e) => e.text)).toContain('下午三点上门陪老人聊天。')
    // A volunteer of the organisation who was not assigned may not.
    const other = rolesOf(winner).find((r) => r.role === 'volunteer' && r.openid !== volunteer.openid)
    if (other)
      expect((await failure(call(other.openid, 'postProgress', { organisationId: winner, needId, text: '我也来。' }))).code).toBe(
        'FORBIDDEN',
      )
  })

  it('the lead marks it done with integer minutes per volunteer, kept for the time bank', async () => {
    const { needId, winner } = await aNeedAccepted(240)
    const volunteer = rolesOf(winner).find((r) => r.role === 'volunteer')!
    const lead = rolesOf(winner).find((r) => r.role === 'organisation_lead')!
    await ok(call(leadOf(winner), 'assignVolunteers', { organisationId: winner, needId, memberIds: [volunteer._id, lead._id] }))
    // Nobody serves longer than the need has been accepted.
    testClock.advance(120 * 60_000)
    const activeBefore = (await organisation(winner)).activeTasks!
    const before = await outbox()
    expect(
      (
        await failure(
          call(leadOf(winner), 'markDone', {
            organisationId: winner,
            needId,
            summary: '陪聊',
            service: [{ memberId: volunteer._id, minutes: 30.5 }],
          }),
        )
      ).code,
    ).toBe('INVALID_INPUT')
    const { need } = await ok(
      call(leadOf(winner), 'markDone', {
        organisationId: winner,
        needId,
        summary: '上门陪老人聊了一下午，帮忙收拾了屋子。',
        service: [
          { memberId: volunteer._id, minutes: 120 },
          { memberId: lead._id, minutes: 90 },
        ],
      }),
    )
    expect(need.status).toBe('done')
    // The status in the reader's words: the lead reads about the resident, who reads 您.
    expect(need.statusLabel).toBe('已完成，等居民确认')
    expect((await ok(call(who.resident, 'detail', { needId }))).need.statusLabel).toBe('已完成，等您确认')
    expect(need.service).toEqual([expect.objectContaining({ minutes: 120 }), expect.objectContaining({ minutes: 90 })])
    // One service record per volunteer, written with the confirmation; the time bank's due work credits them.
    await runDueWork(testClock.now())
    const records = ((await allDocuments('service_records')) as ServiceRecordDoc[]).filter((r) => r.source.id === needId)
    expect(records.map((r) => [r._id, r.openid, r.minutes, r.organisationId, r.credit.status])).toEqual([
      [`need-${needId}-0`, volunteer.openid, 120, winner, 'credited'],
      [`need-${needId}-1`, lead.openid, 90, winner, 'credited'],
    ])
    expect((await organisation(winner)).activeTasks).toBe(activeBefore - 1)
    expect((await sentSince(before)).some((m) => m.template === 'needDone' && m.toOpenid === who.resident)).toBe(true)
  })

  it('only the requester confirms; 已解决 with a rating closes it and rates the organisation', async () => {
    const organisationsBefore = (await allDocuments('organisations')) as OrganisationDoc[]
    const { needId, winner } = await aDoneNeed(300)
    const { rating, taskCounters } = organisationsBefore.find((o) => o._id === winner)!
    expect((await failure(call(who.elderResident, 'confirm', { needId, result: 'solved', rating: 5 }))).code).toBe('NOT_FOUND')
    const { need } = await ok(call(who.resident, 'confirm', { needId, result: 'solved', rating: 5, comment: '谢谢大家！' }))
    expect(need).toMatchObject({ status: 'closed', outcome: { result: 'solved', resultLabel: '已解决', rating: 5, comment: '谢谢大家！' } })
    expect((await organisation(winner)).rating).toEqual({ sum: (rating?.sum ?? 0) + 5, count: (rating?.count ?? 0) + 1 })
    expect((await organisation(winner)).taskCounters).toMatchObject({
      offered: taskCounters.offered + 1,
      accepted: taskCounters.accepted + 1,
      completed: taskCounters.completed + 1,
    })
    // Every change is on the timeline with who did it.
    const { need: seen } = await ok(call(who.resident, 'detail', { needId }))
    expect(seen.timeline!.map((e) => e.actorName)).toEqual([
      '杨丽',
      '系统',
      expect.any(String),
      expect.any(String),
      expect.any(String),
      expect.any(String),
      '杨丽',
    ])
    expect(await failure(call(who.resident, 'confirm', { needId, result: 'solved', rating: 5 }))).toEqual({ code: 'CONFLICT' })
  })

  it('the resident finds it among their needs', async () => {
    const { needId } = await aDoneNeed(-60)
    await ok(call(who.resident, 'confirm', { needId, result: 'solved', rating: 5 }))
    const { needs } = await ok(call(who.resident, 'mine', {}))
    expect(needs.map((n) => n.id)).toContain(needId)
  })
})

describe('shortlist sizes, decline, lapse and escalation', () => {
  freshDatabasePerGroup(undefined, EVERYONE_CONSENTED)

  it('offers as many at once as the urgency says', async () => {
    for (const [i, urgency] of (['urgent', 'normal', 'advice'] as const).entries()) {
      const { need } = await raise({ urgency, location: place(-300 + 60 * i) })
      expect(await matchDetails(need.id)).toHaveLength(shortlistSize[urgency])
    }
  })

  it('a decline with no other offer open passes the need on to the next candidate', async () => {
    // 上门巡访探视: two organisations give it; 咨询 is offered to one at a time.
    const { need } = await raise({ helpKind: '上门巡访探视', urgency: 'advice', location: place(60) })
    const [first] = await matchDetails(need.id)
    await ok(
      call(leadOf(first.organisationId), 'decline', {
        organisationId: first.organisationId,
        offerId: first.offerId,
        reason: '本周人手不够',
      }),
    )
    const offers = await matchDetails(need.id)
    expect(offers.map((o) => [o.round, o.status])).toEqual([
      [1, 'declined'],
      [2, 'open'],
    ])
    expect(offers[1].organisationId).not.toBe(first.organisationId)
    expect(
      await failure(call(leadOf(first.organisationId), 'decline', { organisationId: first.organisationId, offerId: first.offerId })),
    ).toEqual({ code: 'CONFLICT' })
  })

  it('a lapsed offer passes the need on like a decline', async () => {
    const { need } = await raise({ helpKind: '上门巡访探视', urgency: 'advice', location: place(-60) })
    await runDueWork(minutesLater(offerWindowMinutes.advice + 1))
    expect((await matchDetails(need.id)).map((o) => [o.round, o.status])).toEqual([
      [1, 'expired'],
      [2, 'open'],
    ])
  })

  it('an offer left by a raise whose need was never stored is shown to nobody, cannot be accepted, and lapses quietly (decision 042)', async () => {
    const organisationId = demoDataSet.organisations.find((o) => o.communityId === urban._id)!._id
    const offerId = 'offer-of-a-need-never-stored'
    await insertAll('offers', [
      {
        _id: offerId,
        needId: 'need-never-stored',
        organisationId,
        communityId: urban._id,
        round: 1,
        status: 'open',
        score: { total: 1 },
        distanceM: 100,
        offeredAt: testClock.now(),
        deadline: minutesLater(offerWindowMinutes.urgent),
      },
    ])
    const { offers } = await ok(call(leadOf(organisationId), 'offers', { organisationId }))
    expect(offers.map((o) => o.offerId)).not.toContain(offerId)
    expect(await failure(call(leadOf(organisationId), 'accept', { organisationId, offerId }))).toEqual({ code: 'NOT_FOUND' })
    await runDueWork(minutesLater(offerWindowMinutes.urgent + 1))
    const lapsed = ((await allDocuments('offers')) as { _id: string; status: string }[]).find((o) => o._id === offerId)
    expect(lapsed?.status).toBe('expired')
    expect(((await allDocuments('needs')) as NeedDoc[]).some((n) => n._id === 'need-never-stored')).toBe(false)
  })

  it('an unaccepted 紧急 need escalates to the committee after its deadline', async () => {
    // 纠纷调解: one organisation of the community gives it.
    const { need } = await raise({ helpKind: '纠纷调解', urgency: 'urgent', location: place(120) })
    const first = await matchDetails(need.id)
    expect(first.every((o) => o.status === 'open')).toBe(true)
    expect(need.committeePhone).toBeUndefined()
    // Before the deadline nothing happens.
    await runDueWork(minutesLater(offerWindowMinutes.urgent - 1))
    expect((await matchDetails(need.id)).every((o) => o.status === 'open')).toBe(true)
    // Past it, every candidate has been offered it already: nobody is left.
    await lapseUntilNobodyIsLeft(need.id)
    const stored = await needDoc(need.id)
    expect(stored.status).toBe('escalated')
    // With the committee now: its phone is on the requester's page of the need.
    expect((await ok(call(who.resident, 'detail', { needId: need.id }))).need.committeePhone).toBe(urban.committeePhone)
    expect((await matchDetails(need.id)).every((o) => o.status === 'expired')).toBe(true)
    const { needs } = await ok(call(who.committeeUrban, 'queue', { communityId: urban._id }))
    expect(needs.find((q) => q.need.id === need.id)).toMatchObject({ reason: 'escalated', reasonLabel: '无人接单' })
    const told = (await outbox()).filter((m) => m.template === 'needEscalated').map((m) => m.toOpenid)
    expect(told).toEqual(expect.arrayContaining([who.resident, who.committeeUrban]))
  })

  it('an accept after the deadline is refused', async () => {
    const { need } = await raise({ helpKind: '助残', urgency: 'urgent', location: place(180) })
    const [offer] = await matchDetails(need.id)
    await runDueWork(minutesLater(offerWindowMinutes.urgent + 1))
    expect(
      await failure(call(leadOf(offer.organisationId), 'accept', { organisationId: offer.organisationId, offerId: offer.offerId })),
    ).toEqual({
      code: 'CONFLICT',
    })
  })

  it('the committee assigns an escalated need by hand; the lead is told', async () => {
    const { need: raised } = await raise({ helpKind: '纠纷调解', urgency: 'urgent', location: place(-180) })
    await lapseUntilNobodyIsLeft(raised.id)
    const { needs } = await ok(call(who.committeeUrban, 'queue', { communityId: urban._id }))
    expect(needs.find((q) => q.need.id === raised.id)).toMatchObject({ reason: 'escalated' })
    const organisationId = 'org-qy-linli'
    const before = await outbox()
    const { need } = await ok(call(who.committeeUrban, 'assign', { needId: raised.id, organisationId }))
    expect(need).toMatchObject({ status: 'accepted', acceptedBy: { organisationId } })
    expect((await sentSince(before)).some((m) => m.template === 'taskAssigned' && m.toOpenid === leadOf(organisationId))).toBe(true)
    const { tasks } = await ok(call(leadOf(organisationId), 'tasks', { organisationId }))
    expect(tasks.map((t) => t.id)).toContain(raised.id)
    // An organisation of another community cannot be assigned.
    const { need: other } = await raise({ helpKind: '纠纷调解', location: place(240) })
    expect(await failure(call(who.committeeUrban, 'assign', { needId: other.id, organisationId: 'org-th-qiaosao' }))).toEqual({
      code: 'NOT_FOUND',
      field: 'data.organisationId',
    })
  })
})

describe('answers other than 已解决, cancelling, closing without an answer', () => {
  freshDatabasePerGroup(undefined, EVERYONE_CONSENTED)

  async function doneNeed(eastM: number) {
    const { need } = await raise({ helpKind: '就医陪诊', location: place(eastM) })
    const [offer] = await matchDetails(need.id)
    const organisationId = offer.organisationId
    await ok(call(leadOf(organisationId), 'accept', { organisationId, offerId: offer.offerId }))
    await ok(call(leadOf(organisationId), 'markDone', { organisationId, needId: need.id, summary: '陪同去医院看了病。', service: [] }))
    return { needId: need.id, organisationId }
  }

  it('未解决 reopens it: back to matching with a new round, not to the same organisation', async () => {
    const { needId, organisationId } = await doneNeed(0)
    const ratedBefore = (await organisation(organisationId)).rating ?? { sum: 0, count: 0 }
    const { need } = await ok(call(who.resident, 'confirm', { needId, result: 'unsolved', rating: 2 }))
    // 就医陪诊 has one organisation only: with it left out, nobody is left.
    expect(need.status).toBe('escalated')
    expect(need.acceptedBy).toBeUndefined()
    // The judgement is kept for the reports until a later one replaces it.
    expect(need.outcome).toMatchObject({ result: 'unsolved', resultLabel: '未解决' })
    expect((await organisation(organisationId)).rating).toEqual({ sum: ratedBefore.sum + 2, count: ratedBefore.count + 1 })
    const { need: reopened } = await ok(call(who.resident, 'detail', { needId }))
    expect(reopened.timeline!.some((e) => e.text.includes('未解决'))).toBe(true)
  })

  it('部分解决 closes it with that outcome', async () => {
    const { needId } = await doneNeed(60)
    const { need } = await ok(call(who.resident, 'confirm', { needId, result: 'partly', rating: 4 }))
    expect(need).toMatchObject({ status: 'closed', outcome: { result: 'partly', resultLabel: '部分解决' } })
  })

  it('without an answer it closes as 未评价 after 7 days', async () => {
    const { needId } = await doneNeed(120)
    await runDueWork(minutesLater(60))
    expect((await needDoc(needId)).status).toBe('done')
    await runDueWork(minutesLater(AUTO_CLOSE_DAYS * 24 * 60 + 1))
    const { need } = await ok(call(who.resident, 'detail', { needId }))
    expect(need).toMatchObject({ status: 'closed', outcome: { result: 'unrated', resultLabel: '未评价' } })
  })

  it('closing as 未评价 keeps nothing of an earlier 未解决 answer: its rating and comment are gone', async () => {
    const { needId } = await doneNeed(-120)
    await ok(call(who.resident, 'confirm', { needId, result: 'unsolved', rating: 1, comment: '约好的时间没有人来' }))
    // Nobody else gives 就医陪诊: the committee assigns it by hand, and that organisation carries it out.
    const organisationId = 'org-qy-linli'
    await ok(call(who.committeeUrban, 'assign', { needId, organisationId }))
    await ok(call(leadOf(organisationId), 'markDone', { organisationId, needId, summary: '第二次陪同去医院看了病。', service: [] }))
    await runDueWork(minutesLater(AUTO_CLOSE_DAYS * 24 * 60 + 1))
    const stored = await needDoc(needId)
    expect(stored.status).toBe('closed')
    expect(stored.outcome).toEqual({ result: 'unrated', at: expect.any(Date) })
    const { need } = await ok(call(who.resident, 'detail', { needId }))
    expect(need.outcome).not.toHaveProperty('rating')
    expect(need.outcome).not.toHaveProperty('comment')
  })

  it('the requester cancels before acceptance: open offers are withdrawn; after acceptance it is refused', async () => {
    const { need } = await raise({ location: place(180) })
    expect((await failure(call(who.elderResident, 'cancel', { needId: need.id }))).code).toBe('NOT_FOUND')
    const { need: cancelled } = await ok(call(who.resident, 'cancel', { needId: need.id, reason: '家人回来了' }))
    expect(cancelled.status).toBe('cancelled')
    expect((await matchDetails(need.id)).every((o) => o.status === 'withdrawn')).toBe(true)
    const { needId } = await doneNeed(240)
    expect(await failure(call(who.resident, 'cancel', { needId }))).toEqual({ code: 'CONFLICT' })
  })
})

describe('life, flagged text, review before matching, duplicates', () => {
  freshDatabasePerGroup(undefined, EVERYONE_CONSENTED)

  it('危及生命安全 answers with 110/120/119 and the committee phone, and alerts every committee member', async () => {
    const before = await outbox()
    const { need, emergency } = await raise({
      urgency: 'life',
      helpKind: '紧急救助',
      description: '邻居家老人摔倒了起不来。',
      forNeighbour: { name: '孙秀英' },
    })
    expect(emergency).toEqual({ numbers: EMERGENCY_NUMBERS.map((n) => ({ ...n })), committeePhone: urban.committeePhone })
    expect(need).toMatchObject({ status: 'matching', forNeighbour: { name: '孙秀英' } })
    const alerted = (await sentSince(before)).filter((m) => m.template === 'lifeAlert').map((m) => m.toOpenid)
    const committee = demoDataSet.roles.filter((r) => r.role === 'committee' && r.communityId === urban._id).map((r) => r.openid)
    expect(alerted.sort()).toEqual(committee.sort())
  })

  it('危及生命安全 goes with one tap: no kind and no description, raised as 紧急救助; its requester keeps the committee’s phone on its page', async () => {
    const input: RaiseNeedInput = { ...raiseInput({ urgency: 'life', location: place(90) }) }
    delete input.helpKind
    delete input.description
    const { need, emergency } = await ok(call(who.resident, 'raise', input))
    expect(need).toMatchObject({ helpKind: LIFE_DEFAULT_HELP_KIND, description: '', status: 'matching' })
    expect(emergency?.committeePhone).toBe(urban.committeePhone)
    expect((await needDoc(need.id)).helpKind).toBe('紧急救助')
    expect((await ok(call(who.resident, 'detail', { needId: need.id }))).need.committeePhone).toBe(urban.committeePhone)
    // Offered organisations and the committee have their own ways to reach it: the phone is the requester's.
    const [offered] = await matchDetails(need.id)
    expect((await offerOf(offered.organisationId, need.id))?.need.committeePhone).toBeUndefined()
    expect((await ok(call(who.committeeUrban, 'detail', { needId: need.id }))).need.committeePhone).toBeUndefined()
  })

  it('any other need still names its kind and says what is wrong: INVALID_INPUT at the field, and nothing is written', async () => {
    const before = (await allDocuments('needs')).length
    for (const description of ['', '   ']) {
      expect(await failure(call(who.resident, 'raise', raiseInput({ urgency: 'urgent', description, location: place(150) })))).toEqual({
        code: 'INVALID_INPUT',
        field: 'data.description',
      })
    }
    const withoutDescription: RaiseNeedInput = raiseInput({ urgency: 'normal', location: place(150) })
    delete withoutDescription.description
    expect(await failure(call(who.resident, 'raise', withoutDescription))).toEqual({ code: 'INVALID_INPUT', field: 'data.description' })
    const withoutKind: RaiseNeedInput = raiseInput({ urgency: 'urgent', location: place(150) })
    delete withoutKind.helpKind
    expect(await failure(call(who.resident, 'raise', withoutKind))).toEqual({ code: 'INVALID_INPUT', field: 'data.helpKind' })
    // 危及生命安全 still takes only a kind on the list, and a description within bounds.
    expect(
      await failure(call(who.resident, 'raise', raiseInput({ urgency: 'life', description: '急'.repeat(501), location: place(150) }))),
    ).toEqual({ code: 'INVALID_INPUT', field: 'data.description' })
    expect((await allDocuments('needs')).length).toBe(before)
  })

  it('防骗维权 answers with 110 and 96110 at once, however urgent it was marked, and is offered to those who give that help', async () => {
    const { need, emergency } = await raise({
      helpKind: '防骗维权',
      urgency: 'urgent',
      description: '有人打电话说我儿子出事了，让我马上转钱。',
      location: place(-240),
    })
    expect(emergency).toEqual({ numbers: [...FRAUD_NUMBERS].map((n) => ({ ...n })), committeePhone: urban.committeePhone })
    expect(emergency!.numbers.map((n) => n.number)).toEqual(['110', '96110'])
    const givers = demoDataSet.organisations.filter(
      (o) => o.communityId === urban._id && o.status === 'approved' && o.helpKinds.includes('防骗维权'),
    )
    expect(givers.length).toBeGreaterThan(0)
    expect((await matchDetails(need.id)).map((o) => o.organisationId).sort()).toEqual(givers.map((o) => o._id).sort())
  })

  it('flagged text goes to the committee for review and is shown to no organisation', async () => {
    const { need } = await raise({ description: '有人在楼下搞赌博，吵得睡不着。', helpKind: '纠纷调解', location: place(60) })
    expect(need.status).toBe('review')
    expect(await matchDetails(need.id)).toEqual([])
    const { needs } = await ok(call(who.committeeUrban, 'queue', { communityId: urban._id }))
    expect(needs.find((q) => q.need.id === need.id)).toMatchObject({ reason: 'flagged' })
    expect((await failure(call('demo-chen-zhiqiang', 'detail', { needId: need.id }))).code).toBe('NOT_FOUND')
    // Hidden with a reason: still nobody else sees it.
    const { need: hidden } = await ok(call(who.committeeUrban, 'moderate', { needId: need.id, decision: 'hide', reason: '内容不实' }))
    expect(hidden.status).toBe('hidden')
    expect(
      (await ok(call(who.committeeUrban, 'queue', { communityId: urban._id }))).needs.find((q) => q.need.id === need.id),
    ).toBeUndefined()
  })

  it('with review before matching, a need waits for the committee, then is matched on publish', async () => {
    expect(await ok(call(who.committeeUrban, 'settings', { communityId: urban._id, reviewBeforeMatching: true }))).toEqual({
      reviewBeforeMatching: true,
    })
    const { need } = await raise({ location: place(120) })
    expect(need.status).toBe('review')
    const { needs, reviewBeforeMatching } = await ok(call(who.committeeUrban, 'queue', { communityId: urban._id }))
    expect(reviewBeforeMatching).toBe(true)
    expect(needs.find((q) => q.need.id === need.id)).toMatchObject({ reason: 'review', waitingMinutes: 0 })
    const { need: published } = await ok(call(who.committeeUrban, 'moderate', { needId: need.id, decision: 'publish' }))
    expect(published.status).toBe('matching')
    expect(await matchDetails(need.id)).toHaveLength(shortlistSize.normal)
    await ok(call(who.committeeUrban, 'settings', { communityId: urban._id, reviewBeforeMatching: false }))
    expect((await ok(call(who.committeeUrban, 'queue', { communityId: urban._id }))).reviewBeforeMatching).toBe(false)
  })

  it('the same kind of help within 50 m in 24 hours: shown before raising, and queued for the committee after', async () => {
    const { need: first } = await raise({ helpKind: '社区环境', location: place(300) })
    const near = place(330)
    const { possibleDuplicates } = await ok(call(who.elderResident, 'checkDuplicates', { helpKind: '社区环境', location: near }))
    expect(possibleDuplicates).toEqual([expect.objectContaining({ needId: first.id, distanceM: expect.any(Number) })])
    expect(possibleDuplicates[0].distanceM).toBeLessThanOrEqual(50)
    expect((await ok(call(who.elderResident, 'checkDuplicates', { helpKind: '助餐', location: near }))).possibleDuplicates).toEqual([])
    const { need: second } = await raise({ helpKind: '社区环境', location: near }, who.elderResident)
    expect(second.status).toBe('matching')
    const { needs } = await ok(call(who.committeeUrban, 'queue', { communityId: urban._id }))
    expect(needs.find((q) => q.need.id === second.id)).toMatchObject({ reason: 'duplicate' })
    // The committee says it is not a duplicate: it leaves the queue and stays matched.
    await ok(call(who.committeeUrban, 'moderate', { needId: second.id, decision: 'publish' }))
    expect(
      (await ok(call(who.committeeUrban, 'queue', { communityId: urban._id }))).needs.find((q) => q.need.id === second.id),
    ).toBeUndefined()
  })

  it('only members of the organisation see its offers and tasks', async () => {
    expect((await failure(call(who.organisationLead, 'offers', { organisationId: 'org-qy-tiaojie' }))).code).toBe('FORBIDDEN')
    expect((await failure(callOrganisations(who.resident, 'members', { organisationId: 'org-qy-tiaojie' }))).code).toBe('FORBIDDEN')
  })
})

describe('the need’s place, when the resident gives none', () => {
  freshDatabasePerGroup(undefined, EVERYONE_CONSENTED)

  it('is their home, for raising and for the duplicate check before it', async () => {
    const { need } = await raise({ location: undefined, helpKind: '助餐' }, who.elderResident)
    expect(need.location).toEqual(personOf(who.elderResident).location!.coordinates)
    const { possibleDuplicates } = await ok(call(who.elderResident, 'checkDuplicates', { helpKind: '助餐' }))
    expect(possibleDuplicates).toEqual([expect.objectContaining({ needId: need.id, distanceM: 0 })])
  })

  it('is their community’s centre when they gave no home', async () => {
    const { location, ...homeless } = personOf(who.resident)
    expect(location).toBeDefined()
    await insertAll('people', [{ ...homeless, _id: 'p-no-home', openid: 'o-no-home' }])
    const { need } = await raise({ location: undefined, helpKind: '生活照料' }, 'o-no-home')
    expect(need.location).toEqual(urban.centre.coordinates)
  })

  it('at the bare centre, is a possible duplicate only of a need at the same address', async () => {
    const { location, ...homeless } = personOf(who.resident)
    expect(location).toBeDefined()
    await insertAll('people', [
      { ...homeless, _id: 'p-no-home-a', openid: 'o-no-home-a' },
      { ...homeless, _id: 'p-no-home-b', openid: 'o-no-home-b' },
    ])
    const address = { neighbourhood: '柳泉花园', addressDetail: '3号楼2单元201' }
    const { need: first } = await raise({ location: undefined, helpKind: '康复护理', ...address }, 'o-no-home-a')
    expect(first.location).toEqual(urban.centre.coordinates)

    // Another household with no home on record: at the same centre, but not the same need.
    const elsewhere = { neighbourhood: '柳泉花园', addressDetail: '7号楼1单元502' }
    expect((await ok(call('o-no-home-b', 'checkDuplicates', { helpKind: '康复护理', ...elsewhere }))).possibleDuplicates).toEqual([])
    const { need: other } = await raise({ location: undefined, helpKind: '康复护理', ...elsewhere }, 'o-no-home-b')
    const queued = (await ok(call(who.committeeUrban, 'queue', { communityId: urban._id }))).needs
    expect(queued.find((q) => q.need.id === other.id)).toBeUndefined()

    // The same home, written with spaces: a neighbour may be telling of the same thing.
    const same = { neighbourhood: '柳泉花园', addressDetail: '3号楼 2单元 201' }
    const { possibleDuplicates } = await ok(call('o-no-home-b', 'checkDuplicates', { helpKind: '康复护理', ...same }))
    expect(possibleDuplicates.map((d) => d.needId)).toEqual([first.id])
  })
})

describe('a need is placed in its own community’s service area, and offered only to organisations serving it', () => {
  freshDatabasePerGroup(undefined, EVERYONE_CONSENTED)
  const rural = demoDataSet.communities.find((c) => c.kind === 'rural')!
  const beijing: [number, number] = [116.3975, 39.9087]

  it('refuses an urban resident’s need placed in the village, or in Beijing, at the place and changing nothing', async () => {
    const before = await snapshotDatabase()
    for (const location of [rural.centre.coordinates, beijing]) {
      const answer = await call(who.resident, 'raise', raiseInput({ location }))
      expect(answer).toMatchObject({
        ok: false,
        error: { code: 'OUTSIDE_SERVICE_AREA', field: 'data.location', message: expect.stringContaining('不在沁园社区的服务范围内') },
      })
    }
    // Nor does a village resident's need go to the town.
    expect(await failure(call(who.ruralResident, 'raise', raiseInput({ location: place(0) })))).toEqual({
      code: 'OUTSIDE_SERVICE_AREA',
      field: 'data.location',
    })
    expect(await snapshotDatabase()).toEqual(before)
  })

  it('takes a need inside: near the outline’s edge in town, and anywhere within the village’s radius', async () => {
    expect((await raise({ location: place(300) })).need.communityId).toBe(urban._id)
    const [lng, lat] = rural.centre.coordinates
    const { need } = await ok(
      call(who.ruralResident, 'raise', raiseInput({ helpKind: '助餐', location: [lng, Number((lat - 1200 / 110_574).toFixed(6))] })),
    )
    expect(need).toMatchObject({ communityId: rural._id, status: 'matching' })
  })

  it('never offers the village’s organisation an urban need, even from a base in town; once it serves the town too, it is offered', async () => {
    // A village group that keeps its base in town: its circle covers 沁园社区, but it serves 太河村.
    const inTown: OrganisationDoc = {
      ...demoDataSet.organisations.find((o) => o._id === 'org-th-qiaosao')!,
      _id: 'org-th-in-town',
      inviteCode: 'TWN234',
      helpKinds: ['助餐'],
      serviceArea: { centre: { type: 'Point', coordinates: place(0) }, radiusM: 2000 },
    }
    await insertAll('organisations', [inTown])
    const townGivers = demoDataSet.organisations
      .filter((o) => o.status === 'approved' && o.communityId === urban._id && o.helpKinds.includes('助餐'))
      .map((o) => o._id)

    const { need } = await raise({ helpKind: '助餐', urgency: 'urgent', location: place(-120) })
    await lapseUntilNobodyIsLeft(need.id)
    expect((await needDoc(need.id)).status).toBe('escalated')
    const offered = (await matchDetails(need.id)).map((o) => o.organisationId)
    expect(offered.sort()).toEqual(townGivers.sort())
    expect(offered).not.toContain(inTown._id)
    expect(offered).not.toContain('org-th-qiaosao')

    await database()
      .collection('organisations')
      .doc(inTown._id)
      .update({ servesCommunityIds: [rural._id, urban._id] })
    const { need: next } = await raise({ helpKind: '助餐', urgency: 'urgent', location: place(-180) })
    expect((await matchDetails(next.id)).map((o) => o.organisationId)).toContain(inTown._id)
  })
})
