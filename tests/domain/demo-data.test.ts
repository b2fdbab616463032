import { communities, demoDataSet, demoIdentities, offices, organisations, people, roles } from '../../local/seed/demo-data'
import { careDemoData } from '../../local/seed/care-demo'
import { demoActivities } from '../../local/seed/demo-activities'
import type { CommunityDoc, GeoPoint, OrganisationDoc, PersonDoc, RoleDoc } from '../../server/data/documents'
import { inCommunityArea, organisationTarget } from '../../shared/domain/community'
import { idSchema, phoneSchema } from '../../shared/domain/fields'
import { roleGrantSchema } from '../../shared/domain/roles'
import { helpKinds, organisationKinds } from '../../shared/domain/vocabulary'

const EARTH_RADIUS_M = 6_371_000

function distanceM(a: GeoPoint, b: GeoPoint): number {
  const [lng1, lat1] = a.coordinates.map((d) => (d * Math.PI) / 180)
  const [lng2, lat2] = b.coordinates.map((d) => (d * Math.PI) / 180)
  const h = Math.sin((lat2 - lat1) / 2) ** 2 + Math.cos(lat1) * Math.cos(lat2) * Math.sin((lng2 - lng1) / 2) ** 2
  return 2 * EARTH_RADIUS_M * Math.asin(Math.sqrt(h))
}

const communityById = new Map(communities.map((c) => [c._id, c]))
const officeById = new Map(offices.map((o) => [o._id, o]))
const personByOpenid = new Map(people.map((p) => [p.openid, p]))
const organisationById = new Map(organisations.map((o) => [o._id, o]))

function community(id: string | null | undefined): CommunityDoc {
  const found = id ? communityById.get(id) : undefined
  if (!found) throw new Error(`no community ${id}`)
  return found
}
function person(openid: string): PersonDoc {
  const found = personByOpenid.get(openid)
  if (!found) throw new Error(`no person ${openid}`)
  return found
}
function organisation(id: string | undefined): OrganisationDoc {
  const found = id ? organisationById.get(id) : undefined
  if (!found) throw new Error(`no organisation ${id}`)
  return found
}
const rolesOf = (openid: string): RoleDoc[] => roles.filter((r) => r.openid === openid)

function expectUnique(values: string[]) {
  const duplicates = values.filter((v, i) => values.indexOf(v) !== i)
  expect(duplicates).toEqual([])
}

describe('demo data set: identity and references', () => {
  it('exports every collection in demoDataSet', () => {
    expect(demoDataSet).toEqual({ offices, communities, people, organisations, roles })
  })

  it('has unique, well-formed ids in every collection and unique openids', () => {
    for (const docs of [offices, communities, people, organisations, roles]) {
      const ids = docs.map((d) => d._id)
      expectUnique(ids)
      for (const id of ids) expect(idSchema.safeParse(id).success).toBe(true)
    }
    expectUnique(people.map((p) => p.openid))
  })

  it('names each person with a readable demo openid and matching _id', () => {
    for (const p of people) {
      expect(p.openid).toMatch(/^demo-[a-z]+(-[a-z]+)+$/)
      expect(p._id).toBe(`p-${p.openid.slice('demo-'.length)}`)
    }
  })

  it('resolves every community, office and person reference', () => {
    for (const c of communities) expect(officeById.has(c.officeId)).toBe(true)
    for (const p of people) if (p.communityId !== null) community(p.communityId)
    for (const o of organisations) {
      community(o.communityId)
      expect(person(o.leadOpenid).communityId).toBe(o.communityId)
    }
  })

  it('gives every role a valid grant whose scope resolves and fits the person', () => {
    for (const r of roles) {
      expect(roleGrantSchema.safeParse(r).success).toBe(true)
      expect(r.grantedBy).toBe('seed')
      const p = person(r.openid)
      if (r.role === 'civil_affairs') {
        expect(officeById.has(r.officeId ?? '')).toBe(true)
        continue
      }
      community(r.communityId)
      expect(p.communityId).toBe(r.communityId)
      if (r.role === 'volunteer' || r.role === 'organisation_lead') {
        expect(organisation(r.organisationId).communityId).toBe(r.communityId)
      }
    }
    expectUnique(roles.map((r) => [r.openid, r.role, r.communityId, r.organisationId, r.officeId].join('|')))
  })

  it('gives each approved organisation exactly one lead role, held by its leadOpenid, and a pending one none', () => {
    for (const o of organisations) {
      const leads = roles.filter((r) => r.role === 'organisation_lead' && r.organisationId === o._id)
      if (o.status !== 'approved') {
        expect(leads).toHaveLength(0)
        continue
      }
      expect(leads).toHaveLength(1)
      expect(leads[0].openid).toBe(o.leadOpenid)
      expect(leads[0].communityId).toBe(o.communityId)
    }
  })
})

