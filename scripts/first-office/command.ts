/**
 * `npm run office:first`: the one thing made at deploy (decision 034). What the command takes, where
 * it connects, and what it prints; scripts/first-office.ts runs it.
 */
import { parseEnv, parseArgs } from 'node:util'
import { readFileSync } from 'node:fs'
import { invitationPath, INVITATION_HOURS } from '../../shared/domain/invitation'
import { inShanghai } from '../../shared/domain/time'
import { standUpOffice, type FirstOffice } from '../../server/district/first-office'

export const USAGE =
  'npm run office:first -- --name 张店区民政局 --city 淄博市 --district 张店区 [--level district|street] [--local [--data-dir .data]] [--env-file .env]'

export interface FirstOfficeOptions {
  office: FirstOffice
  /** Against the local host's database (the stand-in in `<dataDir>/db`) instead of CloudBase. */
  local: boolean
  dataDir: string
  envFile: string
}

/** The options, or what is wrong with them. */
export function readOptions(argv: string[]): FirstOfficeOptions | { problem: string } {
  let parsed
  try {
    parsed = parseArgs({
      args: argv,
      options: {
        name: { type: 'string' },
        city: { type: 'string' },
        district: { type: 'string' },
        level: { type: 'string', default: 'district' },
        local: { type: 'boolean', default: false },
        'data-dir': { type: 'string', default: '.data' },
        'env-file': { type: 'string', default: '.env' },
      },
    })
  } catch (error) {
    return { problem: error instanceof Error ? error.message : String(error) }
  }
  const { name, city, district, level, local } = parsed.values
  const missing = (['name', 'city', 'district'] as const).filter((key) => !parsed.values[key]?.trim())
  if (missing.length > 0) return { problem: `missing ${missing.map((m) => `--${m}`).join(', ')}` }
  if (level !== 'district' && level !== 'street') return { problem: `--level is district or street, not ${level}` }
  return {
    office: { name: name!.trim(), city: city!.trim(), district: district!.trim(), level },
    local: local ?? false,
    dataDir: parsed.values['data-dir']!,
    envFile: parsed.values['env-file']!,
  }
}

/**
 * What the SDK reads to reach the CloudBase environment of `.env`, outside a function: the
 * environment id it takes as its own, and the API key it signs with (the deploy's, decision 032).
 */
export function cloudbaseConnection(envFile: string): Record<string, string> | { problem: string } {
  let env: Record<string, string | undefined>
  try {
    env = parseEnv(readFileSync(envFile, 'utf8'))
  } catch {
    return { problem: `cannot read ${envFile}: copy .env.example to .env and fill it in` }
  }
  const missing = ['CLOUDBASE_ENV', 'CLOUDBASE_SECRET_ID', 'CLOUDBASE_SECRET_KEY'].filter((key) => !env[key])
  if (missing.length > 0) return { problem: `${envFile}: ${missing.join(', ')} not set` }
  return {
    TCB_ENV: env.CLOUDBASE_ENV!,
    SCF_NAMESPACE: env.CLOUDBASE_ENV!,
    TENCENTCLOUD_SECRETID: env.CLOUDBASE_SECRET_ID!,
    TENCENTCLOUD_SECRETKEY: env.CLOUDBASE_SECRET_KEY!,
  }
}

/** Adds the office unless it is there, and answers the lines to print: the office, and its first staff member's invitation. */
export async function firstOffice(office: FirstOffice, now: Date, localUrl?: string): Promise<string[]> {
  const { office: stored, created, invitation } = await standUpOffice(office, now)
  const path = invitationPath(invitation._id)
  return [
    `${stored.name}（${stored.city}${stored.district}，${stored._id}）：${created ? '已添加' : '已经有了，没有重复添加'}`,
    `第一位工作人员的邀请码：${invitation._id}`,
    `  只能用一次，${INVITATION_HOURS} 小时内有效（至 ${inShanghai(invitation.expiresAt).format('YYYY-MM-DD HH:mm')}）；再运行一次会给一个新的。`,
    `  在小程序里：我的 → 接受工作邀请，输入邀请码；或打开页面 ${path}`,
    ...(localUrl ? [`  本地演示：${localUrl}/#/${path}`] : []),
    '  接受后，这位工作人员就是本部门的民政工作人员：在社区工作台添加社区、邀请各社区的两委成员。',
  ]
}
