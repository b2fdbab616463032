/**
 * 注销: the writes that take a person out of every collection (docs/decisions/028). Each step is
 * safe to run again, so a close that failed half-way is finished by the next try, under the same
 * anonymous id. Every collection that can hold something of a person is named here; the test that
 * scans every collection afterwards (tests/functions/my-data.test.ts) fails when a new one is not.
 */
import { ERASED_NAME } from '../../shared/domain/person'
import { OPEN_NEED_STATUSES } from '../../shared/domain/need'
import { database, readAll } from './cloudbase'
import type { CollectionName } from './collections'
import type {
  AccountDoc,
  ActivityDoc,
  ActivityRatingDoc,
  AuditDoc,
  CareEntryDoc,
  EntryDoc,
  GeoPoint,
  NeedDoc,
  NeedEvent,
  PhotoDoc,
} from './documents'
import { removeFiles } from './files'
import { geoPoint } from './geo'
import { inTransaction, unset, whole } from './transaction'

/** Who is erased, and what of theirs may stand in free text others wrote about them. */
export interface Erasure {
  openid: string
  anonId: string
  personId: string
  name: string
  phone?: string
  addressDetail?: string
  /** Where a kept record's place goes instead of their home: their community's centre. */
  centre: GeoPoint | null
  /** When: a need moved to the centre is a changed need, for the figures' rollups (decision 040). */
  at: Date
  /** The id of a person's account in a community: the ledger's derived id. */
  accountIdOf(communityId: string, openid: string): string
}

/** What a description or a note that was theirs says once they are gone. */
export const ERASED_TEXT = '（内容已随账号注销删除）'

const collection = (name: CollectionName) => database().collection(name)
const _ = () => database().command

/** Every document matching `filter` gets `patch` (CloudBase updates all matches of a `where`). */
async function updateWhere(name: CollectionName, filter: object, patch: object): Promise<void> {
  await collection(name).where(filter).update(patch)
}

async function removeWhere(name: CollectionName, filter: object): Promise<void> {
  await collection(name).where(filter).remove()
}

const all = <T>(name: CollectionName, filter: object) => readAll<T>(collection(name).where(filter))

/** Their name, phone and address replaced in text others wrote (a timeline line, a summary, a note). */
function scrubber(e: Erasure): (text: string) => string {
  const words = [e.name, e.phone, e.addressDetail].filter((w): w is string => !!w && w.length > 0)
  return (text) => words.reduce((t, w) => t.split(w).join(ERASED_NAME), text)
}

/** Marks the person as being erased under `anonId`: the first step, so a retry finds the same id. */
export async function markErasing(personId: string, anonId: string, at: Date): Promise<void> {
  await collection('people').doc(personId).update({ erasing: { anonId, at } })
}

/** Ends every role the person holds and forgets their volunteer profile, their requests to join and their wrong codes. */
async function endRoles(e: Erasure): Promise<void> {
  await removeWhere('roles', { openid: e.openid })
  await removeWhere('volunteers', { openid: e.openid })
  await updateWhere('roles', { grantedBy: e.openid }, { grantedBy: e.anonId })
  await removeWhere('join_requests', { openid: e.openid })
  await updateWhere('join_requests', { decidedBy: e.openid }, { decidedBy: e.anonId })
  await removeWhere('code_attempts', { openid: e.openid })
  await updateWhere('invitations', { createdBy: e.openid }, { createdBy: e.anonId })
  await updateWhere('invitations', { usedBy: e.openid }, { usedBy: e.anonId })
  // Only a rejected application can be left by now: the contact phone it gave was theirs.
  await updateWhere('organisations', { leadOpenid: e.openid }, { leadOpenid: e.anonId, contactPhone: '' })
  await updateWhere('organisations', { 'decision.byOpenid': e.openid }, { 'decision.byOpenid': e.anonId })
}

