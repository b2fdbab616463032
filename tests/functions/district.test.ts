/**
 * A district stood up in the app (decision 034): civil affairs adds its communities, one by one or
 * from an xlsx, invites each one's first committee members; the first office comes from the deploy command.
 */
import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import ExcelJS from 'exceljs'
import { demoDataSet, demoIdentities as who } from '../../local/seed/demo-data'
import { localFiles } from '../../local/storage'
import { allDocuments } from '../../server/data/maintenance'
import type { AuditDoc, CommunityDoc, InvitationDoc, OfficeDoc, RoleDoc } from '../../server/data/documents'
import { sheetColumns } from '../../shared/domain/community-sheet'
import { INVITATION_HOURS } from '../../shared/domain/invitation'
import { PRIVACY_POLICY_VERSION } from '../../shared/domain/residence'
import { firstOffice, readOptions, cloudbaseConnection } from '../../scripts/first-office/command'
import { startTestDatabase, testClock, type TestDatabase } from '../support/database'
import { callCommunity as call, callJoining, callReports, failure, joinInput, ok } from './calls'

const urban = demoDataSet.communities.find((c) => c.kind === 'urban')!
const officeId = urban.officeId
const office = demoDataSet.offices.find((o) => o._id === officeId)!
const otherOffice = demoDataSet.roles.find((r) => r.role === 'civil_affairs' && r.officeId !== officeId)!.openid

let database: TestDatabase
beforeAll(async () => {
  database = await startTestDatabase()
})
afterAll(() => database.close())
afterAll(() => testClock.reset())

const execFileAsync = promisify(execFile)

const header = sheetColumns.map((c) => c.header)

/** An xlsx with these rows under the template's header, uploaded as the phone or the browser would: its file id. */
async function uploaded(rows: (string | number | null)[][], head: string[] = header): Promise<string> {
  const book = new ExcelJS.Workbook()
  const sheet = book.addWorksheet('社区')
  sheet.addRow(head)
  for (const row of rows) sheet.addRow(row)
  return localFiles(database.storageDir).save('xlsx', Buffer.from(await book.xlsx.writeBuffer()))
}

let made = 0
/** A community row of a street of its own: what one test adds is its own. */
function row(overrides: Partial<Record<'name' | 'kind' | 'street' | 'lng' | 'lat' | 'radius' | 'phone', string | number | null>> = {}) {
  const n = ++made
  const values = {
    name: `测试${n}社区`,
    kind: '城市社区',
    street: `测试${n}街道`,
    lng: 118.05,
    lat: 36.81,
    radius: 500,
    phone: '0533-2860000',
  }
  const v = { ...values, ...overrides }
  return [v.name, v.kind, v.street, v.lng, v.lat, v.radius, v.phone]
}

const addInput = (overrides: object = {}) => ({
  officeId,
  name: `逐个${++made}社区`,
  kind: 'rural' as const,
  street: '湖田街道',
  centre: [118.1, 36.8] as [number, number],
  serviceArea: { kind: 'radius' as const, radiusM: 1200 },
  committeePhone: '0533-2860001',
  ...overrides,
})

const communities = async () => (await allDocuments('communities')) as CommunityDoc[]

