/**
 * The shape of each collection's documents, as stored. Only the data-access layer and the
 * demo seed write these; functions see them through the repositories.
 */
import type { JoinRequestStatus, OrganisationStatus, TaskCounters } from '../../shared/domain/organisation'
import type { CommunityArea, CommunityKind } from '../../shared/domain/community'
import type { ElderModePreference } from '../../shared/domain/elder-mode'
import type { HelpKind, OrganisationKind, SpecialNeedGroup } from '../../shared/domain/vocabulary'
import type { MatchScore, NeedStatus, OfferStatus, Outcome, Urgency } from '../../shared/domain/need'
import type { ActivityKind, ActivityReminder, ActivityStatus, ApprovalReason, SignUpRole, SignUpStatus } from '../../shared/domain/activity'
import type { ConsentGiver, ConsentMethod, VisitFrequency, VisitMode, Wellbeing } from '../../shared/domain/care'
import type { EntryKind, GiftStatus, HeldCause, HeldStatus, ItemKind, RedemptionStatus, ServiceKind } from '../../shared/domain/timebank'
import type { MessageKind, SendResult } from '../../shared/domain/messages'
import type { SmsKind } from '../../shared/domain/sms'
import type {
  FamilyRelation,
  FamilySide,
  FamilyStatus,
  MoveStatus,
  ProxyConsentMethod,
  TakeoverStatus,
  TellBy,
} from '../../shared/domain/residents'
import type { ResidenceStatus } from '../../shared/domain/residence'
import type { InvitedRole } from '../../shared/domain/invitation'
import type { Grade, LedgerDirection, OrganisationFigures, ReportCadence, Verdict } from '../../shared/domain/evaluation'
import type { AvailabilitySlot, Pause, RangeChoice } from '../../shared/domain/volunteer-profile'
import type { SurveyAnswer, SurveyQuestion, SurveyStatus, WantedKinds } from '../../shared/domain/survey'

/** The committee took the content down (docs/decisions/022); absent: shown as posted. */
export interface TakenDown {
  reason: string
  at: Date
  byOpenid: string
}

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
  /** Where its needs may be placed; a need elsewhere belongs to another community. */
  serviceArea: CommunityArea
  /** 辖区面积, square kilometres. */
  areaKm2: number
  committeePhone: string
  /** The committee reviews every need before it is matched. */
  reviewBeforeMatching?: boolean
  /** 重大活动报告制度 as the committee set it; absent: the defaults of shared/domain/activity.ts. */
  activityPolicy?: { majorThreshold: number; majorKinds: ActivityKind[] }
  /** 时间银行: a person's credited service minutes per day; absent: DEFAULT_DAILY_CAP_MINUTES. */
  dailyCapMinutes?: number
  /** Takes no new residents from then on (民政 closed or merged it); its link and QR code answer NOT_FOUND. */
  suspendedAt?: Date
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
  /**
   * 居住核验 of someone who joined by themself (docs/decisions/024). Absent for people the committee
   * registered (the seed, 代登记): it knows they live there.
   */
  residence?: {
    status: ResidenceStatus
    /** The community asked to join: after a decline `communityId` is null and this says where. */
    communityId: string
    askedAt: Date
    decidedAt?: Date
    decidedBy?: string
    /** Why the committee declined, which the person reads. */
    reason?: string
  }
  /** Whether WeChat vouched for the phone (getPhoneNumber) or the person typed it. */
  phoneSource?: 'wechat' | 'typed'
  /** The privacy policy (shared/domain/residence.ts) as agreed when joining. */
  privacyAgreed?: { version: string; at: Date }
  /**
   * Registered by the committee for someone without a smartphone (代登记, decision 027): `openid`
   * is then a `noapp:` key until they take the record over with their own WeChat.
   */
  proxy?: {
    consent: { method: ProxyConsentMethod; witnessName: string; at: Date; recordedByOpenid: string; recordedByName: string }
    tellBy: TellBy
    registeredAt: Date
    takenOverAt?: Date
    /** The `noapp:` key it had: what the take-over moved its documents from. */
    formerKey?: string
  }
  /** True while `openid` is a `noapp:` key: the committee's list of the people it acts for. */
  noApp?: boolean
  /** Set when closing the account began: a retry goes on under the same anonymous id (docs/decisions/028). */
  erasing?: { anonId: string; at: Date }
}

