/**
 * Content moderation through the functions: photos are hidden until WeChat's verdict passes them,
 * flagged ones wait for the committee; the committee takes content down (hidden from residents, the
 * reason shown to the author, audited, the author told) and restores it; another community's
 * committee is refused; WeChat's verdict is taken from its message push only.
 */
import { rmSync } from 'node:fs'
import { join } from 'node:path'
import { functionMains } from '../../local/host/functions'
import { mediaCheckPush, platformContext } from '../../local/host/platform-context'
import { demoDataSet, demoIdentities as who } from '../../local/seed/demo-data'
import { LOCAL_FILE_ID } from '../../local/storage'
import { signUpDocId } from '../../server/data/activities'
import type { AuditDoc, PhotoDoc } from '../../server/data/documents'
import { PHOTO_LINK_SECONDS } from '../../server/data/files'
import { allDocuments } from '../../server/data/maintenance'
import { committeeNeedPath } from '../../shared/domain/workbench'
import { EVERYONE_CONSENTED, freshDatabasePerGroup, snapshotDatabase, testClock, type TestDatabase } from '../support/database'
import { filesBehind, servedLink, storedPhoto } from '../support/photo'
import {
  callActivities,
  callCommunity,
  callNeeds,
  callOrganisations,
  callReports,
  failure,
  ok,
  outbox,
  publishInputFor,
  pushMediaVerdict,
  sentSince,
} from './calls'

const urban = demoDataSet.communities.find((c) => c.kind === 'urban')!
const organisation = demoDataSet.organisations.find((o) => o.leadOpenid === who.organisationLead && o.status === 'approved')!
/** The storage folder of the group's database. */
let storageDir: string
const keepStorageDir = (database: TestDatabase) => (storageDir = database.storageDir)
/** A photo of its own for each test, so that WeChat's verdicts on it are the test's alone. */
const aPhoto = (ext: 'jpg' | 'png' = 'jpg') => storedPhoto(storageDir, ext)
/** The file ids of the photos a view shows, each link checked to serve its photo. */
const shown = (links: readonly { url: string }[] | undefined) => filesBehind(storageDir, links, testClock.now())

const audit = async () => (await allDocuments('audit_log')) as AuditDoc[]
const photoDocs = async () => (await allDocuments('photos')) as PhotoDoc[]
/** The trace id WeChat was given for `fileId`, as the outbox recorded the request. */
const traceOf = async (fileId: string) =>
  (await outbox()).find((m) => m.channel === 'mediaCheck' && m.payload.fileId === fileId)!.payload.traceId as string

const raiseWithPhotos = (photos: string[]) =>
  ok(
    callNeeds(who.resident, 'raise', {
      helpKind: '生活照料',
      urgency: 'normal',
      description: '厨房水管漏水，地上全是水。',
      location: urban.centre.coordinates,
      neighbourhood: '柳泉花园',
      addressDetail: '12号楼1单元1502',
      contactPhone: '18653312469',
      photos,
    }),
  )
const detailAs = (openid: string, needId: string) => ok(callNeeds(openid, 'detail', { needId })).then((d) => d.need)

/** The lead of the first organisation offered the need accepts it, and answers that lead. */
async function acceptFirstOffer(needId: string): Promise<{ lead: string; organisationId: string }> {
  const { offers } = await ok(callNeeds(who.committeeUrban, 'matchDetails', { needId }))
  const organisationId = offers[0].organisationId
  const lead = demoDataSet.organisations.find((o) => o._id === organisationId)!.leadOpenid
  const offer = (await ok(callNeeds(lead, 'offers', { organisationId }))).offers.find((o) => o.need.id === needId)!
  await ok(callNeeds(lead, 'accept', { organisationId, offerId: offer.offerId }))
  return { lead, organisationId }
}