describe('adding one community', () => {
  it('adds it to the caller’s office, with the office’s city and district, once', async () => {
    const input = addInput()
    const { communityId } = await ok(call(who.civilAffairs, 'addCommunity', input))
    const added = (await communities()).find((c) => c._id === communityId)!
    expect(added).toMatchObject({
      name: input.name,
      kind: 'rural',
      officeId,
      city: office.city,
      district: office.district,
      street: '湖田街道',
    })
    expect(added.areaKm2).toBeCloseTo(4.52, 2)
    const { communities: rows } = await ok(call(who.civilAffairs, 'coverage', {}))
    expect(rows.map((r) => r.communityId)).toContain(communityId)
    const audit = (await allDocuments('audit_log')) as AuditDoc[]
    expect(audit.filter((a) => a.communityId === communityId).map((a) => a.action)).toEqual(['community.add'])

    expect(await failure(call(who.civilAffairs, 'addCommunity', { ...input, kind: 'urban' }))).toEqual({
      code: 'CONFLICT',
      field: 'data.name',
    })
    expect((await communities()).filter((c) => c.name === input.name)).toHaveLength(1)
  })

  it('refuses a name the seed already has in that street, however it was added', async () => {
    expect(await failure(call(who.civilAffairs, 'addCommunity', addInput({ name: urban.name, street: urban.street })))).toEqual({
      code: 'CONFLICT',
      field: 'data.name',
    })
  })

  it.each([
    ['another office’s officer', otherOffice],
    ['a committee member', who.committeeUrban],
    ['a resident', who.resident],
  ])('refuses %s, and adds nothing', async (_, openid) => {
    const before = database.standin.committedVersion()
    expect(await failure(call(openid, 'addCommunity', addInput()))).toEqual({ code: 'FORBIDDEN' })
    expect(await failure(call(openid, 'office', { officeId }))).toEqual({ code: 'FORBIDDEN' })
    expect(database.standin.committedVersion()).toBe(before)
  })

  it('says a bad field beside it', async () => {
    expect(await failure(call(who.civilAffairs, 'addCommunity', addInput({ committeePhone: '12345' })))).toEqual({
      code: 'INVALID_INPUT',
      field: 'data.committeePhone',
    })
    expect(await failure(call(who.civilAffairs, 'addCommunity', addInput({ serviceArea: { kind: 'radius', radiusM: 20 } })))).toEqual({
      code: 'INVALID_INPUT',
      field: 'data.serviceArea.radiusM',
    })
  })
})