/** 搬家: a resident asks to move to another community, whose committee confirms (decision 026). */
export interface MoveDoc {
  _id: string
  personId: string
  openid: string
  name: string
  fromCommunityId: string
  toCommunityId: string
  neighbourhood: string
  addressDetail: string
  location: GeoPoint
  reason?: string
  status: MoveStatus
  askedAt: Date
  decidedAt?: Date
  decidedBy?: string
  declineReason?: string
  /** The balance carried over (`move-out:<_id>` and `move-in:<_id>`), set on confirmation. */
  movedMinutes?: number
}

/** Someone in WeChat asking to take over a record the committee registered (decision 027); `_id` is `takeover-<caller>`. */
export interface TakeoverDoc {
  _id: string
  openid: string
  /** As typed. */
  name: string
  phone: string
  /** The registered record with that name and phone when asked: never shown to the caller. */
  personId?: string
  communityId?: string
  status: TakeoverStatus
  askedAt: Date
  decidedAt?: Date
  decidedBy?: string
}

/** 亲友: an elder and a relative who both confirmed; the relative may raise and follow the elder's needs. */
export interface FamilyLinkDoc {
  _id: string
  /** Who made the invitation, and so confirms last. */
  invitedBy: FamilySide
  relation: FamilyRelation
  status: FamilyStatus
  elder?: { personId: string; openid: string; name: string }
  relative?: { personId: string; openid: string; name: string }
  /** Indexed copies of the two openids, for the look-ups of needs' access and updates. */
  elderOpenid?: string
  relativeOpenid?: string
  /** While `invited`: the six digits, and until when. */
  code?: string
  codeExpiresAt?: Date
  /** The elder's switch: the relative receives her needs' updates. */
  shareUpdates: boolean
  createdAt: Date
  linkedAt?: Date
  endedAt?: Date
  endedBy?: string
}

/** A role granted over a community, organisation or office (see shared/domain/roles.ts). */
/**
 * A volunteer as a person, one document whatever organisations they serve with (`_id` is their
 * openid, decision 045): the profile they filled in, and the running total of their counted service
 * minutes that the time bank keeps in the transactions settling each record (decision 046).
 */
export interface VolunteerDoc {
  _id: string
  openid: string
  profile?: {
    skills: HelpKind[]
    tags: string[]
    availability: AvailabilitySlot[]
    rangeM: RangeChoice
    /** 暂停接单; its reason is seen by the volunteer and their organisations' leads only. */
    paused: Pause | null
    updatedAt: Date
  }
  /** Counted minutes (shared/domain/timebank.ts countedMinutes) of all their service records. */
  countedMinutes: number
}

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

/**
 * 岗位邀请 (decision 034): a one-time code that makes whoever takes it a committee member of a
 * community, or staff of an office. `_id` is the code itself.
 */
export interface InvitationDoc {
  _id: string
  role: InvitedRole
  /** The office the community belongs to, or the office itself for its staff. */
  officeId: string
  /** Only for the committee. */
  communityId?: string
  /** The staff member who made it, or `deploy` for the first office's (npm run office:first). */
  createdBy: string
  createdAt: Date
  expiresAt: Date
  usedAt?: Date
  usedBy?: string
}

export type { OrganisationStatus } from '../../shared/domain/organisation'

/** 社区社会组织. `leadOpenid` is the applicant until approval, then the lead. */
export interface OrganisationDoc {
  _id: string
  name: string
  kind: OrganisationKind
  helpKinds: HelpKind[]
  communityId: string
  /**
   * The communities whose needs it is offered: its own, and any other it serves as well. Matching
   * reads this, so an organisation near a boundary is not offered the neighbouring community's needs.
   */
  servesCommunityIds: string[]
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
  /** Kept by the needs flow, each in the transaction of the change it counts; whole from the application on. */
  taskCounters: TaskCounters
  /** Minutes from offer to acceptance of the latest acceptances (at most RECENT_RESPONSES): the record's median. */
  acceptanceMinutes?: number[]
  rating?: { sum: number; count: number }
  /** Minutes from offer to answer, summed over answered and lapsed offers (the scorer's response part). */
  response?: { minutesSum: number; count: number }
  /** Tasks accepted and not yet done: load against `capacity`. */
  activeTasks?: number
  /** When it was last offered a need: fair rotation among equal candidates. */
  lastOfferedAt?: Date
  activitiesHeld?: number
  /** Its profile text (charter and description) taken down by the committee. */
  takenDown?: TakenDown
}