describe('photos: hidden until WeChat passes them; a flagged one waits for the committee', () => {
  freshDatabasePerGroup(keepStorageDir, EVERYONE_CONSENTED)

  /** 杨丽's need with two photos, accepted; WeChat has passed the first and flagged the second. */
  async function aNeedWithAPassedAndAFlaggedPhoto() {
    const photoA = aPhoto()
    const photoB = aPhoto('png')
    const { need } = await raiseWithPhotos([photoA, photoB])
    const accepted = await acceptFirstOffer(need.id)
    await ok(pushMediaVerdict(await traceOf(photoA), 'pass'))
    await ok(pushMediaVerdict(await traceOf(photoB), 'risky'))
    return { needId: need.id, accepted, photoA, photoB }
  }
  const flaggedPhotosOf = async (needId: string) =>
    (await ok(callReports(who.committeeUrban, 'waiting', { communityId: urban._id }))).items.filter(
      (i) => i.kind === 'photo_flagged' && i.page === committeeNeedPath(needId),
    )

  it('asks WeChat to check each photo of a need and shows none before the verdict, but to the committee', async () => {
    const photoA = aPhoto()
    const photoB = aPhoto('png')
    const before = await outbox()
    const { need } = await raiseWithPhotos([photoA, photoB])
    const needId = need.id
    const requests = (await sentSince(before)).filter((m) => m.channel === 'mediaCheck')
    expect(requests.map((m) => m.payload.fileId).sort()).toEqual([photoA, photoB].sort())
    expect(requests.every((m) => m.toOpenid === who.resident)).toBe(true)

    const accepted = await acceptFirstOffer(needId)
    const asRequester = await detailAs(who.resident, needId)
    expect(asRequester.photos).toEqual([])
    expect(asRequester.photoStates).toEqual([
      { state: 'pending', stateLabel: '审核中' },
      { state: 'pending', stateLabel: '审核中' },
    ])
    expect((await detailAs(accepted.lead, needId)).photos).toEqual([])
    expect((await detailAs(accepted.lead, needId)).photoStates).toBeUndefined()
    const asCommittee = await detailAs(who.committeeUrban, needId)
    expect(shown(asCommittee.photos)).toEqual([photoA, photoB])
    expect(asCommittee.photoStates!.map((p) => [p.fileId, p.state])).toEqual([
      [photoA, 'pending'],
      [photoB, 'pending'],
    ])
    // The committee looks at each by its link; the file id is only the name to decide on it by.
    expect(shown(asCommittee.photoStates!.map((p) => p.photo!))).toEqual([photoA, photoB])
  })

  it('shows a passed photo to those who see the need; a flagged one stays hidden and joins the waiting list', async () => {
    const { needId, accepted, photoA } = await aNeedWithAPassedAndAFlaggedPhoto()
    expect(shown((await detailAs(accepted.lead, needId)).photos)).toEqual([photoA])
    const asRequester = await detailAs(who.resident, needId)
    expect(shown(asRequester.photos)).toEqual([photoA])
    // To the requester it is still being checked: the committee has not decided.
    expect(asRequester.photoStates).toEqual([{ state: 'pending', stateLabel: '审核中' }])
    expect((await detailAs(who.committeeUrban, needId)).photoStates!.map((p) => p.state)).toEqual(['passed', 'flagged'])

    expect(await flaggedPhotosOf(needId)).toEqual([
      expect.objectContaining({ kindLabel: '照片被标记', title: '求助照片', detail: '生活照料', page: committeeNeedPath(needId) }),
    ])
  })

  it('takes a repeated verdict once: the first stands', async () => {
    const { needId, accepted, photoA } = await aNeedWithAPassedAndAFlaggedPhoto()
    await ok(pushMediaVerdict(await traceOf(photoA), 'risky'))
    expect(shown((await detailAs(accepted.lead, needId)).photos)).toEqual([photoA])
  })

  it('shows a flagged photo once the committee lets it, and it leaves the waiting list', async () => {
    const { needId, accepted, photoA, photoB } = await aNeedWithAPassedAndAFlaggedPhoto()
    expect(await flaggedPhotosOf(needId)).toHaveLength(1)
    await ok(callCommunity(who.committeeUrban, 'restore', { content: { kind: 'needPhoto', needId, fileId: photoB } }))
    expect(shown((await detailAs(accepted.lead, needId)).photos)).toEqual([photoA, photoB])
    expect(await flaggedPhotosOf(needId)).toEqual([])
  })

  it('takes a photo down: hidden from the organisation, the reason shown to the requester', async () => {
    const { needId, accepted, photoA, photoB } = await aNeedWithAPassedAndAFlaggedPhoto()
    await ok(callCommunity(who.committeeUrban, 'restore', { content: { kind: 'needPhoto', needId, fileId: photoB } }))
    await ok(
      callCommunity(who.committeeUrban, 'takeDown', { content: { kind: 'needPhoto', needId, fileId: photoA }, reason: '照片含有他人住址' }),
    )
    expect(shown((await detailAs(accepted.lead, needId)).photos)).toEqual([photoB])
    expect((await detailAs(who.resident, needId)).photoStates).toEqual([
      { state: 'takenDown', stateLabel: '已被社区下架：照片含有他人住址', reason: '照片含有他人住址' },
    ])
  })

  it('checks an activity’s photos too: residents see none before the verdict', async () => {
    const photoA = aPhoto()
    const { activity } = await ok(
      callActivities(who.organisationLead, 'publish', { ...publishInputFor(organisation._id), photos: [photoA] }),
    )
    const photo = (await photoDocs()).find((p) => p.owner.kind === 'activity' && p.owner.id === activity.id)!
    expect(photo).toMatchObject({ fileId: photoA, check: 'pending', authorOpenid: who.organisationLead })
    expect((await ok(callActivities(who.resident, 'detail', { activityId: activity.id }))).activity).toMatchObject({ photos: [] })
    await ok(pushMediaVerdict(photo.traceId!, 'pass'))
    const { activity: seen } = await ok(callActivities(who.resident, 'detail', { activityId: activity.id }))
    expect(shown(seen.photos)).toEqual([photoA])
    expect(shown([seen.coverPhoto!])).toEqual([photoA])
  })
})