describe('demo data set: what the seeds ask for', () => {
  it('meets the organisation targets of seed 002 with approved organisations', () => {
    for (const c of communities) {
      const approved = organisations.filter((o) => o.communityId === c._id && o.status === 'approved')
      expect(approved.length).toBeGreaterThanOrEqual(organisationTarget[c.kind])
    }
    const urban = communities.filter((c) => c.kind === 'urban').map((c) => c._id)
    expect(urban.length).toBeGreaterThanOrEqual(1)
    expect(communities.some((c) => c.kind === 'rural')).toBe(true)
    const pending = organisations.filter((o) => o.status === 'pending')
    expect(pending).toHaveLength(1)
    expect(urban).toContain(pending[0].communityId)
  })

  it('uses only the vocabulary for organisation kinds and help kinds, and covers the seed 000 kinds', () => {
    for (const o of organisations) {
      expect(organisationKinds).toContain(o.kind)
      expect(o.helpKinds.length).toBeGreaterThan(0)
      expectUnique(o.helpKinds)
      for (const k of o.helpKinds) expect(helpKinds).toContain(k)
    }
    const kinds = new Set(organisations.map((o) => o.kind))
    for (const k of ['为民服务类', '公益慈善类', '文体活动类', '专业调处类', '邻里互助类', '乡村振兴类', '生活服务类'] as const) {
      expect(kinds).toContain(k)
    }
  })

  it('gives each organisation a sensible size, service circle and contact', () => {
    for (const o of organisations) {
      expect(o.capacity).toBeGreaterThanOrEqual(2)
      expect(o.capacity).toBeLessThanOrEqual(8)
      expect([1000, 1500, 2000]).toContain(o.serviceArea.radiusM)
      expect(distanceM(o.serviceArea.centre, community(o.communityId).centre)).toBeLessThan(1500)
      expect(phoneSchema.safeParse(o.contactPhone).success).toBe(true)
      expect(o.charterSummary.length).toBeGreaterThan(10)
      expect(o.description.length).toBeGreaterThan(20)
    }
    expect(organisations.filter((o) => o.serviceArea.radiusM === 1000).length).toBeGreaterThan(organisations.length / 2)
  })

  it('gives each approved organisation 2–5 volunteers from its own community, the pending one none', () => {
    for (const o of organisations) {
      const volunteers = roles.filter((r) => r.role === 'volunteer' && r.organisationId === o._id)
      if (o.status === 'approved') {
        expect(volunteers.length).toBeGreaterThanOrEqual(2)
        expect(volunteers.length).toBeLessThanOrEqual(5)
      } else {
        expect(volunteers).toHaveLength(0)
      }
      for (const v of volunteers) expect(v.openid).not.toBe(o.leadOpenid)
    }
  })

  it('has two committee members per community and a civil-affairs officer per office', () => {
    for (const c of communities) {
      expect(roles.filter((r) => r.role === 'committee' && r.communityId === c._id)).toHaveLength(2)
    }
    for (const o of offices) {
      expect(roles.filter((r) => r.role === 'civil_affairs' && r.officeId === o._id).length).toBeGreaterThanOrEqual(1)
    }
  })
})