/** A resident's request to join an organisation; `_id` is derived from both, so a person has one per organisation. */
export interface JoinRequestDoc {
  _id: string
  organisationId: string
  openid: string
  /** The applicant's community when they asked: the lead sees where they live. */
  communityId: string
  status: JoinRequestStatus
  askedAt: Date
  decidedAt?: Date
  decidedBy?: string
  /** The lead's reason for a decline, which the applicant sees. */
  reason?: string
}

/**
 * A person's recent wrong tries of a guessable code, per purpose: `_id` is derived from both. For the
 * look-ups of certificates (decision 047): every look (`verify`) and the unknown numbers (`verify-miss`) of
 * one caller, whose `openid` may be a web visitor's key (`web:<uid>`), or all web visitors' (`web`).
 */
export interface CodeAttemptsDoc {
  _id: string
  openid: string
  purpose: 'join' | 'family' | 'invitation' | 'verify' | 'verify-miss'
  /** The tries that count, within the window. */
  misses: Date[]
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
  /** Everyone whose phone or address a list read showed (a roster, a member list): 我的信息 shows them who looked. */
  seenOpenids?: string[]
  /** The need whose details were revealed or changed. */
  needId?: string
  activityId?: string
  /** The care register entry that was read or changed. */
  entryId?: string
  reason?: string
  at: Date
}

/** A message that production sends through WeChat; locally it is only recorded here. */
export interface OutboxDoc {
  _id: string
  channel: 'subscribeMessage' | 'sms' | 'contentSecurity' | 'mediaCheck' | 'phoneNumber'
  toOpenid?: string
  /** An SMS's PhoneNumberSet entry (+86…). */
  toPhone?: string
  template?: string
  payload: Record<string, unknown>
  /** What WeChat (or Tencent SMS) answered a message. */
  result?: SendResult
  createdAt: Date
}

/** One message in a person's 消息 centre: every message the product sends lands here, whatever WeChat answers. */
export interface InboxDoc {
  _id: string
  /** The reader: only they list it and mark it read. */
  openid: string
  kind: MessageKind
  /** The template's title and its lines, as the subscribe message shows them. */
  title: string
  lines: { title: string; value: string }[]
  /** The mini-program page it opens, without the leading slash, with its query. */
  page?: string
  /** 紧急程度 of the need it is about: unread ones are listed harm first. */
  urgency?: Urgency
  createdAt: Date
  readAt?: Date
}

/** How many more subscribe messages of one template a person agreed to receive (one per accepted request). */
export interface ConsentDoc {
  _id: string
  openid: string
  template: MessageKind
  remaining: number
  updatedAt: Date
}

/** What became of sending one message to one person, by WeChat or SMS. */
export interface DeliveryDoc {
  _id: string
  channel: 'subscribeMessage' | 'sms'
  toOpenid: string
  /** SMS only: the number it went to. */
  toPhone?: string
  template: MessageKind | SmsKind
  /** The inbox message it carries outside the app, when there is one. */
  inboxId?: string
  /** False when it was not sent at all: no consent left, or no phone to send to. */
  attempted: boolean
  result: SendResult
  at: Date
}

/** Why a need waits in the committee's queue; absent when it does not. `overdue`: accepted, and not done long past its expected finish. */
export type QueueReason = 'review' | 'flagged' | 'escalated' | 'duplicate' | 'overdue'

