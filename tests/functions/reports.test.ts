/**
 * The reports function against a seeded data set with known times: the figures equal those counted
 * here independently (docs/decisions/012 says how; report.ts's primitives say median and p90),
 * civil affairs gets counts only, the export reads back as an xlsx holding the same figures, and
 * the workbench lists what waits on the committee the most harmful first, then oldest first.
 */
import ExcelJS from 'exceljs'
import { demoDataSet, demoIdentities as who, demoPerson } from '../../local/seed/demo-data'
import { careDemoData } from '../../local/seed/care-demo'
import type {
  ActivityDoc,
  ActivitySignUpDoc,
  CareEntryDoc,
  CareVisitDoc,
  CommunityDoc,
  HeldCreditDoc,
  NeedDoc,
  OrganisationDoc,
  PersonDoc,
  ServiceRecordDoc,
  TopicDoc,
} from '../../server/data/documents'
import { asGeoPoint } from '../../server/data/geo'
import { allDocuments, insertAll } from '../../server/data/maintenance'
import { LISTED_SERVICE } from '../../server/reports/figures'
import { serviceFacts } from '../../server/reports/sources/service'
import type { Figures } from '../../shared/contracts/reports'
import { organisationTarget } from '../../shared/domain/community'
import { harmFirst, urgencySchema, type NeedStatus, type Outcome, type Urgency } from '../../shared/domain/need'
import { durationSummary, inPeriod, minutesBetween, periodRange, weeksOf, type ReportPeriod } from '../../shared/domain/report'
import { helpKinds, type HelpKind } from '../../shared/domain/vocabulary'
import { inShanghai } from '../../shared/domain/time'
import { freshDatabasePerGroup, testClock } from '../support/database'
import { random } from '../support/random'
import { linkedBody, servedLink } from '../support/photo'
import { callNeeds, callReports as call, callResidents, failure, ok } from './calls'

const urban = demoDataSet.communities.find((c) => c.kind === 'urban')!
const period: ReportPeriod = { from: '2026-10-01', to: '2026-10-31' }
const xuMin = demoDataSet.people.find((p) => p.openid === who.volunteer)!
const { start, end } = periodRange(period)
const shanghai = (local: string) => new Date(`${local}+08:00`)
const minutes = (from: Date, n: number) => new Date(from.getTime() + n * 60_000)

/** A second community of the same office, so the office's figures add two communities up. */
const second: CommunityDoc = {
  ...demoDataSet.communities.find((c) => c.kind === 'rural')!,
  _id: 'c-zd-test-village',
  name: '测试村',
  officeId: urban.officeId,
  centre: { type: 'Point', coordinates: [118.02, 36.79] },
}

/** Personal data every seeded need carries: none of it may appear in figures or in civil affairs' export. */
const personal = { requesterName: '测试居民甲', contactPhone: '13900001111', addressDetail: '9号楼3单元301' }

type Story =
  'matching' | 'review' | 'escalated' | 'hidden' | 'cancelled' | 'accepted' | 'done' | 'solved' | 'partly' | 'unrated' | 'reopened'
const stories: Story[] = [
  'matching',
  'review',
  'escalated',
  'hidden',
  'cancelled',
  'accepted',
  'done',
  'solved',
  'partly',
  'unrated',
  'reopened',
]

function needOf(id: string, community: CommunityDoc, createdAt: Date, story: Story, r: () => number, kinds: readonly HelpKind[]): NeedDoc {
  const pick = <T>(list: readonly T[]) => list[Math.floor(r() * list.length)]
  const [lng, lat] = community.centre.coordinates
  const acceptedAt = minutes(createdAt, 1 + Math.floor(r() * 3000))
  const doneAt = minutes(acceptedAt, 30 + Math.floor(r() * 6000))
  const judgedAt = minutes(doneAt, 10 + Math.floor(r() * 4000))
  const status: NeedStatus =
    ({ solved: 'closed', partly: 'closed', unrated: 'closed', reopened: 'matching' } as Partial<Record<Story, NeedStatus>>)[story] ??
    (story as NeedStatus)
  const outcomes: Partial<Record<Story, Outcome>> = { solved: 'solved', partly: 'partly', unrated: 'unrated', reopened: 'unsolved' }
  const outcome = outcomes[story]
  const accepted = ['accepted', 'done', 'solved', 'partly', 'unrated'].includes(story)
  return {
    _id: id,
    communityId: community._id,
    requesterOpenid: who.resident,
    ...personal,
    helpKind: pick(kinds),
    urgency: pick(urgencySchema.options),
    description: '测试用的求助。',
    location: {
      type: 'Point',
      coordinates: [Number((lng + (r() - 0.5) * 0.02).toFixed(6)), Number((lat + (r() - 0.5) * 0.02).toFixed(6))],
    },
    neighbourhood: '测试小区',
    photos: [],
    timeline: [],
    status,
    ...(story === 'review' || story === 'escalated' ? { queue: story, queuedAt: minutes(createdAt, 5) } : {}),
    round: 1,
    offeredTo: [],
    ...(accepted
      ? { acceptedBy: { organisationId: 'org-qy-xiyanghong', name: '沁园社区夕阳红助老服务队', at: acceptedAt, distanceM: 300 } }
      : {}),
    volunteers: [],
    ...((accepted && story !== 'accepted') || story === 'reopened' ? { doneAt } : {}),
    ...(outcome ? { outcome: { result: outcome, at: outcome === 'unrated' ? minutes(doneAt, 7 * 24 * 60) : judgedAt } } : {}),
    createdAt,
    updatedAt: createdAt,
  }
}

/** Needs raised from mid-September to mid-November, in every story, plus the edges of the period. */
function needsOf(community: CommunityDoc, seed: number, count: number): NeedDoc[] {
  const r = random(seed)
  const kinds = helpKinds.slice(0, 5)
  const from = shanghai('2026-09-15T00:00:00')
  const spread = minutesBetween(from, shanghai('2026-11-15T00:00:00'))
  const needs = Array.from({ length: count }, (_, i) =>
    needOf(`need-${community._id}-${i}`, community, minutes(from, Math.floor(r() * spread)), stories[i % stories.length], r, kinds),
  )
  return [
    ...needs,
    // Raised at the first instant of the period (in), and the last minute before it (out).
    needOf(`need-${community._id}-first`, community, start, 'matching', r, kinds),
    needOf(`need-${community._id}-before`, community, new Date(start.getTime() - 60_000), 'matching', r, kinds),
    // Done at the very end of the period: the next day's, so not completed in it.
    { ...needOf(`need-${community._id}-edge`, community, shanghai('2026-10-30T09:00:00'), 'done', r, kinds), doneAt: end },
  ]
}

