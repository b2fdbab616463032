/**
 * The deploy's dry run (`npm run deploy -- --dry-run`) on temporary copies of the repository's deploy
 * files: the copy as it is passes, and each kind of break is refused with a message that names it.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { createHash } from 'node:crypto'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { analyseBundle, checkDeployment, type BundleUse } from '../../scripts/deploy/check'
import { cronProblem } from '../../scripts/deploy/rules'

const repo = resolve(__dirname, '../..')

/** Bundling is the slow part: a copy's function is bundled once per distinct main.ts, for real. */
const bundles = new Map<string, Promise<BundleUse>>()
function analyse(root: string, name: string): Promise<BundleUse> {
  const key = `${name}\n${createHash('sha256')
    .update(readFileSync(join(root, 'cloudfunctions', name, 'main.ts')))
    .digest('hex')}`
  if (!bundles.has(key)) bundles.set(key, analyseBundle(root, name))
  return bundles.get(key)!
}

const copies: string[] = []
afterAll(() => copies.forEach((dir) => rmSync(dir, { recursive: true, force: true })))

/** The deploy files copied (the code they bundle linked, unchanged). */
function copyOfRepo(): string {
  const root = mkdtempSync(join(tmpdir(), 'linli-deploy-'))
  copies.push(root)
  for (const file of ['cloudbaserc.json', '.env.example', 'storage-rule.json', 'database/collections.json']) {
    mkdirSync(join(root, file, '..'), { recursive: true })
    cpSync(join(repo, file), join(root, file))
  }
  cpSync(join(repo, 'cloudfunctions'), join(root, 'cloudfunctions'), { recursive: true, filter: (src) => !/index\.js(\.map)?$/.test(src) })
  for (const linked of ['server', 'shared', 'node_modules']) symlinkSync(join(repo, linked), join(root, linked))
  return root
}

const edit = (root: string, file: string, change: (text: string) => string) =>
  writeFileSync(join(root, file), change(readFileSync(join(root, file), 'utf8')))

async function problemsOf(root: string, envFile = join(root, '.env.example')): Promise<string[]> {
  return (await checkDeployment({ root, envFile, analyse })).problems
}

