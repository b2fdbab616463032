/**
 * Which document type each collection holds, and what an update of one may say. CloudBase (its
 * SDK flattens a plain object in an update into `a.b` paths) merges a sub-document field by field,
 * keeping the fields the patch leaves out: a need closed as 未评价 kept the rating of an earlier
 * answer that way. So a patch sets each top-level field to a whole value: a sub-document is either
 * replaced with `whole(…)` or changed one field at a time through its explicit `'a.b'` path.
 */
import type {
  AccountDoc,
  ActivityDoc,
  ActivityRatingDoc,
  ActivitySignUpDoc,
  AuditDoc,
  CareEntryDoc,
  CareVisitDoc,
  CertificateDoc,
  ChargesDoc,
  CodeAttemptsDoc,
  CommunityDoc,
  ConsentDoc,
  DailyCreditDoc,
  DeliveryDoc,
  DueWorkFailureDoc,
  EntryDoc,
  EvaluationSettingsDoc,
  FamilyLinkDoc,
  GiftDayDoc,
  GiftDoc,
  GradeDoc,
  HeldCreditDoc,
  InboxDoc,
  InvitationDoc,
  ItemDoc,
  MoveDoc,
  JoinRequestDoc,
  LedgerDoc,
  NeedDoc,
  OfferDoc,
  OfficeDoc,
  OrganisationDoc,
  PersonDoc,
  PhotoDoc,
  RealNameDoc,
  RedemptionDoc,
  ReviewDoc,
  RoleDoc,
  RollupDoc,
  RollupMarkDoc,
  ServiceRecordDoc,
  SurveyAnswerDoc,
  SurveyDoc,
  SurveyRespondentDoc,
  TakeoverDoc,
  TopicCommentDoc,
  TopicDoc,
  TopicSupportDoc,
  TopicTallyDoc,
  TopicVoteDoc,
  VolunteerDoc,
  WorkReportDoc,
} from './documents'

export interface Collections {
  offices: OfficeDoc
  communities: CommunityDoc
  people: PersonDoc
  roles: RoleDoc
  invitations: InvitationDoc
  join_requests: JoinRequestDoc
  code_attempts: CodeAttemptsDoc
  organisations: OrganisationDoc
  audit_log: AuditDoc
  needs: NeedDoc
  offers: OfferDoc
  service_records: ServiceRecordDoc
  activities: ActivityDoc
  activity_sign_ups: ActivitySignUpDoc
  activity_ratings: ActivityRatingDoc
  care_register: CareEntryDoc
  care_visits: CareVisitDoc
  timebank_accounts: AccountDoc
  timebank_entries: EntryDoc
  timebank_items: ItemDoc
  timebank_redemptions: RedemptionDoc
  timebank_held: HeldCreditDoc
  timebank_daily: DailyCreditDoc
  timebank_certificates: CertificateDoc
  volunteer_real_names: RealNameDoc
  photos: PhotoDoc
  timebank_gifts: GiftDoc
  timebank_gift_days: GiftDayDoc
  due_work_failures: DueWorkFailureDoc
  moves: MoveDoc
  takeovers: TakeoverDoc
  family_links: FamilyLinkDoc
  inbox: InboxDoc
  subscribe_consents: ConsentDoc
  deliveries: DeliveryDoc
  report_rollups: RollupDoc
  report_rollup_marks: RollupMarkDoc
  volunteers: VolunteerDoc
  evaluation_settings: EvaluationSettingsDoc
  work_reports: WorkReportDoc
  organisation_reviews: ReviewDoc
  organisation_grades: GradeDoc
  organisation_charges: ChargesDoc
  organisation_ledger: LedgerDoc
  surveys: SurveyDoc
  survey_answers: SurveyAnswerDoc
  survey_respondents: SurveyRespondentDoc
  topics: TopicDoc
  topic_supports: TopicSupportDoc
  topic_votes: TopicVoteDoc
  topic_tallies: TopicTallyDoc
  topic_comments: TopicCommentDoc
}

export type CollectionName = keyof Collections

/** A document as it is added: `_id` may be left to the database. */
export type NewDocument<C extends CollectionName> = Omit<Collections[C], '_id'> & { _id?: string }

/** Only the type exists: the values are the SDK's update commands (server/data/transaction.ts). */
declare const command: unique symbol
/** Replaces the field's value, a sub-document included, as a whole: `Whole<Frozen<value's type>>`. */
export interface Whole<F> {
  readonly [command]: 'whole'
  readonly value?: F
}
/**
 * `whole` infers its value as written (`'Point'`, not string), which makes arrays readonly:
 * values are compared frozen, so that a mutable field takes them too.
 */
export type Frozen<T> = T extends Date | string | number | boolean | null | undefined ? T : { readonly [K in keyof T]: Frozen<T[K]> }
export interface Unset {
  readonly [command]: 'unset'
}
export interface Increment {
  readonly [command]: 'increment'
}
export interface Append<T> {
  readonly [command]: 'append'
  readonly items?: T
}

/** Values an update stores as they are: anything but a plain object (arrays are replaced whole too). */
type Leaf = string | number | boolean | Date | readonly unknown[] | null

/** What one field may be set to: a leaf as it is, a sub-document only whole; a number may be increased, an optional field removed. */
type FieldUpdate<T, Optional extends boolean> =
  | (Exclude<T, undefined> extends Leaf ? Exclude<T, undefined> : never)
  | Whole<Frozen<Exclude<T, undefined>>>
  | (Exclude<T, undefined> extends number ? Increment : never)
  | (Exclude<T, undefined> extends readonly unknown[] ? Append<Exclude<T, undefined>> : never)
  | (Optional extends true ? Unset : never)

type IsOptional<D, K extends keyof D> = object extends Pick<D, K> ? true : false

type SubDocumentKey<D> = { [K in keyof D & string]-?: Exclude<D[K], undefined> extends Leaf ? never : K }[keyof D & string]

/** Each field of each sub-document, by its `'a.b'` path. */
type SubField<D> = {
  [K in SubDocumentKey<D>]: {
    [S in keyof Exclude<D[K], undefined> & string]-?: {
      path: `${K}.${S}`
      value: Exclude<D[K], undefined>[S]
      optional: IsOptional<Exclude<D[K], undefined>, S>
    }
  }[keyof Exclude<D[K], undefined> & string]
}[SubDocumentKey<D>]

export type Patch<D> = { [K in Exclude<keyof D, '_id'>]?: FieldUpdate<D[K], IsOptional<D, K>> } & {
  [F in SubField<D> as F['path']]?: FieldUpdate<F['value'], F['optional']>
}

/**
 * Refuses keys a patch of `D` does not have, computed ones included: `{ [key]: value }` with a key
 * of union type is typed with an index signature, which the optional fields of `Patch` let through.
 */
export type OnlyFieldsOf<D, P> = { [K in keyof P]?: K extends keyof Patch<D> ? unknown : never }