/** 急难愁盼: one need, raised by a resident for themself or for a neighbour. */
export interface NeedDoc {
  _id: string
  communityId: string
  /** Who raised it: the requester, or the neighbour who reported it (主动发现). */
  requesterOpenid: string
  requesterName: string
  forNeighbour?: { name: string }
  /** Raised for the requester by someone else (代办): the committee, or a linked relative. */
  raisedBy?: { openid: string; name: string; as: 'committee' | 'family' }
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
  /** Set on acceptance (shared/domain/need.ts followUpOf); the due work stamps when it reminded the lead. */
  followUp?: { finishBy: Date; overdueAt: Date; remindedAt?: Date }
  /** Who the lead assigned, named as they were then: a view needs no read of people (decision 048). */
  volunteers: { memberId: string; openid: string; name: string }[]
  /** Every markDone's service, one line per volunteer, as its service records state it. */
  service?: { openid: string; name: string; minutes: number }[]
  doneSummary?: string
  doneAt?: Date
  /** How many service records its markDones wrote (`need-<_id>-<n>`, n from 0); absent: none yet. */
  serviceRecordCount?: number
  /** The records the latest markDone wrote: a 未解决 answer holds them for the committee's review. */
  doneServiceRecordIds?: string[]
  /** `organisationId`: the organisation judged (a 未解决 takes the acceptance away, the judgement keeps whose work it was; decision 051). */
  outcome?: { result: Outcome; rating?: number; comment?: string; at: Date; organisationId?: string }
  takenDown?: TakenDown
  /**
   * Who did what, in the order it happened, kept in the need itself (decision 043): every change of a
   * need appends its line in the same write, and a view reads it with the need. Bounded by
   * MAX_TIMELINE_EVENTS.
   */
  timeline: NeedEvent[]
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
export interface NeedEvent {
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
  /**
   * Who recorded it and so issues its certificate (谁记录谁证明, shared/domain/timebank.ts `issuerOf`):
   * always there on needs and activities; absent on a visit no organisation was paired for, which the
   * committee of `communityId` issues.
   */
  organisationId?: string
  source: { kind: ServiceKind; id: string; title: string }
  /** Whole minutes, at least 1. */
  minutes: number
  /** When the service was given: its day (Asia/Shanghai) counts against the daily cap. */
  servedAt: Date
  /** The lead who confirmed a need's or an activity's service; for a visit, the visitor who recorded it (decision 043). */
  confirmedByOpenid: string
  confirmedAt: Date
  /** Where the time bank is with it: new records are `pending` until credited (or held over the cap). */
  credit: ServiceCredit
  /** Set by every write to it: the service figures' rollups take in what changed (decision 054). */
  updatedAt: Date
}

/**
 * The time bank's progress on a service record. Over the daily cap, `heldMinutes` wait for the
 * committee (`timebank_held` `held:<record _id>`) and the rest is paid at once by `entryId`.
 */
export type ServiceCredit =
  | { status: 'pending' }
  /** Every minute is spendable: `entryId` paid it (the review's entry when all of it was held first). */
  | { status: 'credited'; entryId: string; at: Date }
  /**
   * `declined`: what the committee had declined of it before the requester disputed it (decision 017):
   * the dispute holds the rest, and that earlier decision stands whatever the review says.
   */
  | { status: 'held'; at: Date; heldMinutes: number; entryId?: string; declined?: { minutes: number; reason: string } }
  /** The committee declined the held minutes: neither spendable nor counted as service hours. */
  | { status: 'declined'; at: Date; reason: string; declinedMinutes: number; entryId?: string }

// ——— 时间银行 (docs/decisions/010) ———

/**
 * One account: a person's in one community, or the community's issuing account (its pool), which
 * goes negative as it issues. A community's accounts always sum to zero. `_id` is derived
 * (`acct:<communityId>:<openid>`, `pool:<communityId>:<shard>`, `waiting:<communityId>:<giftId>`), so a transaction reads it without a query.
 */
export interface AccountDoc {
  _id: string
  communityId: string
  /** `gift`: one gift waiting for its recipient (decision 018). */
  kind: 'person' | 'pool' | 'gift'
  openid?: string
  balance: number
  /** How many entries touched it: with the balance, what the invariant test checks against the entries. */
  entryCount: number
  createdAt: Date
  updatedAt: Date
}

/**
 * One movement of minutes, never changed or removed. `_id` is its idempotency key, derived from
 * its source (`service:<recordId>`, `gift:<hash>`, `redeem:<redemptionId>`, `reverse:<entryId>`…),
 * so that a replayed request finds it instead of writing it twice.
 */
export interface EntryDoc {
  _id: string
  communityId: string
  kind: EntryKind
  /** Account ids. */
  from: string
  to: string
  /** The people on either side, absent for the pool: a person's history is where `people` has them. */
  fromOpenid?: string
  toOpenid?: string
  people: string[]
  /** Whole minutes, at least 1. */
  minutes: number
  at: Date
  /** Who did it: the giver, the committee member, or the lead who confirmed the service. */
  byOpenid: string
  /** Service and review: the record it paid for. */
  service?: { recordId: string; kind: ServiceKind; id: string; title: string; organisationId?: string; servedAt: Date }
  note?: string
  redemptionId?: string
  itemName?: string
  reason?: string
  /** A reversal: the entry it reverses, and that entry's kind. */
  reverses?: string
  reversedKind?: EntryKind
  /** The three entries of a gift: which gift, who gave it, and the name the giver typed. */
  gift?: { id: string; giverOpenid: string; toName: string }
}

/**
 * A gift waiting for, or settled by, its recipient (decision 018). `_id` is derived from the giver
 * and the page's request id, like the gift's first entry.
 */
export interface GiftDoc {
  _id: string
  communityId: string
  giverOpenid: string
  /** As the giver typed them: shown back to the giver whether or not they matched anyone. */
  toName: string
  toPhoneMasked: string
  /** The person with that name and phone when it was given; absent when nobody matched. Never shown to the giver. */
  toOpenid?: string
  minutes: number
  note?: string
  status: GiftStatus
  createdAt: Date
  expiresAt: Date
  /** `gift:<…>`: the minutes out of the giver's account. */
  entryId: string
  settledAt?: Date
  /** `gift-accept:<id>` or `gift-return:<id>`. */
  settledEntryId?: string
}

/** How many gifts a person made on one Shanghai day: `_id` is `gifts:<openid>:<YYYY-MM-DD>`. */
export interface GiftDayDoc {
  _id: string
  openid: string
  day: string
  count: number
}

/** 兑换目录: a service or 爱心超市 goods the community offers for time. */
export interface ItemDoc {
  _id: string
  communityId: string
  name: string
  kind: ItemKind
  priceMinutes: number
  description: string
  providerOrganisationId?: string
  /** Never below zero: redemptions take one in the same transaction as the payment; restocks add a delta. */
  stock: number
  status: 'active' | 'retired'
  createdAt: Date
  updatedAt: Date
}

export interface RedemptionDoc {
  _id: string
  communityId: string
  openid: string
  itemId: string
  itemName: string
  kind: ItemKind
  priceMinutes: number
  providerOrganisationId?: string
  status: RedemptionStatus
  /** The entry that paid: `redeem:<_id>`. */
  entryId: string
  requestedAt: Date
  handedOverAt?: Date
  handedOverBy?: string
  cancelledAt?: Date
}

/** Service minutes over the daily cap, waiting for the committee: `_id` is `held:<recordId>`. */
export interface HeldCreditDoc {
  _id: string
  communityId: string
  openid: string
  recordId: string
  service: NonNullable<EntryDoc['service']>
  /** The Shanghai day of service, YYYY-MM-DD. */
  day: string
  recordMinutes: number
  heldMinutes: number
  /** Why it waits: over the daily cap (absent on older documents), or the requester answered 未解决 (decision 017). */
  cause?: HeldCause
  /** Disputed: minutes already paid that the volunteer had spent, so could not be taken back. */
  unrecoveredMinutes?: number
  status: HeldStatus
  heldAt: Date
  reviewedAt?: Date
  reviewedBy?: string
  reason?: string
  /** Credited on review: `review:<recordId>`. */
  entryId?: string
}

/** A person's credited service minutes on one Shanghai day: `_id` is `day:<openid>:<YYYY-MM-DD>`. */
export interface DailyCreditDoc {
  _id: string
  openid: string
  day: string
  minutes: number
}

/** 志愿服务记录证明, frozen as issued: `_id` is its unguessable verification number (16 characters). */
export interface CertificateDoc {
  _id: string
  openid: string
  /** `maskedIdNumber` once they registered their real name (decision 044); older certificates have none. */
  holder: { name: string; maskedPhone: string; maskedIdNumber?: string }
  period: { from: string; to: string }
  /** The minutes recorded by the issuer only (absent `issuer.kind`: every organisation, as certificates were first issued). */
  totalMinutes: number
  byOrganisation: { organisationId: string; organisationName: string; minutes: number }[]
  byMonth: { month: string; minutes: number }[]
  /** Who recorded the service and so certifies it (谁记录谁证明); older certificates were all the committee's. */
  issuer: { communityId: string; name: string; kind?: 'organisation' | 'committee'; organisationId?: string }
  /** What the service was: its kinds and titles, a line each. */
  services?: string[]
  /** 星级 over all their counted minutes when it was issued. */
  stars?: number
  issuedAt: Date
}

/**
 * 实名登记 (《志愿服务条例》), asked for only when a certificate needs it, `_id` the volunteer's openid.
 * The ID number itself is never kept (decision 044): its last four digits to show, and a salted
 * scrypt hash to check a number given again against it.
 */
export interface RealNameDoc {
  _id: string
  openid: string
  name: string
  /** `**************1234`: all that is ever shown. */
  maskedIdNumber: string
  idNumberHash: { salt: string; hash: string }
  /** 单独同意: the purpose they agreed to, as shown, and when. */
  consent: { purpose: string; at: Date }
  registeredAt: Date
}

/** One place taken or waited for: the sign-up, whose it is (to tell them), and when (first come first served). */
export interface PlaceEntry {
  id: string
  openid: string
  at: Date
}

/**
 * 社区活动. `places` is the one record of who holds a place and who waits, per role. A sign-up
 * pushes onto it with one conditional update, which the database applies to racers for the last
 * place one after another without conflicts, and then writes the sign-up document as it says; a
 * cancellation rewrites it in one transaction with the sign-up documents it changes.
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
  /** 为老服务: participants are the service's recipients (decision 037). */
  servesElders?: boolean
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
  takenDown?: TakenDown
  createdAt: Date
  updatedAt: Date
}

