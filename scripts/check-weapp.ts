/**
 * Checks the built mini-program against the rules WeChat applies only at upload or on a phone, so
 * that `npm run build:weapp` fails here instead: the ES level the project settings promise, app.json's
 * rules (pages, tab bar, subpackages, sizes), references across subpackages, and the CloudBase env.
 */
import { parse } from 'acorn'
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { join, posix, relative, resolve } from 'node:path'
import { weappCloudEnv, type CloudEnvChoice } from '../client/config/cloud-env'

const MB = 1024 * 1024
/** WeChat refuses 2 MB; ours stops at 1.5 MB so there is room left to move pages out. */
export const MAIN_PACKAGE_LIMIT = 1.5 * MB
const SUBPACKAGE_LIMIT = 2 * MB
const WHOLE_LIMIT = 20 * MB

interface Subpackage {
  root: string
  pages: string[]
  independent?: boolean
}

interface AppJson {
  pages: string[]
  subPackages?: Subpackage[]
  subpackages?: Subpackage[]
  tabBar?: { list: { pagePath: string }[] }
}

interface ProjectSettings {
  es6?: boolean
  enhance?: boolean
}

/**
 * The newest syntax the upload may contain. Without `es6` WeChat ships the files as they are, so
 * they must be ES5. With `es6` + `enhance` DevTools compiles them with Babel 7 preset-env to
 * {chrome:53, ios:8}; we allow up to ES2020, the newest level our dependencies need (decision 023).
 */
export function promisedEcmaVersion(settings: ProjectSettings): 5 | 2015 | 2020 {
  if (!settings.es6) return 5
  return settings.enhance ? 2020 : 2015
}

function filesUnder(dir: string, prefix = ''): string[] {
  return readdirSync(join(dir, prefix)).flatMap((entry) => {
    const path = prefix ? `${prefix}/${entry}` : entry
    return statSync(join(dir, path)).isDirectory() ? filesUnder(dir, path) : [path]
  })
}

/** Every JS file of the output that does not parse at `ecmaVersion`, with where and why. */
export function checkEsLevel(root: string, ecmaVersion: 5 | 2015 | 2020): string[] {
  return filesUnder(root)
    .filter((file) => file.endsWith('.js'))
    .flatMap((file) => {
      try {
        parse(readFileSync(join(root, file), 'utf8'), { ecmaVersion, sourceType: 'script' })
        return []
      } catch (error) {
        return [`${file} is not ES${ecmaVersion === 5 ? 5 : ecmaVersion}: ${(error as Error).message}`]
      }
    })
}

function subpackagesOf(app: AppJson): Subpackage[] {
  return (app.subPackages ?? app.subpackages ?? []).map((s) => ({ ...s, root: s.root.replace(/\/$/, '') }))
}

/** The subpackage root a file belongs to, or '' for the main package. */
function packageOf(file: string, roots: string[]): string {
  return roots.find((root) => file === root || file.startsWith(`${root}/`)) ?? ''
}

const sizeOf = (root: string, files: string[]) => files.reduce((total, file) => total + statSync(join(root, file)).size, 0)
const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`

/** app.json against WeChat's rules, and the package sizes; `sizes` is what to print when all is well. */
export function checkAppJson(root: string): { problems: string[]; sizes: string } {
  const app = JSON.parse(readFileSync(join(root, 'app.json'), 'utf8')) as AppJson
  const subpackages = subpackagesOf(app)
  const roots = subpackages.map((s) => s.root)
  const problems: string[] = []

  const pages = [...app.pages, ...subpackages.flatMap((s) => s.pages.map((page) => `${s.root}/${page}`))]
  for (const page of pages) {
    const missing = ['.js', '.json', '.wxml'].filter((ext) => !existsSync(join(root, page + ext)))
    if (missing.length) problems.push(`page ${page} has no ${missing.join(', ')}`)
  }
  if (new Set(pages).size !== pages.length) problems.push('a page is listed twice in app.json')

  for (const [i, a] of roots.entries()) {
    if (app.pages.some((page) => packageOf(page, [a]))) problems.push(`main package page lies inside subpackage root ${a}`)
    for (const b of roots.slice(i + 1)) {
      if (packageOf(a, [b]) || packageOf(b, [a])) problems.push(`subpackage roots ${a} and ${b} overlap`)
    }
  }

  const tabs = app.tabBar?.list ?? []
  if (app.tabBar && (tabs.length < 2 || tabs.length > 5)) problems.push(`the tab bar has ${tabs.length} items; WeChat wants 2 to 5`)
  for (const { pagePath } of tabs) {
    if (!app.pages.includes(pagePath)) problems.push(`tab bar page ${pagePath} is not a main package page`)
  }

  const files = filesUnder(root).filter((file) => !file.endsWith('.map'))
  const main = sizeOf(
    root,
    files.filter((file) => packageOf(file, roots) === ''),
  )
  const whole = sizeOf(root, files)
  if (main > MAIN_PACKAGE_LIMIT)
    problems.push(`the main package is ${kb(main)}, over ${kb(MAIN_PACKAGE_LIMIT)}: move pages into subpackages`)
  for (const sub of roots) {
    const size = sizeOf(
      root,
      files.filter((file) => packageOf(file, roots) === sub),
    )
    if (size > SUBPACKAGE_LIMIT) problems.push(`subpackage ${sub} is ${kb(size)}, over WeChat's 2 MB`)
  }
  if (whole > WHOLE_LIMIT) problems.push(`the whole mini-program is ${kb(whole)}, over WeChat's 20 MB`)
  return { problems, sizes: `main package ${kb(main)} (limit ${kb(MAIN_PACKAGE_LIMIT)}), whole ${kb(whole)}` }
}