const serviceOf = (
  id: string,
  community: CommunityDoc,
  openid: string,
  servedAt: Date,
  mins: number,
  kind: 'need' | 'activity',
  credit: ServiceRecordDoc['credit'],
): ServiceRecordDoc => ({
  _id: id,
  openid,
  communityId: community._id,
  organisationId: 'org-qy-xiyanghong',
  source: { kind, id: `${kind}-x`, title: kind === 'need' ? '亲情陪伴' : '重阳节敬老活动' },
  minutes: mins,
  servedAt,
  confirmedByOpenid: who.organisationLead,
  confirmedAt: servedAt,
  credit,
  updatedAt: servedAt,
})
const credited = (at: Date): ServiceRecordDoc['credit'] => ({ status: 'credited', entryId: 'e-x', at })

const services: ServiceRecordDoc[] = [
  serviceOf('sr-1', urban, who.volunteer, shanghai('2026-10-03T10:00:00'), 90, 'need', credited(shanghai('2026-10-03T10:00:00'))),
  serviceOf('sr-2', urban, who.volunteer, shanghai('2026-10-09T10:00:00'), 120, 'activity', credited(shanghai('2026-10-09T10:00:00'))),
  serviceOf('sr-3', urban, who.organisationLead, shanghai('2026-10-31T23:59:00'), 45, 'need', credited(shanghai('2026-11-01T00:00:00'))),
  // Over the daily cap: 200 of 800 held, then declined; 100 of 700 still held; a pending one counts nothing yet.
  serviceOf('sr-4', urban, who.organisationLead, shanghai('2026-10-12T08:00:00'), 800, 'need', {
    status: 'declined',
    at: shanghai('2026-10-13T08:00:00'),
    reason: '重复申报',
    declinedMinutes: 200,
  }),
  serviceOf('sr-7', urban, 'demo-cao-lihua', shanghai('2026-10-14T08:00:00'), 700, 'activity', {
    status: 'held',
    at: shanghai('2026-10-14T20:00:00'),
    heldMinutes: 100,
  }),
  serviceOf('sr-8', urban, 'demo-gao-peng', shanghai('2026-10-15T08:00:00'), 30, 'need', { status: 'pending' }),
  serviceOf('sr-5', urban, who.volunteer, shanghai('2026-11-01T00:00:00'), 60, 'need', credited(shanghai('2026-11-01T00:00:00'))),
  serviceOf('sr-6', second, who.volunteer, shanghai('2026-10-20T15:00:00'), 30, 'activity', credited(shanghai('2026-10-20T15:00:00'))),
]

/** Organisations whose standing at the period's end the figures must judge from their dates. */
const baseOrganisation = demoDataSet.organisations.find((o) => o._id === 'org-qy-xiyanghong')!
const organisationAt = (id: string, community: CommunityDoc, fields: Partial<OrganisationDoc>): OrganisationDoc => ({
  ...baseOrganisation,
  _id: id,
  name: `测试组织${id}`,
  communityId: community._id,
  serviceArea: { centre: community.centre, radiusM: 1000 },
  inviteCode: `T${id.slice(-5).toUpperCase()}`,
  ...fields,
})
const organisations: OrganisationDoc[] = [
  organisationAt('org-t-newoct', urban, { status: 'approved', approvedAt: shanghai('2026-10-15T10:00:00') }),
  organisationAt('org-t-newnov', urban, { status: 'approved', approvedAt: shanghai('2026-11-02T10:00:00') }),
  organisationAt('org-t-susdec', urban, {
    status: 'suspended',
    approvedAt: shanghai('2026-03-01T10:00:00'),
    decision: { decision: 'suspend', at: shanghai('2026-11-05T10:00:00'), byOpenid: who.committeeUrban },
  }),
  organisationAt('org-t-susoct', urban, {
    status: 'suspended',
    approvedAt: shanghai('2026-03-01T10:00:00'),
    decision: { decision: 'suspend', at: shanghai('2026-10-05T10:00:00'), byOpenid: who.committeeUrban },
  }),
  organisationAt('org-t-village', second, { status: 'approved', approvedAt: shanghai('2026-02-01T10:00:00') }),
]

/** Activities finished in the period and around it, in every status, with participants who did and did not check in. */
const activityTemplate = (
  id: string,
  community: CommunityDoc,
  status: ActivityDoc['status'],
  endAt: Date,
  people: number,
  volunteers: number,
) => {
  const signUps: ActivitySignUpDoc[] = Array.from({ length: people + volunteers }, (_, i) => ({
    _id: `su-${id}-${i}`,
    activityId: id,
    openid: `o-${id}-${i}`,
    role: i < people ? 'participant' : 'volunteer',
    status: 'confirmed',
    signedUpAt: minutes(endAt, -5000),
    // Every other participant checked in, and every volunteer.
    ...(i % 2 === 0 || i >= people ? { checkedInAt: minutes(endAt, -120), checkInBy: 'code' as const } : {}),
  }))
  const placesOf = (role: 'participant' | 'volunteer') =>
    signUps.filter((u) => u.role === role).map((u) => ({ id: u._id, openid: u.openid, at: u.signedUpAt }))
  const activity: ActivityDoc = {
    _id: id,
    communityId: community._id,
    organisationId: 'org-qy-xiyanghong',
    title: `测试活动${id}`,
    kind: 'festival',
    description: '测试。',
    photos: [],
    location: community.centre,
    address: '社区广场',
    startAt: minutes(endAt, -180),
    endAt,
    signUpDeadline: minutes(endAt, -1440),
    participantPlaces: 100,
    volunteerPlaces: 10,
    volunteerMinutes: 180,
    status,
    approvalReasons: [],
    places: {
      participant: { confirmed: placesOf('participant'), waitlisted: [] },
      volunteer: { confirmed: placesOf('volunteer'), waitlisted: [] },
    },
    publishedByOpenid: who.organisationLead,
    createdAt: minutes(endAt, -10000),
    updatedAt: endAt,
  }
  return { activity, signUps }
}
const seededActivities = [
  activityTemplate('act-t-oct1', urban, 'finished', shanghai('2026-10-01T00:30:00'), 7, 2),
  activityTemplate('act-t-oct2', urban, 'finished', shanghai('2026-10-20T11:00:00'), 12, 3),
  activityTemplate('act-t-cancelled', urban, 'cancelled', shanghai('2026-10-21T11:00:00'), 5, 1),
  activityTemplate('act-t-sep', urban, 'finished', shanghai('2026-09-30T23:50:00'), 9, 1),
  activityTemplate('act-t-nov', urban, 'finished', shanghai('2026-11-01T00:00:00'), 4, 1),
  activityTemplate('act-t-village', second, 'finished', shanghai('2026-10-12T15:00:00'), 6, 2),
]