/**
 * One person's sign-up for one activity. `_id` is derived from the activity and the person
 * (server/data/activities.ts `signUpDocId`): one sign-up per person and activity, in one role, so
 * a retried sign-up finds the first instead of adding a second. A cancelled one is reused. It is
 * written after the activity's `places`, which it follows.
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
  /** Its comment taken down: the stars still count, the text is not shown. */
  takenDown?: TakenDown
  at: Date
}

/**
 * One photo attached to a need or an activity, and its content check: WeChat's verdict comes later
 * (mediaCheckAsync), so the photo is shown to others only once `check` is `passed` and it is not
 * taken down. `_id` is derived from the owner and the file id (server/data/photos.ts).
 */
export interface PhotoDoc {
  _id: string
  fileId: string
  owner: { kind: 'need' | 'activity'; id: string }
  communityId: string
  authorOpenid: string
  check: 'pending' | 'passed' | 'flagged'
  /** WeChat's id of the check, which its verdict carries; indexed. */
  traceId?: string
  /** WeChat's label of a flagged photo (e.g. 20002 色情), for the committee. */
  label?: string
  checkedAt?: Date
  takenDown?: TakenDown
  createdAt: Date
}

/**
 * 关爱对象: one person on a community's care register. Sensitive (PIPL): only the committee reads
 * the whole entry, a paired volunteer what a visit needs, and every read is audited.
 */