/** The project files a built file refers to: scripts it requires, components it uses, templates it imports. */
function referencesOf(root: string, file: string): string[] {
  const text = readFileSync(join(root, file), 'utf8')
  let targets: string[] = []
  if (file.endsWith('.js')) targets = [...text.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1])
  if (file.endsWith('.wxml')) targets = [...text.matchAll(/<(?:import|include)\s+src=["']([^"']+)["']/g)].map((m) => m[1])
  if (file.endsWith('.json'))
    targets = Object.values((JSON.parse(text) as { usingComponents?: Record<string, string> }).usingComponents ?? {})
  // Absolute paths are from the mini-program root; plugin:// and bare names are not project files.
  return targets
    .filter((target) => target.startsWith('.') || target.startsWith('/'))
    .map((target) => (target.startsWith('/') ? posix.normalize(target.slice(1)) : posix.join(posix.dirname(file), target)))
}

/**
 * WeChat's subpackage rules: a subpackage may use the main package and itself, never another
 * subpackage; the main package may not use a subpackage; an independent subpackage only itself.
 */
export function checkSubpackageReferences(root: string): string[] {
  const app = JSON.parse(readFileSync(join(root, 'app.json'), 'utf8')) as AppJson
  const subpackages = subpackagesOf(app)
  const roots = subpackages.map((s) => s.root)
  const independent = new Set(subpackages.filter((s) => s.independent).map((s) => s.root))
  return filesUnder(root)
    .filter((file) => /\.(js|wxml)$/.test(file) || (file.endsWith('.json') && file !== 'app.json'))
    .flatMap((file) => {
      const from = packageOf(file, roots)
      return referencesOf(root, file)
        .filter((target) => {
          const to = packageOf(target, roots)
          return to !== from && (to !== '' || independent.has(from))
        })
        .map((target) => `${file} (${from || 'main package'}) uses ${target} (${packageOf(target, roots) || 'main package'})`)
    })
}

/** The built app.js must initialise the environment this build was asked for, and nothing else. */
export function checkCloudEnv(root: string, choice: CloudEnvChoice): string[] {
  const named = /cloud\.init\(\{\s*env\s*:\s*"([^"]*)"/.exec(readFileSync(join(root, 'app.js'), 'utf8'))?.[1]
  if (named === undefined) return ['app.js has no cloud.init({env: "…"})']
  return named === choice.env ? [] : [`app.js calls cloud.init with env "${named}", but this build is for "${choice.env}": rebuild`]
}

function main() {
  const repo = resolve(__dirname, '..')
  const root = join(repo, 'client/dist/weapp')
  const project = JSON.parse(readFileSync(join(repo, 'project.config.json'), 'utf8')) as { setting: ProjectSettings }
  const ecmaVersion = promisedEcmaVersion(project.setting)
  const cloudEnv = weappCloudEnv(process.env)
  const appJson = checkAppJson(root)
  const problems = [
    ...checkEsLevel(root, ecmaVersion),
    ...appJson.problems,
    ...checkSubpackageReferences(root),
    ...checkCloudEnv(root, cloudEnv),
  ]
  console.log(`weapp ${relative(repo, root)}: ${appJson.sizes}; JS checked at ES${ecmaVersion}`)
  console.log(
    cloudEnv.release
      ? `release build for CloudBase environment ${cloudEnv.env}`
      : `LOCAL build (cloud.init env "${cloudEnv.env}"): for tests only, not for upload; use CLOUDBASE_ENV=<env id> npm run build:weapp:release`,
  )
  for (const problem of problems) console.error(`weapp check: ${problem}`)
  if (problems.length) process.exit(1)
}

if (process.argv[1] === __filename) main()