describe('demo data set: people and places', () => {
  const residents = people.filter((p) => p.communityId !== null)

  it('has enough residents, about two-thirds of them urban', () => {
    expect(people.length).toBeGreaterThanOrEqual(30)
    const urban = residents.filter((p) => community(p.communityId).kind === 'urban').length
    expect(urban / residents.length).toBeGreaterThan(0.55)
    expect(urban / residents.length).toBeLessThan(0.8)
  })

  it('has at least 6 elderly people living alone, some of them in the village', () => {
    const alone = residents.filter((p) => p.livesAlone && (p.birthYear ?? 9999) <= 1950)
    expect(alone.length).toBeGreaterThanOrEqual(6)
    expect(alone.filter((p) => community(p.communityId).kind === 'rural').length).toBeGreaterThanOrEqual(2)
    expect(alone.filter((p) => p.preferences.elderMode === 'on').length).toBeGreaterThanOrEqual(2)
  })

  it('gives every resident a valid phone, an address, and those the committee registered a place within 3 km of the community centre', () => {
    for (const p of residents) {
      expect(phoneSchema.safeParse(p.phone).success).toBe(true)
      expect(p.neighbourhood).toBeTruthy()
      expect(p.addressDetail).toBeTruthy()
      // Someone who joined by themself gave no place (docs/decisions/024); the committee's own have one.
      if (p.residence) continue
      expect(p.location).toBeDefined()
      expect(distanceM(p.location as GeoPoint, community(p.communityId).centre)).toBeLessThan(3000)
    }
    for (const p of people) if (p.phone !== undefined) expect(phoneSchema.safeParse(p.phone).success).toBe(true)
    expectUnique(people.flatMap((p) => (p.phone ? [p.phone] : [])))
  })

  it('places every home, organisation, activity and care entry inside its community’s service area', () => {
    const now = new Date('2026-11-01T10:00:00+08:00')
    const places = [
      ...residents.flatMap((p) => (p.location ? [{ what: p.name, communityId: p.communityId, at: p.location }] : [])),
      ...organisations.map((o) => ({ what: o.name, communityId: o.communityId, at: o.serviceArea.centre })),
      ...demoActivities(now).activities.map((a) => ({ what: a.title, communityId: a.communityId, at: a.location })),
      ...careDemoData(now).care_register.map((e) => ({ what: e.name, communityId: e.communityId, at: e.location })),
    ]
    const outside = places.filter(({ communityId, at }) => {
      const c = community(communityId)
      return !inCommunityArea({ centre: c.centre.coordinates, serviceArea: c.serviceArea }, at.coordinates)
    })
    expect(outside.map((p) => p.what)).toEqual([])
  })

  it('has every organisation serve its own community', () => {
    for (const o of organisations) expect(o.servesCommunityIds).toContain(o.communityId)
  })

  it('places communities in 淄博 with [lng, lat] centres and 0533 committee phones', () => {
    for (const c of communities) {
      const [lng, lat] = c.centre.coordinates
      expect(lng).toBeGreaterThan(117.5)
      expect(lng).toBeLessThan(118.6)
      expect(lat).toBeGreaterThan(35.9)
      expect(lat).toBeLessThan(37.3)
      expect(c.city).toBe('淄博市')
      expect(c.district).toBe(officeById.get(c.officeId)?.district)
      expect(c.committeePhone).toMatch(/^0533-\d{7}$/)
      expect(c.areaKm2).toBeGreaterThan(0)
    }
  })

  it('dates everything in 2026, Beijing time', () => {
    const dates = [...people.map((p) => p.createdAt), ...organisations.map((o) => o.createdAt), ...roles.map((r) => r.grantedAt)]
    for (const d of dates) {
      expect(Number.isNaN(d.getTime())).toBe(false)
      expect(new Intl.DateTimeFormat('en', { year: 'numeric', timeZone: 'Asia/Shanghai' }).format(d)).toBe('2026')
    }
  })
})