describe('importing communities from an xlsx', () => {
  it('hands out a template whose columns the import reads back', async () => {
    const file = await ok(call(who.civilAffairs, 'communityTemplate', { officeId }))
    expect(file.fileName).toBe('社区导入模板.xlsx')
    const template = new ExcelJS.Workbook()
    // Read through its link, as the person downloads it.
    const link = new URL(file.url, 'http://local')
    const served = localFiles(database.storageDir).serve(link.pathname.split('/').pop()!, link.searchParams, testClock.now())
    if (served.status !== 200) throw new Error(`the template's link answered ${served.status}`)
    await template.xlsx.load(served.body as unknown as ArrayBuffer)
    expect(template.worksheets[0].getRow(1).values).toEqual([undefined, ...header])
    expect(template.worksheets.map((s) => s.name)).toEqual(['社区', '填写说明'])
    expect(await failure(call(who.committeeUrban, 'communityTemplate', { officeId }))).toEqual({ code: 'FORBIDDEN' })
  })

  it('adds every row, and run again adds none twice, saying so per row', async () => {
    const rows = [row(), row({ kind: '农村', radius: null }), row({ name: urban.name, street: urban.street })]
    const fileId = await uploaded(rows)
    const first = await ok(call(who.civilAffairs, 'importCommunities', { officeId, fileId }))
    if (first.outcome !== 'imported') throw new Error(JSON.stringify(first))
    expect(first.rows.map((r) => [r.row, r.name, r.added])).toEqual([
      [2, rows[0][0], true],
      [3, rows[1][0], true],
      [4, urban.name, false],
    ])
    expect(first.rows[2].communityId).toBe(urban._id)
    const stored = await communities()
    const village = stored.find((c) => c._id === first.rows[1].communityId)!
    expect(village).toMatchObject({ kind: 'rural', officeId, serviceArea: { kind: 'radius', radiusM: 1500 }, city: office.city })

    const count = stored.length
    const again = await ok(call(who.civilAffairs, 'importCommunities', { officeId, fileId: await uploaded(rows) }))
    if (again.outcome !== 'imported') throw new Error(JSON.stringify(again))
    expect(again.rows.map((r) => r.added)).toEqual([false, false, false])
    expect(again.rows.map((r) => r.communityId)).toEqual(first.rows.map((r) => r.communityId))
    expect(await communities()).toHaveLength(count)
  })

  it('reads an office’s own sheet: a title above, other column names and order, extra columns', async () => {
    const book = new ExcelJS.Workbook()
    const sheet = book.addWorksheet('名单')
    sheet.addRow(['张店区社区名单（2026）'])
    sheet.addRow(['序号', '街道', '社区', '社区类型', '经度', '纬度', '联系电话'])
    sheet.addRow([1, '测试甲街道', '测试甲社区', '城市', 118.06, 36.8, 13953300000])
    const fileId = localFiles(database.storageDir).save('xlsx', Buffer.from(await book.xlsx.writeBuffer()))
    const outcome = await ok(call(who.civilAffairs, 'importCommunities', { officeId, fileId }))
    expect(outcome).toEqual({
      outcome: 'imported',
      rows: [{ row: 3, name: '测试甲社区', street: '测试甲街道', communityId: expect.any(String), added: true }],
    })
  })

  it('refuses the whole sheet when a row is wrong, naming each row and column, and adds nothing', async () => {
    const fileId = await uploaded([
      row(),
      row({ kind: '城乡' }),
      row({ lng: 36.81, lat: 118.05 }),
      row({ phone: null, name: '' }),
      row({ name: '重复社区', street: '重复街道' }),
      row({ name: '重复社区', street: '重复街道' }),
    ])
    const before = database.standin.committedVersion()
    const outcome = await ok(call(who.civilAffairs, 'importCommunities', { officeId, fileId }))
    expect(outcome).toEqual({
      outcome: 'refused',
      problems: [
        { row: 3, column: 'B', header: '类型', message: '请填“城市社区”或“农村”' },
        { row: 4, column: 'D', header: '中心经度', message: expect.stringContaining('填反') },
        { row: 4, column: 'E', header: '中心纬度', message: expect.stringContaining('填反') },
        { row: 5, column: 'A', header: '社区名称', message: '不能为空' },
        { row: 5, column: 'G', header: '两委电话', message: '请填写两委电话' },
        { row: 7, column: 'A', header: '社区名称', message: '和第 6 行重复：同一街道里的社区名称不能相同' },
      ],
    })
    expect(database.standin.committedVersion()).toBe(before)
  })

  it('says a missing column, an empty sheet, a file that is no xlsx, and a file id that is no upload', async () => {
    const noPhone = await uploaded([row().slice(0, 6)], header.slice(0, 6))
    expect(await ok(call(who.civilAffairs, 'importCommunities', { officeId, fileId: noPhone }))).toEqual({
      outcome: 'refused',
      problems: [{ row: 1, column: '', header: '两委电话', message: '第 1 行的列名里找不到“两委电话”这一列' }],
    })
    expect(await ok(call(who.civilAffairs, 'importCommunities', { officeId, fileId: await uploaded([]) }))).toMatchObject({
      outcome: 'refused',
      problems: [{ row: 2, message: expect.stringContaining('没有社区') }],
    })
    const notXlsx = localFiles(database.storageDir).save('xlsx', Buffer.from('社区名称,类型\n'))
    expect(await failure(call(who.civilAffairs, 'importCommunities', { officeId, fileId: notXlsx }))).toEqual({
      code: 'INVALID_INPUT',
      field: 'data.fileId',
    })
    // A photo, or someone's export by its storage path: nothing the import reads.
    const photo = localFiles(database.storageDir).save('png', Buffer.from('png'))
    for (const fileId of [photo, 'cloud://local/../db/standin.sqlite', 'cloud://env-1.bucket/exports/2026/x.xlsx']) {
      expect(await failure(call(who.civilAffairs, 'importCommunities', { officeId, fileId }))).toEqual({
        code: 'NOT_FOUND',
        field: 'data.fileId',
      })
    }
  })

  it('is for the office’s own staff only', async () => {
    const fileId = await uploaded([row()])
    for (const openid of [otherOffice, who.committeeUrban, who.resident]) {
      expect(await failure(call(openid, 'importCommunities', { officeId, fileId }))).toEqual({ code: 'FORBIDDEN' })
    }
  })
})

