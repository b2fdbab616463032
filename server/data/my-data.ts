/**
 * Everything stored about one person, collection by collection: what 我的信息 shows, the export
 * holds and the erasure (./erasure.ts) goes through. Every read is by the person's own openid or
 * person id, never by anything the request says.
 */
import { database, readAll } from './cloudbase'
import type {
  AccountDoc,
  ActivityRatingDoc,
  ActivitySignUpDoc,
  AuditDoc,
  CareEntryDoc,
  CareVisitDoc,
  CertificateDoc,
  EntryDoc,
  GiftDoc,
  JoinRequestDoc,
  NeedDoc,
  OrganisationDoc,
  PhotoDoc,
  RealNameDoc,
  RedemptionDoc,
  ServiceRecordDoc,
  VolunteerDoc,
} from './documents'
import { asGeoPoint } from './geo'

const where = <T>(collection: string, filter: object) => readAll<T>(database().collection(collection).where(filter))

export interface PersonRecords {
  needs: NeedDoc[]
  serviceRecords: ServiceRecordDoc[]
  accounts: AccountDoc[]
  entries: EntryDoc[]
  giftsGiven: GiftDoc[]
  giftsReceived: GiftDoc[]
  redemptions: RedemptionDoc[]
  certificates: CertificateDoc[]
  realName: RealNameDoc | null
  /** 志愿者资料 and the running total behind the stars. */
  volunteer: VolunteerDoc | null
  signUps: ActivitySignUpDoc[]
  ratings: ActivityRatingDoc[]
  joinRequests: JoinRequestDoc[]
  /** Organisations the person applied for or leads. */
  organisations: OrganisationDoc[]
  /** Entries the committee linked to the person (`residentId`), withdrawn ones too. */
  careEntries: CareEntryDoc[]
  careVisits: CareVisitDoc[]
  photos: PhotoDoc[]
}

export async function recordsOf(openid: string, personId: string): Promise<PersonRecords> {
  const [needs, serviceRecords, accounts, entries, giftsGiven, giftsReceived, redemptions, certificates, signUps, ratings] =
    await Promise.all([
      where<NeedDoc>('needs', { requesterOpenid: openid }),
      where<ServiceRecordDoc>('service_records', { openid }),
      where<AccountDoc>('timebank_accounts', { openid }),
      where<EntryDoc>('timebank_entries', { people: openid }),
      where<GiftDoc>('timebank_gifts', { giverOpenid: openid }),
      where<GiftDoc>('timebank_gifts', { toOpenid: openid }),
      where<RedemptionDoc>('timebank_redemptions', { openid }),
      where<CertificateDoc>('timebank_certificates', { openid }),
      where<ActivitySignUpDoc>('activity_sign_ups', { openid }),
      where<ActivityRatingDoc>('activity_ratings', { openid }),
    ])
  const [joinRequests, organisations, careEntries, photos, realNames, volunteers] = await Promise.all([
    where<JoinRequestDoc>('join_requests', { openid }),
    where<OrganisationDoc>('organisations', { leadOpenid: openid }),
    where<CareEntryDoc>('care_register', { residentId: personId }),
    where<PhotoDoc>('photos', { authorOpenid: openid }),
    where<RealNameDoc>('volunteer_real_names', { openid }),
    where<VolunteerDoc>('volunteers', { openid }),
  ])
  const careVisits = careEntries.length
    ? await where<CareVisitDoc>('care_visits', { entryId: database().command.in(careEntries.map((e) => e._id)) })
    : []
  return {
    needs: needs.map((n) => ({ ...n, location: asGeoPoint(n.location) })),
    serviceRecords,
    accounts,
    entries,
    giftsGiven,
    giftsReceived,
    redemptions,
    certificates,
    realName: realNames[0] ?? null,
    volunteer: volunteers[0] ?? null,
    signUps,
    ratings,
    joinRequests,
    organisations,
    careEntries: careEntries.map((e) => ({ ...e, location: asGeoPoint(e.location) })),
    careVisits,
    photos,
  }
}

/**
 * Audit entries recording that someone saw this person's phone or address: a reveal naming them
 * (`targetOpenid`), a list read that showed them among others (`seenOpenids`), or a read of their
 * care register entry. Their own reads are left out. Newest first.
 */
export async function contactViewsOf(
  openid: string,
  revealActions: readonly string[],
  careEntryIds: string[],
  limit: number,
): Promise<AuditDoc[]> {
  const _ = database().command
  const { data } = await database()
    .collection('audit_log')
    .where(
      _.and([
        _.or([
          { targetOpenid: openid, action: _.in([...revealActions]) },
          { seenOpenids: openid },
          ...(careEntryIds.length ? [{ entryId: _.in(careEntryIds), action: 'care.view' }] : []),
        ]),
        { actorOpenid: _.neq(openid) },
      ]),
    )
    .orderBy('at', 'desc')
    .limit(limit)
    .get()
  return data as AuditDoc[]
}
