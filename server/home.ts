/**
 * 首页: what waits for the caller, in every role their grants hold. Each part reads only over the
 * communities, organisations and offices of the caller's own grants (never the request), and the
 * parts are read in parallel, each in as few round trips as its source allows.
 */
import type { Home, HomeItem } from '../shared/contracts/account'
import type { WaitingItem } from '../shared/contracts/reports'
import { CARE_VISITS_PAGE, visitStanding, visitStandingLabel, visitWanted } from '../shared/domain/care'
import { homeBadge, homeItemKindLabel, homeOrder, NEARBY_DAYS } from '../shared/domain/home'
import { NEED_PAGE, needStatusLabelFor, OFFERS_PAGE, taskPath } from '../shared/domain/need'
import { presetPeriod } from '../shared/domain/report'
import { inShanghai, iso } from '../shared/domain/time'
import { pairedEntries } from './care/visits'
import { liveSignUpsWithActivities, publishedNear, publishedOfOrganisationsStarting } from './data/activities'
import type { ActivityDoc } from './data/documents'
import { needsByIds, needsOfOrganisations, needsOfRequester, openOffersOfOrganisations } from './data/needs'
import { communitiesByIds, organisationsByIds } from './data/places'
import { accountsOfPerson } from './data/timebank'
import { placeOrHome } from './places'
import type { Caller } from './principal'
import { officesOf } from './reports/offices'
import { waitingOf } from './reports/waiting'

/** More than anyone answers from one screen: the rest is on the page each item opens. */
const ITEMS_LIMIT = 50
/** Live sign-ups looked through for the next activity. */
const SIGN_UPS_LIMIT = 20
/** As far as 活动 browses: a district's breadth. */
const NEARBY_RADIUS_M = 30_000
const NEARBY_SHOWN = 3
const TODAY_LIMIT = 20
const DAY_MS = 24 * 3_600_000

const needTitle = (need: { helpKind: string; neighbourhood: string }) => `${need.helpKind}（${need.neighbourhood}）`

function item({
  since,
  deadline,
  count,
  ...fields
}: Omit<HomeItem, 'kindLabel' | 'since' | 'deadline' | 'count'> & { since: Date; deadline?: Date; count?: number }): HomeItem {
  return {
    ...fields,
    kindLabel: homeItemKindLabel[fields.kind],
    since: iso(since),
    ...(deadline ? { deadline: iso(deadline) } : {}),
    count: count ?? 1,
  }
}

const activityRef = (a: ActivityDoc) => ({ id: a._id, title: a.title, startAt: iso(a.startAt), endAt: iso(a.endAt) })

/** The organisations the caller holds `roles` in, from their grants. */
const organisationsAs = (me: Caller, roles: readonly string[]) =>
  me.grants.flatMap((g) => ('organisationId' in g && roles.includes(g.role) ? [g.organisationId] : []))

/** 等您确认: needs of theirs the organisation marked done. */
async function confirmations(me: Caller): Promise<HomeItem[]> {
  const done = await needsOfRequester(me.openid, ITEMS_LIMIT, ['done'])
  return done.map((n) =>
    item({
      kind: 'confirm',
      id: n._id,
      title: needTitle(n),
      // The requester's own words: 已完成，等您确认.
      detail: `${needStatusLabelFor(n.status, 'requester')} · ${n.acceptedBy?.name ?? ''}`,
      urgency: n.urgency,
      since: new Date(n.doneAt ?? n.updatedAt),
      page: `/${NEED_PAGE}?id=${n._id}`,
    }),
  )
}

/** A resident's own standing: their next activity, what is on nearby, their time. */
async function residentPart(me: Caller, now: Date): Promise<NonNullable<Home['resident']>> {
  const until = new Date(now.getTime() + NEARBY_DAYS * DAY_MS)
  const [signUps, nearby, accounts] = await Promise.all([
    liveSignUpsWithActivities(me.openid, SIGN_UPS_LIMIT),
    placeOrHome(me, undefined, 'near').then((point) =>
      publishedNear(point, NEARBY_RADIUS_M, { endsAfter: now, startsBefore: until }, ITEMS_LIMIT),
    ),
    accountsOfPerson(me.openid),
  ])
  const next = signUps
    .filter((x): x is { signUp: typeof x.signUp; activity: ActivityDoc } => {
      const a = x.activity
      return a !== undefined && a.status === 'published' && !a.takenDown && new Date(a.endAt) > now
    })
    .sort((a, b) => new Date(a.activity.startAt).getTime() - new Date(b.activity.startAt).getTime())[0]
  const soonest = [...nearby].sort((a, b) => new Date(a.startAt).getTime() - new Date(b.startAt).getTime())
  return {
    balanceMinutes: accounts.reduce((sum, a) => sum + a.balance, 0),
    nextActivity: next ? { ...activityRef(next.activity), waitlisted: next.signUp.status === 'waitlisted' } : null,
    nearby: { count: nearby.length, first: soonest.slice(0, NEARBY_SHOWN).map(activityRef) },
  }
}

/** 我的任务: needs of their organisations their lead assigned to them, still being carried out. */
async function assignedTasks(me: Caller): Promise<HomeItem[]> {
  const tasks = await needsOfOrganisations(organisationsAs(me, ['volunteer', 'organisation_lead']), ['accepted'], ITEMS_LIMIT, me.openid)
  return tasks
    .filter((n) => !n.takenDown && n.acceptedBy)
    .map((n) =>
      item({
        kind: 'task',
        id: n._id,
        title: needTitle(n),
        detail: n.acceptedBy!.name,
        urgency: n.urgency,
        since: new Date(n.acceptedBy!.at),
        ...(n.followUp ? { deadline: new Date(n.followUp.finishBy) } : {}),
        page: taskPath(n.acceptedBy!.organisationId, n._id),
      }),
    )
}