describe('inviting a new community’s first committee member', () => {
  async function aNewCommunity() {
    return (await ok(call(who.civilAffairs, 'addCommunity', addInput()))).communityId
  }

  it('makes a one-time code with its link and mini-program code; the person who opens it becomes the committee and sees the empty workbench', async () => {
    const communityId = await aNewCommunity()
    const before = testClock.now().getTime()
    const invitation = await ok(call(who.civilAffairs, 'inviteCommittee', { communityId }))
    const madeAt = new Date(invitation.expiresAt).getTime() - INVITATION_HOURS * 3_600_000
    expect(invitation.code).toMatch(/^[2-9A-Z]{8}$/)
    expect(invitation.invitationPath).toBe(`pages/joining/invitation/index?code=${invitation.code}`)
    expect(invitation.qrImage).toMatch(/^data:image\/png;base64,/)
    expect(madeAt).toBeGreaterThanOrEqual(before)
    expect(madeAt).toBeLessThanOrEqual(testClock.now().getTime())

    const newcomer = 'o-test-first-committee'
    const details = await ok(call(newcomer, 'invitationDetails', { code: invitation.code.toLowerCase() }))
    expect(details).toMatchObject({ role: 'committee', roleLabel: '社区两委', needsDetails: true })
    expect(await failure(call(newcomer, 'acceptInvitation', { code: invitation.code }))).toEqual({
      code: 'INVALID_INPUT',
      field: 'data.name',
    })
    expect(await failure(call(newcomer, 'acceptInvitation', { code: invitation.code, name: '韩立群', phone: '13953300001' }))).toEqual({
      code: 'INVALID_INPUT',
      field: 'data.privacyVersion',
    })
    expect(
      await ok(
        call(newcomer, 'acceptInvitation', {
          code: invitation.code,
          name: '韩立群',
          phone: '13953300001',
          privacyVersion: PRIVACY_POLICY_VERSION,
        }),
      ),
    ).toMatchObject({
      role: 'committee',
    })

    const roles = ((await allDocuments('roles')) as RoleDoc[]).filter((r) => r.openid === newcomer)
    expect(roles).toEqual([expect.objectContaining({ role: 'committee', communityId, grantedBy: who.civilAffairs })])
    const { communities: rows } = await ok(call(newcomer, 'coverage', {}))
    expect(rows.map((r) => [r.communityId, r.approved, r.pending])).toEqual([[communityId, 0, 0]])
    expect(await ok(callReports(newcomer, 'waiting', { communityId }))).toMatchObject({ total: 0, items: [] })
    const { members } = await ok(call(newcomer, 'committeeMembers', { communityId }))
    expect(members.map((m) => [m.name, m.grantedByName])).toEqual([['韩立群', '齐文静']])
    const { entries } = await ok(call(newcomer, 'auditLog', { communityId }))
    expect(entries.map((e) => [e.action, e.actorName])).toEqual([
      ['committee.accept', '韩立群'],
      ['committee.invite', '齐文静'],
      ['community.add', '齐文静'],
    ])

    // Its residents' QR code and link from the start, and a newcomer can join by it.
    const join = await ok(callJoining(newcomer, 'invitation', { communityId }))
    expect(join.joinPath).toBe(`pages/joining/community/index?communityId=${communityId}`)
    expect(join.qrImage).toMatch(/^data:image\/png/)
    await ok(callJoining('o-test-first-resident', 'join', joinInput({ communityId })))
    expect((await ok(callJoining(newcomer, 'newcomers', { communityId }))).newcomers).toHaveLength(1)
  })

  it('refuses a used code, and the same person twice, with stable codes', async () => {
    const communityId = await aNewCommunity()
    const { code } = await ok(call(who.civilAffairs, 'inviteCommittee', { communityId }))
    await ok(call('o-test-taker', 'acceptInvitation', { code, name: '先来', phone: '13953300002', privacyVersion: PRIVACY_POLICY_VERSION }))
    expect(
      await failure(
        call('o-test-late', 'acceptInvitation', { code, name: '后到', phone: '13953300003', privacyVersion: PRIVACY_POLICY_VERSION }),
      ),
    ).toEqual({
      code: 'INVITATION_USED',
      field: 'data.code',
    })
    expect(await failure(call('o-test-late', 'invitationDetails', { code }))).toEqual({ code: 'INVITATION_USED', field: 'data.code' })
    const second = await ok(call(who.civilAffairs, 'inviteCommittee', { communityId }))
    expect(await failure(call('o-test-taker', 'acceptInvitation', { code: second.code }))).toEqual({ code: 'CONFLICT' })
    const people = (await allDocuments('people')) as { openid: string }[]
    expect(people.filter((p) => p.openid === 'o-test-late')).toEqual([])
  })

  it('refuses a code past its time, by the one clock', async () => {
    const communityId = await aNewCommunity()
    const { code } = await ok(call(who.civilAffairs, 'inviteCommittee', { communityId }))
    testClock.advance(INVITATION_HOURS * 3_600_000 - 60_000)
    expect(await ok(call(who.resident, 'invitationDetails', { code }))).toMatchObject({ needsDetails: false })
    testClock.advance(60_000)
    expect(await failure(call(who.resident, 'acceptInvitation', { code }))).toEqual({ code: 'INVITATION_EXPIRED', field: 'data.code' })
    const invitation = ((await allDocuments('invitations')) as InvitationDoc[]).find((i) => i._id === code)!
    expect(invitation.usedAt).toBeUndefined()
  })

  it('gives a resident the role without asking their details again', async () => {
    const communityId = await aNewCommunity()
    const { code } = await ok(call(who.civilAffairs, 'inviteCommittee', { communityId }))
    await ok(call(who.elderResident, 'acceptInvitation', { code }))
    const people = (await allDocuments('people')) as { openid: string }[]
    expect(people.filter((p) => p.openid === who.elderResident)).toHaveLength(1)
  })

  it('counts wrong codes against the caller', async () => {
    for (let i = 0; i < 5; i++) {
      expect(await failure(call('o-test-guesser', 'invitationDetails', { code: 'ABCDEFGH' }))).toEqual({
        code: 'NOT_FOUND',
        field: 'data.code',
      })
    }
    expect(await failure(call('o-test-guesser', 'acceptInvitation', { code: 'ABCDEFGH' }))).toEqual({
      code: 'RATE_LIMITED',
      field: 'data.code',
    })
  })

  it('is for the office’s own staff: not another office, the committee or a resident', async () => {
    const communityId = await aNewCommunity()
    for (const openid of [otherOffice, who.committeeUrban, who.resident]) {
      expect(await failure(call(openid, 'inviteCommittee', { communityId }))).toEqual({ code: 'FORBIDDEN' })
    }
    expect(await failure(call(who.committeeUrban, 'inviteCommittee', { communityId: urban._id }))).toEqual({ code: 'FORBIDDEN' })
  })
})