/** 关爱对象: registered before October (expected), during it (not yet), withdrawn in it (not expected); visits in and out of it. */
const careTemplate = careDemoData(new Date()).care_register[0]
const careEntry = (id: string, community: CommunityDoc, registeredAt: string, withdrawnAt?: string): CareEntryDoc => ({
  ...careTemplate,
  _id: id,
  communityId: community._id,
  registeredAt: shanghai(registeredAt),
  active: !withdrawnAt,
  ...(withdrawnAt
    ? { withdrawal: { at: shanghai(withdrawnAt), note: '撤回。', recordedByOpenid: who.committeeUrban, recordedByName: '周海燕' } }
    : {}),
})
const careEntries: CareEntryDoc[] = [
  careEntry('care-t-1', urban, '2026-08-01T10:00:00'),
  careEntry('care-t-2', urban, '2026-08-02T10:00:00'),
  careEntry('care-t-3', urban, '2026-09-30T23:00:00'),
  careEntry('care-t-4', urban, '2026-10-10T10:00:00'),
  careEntry('care-t-5', urban, '2026-07-01T10:00:00', '2026-10-15T10:00:00'),
  careEntry('care-t-6', second, '2026-07-01T10:00:00'),
]
const careVisit = (id: string, entryId: string, community: CommunityDoc, visitedAt: string): CareVisitDoc => ({
  _id: id,
  entryId,
  communityId: community._id,
  visitedAt: shanghai(visitedAt),
  mode: 'in_person',
  wellbeing: 'good',
  visitorOpenid: who.volunteer,
  visitorName: xuMin.name,
  recordedAt: shanghai(visitedAt),
  updatedAt: shanghai(visitedAt),
})
const careVisits: CareVisitDoc[] = [
  careVisit('cv-1', 'care-t-1', urban, '2026-10-05T10:00:00'),
  careVisit('cv-2', 'care-t-1', urban, '2026-10-25T10:00:00'),
  careVisit('cv-3', 'care-t-2', urban, '2026-09-28T10:00:00'),
  careVisit('cv-4', 'care-t-3', urban, '2026-10-31T23:30:00'),
  careVisit('cv-5', 'care-t-4', urban, '2026-10-12T10:00:00'),
  careVisit('cv-6', 'care-t-5', urban, '2026-10-03T10:00:00'),
  careVisit('cv-7', 'care-t-6', second, '2026-11-01T00:10:00'),
]

const urbanNeeds = needsOf(urban, 7, 80)
const villageNeeds = needsOf(second, 11, 30)

// ——— counted here, independently, as docs/decisions/012 says ———

const within = (date: Date | undefined, range = { start, end }) => date !== undefined && date >= range.start && date < range.end
const isRaised = (n: NeedDoc, range = { start, end }) => n.status !== 'hidden' && within(n.createdAt, range)
const isAccepted = (n: NeedDoc) => within(n.acceptedBy?.at)
const isCompleted = (n: NeedDoc, range = { start, end }) => (n.status === 'done' || n.status === 'closed') && within(n.doneAt, range)
const stage = (needs: NeedDoc[], key: (n: NeedDoc) => string, value: string) => {
  const of = needs.filter((n) => key(n) === value)
  return {
    raised: of.filter((n) => isRaised(n)).length,
    accepted: of.filter(isAccepted).length,
    completed: of.filter((n) => isCompleted(n)).length,
  }
}

/** Every document of the collections the figures count, as stored after seeding (the demo's as well as these). */
interface Stored {
  needs: NeedDoc[]
  organisations: OrganisationDoc[]
  service: ServiceRecordDoc[]
  activities: ActivityDoc[]
  signUps: ActivitySignUpDoc[]
  register: CareEntryDoc[]
  visits: CareVisitDoc[]
  held: HeldCreditDoc[]
  communities: CommunityDoc[]
  topics: TopicDoc[]
}
let stored: Stored

async function readStored(): Promise<Stored> {
  const read = async <T>(collection: string) => (await allDocuments(collection)) as T[]
  // The SDK hands geo points back as its own objects: as GeoJSON, as the functions read them.
  return {
    needs: (await read<NeedDoc>('needs')).map((n) => ({ ...n, location: asGeoPoint(n.location) })),
    organisations: (await read<OrganisationDoc>('organisations')).map((o) => ({
      ...o,
      serviceArea: { ...o.serviceArea, centre: asGeoPoint(o.serviceArea.centre) },
    })),
    service: await read('service_records'),
    activities: await read('activities'),
    signUps: await read('activity_sign_ups'),
    register: await read('care_register'),
    visits: await read('care_visits'),
    held: await read('timebank_held'),
    communities: await read('communities'),
    topics: await read('topics'),
  }
}