describe('photo links: made per request for those who may see, and short-lived (decision 035)', () => {
  freshDatabasePerGroup(keepStorageDir, EVERYONE_CONSENTED)

  /** 杨丽's need with one photo WeChat passed, accepted by the first organisation offered it. */
  async function anAcceptedNeedWithAPassedPhoto() {
    const photoA = aPhoto()
    const { need } = await raiseWithPhotos([photoA])
    const accepted = await acceptFirstOffer(need.id)
    await ok(pushMediaVerdict(await traceOf(photoA), 'pass'))
    return { needId: need.id, accepted, photoA }
  }
  const served = (link: { url: string }, at: Date) => servedLink(storageDir, link.url, at).status

  it('lasts ten minutes on the one clock; the next look makes a fresh one', async () => {
    const { needId, accepted, photoA } = await anAcceptedNeedWithAPassedPhoto()
    const before = testClock.now().getTime()
    const [link] = (await detailAs(accepted.lead, needId)).photos!
    const expiresAt = Date.parse(link.expiresAt)
    expect(expiresAt - before).toBeGreaterThanOrEqual(PHOTO_LINK_SECONDS * 1000)
    expect(expiresAt - testClock.now().getTime()).toBeLessThanOrEqual(PHOTO_LINK_SECONDS * 1000)
    expect(served(link, new Date(expiresAt - 1000))).toBe(200)
    expect(served(link, new Date(expiresAt))).toBe(403)

    testClock.advance(PHOTO_LINK_SECONDS * 1000)
    expect(served(link, testClock.now())).toBe(403)
    const [fresh] = (await detailAs(accepted.lead, needId)).photos!
    expect(fresh.url).not.toBe(link.url)
    expect(shown([fresh])).toEqual([photoA])
  })

  it('gives nobody but the committee a fresh link to a photo taken down', async () => {
    const { needId, accepted, photoA } = await anAcceptedNeedWithAPassedPhoto()
    const [asRequester] = (await detailAs(who.resident, needId)).photos!
    const [asLead] = (await detailAs(accepted.lead, needId)).photos!
    await ok(
      callCommunity(who.committeeUrban, 'takeDown', { content: { kind: 'needPhoto', needId, fileId: photoA }, reason: '照片含有他人住址' }),
    )

    expect((await detailAs(accepted.lead, needId)).photos).toEqual([])
    const requesterView = await detailAs(who.resident, needId)
    expect(requesterView.photos).toEqual([])
    expect(requesterView.photoStates).toEqual([
      { state: 'takenDown', stateLabel: '已被社区下架：照片含有他人住址', reason: '照片含有他人住址' },
    ])
    testClock.advance(PHOTO_LINK_SECONDS * 1000)
    for (const link of [asRequester, asLead]) expect(served(link, testClock.now())).toBe(403)
    // The committee still sees it, to restore it or not.
    const [state] = (await detailAs(who.committeeUrban, needId)).photoStates!
    expect(state).toMatchObject({ fileId: photoA, state: 'takenDown' })
    expect(shown([state.photo!])).toEqual([photoA])
  })

  it('gives an activity’s cover and photos to residents only once passed, and none once taken down', async () => {
    const photoA = aPhoto()
    const { activity } = await ok(
      callActivities(who.organisationLead, 'publish', { ...publishInputFor(organisation._id), photos: [photoA] }),
    )
    const asResident = async () => (await ok(callActivities(who.resident, 'detail', { activityId: activity.id }))).activity
    expect(await asResident()).not.toHaveProperty('coverPhoto')
    const asCommittee = (await ok(callActivities(who.committeeUrban, 'detail', { activityId: activity.id }))).activity
    expect(shown(asCommittee.photos)).toEqual([photoA])
    const photo = (await photoDocs()).find((p) => p.owner.kind === 'activity' && p.owner.id === activity.id)!
    await ok(pushMediaVerdict(photo.traceId!, 'pass'))
    expect(shown([(await asResident()).coverPhoto!])).toEqual([photoA])
    await ok(
      callCommunity(who.committeeUrban, 'takeDown', {
        content: { kind: 'activityPhoto', activityId: activity.id, fileId: photoA },
        reason: '有人脸',
      }),
    )
    const after = await asResident()
    expect(after.photos).toEqual([])
    expect(after).not.toHaveProperty('coverPhoto')
  })

  it('leaves out a photo whose file is no longer in storage, as getTempFileURL answers no link for it', async () => {
    const { needId, accepted, photoA } = await anAcceptedNeedWithAPassedPhoto()
    rmSync(join(storageDir, photoA.slice(LOCAL_FILE_ID.length)))
    expect((await detailAs(accepted.lead, needId)).photos).toEqual([])
    expect((await detailAs(who.committeeUrban, needId)).photoStates).toEqual([{ fileId: photoA, state: 'passed', stateLabel: '已通过' }])
  })

  // Last: the organisation's lead changes for the rest of the group.
  it('gives a lead who left the organisation no fresh link, and the last one expires', async () => {
    const { needId, accepted } = await anAcceptedNeedWithAPassedPhoto()
    const [link] = (await detailAs(accepted.lead, needId)).photos!
    const { organisationId } = accepted
    const { members } = await ok(callOrganisations(accepted.lead, 'members', { organisationId }))
    const successor = members.find((m) => m.role === 'volunteer')!
    const leaving = members.find((m) => m.role === 'organisation_lead')!
    await ok(callOrganisations(accepted.lead, 'handOverLead', { organisationId, memberId: successor.memberId }))
    const newLead = demoDataSet.roles.find((r) => r._id === successor.memberId)?.openid
    await ok(callOrganisations(newLead!, 'removeMember', { organisationId, memberId: leaving.memberId }))

    expect(await failure(callNeeds(accepted.lead, 'detail', { needId }))).toEqual({ code: 'NOT_FOUND' })
    // What they already held works only until it expires, as on CloudBase (decision 035).
    testClock.advance(PHOTO_LINK_SECONDS * 1000)
    expect(served(link, testClock.now())).toBe(403)
    // The organisation's new lead carries on, and sees it.
    expect((await detailAs(newLead!, needId)).photos).toHaveLength(1)
  })
})

