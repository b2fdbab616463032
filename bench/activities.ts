/**
 * Figures for issue 5: database round trips per user action on the demo data, and a crowd of
 * residents signing up at once for the last places of one activity.
 */
import { main as activities } from '../cloudfunctions/activities/main'
import { demoIdentities as who } from '../local/seed/demo-data'
import type { Standin } from '../local/standin'
import type { ActivityDetail } from '../shared/contracts/activities'
import type { ActivitySignUpDoc, PersonDoc } from '../server/data/documents'
import type { ManualClock } from '../local/clock'
import { now } from '../server/clock'
import { insertAll } from '../server/data/maintenance'
import { runStep } from '../server/scheduler/run'
import { creditLeftPending } from '../server/timebank/due-work'
import { LATENCY_MS, sampleActions } from './action-figures'
import { callOf } from './needs'

const call = callOf(activities, 'activities')
const organisationId = 'org-qy-xiyanghong'
const minutesFromNow = (minutes: number) => new Date(now().getTime() + minutes * 60_000).toISOString()

const publish = (participantPlaces: number, volunteerPlaces = 1) =>
  call<{ activity: ActivityDetail }>(who.organisationLead, 'publish', {
    organisationId,
    title: '楼道清扫',
    kind: 'volunteering',
    description: '一起打扫楼道。',
    address: '沁园小区 3 号楼下',
    startAt: minutesFromNow(30),
    endAt: minutesFromNow(150),
    signUpDeadline: minutesFromNow(20),
    participantPlaces,
    volunteerPlaces,
    volunteerMinutes: 120,
  })

/** One activity from publishing to the roster, each step one sample of its action. */
async function actions(standin: Standin, trips: () => number) {
  await sampleActions(standin, trips, 'Activities', async (figures) => {
    const { activity } = await figures.of('activities.publish', () => publish(1))
    const activityId = activity.id
    await figures.of('activities.browse (near home)', () => call(who.resident, 'browse', {}))
    await figures.of('activities.detail', () => call(who.resident, 'detail', { activityId }))
    await figures.of('activities.signUp (a place)', () => call(who.resident, 'signUp', { activityId, role: 'participant' }))
    await figures.of('activities.signUp (the waitlist)', () => call(who.elderResident, 'signUp', { activityId, role: 'participant' }))
    await figures.of('activities.cancelSignUp (one promoted, told)', () =>
      call(who.resident, 'cancelSignUp', { activityId, role: 'participant' }),
    )
    await figures.of('activities.mine', () => call(who.elderResident, 'mine', {}))
    await call(who.volunteer, 'signUp', { activityId, role: 'volunteer' })
    const code = await figures.of('activities.checkInCode', () =>
      call<{ qrPayload: string }>(who.organisationLead, 'checkInCode', { organisationId, activityId, purpose: 'check_in' }),
    )
    await figures.of('activities.checkIn (QR)', () =>
      call(who.volunteer, 'checkIn', { activityId, purpose: 'check_in', qrPayload: code.qrPayload }),
    )
    await figures.of('activities.roster', () => call(who.organisationLead, 'roster', { organisationId, activityId }))
  })
}

async function crowd(trips: () => number) {
  console.log('\nActivities: a crowd signing up at once for the last 5 places (each a conditional update of the activity)')
  for (const size of [25, 50]) {
    const people: PersonDoc[] = Array.from({ length: size }, (_, i) => ({
      _id: `p-bench-${size}-${i}`,
      openid: `bench-${size}-${i}`,
      name: `居民${i}`,
      communityId: 'c-zd-qinyuan',
      preferences: { elderMode: 'auto' },
      createdAt: new Date(),
    }))
    await insertAll('people', people)
    const { activity } = await publish(5)
    const before = trips()
    const started = performance.now()
    const answers = await Promise.allSettled(people.map((p) => call(p.openid, 'signUp', { activityId: activity.id, role: 'participant' })))
    const refused = answers.filter((a) => a.status === 'rejected').length
    console.log(
      `${String(size).padStart(3)} at once  ${(performance.now() - started).toFixed(0).padStart(5)} ms in all  ` +
        `round trips/sign-up ${((trips() - before) / size).toFixed(1)}  answered CONFLICT (try again) ${refused}`,
    )
  }
}

/** A lead confirming the hours of a festival's volunteers at once; the due work's minute then credits them (decision 053). */
async function festival(standin: Standin, trips: () => number, clock: ManualClock) {
  console.log(`\nActivities: a lead confirming every volunteer's hours at once, at ${LATENCY_MS} ms a round trip`)
  for (const size of [1, 20]) {
    const { activity } = await publish(1, size)
    const people: PersonDoc[] = Array.from({ length: size }, (_, i) => ({
      _id: `p-festival-${activity.id}-${i}`,
      openid: `festival-${activity.id}-${i}`,
      name: `志愿者${i}`,
      communityId: 'c-zd-qinyuan',
      preferences: { elderMode: 'auto' },
      createdAt: new Date(),
    }))
    await insertAll('people', people)
    const signUps: ActivitySignUpDoc[] = people.map((p, i) => ({
      _id: `su-festival-${activity.id}-${i}`,
      activityId: activity.id,
      openid: p.openid,
      role: 'volunteer',
      status: 'confirmed',
      signedUpAt: now(),
      checkedInAt: new Date(now().getTime() + 30 * 60_000),
    }))
    await insertAll('activity_sign_ups', signUps)
    clock.advance(3 * 3600_000)
    // What the bench's needs left pending is credited first: the figures below are this festival's own.
    await runStep(creditLeftPending, now())
    const volunteers = `${size} volunteer${size === 1 ? '' : 's'}`
    const timed = async (label: string, run: () => Promise<unknown>) => {
      const before = trips()
      standin.setLatency(LATENCY_MS)
      const started = performance.now()
      await run()
      standin.setLatency(0)
      console.log(
        `${label.padEnd(44)} round trips ${String(trips() - before).padStart(3)}  ${(performance.now() - started).toFixed(0).padStart(5)} ms`,
      )
    }
    await timed(`activities.confirmHours (${volunteers})`, () =>
      call(who.organisationLead, 'confirmHours', {
        organisationId,
        activityId: activity.id,
        hours: signUps.map((s) => ({ signUpId: s._id, minutes: 90 })),
      }),
    )
    await timed(`due work crediting them (${volunteers})`, () => runStep(creditLeftPending, now()))
  }
}

export async function benchActivities(standin: Standin, trips: () => number, clock: ManualClock) {
  await actions(standin, trips)
  await crowd(trips)
  await festival(standin, trips, clock)
}