/** Decisions the person took as committee member or lead stay, under the anonymous id. */
async function anonymiseDecisions(e: Erasure): Promise<void> {
  for (const name of ['needs', 'activities', 'activity_ratings', 'organisations', 'photos', 'topic_comments'] as const) {
    await updateWhere(name, { 'takenDown.byOpenid': e.openid }, { 'takenDown.byOpenid': e.anonId })
  }
  for (const path of ['decision.byOpenid', 'cancelled.byOpenid'])
    await updateWhere('activities', { [path]: e.openid }, { [path]: e.anonId })
  await updateWhere('activities', { publishedByOpenid: e.openid }, { publishedByOpenid: e.anonId })
  await updateWhere('offers', { answeredBy: e.openid }, { answeredBy: e.anonId })
  await updateWhere('service_records', { confirmedByOpenid: e.openid }, { confirmedByOpenid: e.anonId })
  await updateWhere('timebank_redemptions', { handedOverBy: e.openid }, { handedOverBy: e.anonId })
  await updateWhere('timebank_held', { reviewedBy: e.openid }, { reviewedBy: e.anonId })
  for (const part of ['consent', 'withdrawal']) {
    await updateWhere(
      'care_register',
      { [`${part}.recordedByOpenid`]: e.openid },
      { [`${part}.recordedByOpenid`]: e.anonId, [`${part}.recordedByName`]: ERASED_NAME },
    )
  }
}

/** The log keeps every entry (what was done, when, where) with the person's name gone (docs/decisions/028). */
async function anonymiseAudit(e: Erasure, careEntryIds: string[]): Promise<void> {
  await updateWhere('audit_log', { actorOpenid: e.openid }, { actorOpenid: e.anonId, actorName: ERASED_NAME })
  await updateWhere('audit_log', { targetOpenid: e.openid }, { targetOpenid: e.anonId, targetName: ERASED_NAME })
  if (careEntryIds.length) await updateWhere('audit_log', { entryId: _().in(careEntryIds) }, { targetName: ERASED_NAME })
  for (const entry of await all<AuditDoc>('audit_log', { seenOpenids: e.openid })) {
    await collection('audit_log')
      .doc(entry._id)
      .update({ seenOpenids: (entry.seenOpenids ?? []).map((o) => (o === e.openid ? e.anonId : o)) })
  }
}

/** A timeline line by the person as anyone else's: by nobody named. */
function anonymisedEvent(e: Erasure, event: NeedEvent): NeedEvent {
  return event.actorOpenid === e.openid ? { ...event, actorOpenid: e.anonId, actorName: ERASED_NAME } : event
}

/**
 * Their needs stay for the community's figures (kind, urgency, 小区, times, outcome), with who, how
 * to reach them, where exactly and what they wrote gone; the photos go with the person's other photos.
 */
async function anonymiseNeeds(e: Erasure): Promise<void> {
  const scrub = scrubber(e)
  const mine = await all<NeedDoc>('needs', { requesterOpenid: e.openid })
  for (const need of mine) {
    await collection('needs')
      .doc(need._id)
      .update({
        requesterOpenid: e.anonId,
        requesterName: ERASED_NAME,
        contactPhone: '',
        addressDetail: '',
        description: ERASED_TEXT,
        photos: [],
        ...(e.centre ? { location: geoPoint(e.centre.coordinates) } : {}),
        ...(need.forNeighbour ? { forNeighbour: unset() } : {}),
        ...(need.outcome?.comment ? { 'outcome.comment': unset() } : {}),
        ...(need.doneSummary ? { doneSummary: scrub(need.doneSummary) } : {}),
        timeline: whole(need.timeline.map((event) => anonymisedEvent(e, { ...event, text: scrub(event.text) }))),
        updatedAt: e.at,
      })
  }
  // Their own lines of others' timelines.
  const theirs = new Set(mine.map((n) => n._id))
  for (const need of await all<NeedDoc>('needs', { 'timeline.actorOpenid': e.openid })) {
    if (theirs.has(need._id)) continue
    await collection('needs')
      .doc(need._id)
      .update({ timeline: whole(need.timeline.map((event) => anonymisedEvent(e, event))) })
  }
  // Needs they helped with as a volunteer: off the open ones, anonymous on the rest.
  for (const need of await all<NeedDoc>('needs', { 'volunteers.openid': e.openid })) {
    const open = (OPEN_NEED_STATUSES as readonly string[]).includes(need.status)
    const volunteers = open
      ? need.volunteers.filter((v) => v.openid !== e.openid)
      : need.volunteers.map((v) => (v.openid === e.openid ? { ...v, openid: e.anonId, name: ERASED_NAME } : v))
    const service = (need.service ?? []).map((s) => (s.openid === e.openid ? { ...s, openid: e.anonId, name: ERASED_NAME } : s))
    await collection('needs')
      .doc(need._id)
      .update({ volunteers: whole(volunteers), ...(need.service ? { service: whole(service) } : {}) })
  }
}