/** Offers to answer: only the kind, urgency, 小区 and distance, as the offers page shows before accepting. */
async function openOffers(led: string[], now: Date): Promise<HomeItem[]> {
  const offers = (await openOffersOfOrganisations(led, ITEMS_LIMIT)).filter((o) => new Date(o.deadline) > now)
  const needs = await needsByIds(offers.map((o) => o.needId))
  return offers.flatMap((o) => {
    const need = needs.get(o.needId)
    if (!need || need.takenDown || need.status !== 'matching') return []
    return [
      item({
        kind: 'offer',
        id: o._id,
        title: needTitle(need),
        // A lead reads about the resident, never the requester's 您.
        detail: needStatusLabelFor(need.status, 'others'),
        urgency: need.urgency,
        since: new Date(o.offeredAt),
        deadline: new Date(o.deadline),
        page: `/${OFFERS_PAGE}`,
      }),
    ]
  })
}

/** A lead's day: tasks under way in their organisations and the activities starting today. */
async function leadPart(led: string[], now: Date): Promise<NonNullable<Home['lead']>> {
  const start = inShanghai(now).startOf('day').toDate()
  const [inProgress, today, organisations] = await Promise.all([
    needsOfOrganisations(led, ['accepted'], 100),
    publishedOfOrganisationsStarting(led, { start, end: new Date(start.getTime() + DAY_MS) }, TODAY_LIMIT),
    organisationsByIds(led),
  ])
  return {
    tasksInProgress: inProgress.filter((n) => !n.takenDown).length,
    today: today
      .filter((a) => !a.takenDown)
      .map((a) => ({
        ...activityRef(a),
        organisationId: a.organisationId,
        organisationName: organisations.get(a.organisationId)?.name ?? '',
      })),
  }
}

/** People to visit now: one item for them all, without their names (the list that names them is audited). */
async function visitsDue(me: Caller, now: Date): Promise<HomeItem[]> {
  const due = (await pairedEntries(me))
    .map((e) => ({ entry: e, standing: visitStanding(new Date(e.nextDueAt), e.frequency, now) }))
    .filter((d) => visitWanted(d.standing))
  if (due.length === 0) return []
  const late = due.filter((d) => d.standing !== 'due_soon').length
  return [
    item({
      kind: 'visits',
      id: 'visits',
      title: `${due.length} 位关爱对象该探访了`,
      detail: late > 0 ? `其中 ${late} 位${visitStandingLabel.overdue}` : visitStandingLabel.due_soon,
      since: new Date(due[0].entry.nextDueAt),
      deadline: new Date(due[0].entry.nextDueAt),
      count: due.length,
      page: `/${CARE_VISITS_PAGE}`,
    }),
  ]
}

/** Each community whose committee the caller sits on: the workbench's own list, its size and first item. */
async function committeePart(me: Caller, now: Date): Promise<Home['committee']> {
  const ids = me.grants.flatMap((g) => (g.role === 'committee' ? [g.communityId] : []))
  if (ids.length === 0) return []
  const [communities, lists] = await Promise.all([communitiesByIds(ids), Promise.all(ids.map((id) => waitingOf(id, now)))])
  return ids.map((id, i) => ({
    communityId: id,
    communityName: communities.get(id)?.name ?? '',
    total: lists[i].total,
    first: (lists[i].items[0] as WaitingItem | undefined) ?? null,
  }))
}

function waitingItems(committee: Home['committee']): HomeItem[] {
  return committee.flatMap(({ communityId, communityName, total, first }) =>
    first
      ? [
          item({
            kind: 'waiting',
            id: communityId,
            title: `${communityName}：${total} 件事等两委处理`,
            detail: `最急：${first.kindLabel}，${first.title}`,
            ...(first.urgency ? { urgency: first.urgency } : {}),
            since: new Date(first.since),
            count: total,
            page: first.page,
          }),
        ]
      : [],
  )
}

/** Civil affairs: this month's headline figures of each office, from the office figures. */
async function officesPart(me: Caller, now: Date): Promise<Home['offices']> {
  if (!me.grants.some((g) => g.role === 'civil_affairs')) return []
  const period = presetPeriod('thisMonth', now)
  return (await officesOf(me, period)).map(({ office, communities, total, communitiesMet }) => ({
    officeId: office._id,
    name: office.name,
    period,
    communities: communities.length,
    communitiesMet,
    needsRaised: total.needs.raised,
    needsCompleted: total.needs.completed,
    serviceMinutes: total.service.minutes,
  }))
}

export async function homeOf(me: Caller, now: Date): Promise<Home> {
  const led = organisationsAs(me, ['organisation_lead'])
  const serves = organisationsAs(me, ['organisation_lead', 'volunteer']).length > 0
  const [confirm, resident, tasks, offers, lead, visits, committee, offices] = await Promise.all([
    me.person ? confirmations(me) : Promise.resolve([]),
    me.isResident ? residentPart(me, now) : Promise.resolve(null),
    serves ? assignedTasks(me) : Promise.resolve([]),
    openOffers(led, now),
    led.length > 0 ? leadPart(led, now) : Promise.resolve(null),
    serves ? visitsDue(me, now) : Promise.resolve([]),
    committeePart(me, now),
    officesPart(me, now),
  ])
  const items = [...confirm, ...offers, ...tasks, ...visits, ...waitingItems(committee)].sort(homeOrder)
  return { items, badge: homeBadge(items), resident, lead, committee, offices }
}