export interface CareEntryDoc {
  _id: string
  communityId: string
  /** The person's own record when they use the mini-program. */
  residentId?: string
  name: string
  phone?: string
  neighbourhood: string
  addressDetail: string
  location: GeoPoint
  groups: SpecialNeedGroup[]
  careNeeds: string
  emergencyContact: { name: string; relation: string; phone: string }
  frequency: VisitFrequency
  /** 单独同意, kept as recorded, also after withdrawal. */
  consent: { giver: ConsentGiver; giverName: string; method: ConsentMethod; at: Date; recordedByOpenid: string; recordedByName: string }
  registeredAt: Date
  /** False once consent is withdrawn: off the active register, no pairing, no schedule. */
  active: boolean
  withdrawal?: { at: Date; note: string; recordedByOpenid: string; recordedByName: string }
  /** The current pairing (结对帮扶); replaced as a whole, cleared on withdrawal. */
  pairing: { organisationId?: string; volunteers: { memberId: string; openid: string }[] }
  /** The paired volunteers' openids, indexed: a volunteer's list is one query. */
  pairedOpenids: string[]
  lastVisitAt?: Date
  /** When the next visit is due; absent once withdrawn. */
  nextDueAt?: Date
  /** When the paired volunteers are reminded (the due date turns due this week); removed once sent. */
  remindAt?: Date
  /** When the committee is told (the due date turns escalated); removed once sent. */
  escalateAt?: Date
  updatedAt: Date
}

