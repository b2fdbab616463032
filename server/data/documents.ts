/**
 * The shape of each collection's documents, as stored. Only the data-access layer and the
 * demo seed write these; functions see them through the repositories.
 */
import type { OrganisationStatus } from '../../shared/domain/organisation'
import type { CommunityKind } from '../../shared/domain/community'
import type { ElderModePreference } from '../../shared/domain/elder-mode'
import type { HelpKind, OrganisationKind } from '../../shared/domain/vocabulary'

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