describe('the verdict is taken from WeChat’s message push only', () => {
  freshDatabasePerGroup(keepStorageDir, EVERYONE_CONSENTED)

  it('refuses a person sending the push’s event or calling the action, and changes nothing', async () => {
    const photoA = aPhoto()
    const { need } = await raiseWithPhotos([photoA])
    const traceId = await traceOf(photoA)
    const before = await snapshotDatabase()
    const community = functionMains.community
    const forged = [
      community(mediaCheckPush(traceId, 'pass'), platformContext('community', who.resident)),
      community(mediaCheckPush(traceId, 'pass'), platformContext('community', null)),
      community({ action: 'mediaVerdict', data: { traceId, suggest: 'pass' } }, platformContext('community', who.committeeUrban)),
      // A mini-program's call through another of our functions still starts with wx_client.
      community(mediaCheckPush(traceId, 'pass'), platformContext('community', who.resident, 'wx_client,scf')),
    ]
    for (const answer of forged) expect(await answer).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(await snapshotDatabase()).toEqual(before)
    expect((await detailAs(who.committeeUrban, need.id)).photoStates!.map((p) => p.state)).toEqual(['pending'])
  })

  it('answers NOT_FOUND for a trace id it never gave out', async () => {
    expect(await pushMediaVerdict('no-such-trace', 'pass')).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND', field: 'data.traceId' },
    })
  })
})

