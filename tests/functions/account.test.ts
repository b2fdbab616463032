import { main } from '../../cloudfunctions/account/main'
import { demoDataSet, demoIdentities } from '../../local/seed/demo-data'
import type { PersonView } from '../../shared/contracts/account'
import { callAs, snapshotDatabase, startTestDatabase, type TestDatabase } from '../support/database'

let database: TestDatabase
beforeAll(async () => {
  database = await startTestDatabase()
})
afterAll(() => database.close())

const me = (openid: string | null) => callAs<{ person: PersonView | null }>(main, 'account', openid, { action: 'me', data: {} })

function personNamed(openid: string) {
  const person = demoDataSet.people.find((p) => p.openid === openid)
  if (!person) throw new Error(`no demo person ${openid}`)
  return person
}

describe('account.me', () => {
  it('tells an elderly resident who they are, where they live, and their large-text choice', async () => {
    const answer = await me(demoIdentities.elderResident)
    if (!answer.ok) throw new Error(answer.error.message)
    const expected = personNamed(demoIdentities.elderResident)
    const community = demoDataSet.communities.find((c) => c._id === expected.communityId)!
    expect(answer.data.person).toMatchObject({
      name: expected.name,
      community: { id: community._id, name: community.name, kind: community.kind, committeePhone: community.committeePhone },
      preferences: { elderMode: expected.preferences.elderMode },
    })
    expect(answer.data.person!.roles.map((r) => r.role)).toEqual(['resident'])
  })

  it('names the organisation an organisation lead leads', async () => {
    const answer = await me(demoIdentities.organisationLead)
    if (!answer.ok) throw new Error(answer.error.message)
    const led = demoDataSet.roles.find((r) => r.openid === demoIdentities.organisationLead && r.role === 'organisation_lead')!
    const organisation = demoDataSet.organisations.find((o) => o._id === led.organisationId)!
    expect(answer.data.person!.roles).toContainEqual(
      expect.objectContaining({
        role: 'organisation_lead',
        label: '组织负责人',
        scopeName: organisation.name,
        organisationId: organisation._id,
      }),
    )
  })

  it('names the office a civil-affairs officer works for', async () => {
    const answer = await me(demoIdentities.civilAffairs)
    if (!answer.ok) throw new Error(answer.error.message)
    const grant = demoDataSet.roles.find((r) => r.openid === demoIdentities.civilAffairs && r.role === 'civil_affairs')!
    const office = demoDataSet.offices.find((o) => o._id === grant.officeId)!
    expect(answer.data.person!.roles).toContainEqual(expect.objectContaining({ role: 'civil_affairs', scopeName: office.name }))
  })

  it('answers person: null for a WeChat user who has not joined a community', async () => {
    expect(await me('o-never-seen-before')).toEqual({ ok: true, data: { person: null } })
  })

  it('refuses a call with no platform identity', async () => {
    expect(await me(null)).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } })
  })

  it('takes identity from the platform, not from anything the client puts in the event', async () => {
    const forged = await callAs<{ person: PersonView }>(main, 'account', demoIdentities.resident, {
      action: 'me',
      data: {},
      userInfo: { openId: demoIdentities.civilAffairs, appId: 'forged' },
    })
    if (!forged.ok) throw new Error(forged.error.message)
    expect(forged.data.person.name).toBe(personNamed(demoIdentities.resident).name)
  })
})

describe('account.updatePreferences', () => {
  it('keeps the large-text choice, and me reads it back', async () => {
    const saved = await callAs(main, 'account', demoIdentities.resident, { action: 'updatePreferences', data: { elderMode: 'on' } })
    expect(saved).toEqual({ ok: true, data: { preferences: { elderMode: 'on' } } })
    const answer = await me(demoIdentities.resident)
    expect(answer.ok && answer.data.person?.preferences.elderMode).toBe('on')
  })

  it('asks someone who has not joined a community to join first', async () => {
    const answer = await callAs(main, 'account', 'o-never-seen-before', { action: 'updatePreferences', data: { elderMode: 'on' } })
    expect(answer).toMatchObject({ ok: false, error: { code: 'NOT_REGISTERED' } })
  })
})

describe('bad input at the boundary gets a clear error and writes nothing', () => {
  const resident = demoIdentities.resident
  const cases: [string, unknown, string, string | undefined][] = [
    ['an unknown action', { action: 'deleteEverything', data: {} }, 'UNKNOWN_ACTION', 'action'],
    ['an inherited property as action', { action: 'constructor', data: {} }, 'UNKNOWN_ACTION', 'action'],
    ['no action at all', { data: {} }, 'INVALID_INPUT', 'action'],
    ['an event that is not an object', 'me', 'INVALID_INPUT', undefined],
    ['a null event', null, 'INVALID_INPUT', undefined],
    ['a value of the wrong type', { action: 'updatePreferences', data: { elderMode: 5 } }, 'INVALID_INPUT', 'data.elderMode'],
    ['a value outside the enum', { action: 'updatePreferences', data: { elderMode: 'huge' } }, 'INVALID_INPUT', 'data.elderMode'],
    ['a missing field', { action: 'updatePreferences', data: {} }, 'INVALID_INPUT', 'data.elderMode'],
    ['an extra field in data', { action: 'updatePreferences', data: { elderMode: 'on', openid: 'x' } }, 'INVALID_INPUT', 'data.openid'],
    [
      'a forged openid beside the action',
      { action: 'updatePreferences', data: { elderMode: 'on' }, openid: 'demo-x' },
      'INVALID_INPUT',
      'openid',
    ],
    [
      'a MongoDB operator where a string belongs',
      { action: 'updatePreferences', data: { elderMode: { $gt: '' } } },
      'INVALID_INPUT',
      'data.elderMode',
    ],
    ['a 1 MB string', { action: 'updatePreferences', data: { elderMode: 'x'.repeat(1024 * 1024) } }, 'INVALID_INPUT', 'data.elderMode'],
    ['data that is an array', { action: 'updatePreferences', data: ['on'] }, 'INVALID_INPUT', 'data'],
  ]

  it.each(cases)('%s', async (_name, event, code, field) => {
    const before = await snapshotDatabase()
    const answer = await callAs(main, 'account', resident, event)
    expect(answer.ok).toBe(false)
    if (answer.ok) return
    expect(answer.error.code).toBe(code)
    expect(answer.error.field).toBe(field)
    expect(answer.error.message).toMatch(/\S/)
    expect(await snapshotDatabase()).toEqual(before)
  })
})
