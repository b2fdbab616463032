/**
 * 志愿服务时长 and 志愿服务记录证明: read from the service records, apart from spendable time. What
 * counts is what the time bank settled (shared/domain/timebank.ts `countedMinutes`). A certificate is
 * issued by whoever recorded the service (谁记录谁证明: the organisation, or the committee for visits
 * no organisation was paired for), states only that issuer's hours, is frozen when issued and is found
 * again only by its unguessable number.
 */
import { randomBytes, scrypt } from 'node:crypto'
import { promisify } from 'node:util'
import type { Certificate, TimebankContract } from '../../shared/contracts/timebank'
import { monthOf } from '../../shared/domain/time'
import {
  CERTIFICATE_ALPHABET,
  countedMinutes,
  formatCertificateNumber,
  issuerKeyOf,
  issuerOf,
  maskIdNumber,
  REAL_NAME_PURPOSE,
  maskName,
  maskPhone,
  periodBounds,
  recordStatusLabel,
  sameIssuer,
  serviceKindLabel,
  sumBy,
  type ServiceIssuer,
} from '../../shared/domain/timebank'
import { starGradeOf, starLabel, type StarGrade } from '../../shared/domain/volunteer-stars'
import { AppError, ErrorCode } from '../../shared/errors'
import type { CertificateDoc, RealNameDoc, ServiceRecordDoc } from '../data/documents'
import { realNameOf, saveRealName } from '../data/real-names'
import { peopleByOpenids } from '../data/residents'
import { serviceRecordsOfPerson } from '../data/service-records'
import { addCertificate } from '../data/timebank'
import type { ActionImplementations } from '../handler'
import { serviceOf } from './credit'
import { issuerNamesOf, issuerView } from './issuers'
import { serviceView } from './views'

type Action<A extends keyof TimebankContract['actions']> = ActionImplementations<TimebankContract>[A]

/** The records listed with the hours; the sums cover them all. */
const RECORDS_SHOWN = 200

const counted = (record: ServiceRecordDoc) => countedMinutes(record.minutes, record.credit)

/** The records served within the period's Shanghai days. */
function inPeriod(records: ServiceRecordDoc[], period: { from?: string; to?: string }) {
  const { since, until } = periodBounds(period)
  return records.filter((r) => (!since || new Date(r.servedAt) >= since) && (!until || new Date(r.servedAt) < until))
}

/** Minutes per organisation, and per month: both of one list of records. */
async function sums(records: ServiceRecordDoc[]) {
  const names = await issuerNamesOf(records)
  const byOrganisation = sumBy(
    records.filter((r) => r.organisationId),
    (r) => r.organisationId!,
    counted,
  ).map(({ key, minutes }) => ({ organisationId: key, organisationName: names.organisations.get(key)?.name ?? '', minutes }))
  const byMonth = sumBy(records, (r) => monthOf(r.servedAt), counted).map(({ key, minutes }) => ({ month: key, minutes }))
  return { names, totalMinutes: records.reduce((sum, r) => sum + counted(r), 0), byOrganisation, byMonth }
}

const realNameView = (doc: RealNameDoc) => ({ name: doc.name, maskedIdNumber: doc.maskedIdNumber })

async function hoursOf(openid: string, period: { from?: string; to?: string }) {
  const [records, realName] = await Promise.all([serviceRecordsOfPerson(openid, periodBounds(period)), realNameOf(openid)])
  const [{ names, totalMinutes, byOrganisation, byMonth }, confirmers] = await Promise.all([
    sums(records),
    peopleByOpenids(records.map((r) => r.confirmedByOpenid)),
  ])
  const issuers = new Map(records.map((r) => [issuerKeyOf(issuerOf(r)), issuerOf(r)]))
  const byIssuer = sumBy(records, (r) => issuerKeyOf(issuerOf(r)), counted).map(({ key, minutes }) => ({
    issuer: issuerView(issuers.get(key)!, names),
    minutes,
  }))
  return {
    period,
    totalMinutes,
    byOrganisation,
    byMonth,
    byIssuer,
    waitingMinutes: records.reduce((sum, r) => sum + (r.credit.status === 'declined' ? 0 : r.minutes - counted(r)), 0),
    records: records.slice(0, RECORDS_SHOWN).map((record) => ({
      id: record._id,
      service: serviceView(serviceOf(record), record.communityId, names),
      recordedMinutes: record.minutes,
      countedMinutes: counted(record),
      statusLabel: recordStatusLabel[record.credit.status],
      confirmedByName: confirmers.get(record.confirmedByOpenid)?.name ?? '',
    })),
    ...(realName ? { realName: realNameView(realName) } : {}),
  }
}

export const serviceHours: Action<'serviceHours'> = async (context) => {
  const { from, to } = context.input
  const me = await context.caller()
  return hoursOf(me.openid, { ...(from ? { from } : {}), ...(to ? { to } : {}) })
}

