/**
 * The shape of each collection's documents, as stored. Only the data-access layer and the
 * demo seed write these; functions see them through the repositories.
 */
import type { OrganisationStatus } from '../../shared/domain/organisation'
import type { CommunityKind } from '../../shared/domain/community'
import type { ElderModePreference } from '../../shared/domain/elder-mode'
import type { HelpKind, OrganisationKind } from '../../shared/domain/vocabulary'
import type { MatchScore, NeedStatus, OfferStatus, Outcome, Urgency } from '../../shared/domain/need'
import type { ActivityKind, ActivityReminder, ActivityStatus, ApprovalReason, SignUpRole, SignUpStatus } from '../../shared/domain/activity'

/** GeoJSON point as CloudBase stores `new db.Geo.Point(lng, lat)`. */
export interface GeoPoint {
  type: 'Point'
  coordinates: [number, number]
}

/** 民政部门: a district or street office overseeing several communities. */
export interface OfficeDoc {
  _id: string
  name: string
  level: 'district' | 'street'
  city: string
  district: string
}

/** 城市社区 or 农村社区 (村), with its committee's public phone. */
export interface CommunityDoc {
  _id: string
  name: string
  kind: CommunityKind
  city: string
  district: string
  street: string
  officeId: string
  centre: GeoPoint
  /** 辖区面积, square kilometres. */
  areaKm2: number
  committeePhone: string
  /** The committee reviews every need before it is matched. */
  reviewBeforeMatching?: boolean
  /** 重大活动报告制度 as the committee set it; absent: the defaults of shared/domain/activity.ts. */
  activityPolicy?: { majorThreshold: number; majorKinds: ActivityKind[] }
}

export interface PersonDoc {
  _id: string
  /** WeChat OPENID: the one key identity comes from. */
  openid: string
  name: string
  phone?: string
  communityId: string | null
  /** 小区 / 村 name, shown to others as the approximate place. */
  neighbourhood?: string
  /** Building, unit, room: sensitive, shown only as PRODUCT.md allows. */
  addressDetail?: string
  location?: GeoPoint
  birthYear?: number
  livesAlone?: boolean
  preferences: { elderMode: ElderModePreference }
  createdAt: Date
}

/** A role granted over a community, organisation or office (see shared/domain/roles.ts). */
export interface RoleDoc {
  _id: string
  openid: string
  role: 'volunteer' | 'organisation_lead' | 'committee' | 'civil_affairs'
  communityId?: string
  organisationId?: string
  officeId?: string
  grantedBy: string
  grantedAt: Date
}

export type { OrganisationStatus } from '../../shared/domain/organisation'

/** 社区社会组织. `leadOpenid` is the applicant until approval, then the lead. */
export interface OrganisationDoc {
  _id: string
  name: string
  kind: OrganisationKind
  helpKinds: HelpKind[]
  communityId: string
  serviceArea: { centre: GeoPoint; radiusM: number }
  /** How many tasks it can carry at once. */
  capacity: number
  status: OrganisationStatus
  leadOpenid: string
  contactPhone: string
  charterSummary: string
  description: string
  /** The current invite code; unique, so every organisation has one from its application on. */
  inviteCode: string
  createdAt: Date
  approvedAt?: Date
  /** The committee's latest decision, shown to the applicant with its reason. */
  decision?: { decision: 'approve' | 'reject' | 'suspend' | 'restore'; reason?: string; at: Date; byOpenid: string }
  /** Kept by the needs flow; absent means none yet. */
  taskCounters?: { offered: number; accepted: number; declined: number; completed: number }
  rating?: { sum: number; count: number }
  /** Minutes from offer to answer, summed over answered and lapsed offers (the scorer's response part). */
  response?: { minutesSum: number; count: number }
  /** Tasks accepted and not yet done: load against `capacity`. */
  activeTasks?: number
  /** When it was last offered a need: fair rotation among equal candidates. */
  lastOfferedAt?: Date
  activitiesHeld?: number
}

/** 审计记录: every change of role, approval or suspension, and every reveal of sensitive data. */
export interface AuditDoc {
  _id: string
  communityId: string
  organisationId?: string
  actorOpenid: string
  actorName: string
  /** e.g. `organisation.approve`, `committee.appoint`, `member.remove`. */
  action: string
  targetOpenid?: string
  targetName?: string
  /** The need whose details were revealed or changed. */
  needId?: string
  activityId?: string
  reason?: string
  at: Date
}

/** A message that production sends through WeChat; locally it is only recorded here. */
export interface OutboxDoc {
  _id: string
  channel: 'subscribeMessage' | 'contentSecurity'
  toOpenid?: string
  template?: string
  payload: Record<string, unknown>
  createdAt: Date
}

/** Why a need waits in the committee's queue; absent when it does not. */
export type QueueReason = 'review' | 'flagged' | 'escalated' | 'duplicate'