/** The figures of these communities together, counted here from the stored documents. */
function expectedFor(communityIds: string[]): Figures {
  const ours = <T extends { communityId: string }>(list: T[]) => list.filter((d) => communityIds.includes(d.communityId))
  const needs = ours(stored.needs)
  const orgs = ours(stored.organisations)
  const records = ours(stored.service)
  const target = stored.communities.filter((c) => communityIds.includes(c._id)).reduce((sum, c) => sum + organisationTarget[c.kind], 0)
  const held = ours(stored.activities).filter((a) => a.status === 'finished' && within(a.endAt))
  const heldSignUps = stored.signUps.filter((u) => held.some((a) => a._id === u.activityId))
  const october = { start, end }
  const expectedPeople = ours(stored.register).filter(
    (e) => e.registeredAt < october.start && (!e.withdrawal || e.withdrawal.at >= october.end),
  )
  const visitedPeople = expectedPeople.filter((e) => ours(stored.visits).some((v) => v.entryId === e._id && within(v.visitedAt, october)))
  const accepted = needs.filter(isAccepted)
  const completed = needs.filter((n) => isCompleted(n))
  const judged = needs.filter((n) => within(n.outcome?.at))
  const standing = orgs.filter(
    (o) => o.approvedAt && o.approvedAt < end && (o.status === 'approved' || (o.status === 'suspended' && o.decision!.at >= end)),
  )
  // What the time bank settled: credited whole, held or declined less those minutes, pending nothing yet.
  const countedOf = (r: ServiceRecordDoc) =>
    r.credit.status === 'credited'
      ? r.minutes
      : r.credit.status === 'held'
        ? r.minutes - r.credit.heldMinutes
        : r.credit.status === 'declined'
          ? r.minutes - r.credit.declinedMinutes
          : 0
  const served = records.filter((r) => within(r.servedAt) && countedOf(r) > 0)
  const sum = (list: ServiceRecordDoc[]) => list.reduce((total, r) => total + countedOf(r), 0)
  const cells = new Map<string, number>()
  for (const n of needs.filter((n) => isRaised(n))) {
    const [lng, lat] = n.location.coordinates
    const key = `${(Math.floor(lng / 0.005) + 0.5) * 0.005}:${(Math.floor(lat / 0.005) + 0.5) * 0.005}`
    cells.set(key, (cells.get(key) ?? 0) + 1)
  }
  const urgencyLabels: Record<Urgency, string> = { life: '危及生命安全', urgent: '紧急（今天）', normal: '一般（几天内）', advice: '咨询' }
  return {
    needs: {
      raised: needs.filter((n) => isRaised(n)).length,
      accepted: accepted.length,
      completed: completed.length,
      byKind: helpKinds
        .map((helpKind) => ({ helpKind, ...stage(needs, (n) => n.helpKind, helpKind) }))
        .filter((row) => row.raised + row.accepted + row.completed > 0),
      byUrgency: urgencySchema.options.map((urgency) => ({
        urgency,
        label: urgencyLabels[urgency],
        ...stage(needs, (n) => n.urgency, urgency),
      })),
      toAcceptance: durationSummary(accepted.map((n) => minutesBetween(n.createdAt, n.acceptedBy!.at))),
      toCompletion: durationSummary(completed.map((n) => minutesBetween(n.createdAt, n.doneAt!))),
      outcomes: (
        [
          ['solved', '已解决'],
          ['partly', '部分解决'],
          ['unsolved', '未解决'],
          ['unrated', '未评价'],
        ] as const
      ).map(([outcome, label]) => ({ outcome, label, count: judged.filter((n) => n.outcome!.result === outcome).length })),
    },
    organisations: {
      approved: standing.length,
      target,
      met: standing.length >= target,
      shortfall: Math.max(0, target - standing.length),
      newlyApproved: orgs.filter((o) => within(o.approvedAt)).length,
    },
    service: {
      minutes: sum(served),
      volunteers: new Set(served.map((r) => r.openid)).size,
      records: served.length,
      needMinutes: sum(served.filter((r) => r.source.kind === 'need')),
      activityMinutes: sum(served.filter((r) => r.source.kind === 'activity')),
    },
    activities: {
      held: held.length,
      participants: held.reduce((sum, a) => sum + a.places.participant.confirmed.length, 0),
      checkedIn: heldSignUps.filter((u) => u.role === 'participant' && u.checkedInAt).length,
      volunteers: held.reduce((sum, a) => sum + a.places.volunteer.confirmed.length, 0),
    },
    visits: [
      {
        month: '2026-10',
        expected: expectedPeople.length,
        visited: visitedPeople.length,
        rate: expectedPeople.length === 0 ? null : visitedPeople.length / expectedPeople.length,
        rateLabel: expectedPeople.length === 0 ? '—' : `${Math.floor((visitedPeople.length / expectedPeople.length) * 100)}%`,
      },
    ],
    // This data set runs no surveys: tests/functions/surveys.test.ts counts them.
    surveys: { run: 0, answers: 0, wanted: [] },
    deliberation: {
      opened: ours(stored.topics).filter((t) => within(t.openedAt)).length,
      decided: ours(stored.topics).filter((t) => within(t.decidedAt)).length,
    },
    trend: weeksOf(period).map((week) => ({
      label: week.label,
      from: week.start.toISOString(),
      raised: needs.filter((n) => isRaised(n, week)).length,
      completed: needs.filter((n) => isCompleted(n, week)).length,
    })),
    map: {
      needs: [...cells].map(([key, count]) => ({ centre: key.split(':').map(Number) as [number, number], count })),
      organisations: standing.map((o) => ({ organisationId: o._id, name: o.name, centre: o.serviceArea.centre.coordinates })),
    },
  }
}

/** The map's lists in a fixed order, and cell centres to 6 places, so that two counts compare whatever their order. */
function comparable(figures: Figures) {
  const round = ([lng, lat]: readonly [number, number]) => [Number(lng.toFixed(6)), Number(lat.toFixed(6))]
  return {
    ...figures,
    map: {
      needs: figures.map.needs
        .map((c) => ({ centre: round(c.centre), count: c.count }))
        .sort((a, b) => a.centre[0] - b.centre[0] || a.centre[1] - b.centre[1]),
      organisations: [...figures.map.organisations].sort((a, b) => a.organisationId.localeCompare(b.organisationId)),
    },
  }
}

/** 议事协商 (decision 050): opened and decided on either side of the period's edges, in both communities. */
const topicAt = (id: string, communityId: string, openedAt: string | null, decidedAt: string | null): TopicDoc => ({
  _id: id,
  communityId,
  title: '议题',
  question: '是否…',
  background: '…',
  options: ['同意', '反对', '弃权'],
  votingFrom: '2026-09-01',
  votingUntil: '2026-12-31',
  proposedBy: who.committeeUrban,
  proposedAt: new Date('2026-08-01T00:00:00Z'),
  ...(openedAt ? { openedAt: new Date(openedAt) } : {}),
  ...(decidedAt ? { decidedAt: new Date(decidedAt) } : {}),
  supporters: 0,
  votes: 0,
  followUps: [],
})
const topics = [
  topicAt('topic-r-1', urban._id, '2026-09-20T02:00:00Z', '2026-10-10T02:00:00Z'),
  topicAt('topic-r-2', urban._id, '2026-10-02T02:00:00Z', null),
  topicAt('topic-r-3', urban._id, '2026-09-30T15:59:00Z', '2026-10-31T16:00:00Z'),
  topicAt('topic-r-4', second._id, '2026-10-05T02:00:00Z', '2026-10-20T02:00:00Z'),
  topicAt('topic-r-5', second._id, null, null),
]

const expectedUrban = () => expectedFor([urban._id])
const expectedVillage = () => expectedFor([second._id])

async function seed() {
  await insertAll('communities', [second])
  await insertAll('organisations', organisations)
  await insertAll('needs', [...urbanNeeds, ...villageNeeds])
  await insertAll('service_records', services)
  await insertAll(
    'activities',
    seededActivities.map((a) => a.activity),
  )
  await insertAll(
    'activity_sign_ups',
    seededActivities.flatMap((a) => a.signUps),
  )
  await insertAll('care_register', careEntries)
  await insertAll('care_visits', careVisits)
  await insertAll('topics', topics)
  stored = await readStored()
}

/** Every name, phone and exact address of the data set: none may reach civil affairs. */
const personalStrings = [
  personal.requesterName,
  personal.contactPhone,
  personal.addressDetail,
  ...demoDataSet.people.flatMap((p) => [p.name, p.phone, p.addressDetail].filter((s): s is string => !!s)),
]
const leaks = (text: string) => personalStrings.filter((s) => text.includes(s))