describe('demoIdentities', () => {
  const roleNames = (openid: string) => rolesOf(openid).map((r) => r.role)

  it('names existing people', () => {
    for (const openid of Object.values(demoIdentities)) person(openid)
  })

  it('elderResident is an 80-year-old living alone with 长辈模式 on', () => {
    const p = person(demoIdentities.elderResident)
    expect(2026 - (p.birthYear ?? 0)).toBe(80)
    expect(p.livesAlone).toBe(true)
    expect(p.preferences.elderMode).toBe('on')
    expect(roleNames(p.openid)).toEqual([])
  })

  it('resident and ruralResident hold no role, in an urban and a rural community', () => {
    expect(roleNames(demoIdentities.resident)).toEqual([])
    expect(community(person(demoIdentities.resident).communityId).kind).toBe('urban')
    expect(roleNames(demoIdentities.ruralResident)).toEqual([])
    expect(community(person(demoIdentities.ruralResident).communityId).kind).toBe('rural')
  })

  it('volunteer volunteers and leads nothing', () => {
    const names = roleNames(demoIdentities.volunteer)
    expect(names).toContain('volunteer')
    expect(names).not.toContain('organisation_lead')
  })

  it('organisation leads lead an approved organisation in an urban and a rural community', () => {
    for (const [openid, kind] of [
      [demoIdentities.organisationLead, 'urban'],
      [demoIdentities.ruralOrganisationLead, 'rural'],
    ] as const) {
      const lead = rolesOf(openid).find((r) => r.role === 'organisation_lead')
      const org = organisation(lead?.organisationId)
      expect(org.status).toBe('approved')
      expect(org.leadOpenid).toBe(openid)
      expect(community(org.communityId).kind).toBe(kind)
    }
  })

  it('committee members sit on an urban and a rural committee', () => {
    for (const [openid, kind] of [
      [demoIdentities.committeeUrban, 'urban'],
      [demoIdentities.committeeRural, 'rural'],
    ] as const) {
      const committee = rolesOf(openid).find((r) => r.role === 'committee')
      expect(community(committee?.communityId).kind).toBe(kind)
    }
  })

  it('civilAffairs works for the urban community’s office', () => {
    const grant = rolesOf(demoIdentities.civilAffairs).find((r) => r.role === 'civil_affairs')
    const urban = communities.find((c) => c.kind === 'urban')
    expect(grant?.officeId).toBe(urban?.officeId)
  })

  it('pendingApplicant applied for the pending organisation and holds no lead role over it yet', () => {
    const pending = organisations.find((o) => o.status === 'pending')
    expect(pending?.leadOpenid).toBe(demoIdentities.pendingApplicant)
    expect(rolesOf(demoIdentities.pendingApplicant).some((r) => r.organisationId === pending?._id)).toBe(false)
  })

  it('gives every organisation its own invite code', () => {
    expect(new Set(organisations.map((o) => o.inviteCode)).size).toBe(organisations.length)
  })
})

describe('demo care register', () => {
  // Any day of a month, so that dating it from "now" never breaks a reference.
  const { care_register: entries, care_visits: visits } = careDemoData(new Date('2026-03-01T00:30:00+08:00'))

  it('links only residents of the entry’s community, pairs only members of its approved organisations', () => {
    for (const entry of entries) {
      if (entry.residentId) expect(people.find((p) => p._id === entry.residentId)?.communityId).toBe(entry.communityId)
      const organisationIds = [
        entry.pairing.organisationId,
        ...entry.pairing.volunteers.map((v) => roles.find((r) => r._id === v.memberId)?.organisationId),
      ]
      for (const id of organisationIds.filter((o) => o !== undefined)) {
        expect(organisation(id)).toMatchObject({ status: 'approved', communityId: entry.communityId })
      }
      for (const v of entry.pairing.volunteers) expect(roles.find((r) => r._id === v.memberId)?.openid).toBe(v.openid)
      expect(entry.pairedOpenids).toEqual(entry.pairing.volunteers.map((v) => v.openid))
    }
  })

  it('has visits only of registered people, after they were registered and never in the future', () => {
    const now = new Date('2026-03-01T00:30:00+08:00')
    for (const visit of visits) {
      const entry = entries.find((e) => e._id === visit.entryId)
      expect(entry?.communityId).toBe(visit.communityId)
      expect(visit.visitedAt.getTime()).toBeGreaterThanOrEqual(entry!.registeredAt.getTime())
      expect(visit.visitedAt.getTime()).toBeLessThanOrEqual(now.getTime())
      expect(visit.visitorName).toBe(person(visit.visitorOpenid).name)
    }
  })
})
