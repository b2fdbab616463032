/** 我的信息: what is stored about the caller, read as they may read it (PIPL Art. 44–45). */
import type { ConsentView, MyData } from '../../shared/contracts/account'
import { signUpRoleLabel, signUpStatusLabel } from '../../shared/domain/activity'
import { consentGiverLabel, consentMethodLabel, visitFrequencyLabel, visitModeLabel, wellbeingLabel } from '../../shared/domain/care'
import { photoStateLabel } from '../../shared/domain/moderation'
import { needStatusLabel } from '../../shared/domain/need'
import { consentKindLabel, consentWithdrawalEffect } from '../../shared/domain/person'
import {
  entryTitle,
  formatCertificateNumber,
  giftStatusLabel,
  receivedGiftStatusLabel,
  recordStatusLabel,
  redemptionStatusLabel,
} from '../../shared/domain/timebank'
import { inShanghai } from '../../shared/domain/time'
import { distanceLabel, slotLabel, starsView } from '../../shared/domain/volunteer-profile'
import { actionLabel } from '../audit'
import { activitiesByIds } from '../data/activities'
import type { CareEntryDoc, PersonDoc, VolunteerDoc } from '../data/documents'
import { contactViewsOf, recordsOf, type PersonRecords } from '../data/my-data'
import { communitiesByIds, organisationsByIds } from '../data/places'
import { describeMe } from '../account'
import type { Caller } from '../principal'

const iso = (d: Date | string) => new Date(d).toISOString()
const day = (d: Date | string) => inShanghai(d).format('YYYY-MM-DD')

/** Audit actions that show someone a person's phone or address (a list read names them in `seenOpenids`). */
export const CONTACT_REVEALS = ['need.reveal', 'member.contacts', 'activity.roster', 'timebank.handovers'] as const

/** How many of those reads 我的信息 lists: the latest. */
const VIEWERS_LIMIT = 200

/** The entry the committee linked to the person, the active one first. */
export const ownCareEntry = (records: PersonRecords): CareEntryDoc | undefined =>
  records.careEntries.find((e) => e.active) ?? records.careEntries[0]

/** 志愿者资料 as the volunteer keeps it, in words, with the star grade from the running total. */
function volunteerView(volunteer: VolunteerDoc): NonNullable<MyData['timeBank']['volunteer']> {
  const { profile } = volunteer
  return {
    skills: profile?.skills ?? [],
    tags: profile?.tags ?? [],
    freeTimes: (profile?.availability ?? []).map((slot) => slotLabel[slot]),
    range: profile ? distanceLabel(profile.rangeM) : '',
    ...(profile?.paused ? { paused: profile.paused } : {}),
    countedMinutes: volunteer.countedMinutes,
    starLabel: starsView(volunteer.countedMinutes).label,
  }
}

export function consentsOf(person: PersonDoc, care: CareEntryDoc | undefined): ConsentView[] {
  const views: ConsentView[] = []
  if (person.location) {
    views.push({
      kind: 'location',
      label: consentKindLabel.location,
      detail: '加入社区时保存了你家的位置',
      effect: consentWithdrawalEffect.location,
    })
  }
  if (care?.active) {
    const { consent } = care
    views.push({
      kind: 'care',
      label: consentKindLabel.care,
      detail: `${day(consent.at)} ${consentGiverLabel[consent.giver]} ${consent.giverName}（${consentMethodLabel[consent.method]}）同意，${consent.recordedByName} 记录`,
      effect: consentWithdrawalEffect.care,
    })
  }
  return views
}