describe('figures of a community for a period', () => {
  freshDatabasePerGroup()
  beforeAll(seed)

  it('the data set is not trivial: every figure has something to count, and some needs fall outside the period', () => {
    const expected = expectedUrban()
    expect(expected.needs.raised).toBeGreaterThan(20)
    expect(expected.needs.toAcceptance.count).toBeGreaterThan(5)
    expect(expected.needs.toCompletion.count).toBeGreaterThan(5)
    for (const row of expected.needs.outcomes) expect([row.outcome, row.count > 0]).toEqual([row.outcome, true])
    expect(urbanNeeds.filter((n) => !within(n.createdAt)).length).toBeGreaterThan(10)
    expect(expected.trend).toHaveLength(5)
    expect(expected.activities.held).toBeGreaterThanOrEqual(2)
    expect(expected.activities.checkedIn).toBeLessThan(expected.activities.participants)
    const [october] = expected.visits
    expect(october.visited).toBeGreaterThan(0)
    expect(october.visited).toBeLessThan(october.expected)
  })

  it('the committee sees figures equal to those counted independently', async () => {
    const answer = await ok(call(who.committeeUrban, 'figures', { communityId: urban._id, period }))
    expect(answer.period).toEqual(period)
    expect(answer.community).toEqual({ communityId: urban._id, name: urban.name, kind: 'urban', kindLabel: '城市社区' })
    expect(comparable(answer.figures)).toEqual(comparable(expectedUrban()))
  })

  it('civil affairs over the community sees the same figures, and nothing in them names, calls or locates a resident', async () => {
    const answer = await ok(call(who.civilAffairs, 'figures', { communityId: urban._id, period }))
    expect(comparable(answer.figures)).toEqual(comparable(expectedUrban()))
    expect(leaks(JSON.stringify(answer))).toEqual([])
    // Needs are shown only as counts in cells, never at a need's own point.
    const points = new Set(urbanNeeds.map((n) => n.location.coordinates.join(',')))
    expect(answer.figures.map.needs.filter((c) => points.has(c.centre.join(',')))).toEqual([])
  })

  it('the office sees each of its communities and their total, counted over all their needs together', async () => {
    const answer = await ok(call(who.civilAffairs, 'officeFigures', { period }))
    expect(answer.offices).toHaveLength(1)
    const [office] = answer.offices
    expect(office).toMatchObject({ officeId: urban.officeId, name: '张店区民政局' })
    expect(office.communities.map((c) => c.community.communityId)).toEqual([urban._id, second._id].sort())
    const byId = new Map(office.communities.map((c) => [c.community.communityId, c.figures]))
    expect(comparable(byId.get(urban._id)!)).toEqual(comparable(expectedUrban()))
    expect(comparable(byId.get(second._id)!)).toEqual(comparable(expectedVillage()))
    expect(comparable(office.total)).toEqual(comparable(expectedFor([urban._id, second._id])))
    expect(office.communitiesMet).toBe([expectedUrban(), expectedVillage()].filter((f) => f.organisations.met).length)
    expect(leaks(JSON.stringify(answer))).toEqual([])
  })

  it('an office sees only its own communities: 淄川区 has none of these', async () => {
    const zichuan = demoDataSet.roles.find((r) => r.role === 'civil_affairs' && r.officeId !== urban.officeId)!.openid
    const answer = await ok(call(zichuan, 'officeFigures', { period }))
    expect(answer.offices.flatMap((o) => o.communities.map((c) => c.community.communityId))).toEqual(['c-zc-taihe'])
  })

  it('a period is whole Shanghai days, at most a year, and not backwards', async () => {
    expect(
      await failure(call(who.committeeUrban, 'figures', { communityId: urban._id, period: { from: '2026-10-31', to: '2026-10-01' } })),
    ).toEqual({
      code: 'INVALID_INPUT',
      field: 'data.period.to',
    })
    expect(
      await failure(call(who.committeeUrban, 'figures', { communityId: urban._id, period: { from: '2024-01-01', to: '2025-01-01' } })),
    ).toEqual({
      code: 'INVALID_INPUT',
      field: 'data.period.to',
    })
    expect(
      await failure(call(who.committeeUrban, 'figures', { communityId: urban._id, period: { from: '2026-10-1', to: '2026-10-31' } })),
    ).toEqual({
      code: 'INVALID_INPUT',
      field: 'data.period.from',
    })
  })

  it('a community that does not exist is NOT_FOUND', async () => {
    expect(await failure(call(who.committeeUrban, 'figures', { communityId: 'c-nowhere', period }))).toEqual({ code: 'NOT_FOUND' })
  })
})

// ——— the export ———

/** Where the functions' files go: the storage folder of the export tests' database. */
let storageDir: string

/** The workbook behind the export's link, which lasts two hours and no longer. */
async function workbookOf(file: { url: string; expiresAt: string }): Promise<ExcelJS.Workbook> {
  const expiresAt = Date.parse(file.expiresAt)
  // The test clock runs on at the real pace: the link was made a moment before now.
  expect(expiresAt - testClock.now().getTime()).toBeGreaterThan(2 * 60 * 60 * 1000 - 60 * 1000)
  expect(expiresAt - testClock.now().getTime()).toBeLessThanOrEqual(2 * 60 * 60 * 1000)
  expect(servedLink(storageDir, file.url, new Date(expiresAt - 1000)).status).toBe(200)
  expect(servedLink(storageDir, file.url, new Date(expiresAt)).status).toBe(403)
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.load(linkedBody(storageDir, file.url, testClock.now()))
  return workbook
}

/** A sheet's rows as plain values, header first. */
function rowsOf(workbook: ExcelJS.Workbook, name: string): (string | number)[][] {
  const sheet = workbook.getWorksheet(name)
  if (!sheet) throw new Error(`no sheet ${name}`)
  const rows: (string | number)[][] = []
  sheet.eachRow((row) => rows.push((row.values as (string | number)[]).slice(1)))
  return rows
}

const textOf = (workbook: ExcelJS.Workbook) => workbook.worksheets.map((s) => rowsOf(workbook, s.name).flat().join('\t')).join('\n')

/** The figures sheet's value for a line, found by its label. */
const valueOf = (rows: (string | number)[][], label: string, column = 1) => rows.find((r) => r[0] === label)?.[column]

function expectFiguresSheet(rows: (string | number)[][], figures: Figures, column = 1) {
  const { needs, organisations, service } = figures
  const expected: [string, string | number][] = [
    ['社区社会组织（期末已备案，个）', organisations.approved],
    ['社区社会组织目标（个）', organisations.target],
    ['本期新备案组织（个）', organisations.newlyApproved],
    ['求助：提出（件）', needs.raised],
    ['求助：接单（件）', needs.accepted],
    ['求助：完成（件）', needs.completed],
    ['接单用时中位数（分钟）', needs.toAcceptance.medianMinutes!],
    ['接单用时第90百分位（分钟）', needs.toAcceptance.p90Minutes!],
    ['完成用时中位数（分钟）', needs.toCompletion.medianMinutes!],
    ['完成用时第90百分位（分钟）', needs.toCompletion.p90Minutes!],
    ['居民评价：已解决（件）', needs.outcomes[0].count],
    ['居民评价：部分解决（件）', needs.outcomes[1].count],
    ['居民评价：未解决（件）', needs.outcomes[2].count],
    ['居民评价：未评价（件）', needs.outcomes[3].count],
    ['志愿服务时长（分钟）', service.minutes],
    ['参与服务的志愿者（人）', service.volunteers],
    ['社区活动：举办（场）', figures.activities.held],
    ['社区活动：报名参加（人次）', figures.activities.participants],
    ['社区活动：签到（人次）', figures.activities.checkedIn],
    ['2026-10 特殊群体应探访（人）', figures.visits[0].expected],
    ['2026-10 已探访（人）', figures.visits[0].visited],
    ['2026-10 月探访率（目标 100%）', figures.visits[0].rateLabel],
  ]
  expect(expected.map(([label]) => [label, valueOf(rows, label, column)])).toEqual(expected)
}