/** Sign-ups and ratings stay for the activities' counts and stars; a rating's words go. */
async function anonymiseActivities(e: Erasure): Promise<void> {
  const signUps = await all<{ activityId: string }>('activity_sign_ups', { openid: e.openid })
  for (const activityId of new Set(signUps.map((s) => s.activityId))) {
    const activity = (await collection('activities').doc(activityId).get()).data[0] as ActivityDoc | undefined
    if (!activity) continue
    const rename = (list: ActivityDoc['places']['participant']['confirmed']) =>
      list.map((p) => (p.openid === e.openid ? { ...p, openid: e.anonId } : p))
    const places = Object.fromEntries(
      Object.entries(activity.places).map(([role, p]) => [role, { confirmed: rename(p.confirmed), waitlisted: rename(p.waitlisted) }]),
    )
    await collection('activities')
      .doc(activityId)
      .update({ places: whole(places) })
  }
  await updateWhere('activity_sign_ups', { openid: e.openid }, { openid: e.anonId })
  for (const rating of await all<ActivityRatingDoc>('activity_ratings', { openid: e.openid })) {
    await collection('activity_ratings')
      .doc(rating._id)
      .update({ openid: e.anonId, shownName: ERASED_NAME, ...(rating.comment ? { comment: unset() } : {}) })
  }
}

/**
 * 议事协商 (decision 050): 附议 and comments stay for the counts and the thread, anonymous, a comment's
 * words gone; topics they proposed or decided stay under the anonymous id. Votes name no one already.
 */
async function anonymiseDeliberation(e: Erasure): Promise<void> {
  await updateWhere('topic_supports', { openid: e.openid }, { openid: e.anonId })
  await updateWhere('topic_comments', { openid: e.openid }, { openid: e.anonId, shownName: ERASED_NAME, text: ERASED_TEXT })
  for (const field of ['proposedBy', 'decidedBy']) await updateWhere('topics', { [field]: e.openid }, { [field]: e.anonId })
}

/**
 * Their own care entry: consent already withdrawn (the register keeps that record), and who, how to
 * reach them or their emergency contact, and what they need gone; the visits' notes too. Entries
 * they were paired with lose them; visits they made stay, anonymous.
 */
async function anonymiseCare(e: Erasure, entries: CareEntryDoc[]): Promise<void> {
  for (const entry of entries) {
    await collection('care_register')
      .doc(entry._id)
      .update({
        name: ERASED_NAME,
        addressDetail: '',
        careNeeds: '',
        emergencyContact: whole({ name: '', relation: '', phone: '' }),
        residentId: unset(),
        ...(entry.phone ? { phone: unset() } : {}),
        ...(e.centre ? { location: geoPoint(e.centre.coordinates) } : {}),
        ...(entry.consent.giver === 'self' ? { 'consent.giverName': ERASED_NAME } : {}),
      })
    await updateWhere('care_visits', { entryId: entry._id, notes: _().exists(true) }, { notes: unset() })
  }
  for (const entry of await all<CareEntryDoc>('care_register', { pairedOpenids: e.openid })) {
    await collection('care_register')
      .doc(entry._id)
      .update({
        pairing: whole({ ...entry.pairing, volunteers: entry.pairing.volunteers.filter((v) => v.openid !== e.openid) }),
        pairedOpenids: entry.pairedOpenids.filter((o) => o !== e.openid),
      })
  }
  await updateWhere('care_visits', { visitorOpenid: e.openid }, { visitorOpenid: e.anonId, visitorName: ERASED_NAME })
}

/**
 * Each of their time-bank accounts moves, whole, to the anonymous id's, and every entry that touched
 * it with it, in one transaction: the community's accounts still sum to zero and each balance is
 * still the sum of its entries. Entries of gifts to them lose the name the giver typed.
 */