/** One visit to a person on the register, by a paired volunteer or lead. */
export interface CareVisitDoc {
  _id: string
  entryId: string
  communityId: string
  visitedAt: Date
  mode: VisitMode
  wellbeing: Wellbeing
  notes?: string
  visitorOpenid: string
  visitorName: string
  /** 服务时长 as the visitor gave it; its service record is `visit-<_id>`. Absent on visits from before visits earned time. */
  minutes?: number
  /** The need a worry raised on the person's behalf. */
  needId?: string
  recordedAt: Date
  /** When it was written: the visit rate's rollups take in what changed (decision 054). */
  updatedAt: Date
}

/**
 * One record the scheduled work failed on, `_id` `<step>:<record id>`: tried again from `nextTryAt`,
 * each wait twice the one before; after a few attempts the record's community committee sees it
 * in its waiting list. Removed once the record goes through, or is gone.
 */
export interface DueWorkFailureDoc {
  _id: string
  step: string
  recordId: string
  communityId: string
  /** The step's name for people, as the committee's waiting list shows it. */
  title: string
  /** The committee's page to see to the record from. */
  page: string
  attempts: number
  firstFailedAt: Date
  nextTryAt: Date
  /** The last error, for the logs' reader: never shown to people. */
  error: string
}

/** What is rolled up: the needs (decision 040), the service records and the care visits (decision 054), the organisations' work on needs (decision 055). */
export type RolledSourceName = 'needs' | 'service' | 'visits' | 'work'

/**
 * A source's figures of a community or an office for one day (`YYYY-MM-DD`), month (`YYYY-MM`) or
 * year, rebuilt from the source by the due work. Tallies and marks are the source's own
 * (shared/domain/need-tally.ts, service-tally.ts, visit-tally.ts, work-tally.ts).
 */
export interface RollupDoc<Tally = unknown, Mark = unknown> {
  /** `<source>:<scope>:<scopeId>:<key>`, so that a rebuild overwrites. */
  _id: string
  source: RolledSourceName
  scope: 'community' | 'office'
  scopeId: string
  key: string
  /** Per community: a community's own has one, an office's has each of its communities. */
  tallies: Record<string, Tally>
  /** A community's day only: what each need or record counted in it added, so that one changed since can be taken out again. */
  marks?: Record<string, Mark>
  ids?: string[]
  builtAt: Date
}

/** How far the rollups have taken in changes to a source (`_id`): everything last changed before `rolledTo` is in them as it is. */
export interface RollupMarkDoc {
  _id: string
  rolledTo: Date
}

/** 评估评议 settings of a community (decision 051); `_id` is the community's id. Absent: half-yearly, no window. */
export interface EvaluationSettingsDoc {
  _id: string
  reportEvery: ReportCadence
  window: { from: string; to: string } | null
  updatedAt: Date
  byOpenid: string
}

/** An organisation's work report for one period; `_id` is `<organisationId>_<period>`, so there is one, replaced on resubmission. */
export interface WorkReportDoc {
  _id: string
  organisationId: string
  communityId: string
  period: string
  year: number
  text: string
  figures: OrganisationFigures
  submittedAt: Date
  byOpenid: string
}