describe('the export for the 总结报告', () => {
  freshDatabasePerGroup((database) => (storageDir = database.storageDir))
  beforeAll(seed)

  it('the committee’s export is a valid xlsx: the figures, and the lists behind them without phones or addresses', async () => {
    const file = await ok(call(who.committeeUrban, 'export', { communityId: urban._id, period }))
    expect(file.fileName).toBe('沁园社区统计 2026-10-01 至 2026-10-31.xlsx')
    expect(new Date(file.expiresAt).getTime()).toBeGreaterThan(Date.now())
    const workbook = await workbookOf(file)
    expect(workbook.worksheets.map((s) => s.name)).toEqual([
      '统计数字',
      '求助分类',
      '每周趋势',
      '月探访率',
      '社区组织',
      '社区活动',
      '居民需求',
      '求助清单',
      '志愿服务',
    ])
    const expected = expectedUrban()
    const figures = rowsOf(workbook, '统计数字')
    expect(figures[0]).toEqual(['项目', '沁园社区'])
    expect(valueOf(figures, '统计期间')).toBe('2026-10-01 至 2026-10-31')
    expectFiguresSheet(figures, expected)
    expect(rowsOf(workbook, '每周趋势').slice(1)).toEqual(expected.trend.map((w) => [w.label, w.raised, w.completed]))
    expect(rowsOf(workbook, '求助分类').slice(1, 1 + expected.needs.byKind.length)).toEqual(
      expected.needs.byKind.map((k) => [k.helpKind, k.raised, k.accepted, k.completed]),
    )
    // Every need the figures counted is listed, by 小区 and never by name, phone or door.
    const listed = rowsOf(workbook, '求助清单')
      .slice(1)
      .map((r) => r[0])
    const counted = urbanNeeds.filter((n) => isRaised(n) || isAccepted(n) || isCompleted(n) || within(n.outcome?.at)).map((n) => n._id)
    expect(counted.every((id) => listed.includes(id))).toBe(true)
    // The committee's report names its volunteers, with their hours.
    const service = rowsOf(workbook, '志愿服务').slice(1)
    const served = stored.service.filter((r) => r.communityId === urban._id && within(r.servedAt))
    const xuMinsRecords = served.filter((r) => r.openid === who.volunteer).sort((a, b) => a.servedAt.getTime() - b.servedAt.getTime())
    expect(xuMinsRecords.length).toBeGreaterThanOrEqual(2)
    expect(service.filter((r) => r[1] === xuMin.name).map((r) => r[4])).toEqual(xuMinsRecords.map((r) => r.minutes))
    // Names of the volunteers listed, and no other personal data.
    const volunteers = new Set(served.map((r) => demoDataSet.people.find((p) => p.openid === r.openid)?.name))
    expect(leaks(textOf(workbook)).filter((s) => !volunteers.has(s))).toEqual([])
  })

  it('civil affairs’ export of a community holds the same figures and no one’s name', async () => {
    const workbook = await workbookOf(await ok(call(who.civilAffairs, 'export', { communityId: urban._id, period })))
    expect(workbook.worksheets.map((s) => s.name)).toEqual([
      '统计数字',
      '求助分类',
      '每周趋势',
      '月探访率',
      '社区组织',
      '社区活动',
      '居民需求',
      '志愿服务',
    ])
    expectFiguresSheet(rowsOf(workbook, '统计数字'), expectedUrban())
    expect(leaks(textOf(workbook))).toEqual([])
  })

  it('the office’s export puts its communities side by side with their total', async () => {
    const file = await ok(call(who.civilAffairs, 'exportOffice', { period }))
    expect(file.fileName).toBe('张店区民政局统计 2026-10-01 至 2026-10-31.xlsx')
    const workbook = await workbookOf(file)
    const rows = rowsOf(workbook, '统计数字')
    expect(rows[0]).toEqual(['项目', '沁园社区', '测试村', '合计'])
    expectFiguresSheet(rows, expectedUrban(), 1)
    expectFiguresSheet(rows, expectedVillage(), 2)
    expect(valueOf(rows, '求助：提出（件）', 3)).toBe(expectedUrban().needs.raised + expectedVillage().needs.raised)
    expect(valueOf(rows, '社区社会组织是否达标', 3)).toMatch(/^\d\/2 个社区达标$/)
    expect(leaks(textOf(workbook))).toEqual([])
  })
})

describe('a busy community’s export', () => {
  freshDatabasePerGroup((database) => (storageDir = database.storageDir))

  it('lists the latest 300 service records and says there are more, while its figures count every one', async () => {
    const first = shanghai('2026-10-01T08:00:00').getTime()
    // One an hour from the start of the month.
    const records = Array.from({ length: LISTED_SERVICE + 20 }, (_, i) =>
      serviceOf(`busy-${i}`, urban, who.volunteer, new Date(first + i * 3600_000), 30 + (i % 7), 'need', {
        status: 'credited',
        entryId: `busy-entry-${i}`,
        at: new Date(first + i * 3600_000),
      }),
    )
    await insertAll('service_records', records)
    const workbook = await workbookOf(await ok(call(who.committeeUrban, 'export', { communityId: urban._id, period })))
    const rows = rowsOf(workbook, '志愿服务').slice(1)
    expect(rows.at(-1)).toEqual([`只列出本期最近的 ${LISTED_SERVICE} 条服务记录；缩短统计期间可看到其余的`])
    const listed = rows.slice(0, -1)
    expect(listed).toHaveLength(LISTED_SERVICE)
    // The latest served of the community's (the demo's among them), in the order they were served.
    const served = ((await allDocuments('service_records')) as ServiceRecordDoc[])
      .filter((r) => r.communityId === urban._id && inPeriod(new Date(r.servedAt), { start, end }))
      .sort((a, b) => new Date(a.servedAt).getTime() - new Date(b.servedAt).getTime())
    expect(listed.map((r) => r[4])).toEqual(served.slice(-LISTED_SERVICE).map((r) => r.minutes))
    const figures = rowsOf(workbook, '统计数字')
    const counted = served.map(serviceFacts).filter((f) => f.countedMinutes > 0)
    expect(valueOf(figures, '志愿服务记录（条）')).toBe(counted.length)
    expect(valueOf(figures, '志愿服务时长（分钟）')).toBe(counted.reduce((sum, f) => sum + f.countedMinutes, 0))
  })
})

