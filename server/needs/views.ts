/**
 * How a need is shown. Before an organisation accepts, it sees the limited view: kind, urgency,
 * 小区 and distance, never name, address, phone, place or photos. The accepting organisation sees
 * who and where only while it carries the task out (decision 019). Every view that shows them to
 * anyone but the requester is a reveal, and is audited.
 */
import { iso } from '../../shared/domain/time'
import type { NeedView } from '../../shared/contracts/needs'
import { contactShownToOrganisation, needStatusLabelFor, outcomeLabel, urgencyLabel } from '../../shared/domain/need'
import { addAuditEntry } from '../data/audit'
import type { CommunityDoc, NeedDoc } from '../data/documents'
import { asGeoPoint } from '../data/geo'
import { communitiesSeenBy } from '../places'
import { auditEntry } from '../audit'
import type { Principal } from '../../shared/domain/permissions'
import { photosAsSeen, type PhotoAudience } from '../moderation/photos'
import { takenDownView } from '../moderation/views'
import { sitsOnCommitteeOf, type Caller } from '../principal'

export type Access = NeedView['access']

/** What the requester is called in a timeline an organisation sees after the task. */
const REQUESTER = '求助人'

/** Whose photos and take-down `viewer` looks at: the committee's, the requester's, or anyone else's (also when unknown). */
function audienceOf(need: NeedDoc, viewer: Principal | undefined): PhotoAudience {
  if (viewer && sitsOnCommitteeOf(viewer, need.communityId)) return 'committee'
  return viewer?.openid === need.requesterOpenid ? 'author' : 'others'
}

interface ViewOptions {
  /** With the timeline the need carries. */
  timeline?: boolean
  /** Who reads: their own community (a caller's `home`) is not read again for needs in it. */
  viewer?: Principal & { home?: CommunityDoc | null }
  asOrganisation?: boolean
  /** The needs' community when the caller has it already (an action authorised over it): not read again. */
  community?: CommunityDoc
}

/** 危及生命安全, or with the committee since no organisation took it: the requester keeps the committee's phone on its page (decision 037). */
const committeeReachable = (need: NeedDoc) => need.urgency === 'life' || need.status === 'escalated'

/** The views of `needs` in order, with their communities' names and, in full, their photos as the viewer may see them. */
export async function needViews(
  needs: NeedDoc[],
  access: Access,
  options: ViewOptions & { distances?: Map<string, number> } = {},
): Promise<NeedView[]> {
  const full = access === 'full'
  const audiences = needs.map((n) => audienceOf(n, options.viewer))
  const [communities, photos] = await Promise.all([
    communitiesSeenBy(
      { home: options.community ?? options.viewer?.home },
      needs.map((n) => n.communityId),
    ),
    full
      ? photosAsSeen(
          'need',
          needs.map((n, i) => ({ id: n._id, fileIds: n.photos, audience: audiences[i] })),
        )
      : [],
  ])
  return needs.map((n, i) => {
    const distanceM = options.distances?.get(n._id)
    const view: NeedView = {
      id: n._id,
      access,
      helpKind: n.helpKind,
      urgency: n.urgency,
      urgencyLabel: urgencyLabel[n.urgency],
      status: n.status,
      statusLabel: needStatusLabelFor(n.status, audiences[i] === 'author' ? 'requester' : 'others'),
      communityId: n.communityId,
      communityName: communities.get(n.communityId)?.name ?? '',
      neighbourhood: n.neighbourhood,
      description: n.description,
      createdAt: iso(n.createdAt),
      ...(n.wantedBy ? { wantedBy: iso(n.wantedBy) } : {}),
      ...(distanceM === undefined ? {} : { distanceM }),
      ...(n.takenDown && audiences[i] !== 'others' ? { takenDown: takenDownView(n.takenDown) } : {}),
    }
    if (!full) return view
    const contact = !options.asOrganisation || contactShownToOrganisation(n.status)
    const actorName = (e: { actorOpenid: string; actorName: string }) =>
      contact || e.actorOpenid !== n.requesterOpenid ? e.actorName : REQUESTER
    return {
      ...view,
      ...(n.acceptedBy ? { acceptedBy: { organisationId: n.acceptedBy.organisationId, name: n.acceptedBy.name } } : {}),
      ...(n.status === 'accepted' && n.followUp ? { finishBy: iso(n.followUp.finishBy) } : {}),
      ...(n.outcome
        ? {
            outcome: {
              result: n.outcome.result,
              resultLabel: outcomeLabel[n.outcome.result],
              ...(n.outcome.rating ? { rating: n.outcome.rating } : {}),
              ...(n.outcome.comment ? { comment: n.outcome.comment } : {}),
            },
          }
        : {}),
      ...(contact
        ? {
            requesterName: n.requesterName,
            ...(n.forNeighbour ? { forNeighbour: n.forNeighbour } : {}),
            addressDetail: n.addressDetail,
            location: asGeoPoint(n.location).coordinates,
            contactPhone: n.contactPhone,
          }
        : {}),
      ...photos[i],
      volunteers: n.volunteers.map((v) => ({ memberId: v.memberId, name: v.name })),
      service: (n.service ?? []).map((s) => ({ name: s.name, minutes: s.minutes })),
      ...(n.doneSummary ? { doneSummary: n.doneSummary } : {}),
      ...(audiences[i] === 'author' && committeeReachable(n) ? { committeePhone: communities.get(n.communityId)?.committeePhone } : {}),
      ...(options.timeline ? { timeline: n.timeline.map((e) => ({ at: iso(e.at), actorName: actorName(e), text: e.text })) } : {}),
    }
  })
}

export async function needView(need: NeedDoc, access: Access, options: ViewOptions & { distanceM?: number } = {}): Promise<NeedView> {
  const distances = options.distanceM === undefined ? undefined : new Map([[need._id, options.distanceM]])
  const [view] = await needViews([need], access, { ...options, distances })
  return view
}

/**
 * Records that `viewer` saw the sensitive fields of `needs`, seen as `organisationId` when given;
 * the requester seeing their own is not a reveal, nor an organisation's view of a task it has finished.
 */
export async function auditReveal(viewer: Caller, needs: NeedDoc[], now: Date, organisationId?: string): Promise<void> {
  const revealed = needs.filter((n) => n.requesterOpenid !== viewer.openid && (!organisationId || contactShownToOrganisation(n.status)))
  await Promise.all(
    revealed.map((n) =>
      addAuditEntry(
        auditEntry(
          viewer,
          'need.reveal',
          {
            communityId: n.communityId,
            organisationId,
            needId: n._id,
            target: { openid: n.requesterOpenid, name: n.requesterName },
          },
          now,
        ),
      ),
    ),
  )
}

/** The full view with its timeline, audited when the viewer is not the requester: what actions answer with. */
export async function revealedView(
  viewer: Caller,
  need: NeedDoc,
  now: Date,
  organisationId?: string,
  distanceM?: number,
  community?: CommunityDoc,
): Promise<NeedView> {
  const [, view] = await Promise.all([
    auditReveal(viewer, [need], now, organisationId),
    needView(need, 'full', { timeline: true, distanceM, viewer, asOrganisation: organisationId !== undefined, community }),
  ])
  return view
}
