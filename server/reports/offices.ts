/** A civil-affairs officer's offices, with the figures of their communities. */
import type { ReportPeriod } from '../../shared/domain/report'
import { communitiesOfOffices } from '../data/communities'
import { officesByIds } from '../data/places'
import type { Caller } from '../principal'
import { communityGrades } from './evaluations'
import { figuresOf, gatherCommunities, rolledTallies } from './figures'

/** The offices the caller works for, each with its communities' data for the period. */
export async function officesOf(caller: Caller, period: ReportPeriod) {
  const officeIds = caller.grants.flatMap((g) => (g.role === 'civil_affairs' ? [g.officeId] : []))
  const [offices, communities] = await Promise.all([officesByIds(officeIds), communitiesOfOffices(officeIds)])
  const tallies = Promise.all(
    officeIds.map((officeId) =>
      rolledTallies(
        'office',
        officeId,
        communities.filter((c) => c.officeId === officeId).map((c) => c._id),
        period,
      ),
    ),
  ).then((ofOffices) => ({
    needs: new Map(ofOffices.flatMap((t) => [...t.needs])),
    service: new Map(ofOffices.flatMap((t) => [...t.service])),
    visits: new Map(ofOffices.flatMap((t) => [...t.visits])),
  }))
  const data = await gatherCommunities(
    [...communities].sort((a, b) => a._id.localeCompare(b._id)),
    period,
    tallies,
  )
  const grades = await communityGrades(data, period)
  return [...offices.values()]
    .sort((a, b) => a._id.localeCompare(b._id))
    .map((office) => {
      const parts = data.filter((d) => d.community.officeId === office._id)
      const communityFigures = parts.map((part) => ({ data: part, figures: figuresOf([part], period) }))
      return {
        office,
        communities: communityFigures,
        total: figuresOf(parts, period),
        communitiesMet: communityFigures.filter((c) => c.figures.organisations.met).length,
        grades: grades.filter((g) => parts.some((p) => p.community._id === g.communityId)),
      }
    })
}