async function anonymiseLedger(e: Erasure, receivedGiftIds: string[]): Promise<void> {
  const scrub = scrubber(e)
  for (const account of await all<AccountDoc>('timebank_accounts', { openid: e.openid })) {
    const newId = e.accountIdOf(account.communityId, e.anonId)
    const entries = await all<EntryDoc>('timebank_entries', _().or([{ from: account._id }, { to: account._id }]))
    await inTransaction(async (tx) => {
      const current = await tx.get('timebank_accounts', account._id)
      if (!current) return
      const { _id: _old, ...fields } = current
      await tx.add('timebank_accounts', { ...fields, _id: newId, openid: e.anonId })
      for (const entry of entries) {
        await tx.update('timebank_entries', entry._id, {
          from: entry.from === account._id ? newId : entry.from,
          to: entry.to === account._id ? newId : entry.to,
          people: entry.people.map((o) => (o === e.openid ? e.anonId : o)),
          ...(entry.fromOpenid === e.openid ? { fromOpenid: e.anonId } : {}),
          ...(entry.toOpenid === e.openid ? { toOpenid: e.anonId } : {}),
          ...(entry.byOpenid === e.openid ? { byOpenid: e.anonId } : {}),
          ...(entry.note ? { note: scrub(entry.note) } : {}),
        })
      }
      await tx.remove('timebank_accounts', account._id)
    })
  }
  await updateWhere('timebank_entries', { byOpenid: e.openid }, { byOpenid: e.anonId })
  await updateWhere('timebank_entries', { 'gift.giverOpenid': e.openid }, { 'gift.giverOpenid': e.anonId })
  if (receivedGiftIds.length) {
    await updateWhere('timebank_entries', { 'gift.id': _().in(receivedGiftIds) }, { 'gift.toName': ERASED_NAME })
  }
}

/** Everything else of theirs in the time bank: kept for the books under the anonymous id, or, if only counting them, gone. */
async function anonymiseTimebank(e: Erasure): Promise<void> {
  await updateWhere('service_records', { openid: e.openid }, { openid: e.anonId, updatedAt: e.at })
  await updateWhere('timebank_held', { openid: e.openid }, { openid: e.anonId })
  await updateWhere('timebank_redemptions', { openid: e.openid }, { openid: e.anonId })
  await updateWhere('timebank_gifts', { giverOpenid: e.openid }, { giverOpenid: e.anonId })
  // A gift still waiting for them now waits for nobody: it returns to its giver when it expires.
  await updateWhere('timebank_gifts', { toOpenid: e.openid }, { toOpenid: unset(), toName: ERASED_NAME, toPhoneMasked: '' })
  await updateWhere(
    'timebank_certificates',
    { openid: e.openid },
    { openid: e.anonId, holder: whole({ name: ERASED_NAME, maskedPhone: '' }) },
  )
  await removeWhere('timebank_daily', { openid: e.openid })
  await removeWhere('timebank_gift_days', { openid: e.openid })
  // 实名登记 served only their certificates, which keep no name of theirs now.
  await removeWhere('volunteer_real_names', { openid: e.openid })
}

/** Their photos, files and records, and their place in the needs and activities they were attached to. */
async function erasePhotos(e: Erasure): Promise<void> {
  const photos = await all<PhotoDoc>('photos', { authorOpenid: e.openid })
  await removeFiles(photos.map((p) => p.fileId))
  for (const photo of photos) {
    const owner = photo.owner.kind === 'need' ? 'needs' : 'activities'
    const doc = (await collection(owner).doc(photo.owner.id).get()).data[0] as { photos: string[] } | undefined
    if (doc?.photos.includes(photo.fileId)) {
      await collection(owner)
        .doc(photo.owner.id)
        .update({ photos: doc.photos.filter((f) => f !== photo.fileId) })
    }
    await collection('photos').doc(photo._id).remove()
  }
}

/**
 * Takes the person out of every collection; the person record itself goes last, so a failed run
 * leaves them marked as being erased and the next try picks up from there.
 */
export async function eraseEverywhere(e: Erasure, careEntries: CareEntryDoc[], receivedGiftIds: string[]): Promise<void> {
  await erasePhotos(e)
  await anonymiseTimebank(e)
  await anonymiseLedger(e, receivedGiftIds)
  await anonymiseNeeds(e)
  await anonymiseActivities(e)
  await anonymiseDeliberation(e)
  await anonymiseCare(e, careEntries)
  await anonymiseDecisions(e)
  await anonymiseAudit(
    e,
    careEntries.map((c) => c._id),
  )
  await endRoles(e)
  await collection('people').doc(e.personId).remove()
}