describe('the first office, from the deploy command', () => {
  const input = { name: '测试区民政局', city: '淄博市', district: '测试区', level: 'district' as const }

  it('adds the office once and prints a fresh invitation each run; its first staff member accepts and adds a community', async () => {
    const first = await firstOffice(input, testClock.now(), 'http://localhost:3000')
    const codeOf = (lines: string[]) => /邀请码：([2-9A-Z]{8})/.exec(lines.join('\n'))![1]
    expect(first[0]).toContain('已添加')
    expect(first.join('\n')).toContain(`http://localhost:3000/#/pages/joining/invitation/index?code=${codeOf(first)}`)
    const again = await firstOffice(input, testClock.now())
    expect(again[0]).toContain('已经有了')
    expect(codeOf(again)).not.toBe(codeOf(first))
    const offices = ((await allDocuments('offices')) as OfficeDoc[]).filter((o) => o.name === input.name)
    expect(offices).toHaveLength(1)

    const staff = 'o-test-first-staff'
    expect(await ok(call(staff, 'invitationDetails', { code: codeOf(again) }))).toMatchObject({
      role: 'civil_affairs',
      scopeName: input.name,
    })
    await ok(
      call(staff, 'acceptInvitation', { code: codeOf(again), name: '齐新', phone: '13953300004', privacyVersion: PRIVACY_POLICY_VERSION }),
    )
    const added = await ok(call(staff, 'addCommunity', addInput({ officeId: offices[0]._id })))
    expect(await ok(call(staff, 'office', { officeId: offices[0]._id }))).toEqual({
      officeId: offices[0]._id,
      name: input.name,
      city: '淄博市',
      district: '测试区',
    })
    expect((await ok(call(staff, 'coverage', {}))).communities.map((c) => c.communityId)).toEqual([added.communityId])
    // Its staff are no staff of the demo's office.
    expect(await failure(call(staff, 'addCommunity', addInput()))).toEqual({ code: 'FORBIDDEN' })
  })

  it('runs as npm runs it, with --local against a database of its own: one office, a fresh code each run', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'linli-first-office-'))
    const run = () =>
      execFileAsync(
        process.execPath,
        [
          '--import',
          'tsx',
          'scripts/first-office.ts',
          '--local',
          '--data-dir',
          dataDir,
          '--name',
          '淄川区民政局',
          '--city',
          '淄博市',
          '--district',
          '淄川区',
        ],
        { cwd: resolve(__dirname, '../..') },
      )
    try {
      const [first, second] = [(await run()).stdout, (await run()).stdout]
      expect(first).toMatch(/淄川区民政局（淄博市淄川区，office-[0-9a-f]{20}）：已添加/)
      expect(second).toContain('已经有了，没有重复添加')
      const code = (out: string) => /邀请码：([2-9A-Z]{8})/.exec(out)![1]
      expect(code(second)).not.toBe(code(first))
      expect(second).toContain(`http://localhost:3000/#/pages/joining/invitation/index?code=${code(second)}`)
      await expect(
        execFileAsync(process.execPath, ['--import', 'tsx', 'scripts/first-office.ts', '--local', '--name', '淄川区民政局']),
      ).rejects.toMatchObject({
        code: 2,
        stderr: expect.stringContaining('missing --city, --district'),
      })
    } finally {
      rmSync(dataDir, { recursive: true, force: true })
    }
  }, 60_000)

  it('reads its options and the connection from .env', () => {
    expect(readOptions(['--name', '张店区民政局', '--city', '淄博市', '--district', '张店区'])).toEqual({
      office: { name: '张店区民政局', city: '淄博市', district: '张店区', level: 'district' },
      local: false,
      dataDir: '.data',
      envFile: '.env',
    })
    expect(readOptions(['--name', '张店区民政局'])).toEqual({ problem: 'missing --city, --district' })
    expect(readOptions(['--name', 'a', '--city', 'b', '--district', 'c', '--level', 'city'])).toEqual({
      problem: '--level is district or street, not city',
    })
    expect(cloudbaseConnection('.env.example')).toEqual({
      TCB_ENV: 'your-env-1a2b3c',
      SCF_NAMESPACE: 'your-env-1a2b3c',
      TENCENTCLOUD_SECRETID: 'AKIDexampleexampleexample',
      TENCENTCLOUD_SECRETKEY: 'example-secret-key',
    })
    expect(cloudbaseConnection('/nonexistent/.env')).toEqual({ problem: expect.stringContaining('cannot read') })
  })
})
