import { contracts } from '../../shared/contracts'
import { isAllowed, permissionTable, type PermissionRule, type Principal } from '../../shared/domain/permissions'

const table = permissionTable as Record<string, PermissionRule>

const principal = (overrides: Partial<Principal>): Principal => ({
  openid: 'o-1',
  communityId: 'c-home',
  isResident: true,
  residenceConfirmed: true,
  grants: [],
  ...overrides,
})

describe('the permission table', () => {
  it('has exactly one row for every action of every function', () => {
    const actions = Object.values(contracts).flatMap((contract) =>
      Object.keys(contract.actions).map((action) => `${contract.name}.${action}`),
    )
    expect(Object.keys(table).sort()).toEqual(actions.sort())
  })
})

describe('isAllowed', () => {
  const community = { kind: 'community', communityId: 'c-home', officeId: 'office-1' } as const
  const otherCommunity = { kind: 'community', communityId: 'c-other', officeId: 'office-2' } as const
  const organisation = { kind: 'organisation', organisationId: 'org-1', communityId: 'c-home', officeId: 'office-1' } as const
  const committeeOnly: PermissionRule = { who: ['committee'], over: 'community' }
  const leadOrCommittee: PermissionRule = { who: ['organisation_lead', 'committee'], over: 'organisation' }

  it('lets a committee member act in their own community only', () => {
    const member = principal({ grants: [{ role: 'committee', communityId: 'c-home' }] })
    expect(isAllowed(committeeOnly, member, community)).toBe(true)
    expect(isAllowed(committeeOnly, member, otherCommunity)).toBe(false)
  })

  it('lets a civil-affairs office act over the communities it oversees', () => {
    const office = principal({ communityId: null, isResident: false, grants: [{ role: 'civil_affairs', officeId: 'office-1' }] })
    const rule: PermissionRule = { who: ['civil_affairs'], over: 'community' }
    expect(isAllowed(rule, office, community)).toBe(true)
    expect(isAllowed(rule, office, otherCommunity)).toBe(false)
  })

  it('lets a lead act for their organisation and not for another', () => {
    const lead = principal({ grants: [{ role: 'organisation_lead', organisationId: 'org-1', communityId: 'c-home' }] })
    expect(isAllowed(leadOrCommittee, lead, organisation)).toBe(true)
    expect(isAllowed(leadOrCommittee, lead, { ...organisation, organisationId: 'org-2' })).toBe(false)
  })

  it("lets the committee act over an organisation of its community, not another community's", () => {
    const member = principal({ grants: [{ role: 'committee', communityId: 'c-home' }] })
    expect(isAllowed(leadOrCommittee, member, organisation)).toBe(true)
    expect(isAllowed(leadOrCommittee, member, { ...organisation, communityId: 'c-other' })).toBe(false)
  })

  it('does not let a volunteer stand in for a lead', () => {
    const volunteer = principal({ grants: [{ role: 'volunteer', organisationId: 'org-1', communityId: 'c-home' }] })
    expect(isAllowed(leadOrCommittee, volunteer, organisation)).toBe(false)
  })

  it('lets residents act in their own community and refuses a scope of the wrong kind', () => {
    const rule: PermissionRule = { who: ['resident'], over: 'community' }
    expect(isAllowed(rule, principal({}), community)).toBe(true)
    expect(isAllowed(rule, principal({}), otherCommunity)).toBe(false)
    expect(isAllowed(rule, principal({}), { kind: 'self' })).toBe(false)
  })

  it('lets a resident the committee has not confirmed yet raise a need, but not join an organisation (decision 024)', () => {
    const newcomer = principal({ residenceConfirmed: false })
    expect(isAllowed(table['needs.raise'], newcomer, { kind: 'self' })).toBe(true)
    expect(isAllowed(table['organisations.join'], newcomer, { kind: 'self' })).toBe(false)
    expect(isAllowed(table['organisations.join'], principal({}), { kind: 'self' })).toBe(true)
  })
})