// ——— the workbench ———

describe('what waits on the committee', () => {
  freshDatabasePerGroup()
  const queued = (id: string, queue: 'review' | 'flagged' | 'escalated' | 'duplicate', queuedAt: Date, urgency: Urgency): NeedDoc => ({
    ...needOf(id, urban, minutes(queuedAt, -5), 'matching', random(1), ['助餐']),
    urgency,
    status: queue === 'review' || queue === 'flagged' ? 'review' : queue === 'escalated' ? 'escalated' : 'matching',
    queue,
    queuedAt,
  })
  const now = Date.now()
  const waitingNeeds = [
    queued('need-w-escalated', 'escalated', new Date(now - 3 * 24 * 3600_000), 'normal'),
    queued('need-w-review', 'review', new Date(now - 2 * 3600_000), 'urgent'),
    queued('need-w-flagged', 'flagged', new Date(now - 40 * 60_000), 'life'),
    queued('need-w-duplicate', 'duplicate', new Date(now - 26 * 3600_000), 'advice'),
  ]
  // A major activity waiting since yesterday, and a weekly visit 3 days past its due date (over the 2 days' grace).
  const pendingActivity = {
    ...activityTemplate('act-w-major', urban, 'pending_approval', new Date(now + 7 * 24 * 3600_000), 0, 0).activity,
    createdAt: new Date(now - 24 * 3600_000),
  }
  const overdueVisit: CareEntryDoc = {
    ...careEntry('care-w-overdue', urban, '2026-01-05T10:00:00'),
    frequency: 'weekly',
    nextDueAt: new Date(now - 3 * 24 * 3600_000),
  }
  const heldCredit: HeldCreditDoc = {
    _id: 'held:sr-w',
    communityId: urban._id,
    openid: who.volunteer,
    recordId: 'sr-w',
    service: {
      recordId: 'sr-w',
      kind: 'need',
      id: 'need-x',
      title: '陪老人聊天',
      organisationId: 'org-qy-xiyanghong',
      servedAt: new Date(now - 5 * 3600_000),
    },
    day: inShanghai(now - 5 * 3600_000).format('YYYY-MM-DD'),
    recordMinutes: 300,
    heldMinutes: 60,
    status: 'waiting',
    heldAt: new Date(now - 4 * 3600_000),
  }
  beforeAll(async () => {
    await insertAll('needs', waitingNeeds)
    await insertAll('timebank_held', [heldCredit])
    await insertAll('activities', [pendingActivity])
    await insertAll('care_register', [overdueVisit])
    stored = await readStored()
  })

  it('one list, the most harmful first and then the oldest, each with its age and the page to act on it from; counts per kind', async () => {
    const answer = await ok(call(who.committeeUrban, 'waiting', { communityId: urban._id }))
    const ours = <T extends { communityId: string }>(list: T[]) => list.filter((d) => d.communityId === urban._id)
    const pending = ours(stored.organisations).filter((o) => o.status === 'pending')
    const activities = ours(stored.activities).filter((a) => a.status === 'pending_approval')
    // Escalated: past the due date by more than the grace days (7 for monthly visits, 2 for weekly).
    const escalated = ours(stored.register)
      .filter((e) => e.active && e.nextDueAt)
      .map((e) => ({ entry: e, since: new Date(e.nextDueAt!.getTime() + (e.frequency === 'weekly' ? 2 : 7) * 24 * 3600_000) }))
      .filter(({ since }) => since.getTime() < Date.now())
    const credits = ours(stored.held).filter((h) => h.status === 'waiting')
    expect([pending.length, activities.length, escalated.length, credits.length].every((n) => n > 0)).toBe(true)
    expect(escalated.map((e) => e.entry._id)).toContain('care-w-overdue')
    const expected = [
      ...pending.map((o) => ({
        kind: 'organisation',
        id: o._id,
        since: o.createdAt,
        page: `/pages/committee/applications/index?communityId=${urban._id}`,
      })),
      ...activities.map((a) => ({
        kind: 'activity',
        id: a._id,
        since: a.createdAt,
        page: `/pages/committee/activities/index?communityId=${urban._id}`,
      })),
      // A need has waited since it was raised.
      ...waitingNeeds.map((n) => ({
        kind: `need_${n.queue}`,
        id: n._id,
        urgency: n.urgency,
        since: n.createdAt,
        page: `/pages/committee/need/index?id=${n._id}&reason=${n.queue}`,
      })),
      ...credits.map((h) => ({ kind: 'credit', id: h._id, since: h.heldAt, page: `/pages/committee/held/index?communityId=${urban._id}` })),
      ...escalated.map(({ entry, since }) => ({
        kind: 'visit',
        id: entry._id,
        since,
        page: `/pages/committee/care-person/index?id=${entry._id}`,
      })),
    ].sort(harmFirst)
    // New residents to confirm come after everything that can harm (docs/decisions/024), longest waiting first.
    const newcomers = ((await allDocuments('people')) as PersonDoc[])
      .filter((p) => p.communityId === urban._id && p.residence?.status === 'pending')
      .sort((a, b) => a.residence!.askedAt.getTime() - b.residence!.askedAt.getTime())
      .map((p) => ({
        kind: 'newcomer',
        id: p._id,
        since: p.residence!.askedAt,
        page: `/pages/committee/newcomers/index?communityId=${urban._id}`,
      }))
    expected.push(...newcomers)
    expect(
      answer.items.map(({ kind, id, urgency, since, page }) => ({
        kind,
        id,
        ...(urgency ? { urgency } : {}),
        since: new Date(since),
        page,
      })),
    ).toEqual(expected)
    for (const item of answer.items) {
      const waited = (Date.now() - new Date(item.since).getTime()) / 60_000
      expect(item.waitingMinutes).toBeLessThanOrEqual(waited)
      expect(item.waitingMinutes).toBeGreaterThan(waited - 2)
    }
    expect(answer.items.find((i) => i.id === 'need-w-flagged')).toMatchObject({
      kindLabel: '求助内容被标记',
      title: '助餐',
      detail: expect.stringContaining('测试小区'),
    })
    expect(answer.items.find((i) => i.id === heldCredit._id)).toMatchObject({
      kindLabel: '服务时间等待审核',
      title: xuMin.name,
      detail: expect.stringContaining('超出每日上限 60 分钟'),
    })
    expect(answer.items.find((i) => i.id === 'care-w-overdue')).toMatchObject({
      kindLabel: '探访逾期未做',
      title: overdueVisit.neighbourhood,
    })
    // Needs by the kind of help and the 小区, visits by the 小区: never the resident's name, phone or door.
    const careNames = stored.register.flatMap((e) => [e.name, e.phone ?? '', e.addressDetail]).filter(Boolean)
    // A newcomer is shown with the name and door the committee is to confirm.
    const shown = JSON.stringify(answer.items.filter((i) => !['organisation', 'credit', 'newcomer'].includes(i.kind)))
    expect([...leaks(shown), ...careNames.filter((name) => shown.includes(name))]).toEqual([])
    expect(answer.counts).toEqual([
      { kind: 'organisation', label: '组织备案待审核', count: pending.length },
      { kind: 'activity', label: '重大活动待审批', count: activities.length },
      { kind: 'need_life', label: '危及生命安全，还没有组织接单', count: 0 },
      { kind: 'need_review', label: '求助待审核', count: 1 },
      { kind: 'need_flagged', label: '求助内容被标记', count: 1 },
      { kind: 'need_duplicate', label: '可能重复的求助', count: 1 },
      { kind: 'need_escalated', label: '求助无人接单', count: 1 },
      { kind: 'need_overdue', label: '求助接单后逾期未办完', count: 0 },
      { kind: 'credit', label: '服务时间等待审核', count: credits.length },
      { kind: 'visit', label: '探访逾期未做', count: escalated.length },
      { kind: 'photo_flagged', label: '照片被标记', count: 0 },
      { kind: 'due_work', label: '系统处理多次失败', count: 0 },
      { kind: 'newcomer', label: expect.any(String), count: newcomers.length },
      { kind: 'move_in', label: '搬来本社区待确认', count: 0 },
      { kind: 'takeover', label: '认领代登记的账号待确认', count: 0 },
      // The data set runs no surveys (tests/functions/surveys.test.ts).
      { kind: 'help_gap', label: '居民需要的帮助本社区没有组织提供', count: 0 },
    ])
    expect(answer.total).toBe(pending.length + activities.length + 4 + credits.length + escalated.length + newcomers.length)
  })

  it('what the committee settles leaves the list: assigning the escalated need', async () => {
    await ok(callNeeds(who.committeeUrban, 'assign', { needId: 'need-w-escalated', organisationId: 'org-qy-xiyanghong' }))
    const answer = await ok(call(who.committeeUrban, 'waiting', { communityId: urban._id }))
    expect(answer.items.map((i) => i.id)).not.toContain('need-w-escalated')
    expect(answer.counts.find((c) => c.kind === 'need_escalated')!.count).toBe(0)
  })

  it('someone moving in, and someone taking over a registered record, wait last, opening the 迁入、认领 page', async () => {
    const villager = demoPerson(who.ruralResident)
    await ok(
      callResidents(villager.openid, 'askMove', {
        toCommunityId: urban._id,
        neighbourhood: '柳泉花园',
        addressDetail: '5号楼1单元101',
        location: urban.centre.coordinates,
        requestId: `move-${villager.openid}`,
      }),
    )
    await ok(
      callResidents(who.committeeUrban, 'registerPerson', {
        communityId: urban._id,
        name: '陈桂芳',
        phone: '13953301847',
        neighbourhood: '沁园小区',
        addressDetail: '2号楼1单元101',
        consent: { method: 'verbal', witnessName: '周海燕', at: testClock.now().toISOString() },
        tellBy: 'phone',
      }),
    )
    await ok(callResidents('o-chen-guifang', 'askTakeover', { name: '陈桂芳', phone: '13953301847' }))

    const answer = await ok(call(who.committeeUrban, 'waiting', { communityId: urban._id }))
    const last = answer.items.slice(-2)
    expect(last.map((i) => [i.kind, i.title])).toEqual([
      ['move_in', villager.name],
      ['takeover', '陈桂芳'],
    ])
    for (const item of last) expect(item.page).toBe(`/pages/committee/residents/index?communityId=${urban._id}`)
    expect(answer.counts.filter((c) => c.kind === 'move_in' || c.kind === 'takeover').map((c) => c.count)).toEqual([1, 1])
    // The village's committee, which the villager leaves, has nothing of it to decide.
    const village = await ok(
      call(who.committeeRural, 'waiting', { communityId: demoDataSet.communities.find((c) => c.kind === 'rural')!._id }),
    )
    expect(village.items.filter((i) => i.kind === 'move_in' || i.kind === 'takeover')).toEqual([])
  })

  it('another community’s committee sees nothing of it', async () => {
    expect(await failure(call(who.committeeRural, 'waiting', { communityId: urban._id }))).toEqual({ code: 'FORBIDDEN' })
  })
})