describe('take-down and restore', () => {
  freshDatabasePerGroup(keepStorageDir, EVERYONE_CONSENTED)
  const activityId = 'act-qy-xiyanghong-haircut'
  /** An activity of 夕阳红 of the test's own, published by its lead: a take-down of it is the test's alone. */
  const anActivity = async () => (await ok(callActivities(who.organisationLead, 'publish', publishInputFor(organisation._id)))).activity.id
  const browseIds = async (openid: string) =>
    (await ok(callActivities(openid, 'browse', { near: urban.centre.coordinates }))).activities.map((a) => a.id)

  it('refuses another community’s committee, and writes nothing', async () => {
    const before = await snapshotDatabase()
    for (const content of [
      { kind: 'activity' as const, activityId },
      { kind: 'organisation' as const, organisationId: organisation._id },
    ]) {
      expect(await failure(callCommunity(who.committeeRural, 'takeDown', { content, reason: '不实' }))).toEqual({ code: 'FORBIDDEN' })
    }
    expect(
      await failure(callCommunity(who.organisationLead, 'takeDown', { content: { kind: 'activity', activityId }, reason: '不实' })),
    ).toEqual({ code: 'FORBIDDEN' })
    expect(await snapshotDatabase()).toEqual(before)
  })

  it('takes an activity down: residents no longer find it, its organisation reads why, audited, the lead told', async () => {
    const activityId = await anActivity()
    expect(await browseIds(who.resident)).toContain(activityId)
    const before = await outbox()
    const { takenDown } = await ok(
      callCommunity(who.committeeUrban, 'takeDown', { content: { kind: 'activity', activityId }, reason: '活动内容与备案不符' }),
    )
    expect(takenDown.reason).toBe('活动内容与备案不符')
    expect(await browseIds(who.resident)).not.toContain(activityId)
    expect(await failure(callActivities(who.resident, 'detail', { activityId }))).toMatchObject({ code: 'NOT_FOUND' })
    expect(await failure(callActivities(who.resident, 'signUp', { activityId, role: 'participant' }))).toMatchObject({ code: 'NOT_FOUND' })
    expect((await ok(callActivities(who.organisationLead, 'detail', { activityId }))).activity.takenDown).toMatchObject({
      reason: '活动内容与备案不符',
    })
    expect((await ok(callActivities(who.committeeUrban, 'detail', { activityId }))).activity.takenDown).toMatchObject({
      reason: '活动内容与备案不符',
    })
    expect(await audit()).toContainEqual(
      expect.objectContaining({
        action: 'content.takeDown',
        actorOpenid: who.committeeUrban,
        activityId,
        targetOpenid: who.organisationLead,
        reason: '活动内容与备案不符',
      }),
    )
    expect(await sentSince(before)).toContainEqual(
      expect.objectContaining({ channel: 'subscribeMessage', template: 'contentTakenDown', toOpenid: who.organisationLead }),
    )
    expect(
      await failure(callCommunity(who.committeeUrban, 'takeDown', { content: { kind: 'activity', activityId }, reason: '再来一次' })),
    ).toEqual({ code: 'CONFLICT' })
  })

  it('restores a taken-down activity: residents see it again, audited', async () => {
    const activityId = await anActivity()
    await ok(callCommunity(who.committeeUrban, 'takeDown', { content: { kind: 'activity', activityId }, reason: '活动内容与备案不符' }))
    expect(await browseIds(who.resident)).not.toContain(activityId)
    await ok(callCommunity(who.committeeUrban, 'restore', { content: { kind: 'activity', activityId } }))
    expect(await browseIds(who.resident)).toContain(activityId)
    expect((await ok(callActivities(who.resident, 'detail', { activityId }))).activity.takenDown).toBeUndefined()
    expect(await audit()).toContainEqual(expect.objectContaining({ action: 'content.restore', activityId }))
    expect(await failure(callCommunity(who.committeeUrban, 'restore', { content: { kind: 'activity', activityId } }))).toEqual({
      code: 'CONFLICT',
    })
  })

  it('takes a need down: out of every organisation’s sight, the requester reads why; restored, it is offered again', async () => {
    const { need } = await raiseWithPhotos([])
    const { offers } = await ok(callNeeds(who.committeeUrban, 'matchDetails', { needId: need.id }))
    const offeredLead = demoDataSet.organisations.find((o) => o._id === offers[0].organisationId)!.leadOpenid
    const before = await outbox()
    await ok(callCommunity(who.committeeUrban, 'takeDown', { content: { kind: 'need', needId: need.id }, reason: '含有他人隐私' }))
    expect(await failure(callNeeds(offeredLead, 'detail', { needId: need.id }))).toMatchObject({ code: 'NOT_FOUND' })
    const { offers: inbox } = await ok(callNeeds(offeredLead, 'offers', { organisationId: offers[0].organisationId }))
    expect(inbox.map((o) => o.need.id)).not.toContain(need.id)
    expect((await detailAs(who.resident, need.id)).takenDown).toMatchObject({ reason: '含有他人隐私' })
    expect(await sentSince(before)).toContainEqual(expect.objectContaining({ template: 'contentTakenDown', toOpenid: who.resident }))

    await ok(callCommunity(who.committeeUrban, 'restore', { content: { kind: 'need', needId: need.id } }))
    expect((await detailAs(who.resident, need.id)).takenDown).toBeUndefined()
    const again = await ok(callNeeds(who.committeeUrban, 'matchDetails', { needId: need.id }))
    expect(again.offers.filter((o) => o.status === 'open').length).toBeGreaterThan(0)
  })

  it('keeps a taken-down need from its organisations: an offer id kept does not accept it, an accepted one cannot be worked on', async () => {
    const { need: offered } = await raiseWithPhotos([])
    const { offers } = await ok(callNeeds(who.committeeUrban, 'matchDetails', { needId: offered.id }))
    const { organisationId } = offers[0]
    const offeredLead = demoDataSet.organisations.find((o) => o._id === organisationId)!.leadOpenid
    const offer = (await ok(callNeeds(offeredLead, 'offers', { organisationId }))).offers.find((o) => o.need.id === offered.id)!
    await ok(callCommunity(who.committeeUrban, 'takeDown', { content: { kind: 'need', needId: offered.id }, reason: '含有他人隐私' }))
    const beforeAccept = await snapshotDatabase()
    expect(await failure(callNeeds(offeredLead, 'accept', { organisationId, offerId: offer.offerId }))).toMatchObject({ code: 'NOT_FOUND' })
    expect(await snapshotDatabase()).toEqual(beforeAccept)

    const { need: accepted } = await raiseWithPhotos([])
    const { lead, organisationId: acceptedBy } = await acceptFirstOffer(accepted.id)
    await ok(callCommunity(who.committeeUrban, 'takeDown', { content: { kind: 'need', needId: accepted.id }, reason: '含有他人隐私' }))
    const before = await snapshotDatabase()
    const task = { organisationId: acceptedBy, needId: accepted.id }
    expect(await failure(callNeeds(lead, 'postProgress', { ...task, text: '已经到门口了' }))).toMatchObject({ code: 'NOT_FOUND' })
    expect(await failure(callNeeds(lead, 'markDone', { ...task, summary: '已修好水管', service: [] }))).toMatchObject({ code: 'NOT_FOUND' })
    expect(await snapshotDatabase()).toEqual(before)
  })

  it('takes an organisation’s profile text down: others read none of it, its lead reads it and why', async () => {
    const content = { kind: 'organisation' as const, organisationId: organisation._id }
    await ok(callCommunity(who.committeeUrban, 'takeDown', { content, reason: '介绍夸大服务范围' }))
    const asResident = (await ok(callOrganisations(who.resident, 'profile', { organisationId: organisation._id }))).organisation
    expect(asResident).toMatchObject({ description: '', charterSummary: '' })
    expect(asResident.takenDown).toBeUndefined()
    const asLead = (await ok(callOrganisations(who.organisationLead, 'profile', { organisationId: organisation._id }))).organisation
    expect(asLead).toMatchObject({
      description: organisation.description,
      charterSummary: organisation.charterSummary,
      takenDown: { reason: '介绍夸大服务范围' },
    })
    await ok(callCommunity(who.committeeUrban, 'restore', { content }))
    expect((await ok(callOrganisations(who.resident, 'profile', { organisationId: organisation._id }))).organisation.description).toBe(
      organisation.description,
    )
  })

  it('takes a comment down: gone for others, shown to its writer with why', async () => {
    const finished = 'act-qy-lvguanjia-sorting'
    const writer = 'demo-song-guiying'
    const commentId = signUpDocId(finished, writer)
    await ok(callCommunity(who.committeeUrban, 'takeDown', { content: { kind: 'comment', commentId }, reason: '涉及他人隐私' }))
    expect((await ok(callActivities(who.resident, 'detail', { activityId: finished }))).activity.comments).toEqual([])
    expect((await ok(callActivities(writer, 'detail', { activityId: finished }))).activity.comments).toEqual([
      expect.objectContaining({ id: commentId, takenDown: expect.objectContaining({ reason: '涉及他人隐私' }) }),
    ])
    expect(await audit()).toContainEqual(
      expect.objectContaining({ action: 'content.takeDown', targetOpenid: writer, activityId: finished }),
    )
  })

  it('names the field of content that does not exist, and writes nothing', async () => {
    const before = await snapshotDatabase()
    expect(
      await failure(callCommunity(who.committeeUrban, 'takeDown', { content: { kind: 'need', needId: 'no-such-need' }, reason: '不实' })),
    ).toEqual({
      code: 'NOT_FOUND',
      field: 'data.content.needId',
    })
    expect(await snapshotDatabase()).toEqual(before)
  })
})