describe('the deploy dry run', () => {
  it('passes on the repository as it is, with .env.example, and plans every function', async () => {
    const root = copyOfRepo()
    const { problems, plan } = await checkDeployment({ root, envFile: join(root, '.env.example'), analyse })
    expect(problems).toEqual([])
    expect(plan!.functions.map((f) => f.name).sort()).toEqual([
      'account',
      'activities',
      'care',
      'community',
      'evaluation',
      'joining',
      'messages',
      'needs',
      'organisations',
      'reports',
      'residents',
      'scheduler',
      'surveys',
      'timebank',
    ])
    expect(plan!.functions.find((f) => f.name === 'activities')!.variables).toContain('LINLI_CHECKIN_SECRET')
    expect(plan!.functions.find((f) => f.name === 'reports')!.variables).toEqual([])
  })

  it('refuses a function folder the manifest does not list', async () => {
    const root = copyOfRepo()
    cpSync(join(root, 'cloudfunctions', 'messages'), join(root, 'cloudfunctions', 'inbox'), { recursive: true })
    expect(await problemsOf(root)).toEqual(['cloudbaserc.json: cloudfunctions/inbox is not listed'])
  })

  it('refuses a function listed twice, or listed without a folder', async () => {
    const root = copyOfRepo()
    edit(root, 'cloudbaserc.json', (text) =>
      text.replace('"name": "care"', '"name": "timebank"').replace('"name": "reports"', '"name": "report"'),
    )
    expect(await problemsOf(root)).toEqual(
      expect.arrayContaining([
        'cloudbaserc.json: "timebank" is listed twice',
        'cloudbaserc.json: cloudfunctions/care is not listed',
        'cloudbaserc.json: "report" has no folder in cloudfunctions/',
      ]),
    )
  })

  it('refuses a function folder without its config.json', async () => {
    const root = copyOfRepo()
    rmSync(join(root, 'cloudfunctions', 'timebank', 'config.json'))
    expect(await problemsOf(root)).toEqual(['cloudfunctions/timebank: config.json is missing'])
  })

  it('refuses a malformed index', async () => {
    const root = copyOfRepo()
    edit(root, 'database/collections.json', (text) => text.replace('"officeId": 1', '"officeId": "asc"'))
    expect(await problemsOf(root)).toEqual([expect.stringContaining('communities.officeId_1: key "officeId" must be 1, -1 or "2dsphere"')])
  })

  it('refuses a required variable the env file does not set, and a value the variable does not accept', async () => {
    const root = copyOfRepo()
    edit(root, '.env.example', (text) =>
      text.replace(/^LINLI_CHECKIN_SECRET=.*$/m, '').replace('LINLI_MINIPROGRAM_ENV_VERSION=release', 'LINLI_MINIPROGRAM_ENV_VERSION=beta'),
    )
    const problems = await problemsOf(root)
    expect(problems).toEqual([
      expect.stringMatching(/LINLI_CHECKIN_SECRET is required/),
      expect.stringMatching(/LINLI_MINIPROGRAM_ENV_VERSION must be develop, trial or release/),
    ])
  })

  it('refuses a variable the code reads that the one list does not declare', async () => {
    const root = copyOfRepo()
    mkdirSync(join(root, 'cloudfunctions', 'probe'))
    writeFileSync(join(root, 'cloudfunctions', 'probe', 'main.ts'), 'export const main = async () => process.env.LINLI_PROBE_LEVEL\n')
    writeFileSync(join(root, 'cloudfunctions', 'probe', 'package.json'), '{"name": "probe", "dependencies": {}}\n')
    writeFileSync(join(root, 'cloudfunctions', 'probe', 'config.json'), '{"permissions": {"openapi": []}, "timeout": 5}\n')
    edit(root, 'cloudbaserc.json', (text) =>
      text.replace(
        '"functions": [',
        '"functions": [{"name": "probe", "timeout": 5, "runtime": "Nodejs16.13", "installDependency": true, "handler": "index.main"},',
      ),
    )
    expect(await problemsOf(root)).toEqual(['LINLI_PROBE_LEVEL: the code reads it, but scripts/deploy/variables.ts does not declare it'])
  })

  it('refuses envVariables in the manifests, which would replace what is set online', async () => {
    const root = copyOfRepo()
    edit(root, 'cloudfunctions/reports/config.json', (text) => text.replace('"timeout"', '"envVariables": {"LINLI_X": ""}, "timeout"'))
    expect(await problemsOf(root)).toEqual([expect.stringContaining('cloudfunctions/reports/config.json: no "envVariables" here')])
  })

  it('refuses an open API the code calls without the permission, and a timeout the two manifests disagree on', async () => {
    const root = copyOfRepo()
    edit(root, 'cloudfunctions/joining/config.json', (text) =>
      text.replace(', "subscribeMessage.send"', '').replace('"timeout": 5', '"timeout": 6'),
    )
    expect(await problemsOf(root)).toEqual([
      'cloudfunctions/joining/config.json: timeout 6, cloudbaserc.json says 5',
      'cloudfunctions/joining/config.json: calls subscribeMessage.send, not in permissions.openapi',
    ])
  })

  it('refuses a package the bundle requires that package.json does not give the cloud to install', async () => {
    const root = copyOfRepo()
    edit(root, 'cloudfunctions/reports/package.json', (text) => text.replace(/\s*"exceljs": "[^"]+",/, ''))
    expect(await problemsOf(root)).toEqual([
      'cloudfunctions/reports/package.json: the code requires exceljs, which is not in "dependencies"',
    ])
  })

  it('refuses a timer that is not a 7-field cron', async () => {
    const root = copyOfRepo()
    for (const file of ['cloudbaserc.json', 'cloudfunctions/scheduler/config.json'])
      edit(root, file, (text) => text.replace('0 * * * * * *', '* * * * *'))
    expect(await problemsOf(root)).toEqual([expect.stringContaining('"every-minute": "* * * * *" has 5 fields')])
  })

  it('refuses a storage rule that does not parse, or that lets anyone read', async () => {
    const root = copyOfRepo()
    writeFileSync(join(root, 'storage-rule.json'), '{"read": true, "write": "auth.openid == resource.openid &&"}')
    expect(await problemsOf(root)).toEqual([
      expect.stringContaining('storage-rule.json: "read" must be an expression that reads auth'),
      'storage-rule.json: "write": ends where a value should be',
    ])
  })

  it('refuses a storage rule that lets anyone but a file’s uploader read or write it by id', async () => {
    const root = copyOfRepo()
    // Decision 032's rule: any signed-in user read any file whose id they held.
    const anyoneSignedIn = 'auth != null && auth.openid != null'
    writeFileSync(join(root, 'storage-rule.json'), JSON.stringify({ read: anyoneSignedIn, write: 'resource.openid == auth.openid' }))
    expect(await problemsOf(root)).toEqual([
      'storage-rule.json: "read" lets another WeChat user read a photo: only its uploader may',
      'storage-rule.json: "read" lets another WeChat user read a function\'s export: only its uploader may',
      // Without `auth.openid != null`, a sign-in without an openid (web) matches a function's file (no uploader's openid).
      'storage-rule.json: "write" lets someone signed in without an openid write a function\'s export: only its uploader may',
    ])
    writeFileSync(
      join(root, 'storage-rule.json'),
      JSON.stringify({ read: 'auth.uid != null && false', write: 'auth.openid != null && auth.openid == resource.openid' }),
    )
    expect(await problemsOf(root)).toEqual([
      'storage-rule.json: "read" refuses the uploader: the mini-program could not read its own photo',
    ])
  })
})

describe('cronProblem', () => {
  it.each(['0 * * * * * *', '0 0 8 * * * *', '0 */5 9-17 * * MON-FRI *', '0 30 2 1,15 JAN-JUN * 2027'])('accepts %s', (cron) => {
    expect(cronProblem(cron)).toBeUndefined()
  })
  it.each([
    ['0 60 * * * * *', 'outside 0–59'],
    ['0 0 24 * * * *', 'outside 0–23'],
    ['0 0 0 0 * * *', 'outside 1–31'],
    ['0 5-1 * * * * *', 'runs backwards'],
    ['0 */0 * * * * *', 'bad step'],
    ['0 * * * * MOO *', 'not a number'],
  ])('refuses %s', (cron, why) => {
    expect(cronProblem(cron)).toContain(why)
  })
})