/** A resident's 评议; `_id` is `<organisationId>_<year>_<openid>`: one per resident, organisation and year. */
export interface ReviewDoc {
  _id: string
  organisationId: string
  communityId: string
  year: number
  openid: string
  verdict: Verdict
  text?: string
  at: Date
}

/** The committee's grade; `_id` is `<organisationId>_<year>`: once a year. */
export interface GradeDoc {
  _id: string
  organisationId: string
  communityId: string
  year: number
  grade: Grade
  comment: string
  at: Date
  byOpenid: string
}

/** 收费标准 the lead keeps; `_id` is the organisation's id. */
export interface ChargesDoc {
  _id: string
  free: boolean
  items: { item: string; amountFen: number; unit: string }[]
  updatedAt: Date
}

/** One line of an organisation's public money ledger: amounts in fen, integers. */
export interface LedgerDoc {
  _id: string
  organisationId: string
  day: string
  direction: LedgerDirection
  amountFen: number
  purpose: string
  /** When it was written: the ledger pages newest first by it. */
  at: Date
  byOpenid: string
}

/** 需求调查 (decision 049): the committee's survey, its answers counted as they come. */
export interface SurveyDoc {
  _id: string
  communityId: string
  /** Absent: all the community's residents. */
  neighbourhood?: string
  title: string
  intro: string
  questions: SurveyQuestion[]
  /** Shanghai days, `YYYY-MM-DD`. */
  opensOn: string
  closesOn: string
  status: SurveyStatus
  createdAt: Date
  createdBy: string
  publishedAt?: Date
  closedAt?: Date
  answerCount: number
  /** Residents per help kind chosen in its help-kind questions, kept with each answer: the figures and the workbench read this. */
  wanted: WantedKinds
}

/** One resident's answers to the anonymous questions: a random id, no openid, no time (decision 049). */
export interface SurveyAnswerDoc {
  _id: string
  surveyId: string
  communityId: string
  /** By question index; a question that is not anonymous is left `{}` here. */
  answers: SurveyAnswer[]
}

/**
 * That a resident answered: `_id` is a hash of the survey and the openid, which makes one answer each. It
 * names the resident only beside the answers to questions that are not anonymous.
 */
export interface SurveyRespondentDoc {
  _id: string
  surveyId: string
  communityId: string
  named?: { openid: string; name: string; answers: SurveyAnswer[] }
}

// ——— 议事协商 (decision 050) ———

/** A topic, proposed by a resident or opened by the committee; its votes are counted in `topic_tallies`. */
export interface TopicDoc {
  _id: string
  communityId: string
  title: string
  question: string
  background: string
  /** The choices in order; 同意 / 反对 / 弃权 when the topic listed none. */
  options: string[]
  /** Shanghai days, `YYYY-MM-DD`: discussion runs from the opening until voting ends. */
  votingFrom: string
  votingUntil: string
  proposedBy: string
  proposedAt: Date
  /** Set at once by the committee, or by the tenth 附议 of a proposal. */
  openedAt?: Date
  supporters: number
  /** Votes cast: only how many, never whose. */
  votes: number
  decision?: string
  minutes?: string
  decidedAt?: Date
  decidedBy?: string
  /** 落实情况 as the committee adds them: the committee's word, whoever of it typed it. */
  followUps: { text: string; at: Date }[]
}

/** One resident's 附议, keyed by topic and person so that a second one collides. */
export interface TopicSupportDoc {
  _id: string
  topicId: string
  openid: string
  at: Date
}

/**
 * That someone has voted on a topic: keyed by a hash of topic and person, and holding neither the person
 * nor the choice nor the moment, so that nothing joins a voter to a choice (decision 050).
 */
export interface TopicVoteDoc {
  _id: string
  topicId: string
}

/** One option's count; `_id` is the topic's id and the option's index. */
export interface TopicTallyDoc {
  _id: string
  topicId: string
  option: number
  count: number
}

export interface TopicCommentDoc {
  _id: string
  topicId: string
  communityId: string
  openid: string
  /** As shown to everyone (maskedName). */
  shownName: string
  text: string
  at: Date
  takenDown?: TakenDown
}
