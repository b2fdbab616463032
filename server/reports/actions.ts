/** 社区工作台 and 统计报表: what waits on the committee, the figures of a period, and their export. */
import { randomBytes } from 'node:crypto'
import type { ReportsContract } from '../../shared/contracts/reports'
import type { ReportPeriod } from '../../shared/domain/report'
import type { CommunityDoc } from '../data/documents'
import { storeFile } from '../data/files'
import { peopleByOpenids } from '../data/residents'
import type { ActionImplementations } from '../handler'
import type { Caller } from '../principal'
import { authoriseOverCommunity } from '../scopes'
import { communityRef, figuresOf, gatherCommunity, type CommunityReportData } from './figures'
import { officesOf } from './offices'
import { waitingOf } from './waiting'
import { communityWorkbook, officeWorkbook, type Audience } from './workbook'

type Action<A extends keyof ReportsContract['actions']> = ActionImplementations<ReportsContract>[A]

export const waiting: Action<'waiting'> = async (context) => {
  const community = await authoriseOverCommunity(context, context.input.communityId)
  return waitingOf(community._id, context.now)
}

export const figures: Action<'figures'> = async (context) => {
  const { period } = context.input
  const community = await authoriseOverCommunity(context, context.input.communityId)
  const data = await gatherCommunity(community, period, false)
  return { period, community: communityRef(community), figures: figuresOf([data], period) }
}

export const officeFigures: Action<'officeFigures'> = async (context) => {
  const { period } = context.input
  const offices = await officesOf(await context.caller(), period)
  return {
    period,
    offices: offices.map(({ office, communities, total, communitiesMet, grades }) => ({
      officeId: office._id,
      name: office.name,
      communities: communities.map(({ data, figures }) => ({ community: communityRef(data.community), figures })),
      total,
      communitiesMet,
      grades,
      communitiesGraded: grades.filter((g) => g.allGraded).length,
    })),
  }
}

const fileNameOf = (name: string, period: ReportPeriod) => `${name}统计 ${period.from} 至 ${period.to}.xlsx`

/** Stores an xlsx a function made and answers its short-lived link (decision 035); surveys export the same way. */
export async function stored(path: string, fileName: string, content: Buffer, now: Date) {
  // The random part keeps the path unguessable, though only a function reads it (decision 035).
  const cloudPath = `reports/${now.toISOString().slice(0, 10)}/${path}-${randomBytes(16).toString('hex')}.xlsx`
  const file = await storeFile(cloudPath, 'xlsx', content)
  return { fileName, url: file.url, expiresAt: file.expiresAt.toISOString() }
}

/** The committee names its volunteers; civil affairs gets no one's name. */
function audienceOver(caller: Caller, community: CommunityDoc): Audience {
  return caller.grants.some((g) => g.role === 'committee' && g.communityId === community._id) ? 'committee' : 'civil_affairs'
}

async function volunteerNames(data: CommunityReportData): Promise<Map<string, string>> {
  const people = await peopleByOpenids(data.serviceListed.map((r) => r.openid))
  return new Map([...people].map(([openid, person]) => [openid, person.name]))
}

export const exportReport: Action<'export'> = async (context) => {
  const { period } = context.input
  const community = await authoriseOverCommunity(context, context.input.communityId)
  const audience = audienceOver(await context.caller(), community)
  const data = await gatherCommunity(community, period, audience === 'committee')
  const content = await communityWorkbook({
    data,
    figures: figuresOf([data], period),
    period,
    audience,
    volunteerNames: audience === 'committee' ? await volunteerNames(data) : new Map(),
  })
  return stored(
    `${community._id}-${period.from}-${period.to}-${context.now.getTime().toString(36)}`,
    fileNameOf(community.name, period),
    content,
    context.now,
  )
}

export const exportOffice: Action<'exportOffice'> = async (context) => {
  const { period } = context.input
  const offices = await officesOf(await context.caller(), period)
  // A civil-affairs officer works for one office; should they hold two, the export covers both.
  const content = await officeWorkbook({
    communities: offices.flatMap((o) => o.communities),
    total: figuresOf(
      offices.flatMap((o) => o.communities.map((c) => c.data)),
      period,
    ),
    communitiesMet: offices.reduce((sum, o) => sum + o.communitiesMet, 0),
    grades: offices.flatMap((o) => o.grades),
    period,
  })
  const name = offices.map((o) => o.office.name).join('、')
  return stored(
    `office-${offices.map((o) => o.office._id).join('-')}-${period.from}-${period.to}-${context.now.getTime().toString(36)}`,
    fileNameOf(name, period),
    content,
    context.now,
  )
}
