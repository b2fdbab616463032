/**
 * 志愿服务时长 and 志愿服务记录证明: read from the service records, apart from spendable time. What
 * counts is what the time bank settled (shared/domain/timebank.ts `countedMinutes`); a certificate
 * is frozen when issued and found again only by its unguessable number.
 */
import { monthOf } from '../../shared/domain/time'
import { randomBytes } from 'node:crypto'
import type { Certificate, TimebankContract } from '../../shared/contracts/timebank'
import {
  CERTIFICATE_ALPHABET,
  countedMinutes,
  formatCertificateNumber,
  issuerName,
  maskName,
  maskPhone,
  periodBounds,
  recordStatusLabel,
  sumBy,
} from '../../shared/domain/timebank'
import { AppError, ErrorCode } from '../../shared/errors'
import type { CertificateDoc } from '../data/documents'
import { communitiesByIds, organisationsByIds } from '../data/places'
import { serviceRecordsOfPerson } from '../data/service-records'
import { addCertificate } from '../data/timebank'
import type { ActionImplementations } from '../handler'
import { serviceOf } from './credit'
import { serviceView } from './views'

type Action<A extends keyof TimebankContract['actions']> = ActionImplementations<TimebankContract>[A]

/** The records listed with the hours; the sums cover them all. */
const RECORDS_SHOWN = 200

async function hoursOf(openid: string, period: { from?: string; to?: string }) {
  const records = await serviceRecordsOfPerson(openid, periodBounds(period))
  const organisations = await organisationsByIds(records.map((r) => r.organisationId))
  const counted = records.map((record) => ({ record, minutes: countedMinutes(record.minutes, record.credit) }))
  const byOrganisation = sumBy(
    counted,
    (c) => c.record.organisationId,
    (c) => c.minutes,
  ).map(({ key, minutes }) => ({
    organisationId: key,
    organisationName: organisations.get(key)?.name ?? '',
    minutes,
  }))
  const byMonth = sumBy(
    counted,
    (c) => monthOf(c.record.servedAt),
    (c) => c.minutes,
  ).map(({ key, minutes }) => ({ month: key, minutes }))
  return {
    period,
    totalMinutes: counted.reduce((sum, c) => sum + c.minutes, 0),
    byOrganisation,
    byMonth,
    waitingMinutes: counted.reduce((sum, c) => sum + (c.record.credit.status === 'declined' ? 0 : c.record.minutes - c.minutes), 0),
    records: counted.slice(0, RECORDS_SHOWN).map(({ record, minutes }) => ({
      id: record._id,
      service: serviceView(serviceOf(record), organisations),
      recordedMinutes: record.minutes,
      countedMinutes: minutes,
      statusLabel: recordStatusLabel[record.credit.status],
    })),
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
  return {
    number: formatCertificateNumber(doc._id),
    issuedAt: new Date(doc.issuedAt).toISOString(),
    holder: { name: forVerifier ? maskName(doc.holder.name) : doc.holder.name, maskedPhone: doc.holder.maskedPhone },
    period: doc.period,
    totalMinutes: doc.totalMinutes,
    byOrganisation: doc.byOrganisation,
    byMonth: doc.byMonth,
    issuer: doc.issuer,
  }
}

export const issueCertificate: Action<'issueCertificate'> = async (context) => {
  const { input } = context
  const me = await context.caller()
  const person = me.person!
  const [hours, communities] = await Promise.all([hoursOf(me.openid, input), communitiesByIds([person.communityId!])])
  if (hours.totalMinutes === 0) throw new AppError(ErrorCode.NOT_FOUND, '这段时间还没有可以证明的志愿服务时长')
  const community = communities.get(person.communityId!)!
  const certificate: CertificateDoc = {
    _id: newCertificateNumber(),
    openid: me.openid,
    holder: { name: person.name, maskedPhone: maskPhone(person.phone ?? '') },
    period: { from: input.from, to: input.to },
    totalMinutes: hours.totalMinutes,
    byOrganisation: hours.byOrganisation,
    byMonth: hours.byMonth,
    // The committee of the holder's community issues it, whichever organisations they served with.
    issuer: { communityId: community._id, name: issuerName(community.name, community.kind) },
    issuedAt: context.now,
  }
  await addCertificate(certificate)
  return { certificate: certificateView(certificate, false) }
}