/** 急难愁盼: one need, raised by a resident for themself or for a neighbour. */
export interface NeedDoc {
  _id: string
  communityId: string
  /** Who raised it: the requester, or the neighbour who reported it (主动发现). */
  requesterOpenid: string
  requesterName: string
  forNeighbour?: { name: string }
  helpKind: HelpKind
  urgency: Urgency
  description: string
  /** 2dsphere-indexed: duplicate detection. */
  location: GeoPoint
  neighbourhood: string
  addressDetail: string
  wantedBy?: Date
  photos: string[]
  contactPhone: string
  status: NeedStatus
  queue?: QueueReason
  queuedAt?: Date
  possibleDuplicateOf?: string[]
  hiddenReason?: string
  /** The current matching round; offers carry theirs. */
  round: number
  /** Organisations not to offer it again (everyone offered since it was last (re)opened). */
  offeredTo: string[]
  acceptedBy?: { organisationId: string; name: string; at: Date; distanceM: number }
  volunteers: { memberId: string; openid: string }[]
  doneSummary?: string
  doneAt?: Date
  /**
   * Service for the time bank, appended at each markDone: the time bank credits each entry once
   * by its `entryId` (`<needId>.<position in this list>`), so retries and re-reads never double it.
   */
  serviceRecorded: { entryId: string; memberId: string; openid: string; organisationId: string; minutes: number; at: Date }[]
  outcome?: { result: Outcome; rating?: number; comment?: string; at: Date }
  createdAt: Date
  updatedAt: Date
}

/** An offer of a need to one organisation, with why it was chosen. */
export interface OfferDoc {
  _id: string
  needId: string
  organisationId: string
  communityId: string
  round: number
  status: OfferStatus
  score: MatchScore
  distanceM: number
  offeredAt: Date
  deadline: Date
  answeredAt?: Date
  answeredBy?: string
  reason?: string
}

/** One line of a need's timeline: who did what, when. */
export interface NeedEventDoc {
  _id: string
  needId: string
  at: Date
  actorOpenid: string
  actorName: string
  text: string
}

/**
 * 志愿服务时长: one person's confirmed service at one need or activity, written in the same
 * transaction as the lead's confirmation. It is the certificate-grade record of volunteer hours, and
 * what the time bank credits from: once, keyed by this `_id`, so a retry or a replay never pays twice.
 * `_id` is derived from the source and the person: `need-<needId>-<n>` or `activity-<activityId>-<signUpId>`.
 */
export interface ServiceRecordDoc {
  _id: string
  openid: string
  /** Where the service happened: this community's issuing account pays the credit. */
  communityId: string
  organisationId: string
  source: { kind: 'need' | 'activity'; id: string; title: string }
  /** Whole minutes, at least 1. */
  minutes: number
  /** When the service was given: its day (Asia/Shanghai) counts against the daily cap. */
  servedAt: Date
  confirmedByOpenid: string
  confirmedAt: Date
  /** Where the time bank is with it: new records are `pending` until credited (or held over the cap). */
  credit: { status: 'pending' } | { status: 'credited'; entryId: string; at: Date } | { status: 'held'; at: Date } | { status: 'declined'; at: Date; reason: string }
}

/** One place taken or waited for: the sign-up, whose it is (to tell them), and when (first come first served). */
export interface PlaceEntry {
  id: string
  openid: string
  at: Date
}

/**
 * 社区活动. `places` is the one record of who holds a place and who waits, per role: sign-ups and
 * cancellations rewrite it in the same transaction as the sign-up document, so racers for the last
 * place conflict on this document and are decided one after another.
 */
export interface ActivityDoc {
  _id: string
  communityId: string
  organisationId: string
  title: string
  kind: ActivityKind
  description: string
  photos: string[]
  /** 2dsphere-indexed: browsing near first. */
  location: GeoPoint
  address: string
  startAt: Date
  endAt: Date
  signUpDeadline: Date
  participantPlaces: number
  volunteerPlaces: number
  /** Announced service time for volunteers; what is credited is what the lead confirms. */
  volunteerMinutes: number
  status: ActivityStatus
  /** Why it went to the committee; empty when it was published at once. */
  approvalReasons: ApprovalReason[]
  decision?: { decision: 'approve' | 'reject'; reason?: string; at: Date; byOpenid: string }
  cancelled?: { reason: string; at: Date; byOpenid: string }
  places: Record<SignUpRole, { confirmed: PlaceEntry[]; waitlisted: PlaceEntry[] }>
  /** The last reminder sent to those with a place. */
  reminded?: ActivityReminder
  rating?: { sum: number; count: number }
  publishedByOpenid: string
  createdAt: Date
  updatedAt: Date
}

/**
 * One person's sign-up for one activity. `_id` is derived from the activity and the person
 * (server/data/activities.ts `signUpDocId`): one sign-up per person and activity, in one role, so
 * a retried sign-up finds the first instead of adding a second. A cancelled one is reused.
 */
export interface ActivitySignUpDoc {
  _id: string
  activityId: string
  openid: string
  role: SignUpRole
  status: SignUpStatus
  signedUpAt: Date
  cancelledAt?: Date
  promotedAt?: Date
  checkedInAt?: Date
  checkInBy?: 'code' | 'lead'
  checkedOutAt?: Date
  checkOutBy?: 'code' | 'lead'
  /** When wrong short codes were typed: the attempt limit counts the recent ones. */
  shortCodeMisses?: Date[]
  /** Volunteers: set once by the lead, final; more than 0 wrote a service record in the same transaction. */
  confirmedMinutes?: number
  hoursConfirmedAt?: Date
}

/** A participant's rating of an activity; `_id` is their sign-up's, so one per person and activity. */
export interface ActivityRatingDoc {
  _id: string
  activityId: string
  organisationId: string
  openid: string
  /** As shown to everyone (maskedName). */
  shownName: string
  rating: number
  comment?: string
  at: Date
}