describe('needs raised and judged through the functions count in this month’s figures', () => {
  freshDatabasePerGroup()

  it('a need raised, done and judged 未解决 today counts as raised, completed once and judged 未解决', async () => {
    const today = inShanghai().format('YYYY-MM-DD')
    const month = { from: `${today.slice(0, 8)}01`, to: today }
    const before = (await ok(call(who.committeeUrban, 'figures', { communityId: urban._id, period: month }))).figures
    const { need } = await ok(
      callNeeds(who.resident, 'raise', {
        helpKind: '就医陪诊',
        urgency: 'normal',
        description: '想请人陪我去医院复查。',
        location: urban.centre.coordinates,
        neighbourhood: '柳泉花园',
        addressDetail: '12号楼1单元1502',
        contactPhone: '18653312469',
      }),
    )
    const { offers } = await ok(callNeeds(who.committeeUrban, 'matchDetails', { needId: need.id }))
    const organisationId = offers[0].organisationId
    const lead = demoDataSet.organisations.find((o) => o._id === organisationId)!.leadOpenid
    await ok(callNeeds(lead, 'accept', { organisationId, offerId: offers[0].offerId }))
    await ok(callNeeds(lead, 'markDone', { organisationId, needId: need.id, summary: '陪同复查。', service: [] }))
    const done = (await ok(call(who.committeeUrban, 'figures', { communityId: urban._id, period: month }))).figures
    expect(done.needs.raised).toBe(before.needs.raised + 1)
    expect(done.needs.completed).toBe(before.needs.completed + 1)
    expect(done.needs.byKind.find((k) => k.helpKind === '就医陪诊')).toMatchObject({ raised: 1, accepted: 1, completed: 1 })
    await ok(callNeeds(who.resident, 'confirm', { needId: need.id, result: 'unsolved', rating: 2 }))
    const judged = (await ok(call(who.committeeUrban, 'figures', { communityId: urban._id, period: month }))).figures
    // Reopened: no longer completed, and judged 未解决.
    expect(judged.needs.completed).toBe(before.needs.completed)
    expect(judged.needs.outcomes.find((o) => o.outcome === 'unsolved')!.count).toBe(1)
  })
})