/** 80 random bits as 16 characters of Crockford base32: nobody finds a certificate by guessing. */
function newCertificateNumber(): string {
  let bits = BigInt(`0x${randomBytes(10).toString('hex')}`)
  let number = ''
  for (let i = 0; i < 16; i++) {
    number += CERTIFICATE_ALPHABET[Number(bits & 31n)]
    bits >>= 5n
  }
  return number
}

export function certificateView(doc: CertificateDoc, forVerifier: boolean): Certificate {
  const stars = (doc.stars ?? 0) as StarGrade
  return {
    number: formatCertificateNumber(doc._id),
    issuedAt: new Date(doc.issuedAt).toISOString(),
    holder: {
      name: forVerifier ? maskName(doc.holder.name) : doc.holder.name,
      maskedPhone: doc.holder.maskedPhone,
      ...(doc.holder.maskedIdNumber ? { maskedIdNumber: doc.holder.maskedIdNumber } : {}),
    },
    period: doc.period,
    totalMinutes: doc.totalMinutes,
    byOrganisation: doc.byOrganisation,
    byMonth: doc.byMonth,
    // Certificates from before one per issuer were all the committee's.
    issuer: { ...doc.issuer, kind: doc.issuer.kind ?? 'committee' },
    services: doc.services ?? [],
    stars,
    starLabel: starLabel(stars),
  }
}

/** What the service was, a line per kind and title, the most minutes first: enough lines for a certificate. */
const SERVICES_LISTED = 8
function servicesOf(records: ServiceRecordDoc[]): string[] {
  const lines = sumBy(records, (r) => `${serviceKindLabel[r.source.kind]}：${r.source.title}`, counted).sort(
    (a, b) => b.minutes - a.minutes,
  )
  const listed = lines.slice(0, SERVICES_LISTED).map((l) => l.key)
  return lines.length > SERVICES_LISTED ? [...listed, `等共 ${lines.length} 项`] : listed
}

/**
 * One issuer's certificate for the period (decision 044): asked again, it is issued again, with a number
 * of its own, saying what was counted by then. The stars are over everything the holder ever served.
 */
export const issueCertificate: Action<'issueCertificate'> = async (context) => {
  const { input } = context
  const me = await context.caller()
  const person = me.person!
  const wanted: ServiceIssuer =
    input.issuer.kind === 'organisation'
      ? { kind: 'organisation', organisationId: input.issuer.id }
      : { kind: 'committee', communityId: input.issuer.id }
  const [all, realName] = await Promise.all([serviceRecordsOfPerson(me.openid, {}), realNameOf(me.openid)])
  const records = inPeriod(all, input).filter((r) => sameIssuer(issuerOf(r), wanted))
  const { names, totalMinutes, byOrganisation, byMonth } = await sums(records)
  // Nobody else's issuer, nor one with nothing counted: both answer the same.
  if (totalMinutes === 0) throw new AppError(ErrorCode.NOT_FOUND, '这段时间这个单位还没有记录可以证明的志愿服务时长', 'data.issuer')
  const issuer = issuerView(wanted, names)
  const certificate: CertificateDoc = {
    _id: newCertificateNumber(),
    openid: me.openid,
    holder: {
      name: realName?.name ?? person.name,
      maskedPhone: maskPhone(person.phone ?? ''),
      ...(realName ? { maskedIdNumber: realName.maskedIdNumber } : {}),
    },
    period: { from: input.from, to: input.to },
    totalMinutes,
    byOrganisation,
    byMonth,
    issuer:
      wanted.kind === 'organisation'
        ? {
            kind: 'organisation',
            organisationId: wanted.organisationId,
            communityId: names.organisations.get(wanted.organisationId)?.communityId ?? records[0].communityId,
            name: issuer.name,
          }
        : { kind: 'committee', communityId: wanted.communityId, name: issuer.name },
    services: servicesOf(records),
    stars: starGradeOf(all.reduce((sum, r) => sum + counted(r), 0)),
    issuedAt: context.now,
  }
  await addCertificate(certificate)
  return { certificate: certificateView(certificate, false) }
}

const hashIdNumber = promisify(scrypt) as (password: string, salt: string, length: number) => Promise<Buffer>

/**
 * 实名登记 (decision 044): the ID number is checked, then only its last four digits and a salted scrypt
 * hash are kept. It is in no answer, no log and no audit entry: this function is the only place it is.
 */
export const registerRealName: Action<'registerRealName'> = async (context) => {
  const { input, now } = context
  const me = await context.caller()
  const salt = randomBytes(16).toString('hex')
  const doc: RealNameDoc = {
    _id: me.openid,
    openid: me.openid,
    name: input.name,
    maskedIdNumber: maskIdNumber(input.idNumber),
    idNumberHash: { salt, hash: (await hashIdNumber(input.idNumber, salt, 32)).toString('hex') },
    consent: { purpose: REAL_NAME_PURPOSE, at: now },
    registeredAt: now,
  }
  await saveRealName(doc)
  return { realName: realNameView(doc) }
}