export async function myData(caller: Caller & { person: PersonDoc }): Promise<MyData> {
  const { person, openid } = caller
  const records = await recordsOf(openid, person._id)
  const care = ownCareEntry(records)
  const [me, viewers, communities, organisations, activities] = await Promise.all([
    describeMe(caller),
    contactViewsOf(
      openid,
      CONTACT_REVEALS,
      records.careEntries.map((e) => e._id),
      VIEWERS_LIMIT,
    ),
    communitiesByIds(
      [person.communityId, ...records.accounts.map((a) => a.communityId), care?.communityId].filter((id): id is string => !!id),
    ),
    organisationsByIds([
      ...records.serviceRecords.flatMap((r) => r.organisationId ?? []),
      ...records.joinRequests.map((r) => r.organisationId),
    ]),
    activitiesByIds([...new Set([...records.signUps.map((s) => s.activityId), ...records.ratings.map((r) => r.activityId)])]),
  ])
  const viewerOrganisations = await organisationsByIds(viewers.flatMap((v) => (v.organisationId ? [v.organisationId] : [])))
  const ratingOf = new Map(records.ratings.map((r) => [r.activityId, r]))
  const signedUp = new Set(records.signUps.map((s) => s.activityId))
  const communityName = (id: string) => communities.get(id)?.name ?? ''
  const myAccounts = new Set(records.accounts.map((a) => a._id))

  return {
    person: {
      name: person.name,
      ...(person.phone ? { phone: person.phone } : {}),
      ...(person.neighbourhood ? { neighbourhood: person.neighbourhood } : {}),
      ...(person.addressDetail ? { addressDetail: person.addressDetail } : {}),
      ...(person.communityId ? { communityName: communityName(person.communityId) } : {}),
      ...(person.birthYear ? { birthYear: person.birthYear } : {}),
      ...(person.livesAlone === undefined ? {} : { livesAlone: person.livesAlone }),
      hasLocation: person.location !== undefined,
      elderMode: person.preferences.elderMode,
      joinedAt: iso(person.createdAt),
    },
    roles: me?.roles ?? [],
    consents: consentsOf(person, care),
    needs: records.needs
      .sort((a, b) => new Date(b.createdAt).getTime() - new Date(a.createdAt).getTime())
      .map((n) => ({
        id: n._id,
        helpKind: n.helpKind,
        statusLabel: needStatusLabel[n.status],
        createdAt: iso(n.createdAt),
        description: n.description,
        neighbourhood: n.neighbourhood,
        addressDetail: n.addressDetail,
        contactPhone: n.contactPhone,
        ...(n.forNeighbour ? { forNeighbour: n.forNeighbour.name } : {}),
        photos: n.photos.length,
      })),
    serviceRecords: records.serviceRecords
      .sort((a, b) => new Date(b.servedAt).getTime() - new Date(a.servedAt).getTime())
      .map((r) => ({
        title: r.source.title,
        organisationName: r.organisationId ? (organisations.get(r.organisationId)?.name ?? '') : '社区两委',
        minutes: r.minutes,
        servedAt: iso(r.servedAt),
        statusLabel: recordStatusLabel[r.credit.status],
      })),
    timeBank: {
      accounts: records.accounts.map((a) => ({ communityName: communityName(a.communityId), balance: a.balance })),
      entries: records.entries
        .sort((a, b) => new Date(b.at).getTime() - new Date(a.at).getTime())
        .map((e) => {
          const incoming = myAccounts.has(e.to)
          return {
            at: iso(e.at),
            title: entryTitle({
              kind: e.kind,
              serviceTitle: e.service?.title,
              counterpartyName: e.gift && !incoming ? e.gift.toName : undefined,
              incoming,
              itemName: e.itemName,
              reversedKind: e.reversedKind,
            }),
            minutes: incoming ? e.minutes : -e.minutes,
          }
        }),
      gifts: [
        ...records.giftsGiven.map((g) => ({
          given: true,
          toName: g.toName,
          minutes: g.minutes,
          statusLabel: giftStatusLabel[g.status],
          at: iso(g.createdAt),
        })),
        ...records.giftsReceived.map((g) => ({
          given: false,
          minutes: g.minutes,
          statusLabel: receivedGiftStatusLabel[g.status],
          at: iso(g.createdAt),
        })),
      ],
      redemptions: records.redemptions.map((r) => ({
        itemName: r.itemName,
        priceMinutes: r.priceMinutes,
        statusLabel: redemptionStatusLabel[r.status],
        at: iso(r.requestedAt),
      })),
      certificates: records.certificates.map((c) => ({
        number: formatCertificateNumber(c._id),
        from: c.period.from,
        to: c.period.to,
        totalMinutes: c.totalMinutes,
        issuerName: c.issuer.name,
        issuedAt: iso(c.issuedAt),
      })),
      ...(records.volunteer ? { volunteer: volunteerView(records.volunteer) } : {}),
      ...(records.realName
        ? {
            realName: {
              name: records.realName.name,
              maskedIdNumber: records.realName.maskedIdNumber,
              purpose: records.realName.consent.purpose,
              consentAt: iso(records.realName.consent.at),
            },
          }
        : {}),
    },
    activities: [
      ...records.signUps.map((s) => {
        const activity = activities.get(s.activityId)
        const rating = ratingOf.get(s.activityId)
        return {
          title: activity?.title ?? '',
          ...(activity ? { startAt: iso(activity.startAt) } : {}),
          roleLabel: signUpRoleLabel[s.role],
          statusLabel: signUpStatusLabel[s.status],
          signedUpAt: iso(s.signedUpAt),
          ...(rating ? { rating: rating.rating, ...(rating.comment ? { comment: rating.comment } : {}) } : {}),
        }
      }),
      // A rating without a sign-up of the same person cannot happen today; shown all the same, never dropped.
      ...records.ratings
        .filter((r) => !signedUp.has(r.activityId))
        .map((r) => ({
          title: activities.get(r.activityId)?.title ?? '',
          roleLabel: signUpRoleLabel.participant,
          statusLabel: '已评价',
          signedUpAt: iso(r.at),
          rating: r.rating,
          ...(r.comment ? { comment: r.comment } : {}),
        })),
    ],
    joinRequests: records.joinRequests.map((r) => ({
      organisationName: organisations.get(r.organisationId)?.name ?? '',
      statusLabel: { pending: '等待负责人同意', approved: '已加入', declined: '负责人婉拒' }[r.status],
      askedAt: iso(r.askedAt),
      ...(r.reason ? { reason: r.reason } : {}),
    })),
    care: care
      ? {
          communityName: communityName(care.communityId),
          name: care.name,
          ...(care.phone ? { phone: care.phone } : {}),
          neighbourhood: care.neighbourhood,
          addressDetail: care.addressDetail,
          groups: care.groups,
          careNeeds: care.careNeeds,
          emergencyContact: care.emergencyContact,
          frequencyLabel: visitFrequencyLabel[care.frequency],
          consent: `${day(care.consent.at)} ${consentGiverLabel[care.consent.giver]} ${care.consent.giverName}（${consentMethodLabel[care.consent.method]}）同意`,
          active: care.active,
          ...(care.withdrawal ? { withdrawal: `${day(care.withdrawal.at)} 撤回同意：${care.withdrawal.note}` } : {}),
          visits: records.careVisits
            .filter((v) => v.entryId === care._id)
            .sort((a, b) => new Date(b.visitedAt).getTime() - new Date(a.visitedAt).getTime())
            .map((v) => ({ visitedAt: iso(v.visitedAt), modeLabel: visitModeLabel[v.mode], wellbeingLabel: wellbeingLabel[v.wellbeing] })),
        }
      : null,
    photos: records.photos.map((p) => ({
      of: p.owner.kind === 'need' ? '求助' : '活动',
      at: iso(p.createdAt),
      stateLabel: photoStateLabel[p.takenDown ? 'takenDown' : p.check],
    })),
    viewers: viewers.map((v) => ({
      at: iso(v.at),
      name: v.actorName,
      what: actionLabel(v.action),
      ...(v.organisationId && viewerOrganisations.get(v.organisationId)
        ? { organisationName: viewerOrganisations.get(v.organisationId)!.name }
        : {}),
    })),
  }
}
