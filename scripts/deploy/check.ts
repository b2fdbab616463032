/**
 * Everything `npm run deploy` can know before it touches the network (docs/decisions/032). The dry run
 * prints these problems; the deploy refuses to start while there is one, so it cannot half-succeed
 * on a mistake the repository already shows.
 */
import { build } from 'esbuild'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseEnv } from 'node:util'
import { loadManifest, type Manifest } from '../../database/manifest'
import { bundleOptions } from '../build-functions'
import { parseWithoutDuplicateKeys } from './json'
import { isWeChatOpenApi, openApisByMethod, openApisIn } from './open-apis'
import { cronProblem, storageRuleProblems, type StorageRule } from './rules'
import { DEPLOY_SETTINGS, VARIABLE_PREFIX, VARIABLES, type DeployVariable } from './variables'

export interface Trigger {
  name: string
  type: 'timer'
  config: string
}

export interface FunctionPlan {
  name: string
  timeout: number
  runtime: string
  handler: string
  triggers: Trigger[]
  /** The declared variables its bundle names. */
  variables: string[]
  /** The WeChat open APIs (and SMS) its bundle calls. */
  openApis: string[]
}

export interface DeployPlan {
  envId: string
  secretId: string
  secretKey: string
  functions: FunctionPlan[]
  /** The declared variables `.env` gives, by name. */
  values: Record<string, string>
  variables: DeployVariable[]
  collections: Manifest
  storageRule: StorageRule
}

/** What a function's bundle uses, as the deploy needs to know it. */
export interface BundleUse {
  /** `LINLI_` names in the code. */
  variables: string[]
  /** Packages left to the cloud to install. */
  packages: string[]
  openApis: string[]
}

/** Bundles cloudfunctions/<name>/main.ts in memory, exactly as `npm run build:functions` would. */
export async function analyseBundle(root: string, name: string): Promise<BundleUse> {
  const functionsDir = join(root, 'cloudfunctions')
  const result = await build({ ...bundleOptions(functionsDir, name), write: false, metafile: true, logLevel: 'silent' })
  const text = result.outputFiles.map((file) => file.text).join('\n')
  const imports = Object.values(result.metafile.outputs).flatMap((output) => output.imports)
  const packages = imports.filter((i) => i.external && !i.path.startsWith('node:')).map((i) => i.path)
  const table = openApisByMethod(readFileSync(join(root, 'server', 'wechat', 'cloud.ts'), 'utf8'))
  return {
    variables: [...new Set(text.match(new RegExp(`\\b${VARIABLE_PREFIX}[A-Z0-9_]+`, 'g')) ?? [])].sort(),
    packages: [...new Set(packages)].sort(),
    openApis: openApisIn(text, table),
  }
}

export interface CheckOptions {
  /** The repository (or a copy of its deploy files). */
  root: string
  /** The file of values: `.env` for a deploy, `.env.example` in CI. */
  envFile: string
  /** A real deploy also refuses secrets still equal to `.env.example`'s placeholders. */
  forReal?: boolean
  analyse?: (root: string, name: string) => Promise<BundleUse>
}

interface ManifestEntry {
  name?: unknown
  timeout?: unknown
  runtime?: unknown
  handler?: unknown
  installDependency?: unknown
  envVariables?: unknown
  triggers?: unknown
}

const readJson = (path: string): unknown => parseWithoutDuplicateKeys(readFileSync(path, 'utf8'))

function readEnvFile(path: string): Record<string, string> {
  return Object.fromEntries(Object.entries(parseEnv(readFileSync(path, 'utf8'))).map(([k, v]) => [k, v ?? '']))
}

function triggerProblems(where: string, triggers: unknown): string[] {
  if (triggers === undefined) return []
  if (!Array.isArray(triggers)) return [`${where}: "triggers" must be a list`]
  return triggers.flatMap((trigger: Partial<Trigger>, i) => {
    const at = `${where}: triggers[${i}]`
    if (trigger.type !== 'timer') return [`${at}: only "timer" triggers are deployed`]
    if (typeof trigger.name !== 'string' || !/^[A-Za-z][A-Za-z0-9_-]{0,59}$/.test(trigger.name)) return [`${at}: bad name`]
    const problem = typeof trigger.config === 'string' ? cronProblem(trigger.config) : 'no cron in "config"'
    return problem ? [`${at} "${trigger.name}": ${problem}`] : []
  })
}

/** One function of the manifest: its entry, its folder, and what its bundle uses. */
async function checkFunction(
  root: string,
  entry: ManifestEntry,
  analyse: NonNullable<CheckOptions['analyse']>,
): Promise<{ problems: string[]; plan?: FunctionPlan; use?: BundleUse }> {
  const problems: string[] = []
  const name = entry.name as string
  const folder = join(root, 'cloudfunctions', name)
  const where = `cloudbaserc.json "${name}"`
  if (entry.envVariables !== undefined) {
    problems.push(
      `${where}: no "envVariables" here (the CLI would replace the function's whole set); declare them in scripts/deploy/variables.ts`,
    )
  }
  if (typeof entry.timeout !== 'number' || !Number.isInteger(entry.timeout) || entry.timeout < 1 || entry.timeout > 60) {
    problems.push(`${where}: "timeout" must be whole seconds, 1–60`)
  }
  if (typeof entry.runtime !== 'string' || !/^Nodejs\d/.test(entry.runtime)) problems.push(`${where}: "runtime" must be a Nodejs runtime`)
  if (entry.handler !== 'index.main') problems.push(`${where}: "handler" must be index.main (the bundle's export)`)
  if (entry.installDependency !== true) problems.push(`${where}: "installDependency" must be true (the SDKs are installed in the cloud)`)
  problems.push(...triggerProblems(where, entry.triggers))
  const absent = ['main.ts', 'package.json', 'config.json'].filter((file) => !existsSync(join(folder, file)))
  if (absent.length > 0) return { problems: [...problems, ...absent.map((file) => `cloudfunctions/${name}: ${file} is missing`)] }

  let config: { timeout?: unknown; triggers?: unknown; envVariables?: unknown; permissions?: { openapi?: unknown } } = {}
  let dependencies: Record<string, string> = {}
  try {
    config = readJson(join(folder, 'config.json')) as typeof config
    dependencies = (readJson(join(folder, 'package.json')) as { dependencies?: Record<string, string> }).dependencies ?? {}
  } catch (error) {
    problems.push(`cloudfunctions/${name}: ${(error as Error).message}`)
    return { problems }
  }
  // DevTools uploads config.json; both routes must give the function the same timeout and triggers.
  if (config.timeout !== entry.timeout)
    problems.push(`cloudfunctions/${name}/config.json: timeout ${String(config.timeout)}, cloudbaserc.json says ${String(entry.timeout)}`)
  if (JSON.stringify(config.triggers ?? []) !== JSON.stringify(entry.triggers ?? [])) {
    problems.push(`cloudfunctions/${name}/config.json: triggers differ from cloudbaserc.json`)
  }
  if (config.envVariables !== undefined) {
    problems.push(
      `cloudfunctions/${name}/config.json: no "envVariables" here (an upload from DevTools would replace the set); declare them in scripts/deploy/variables.ts`,
    )
  }

  let use: BundleUse
  try {
    use = await analyse(root, name)
  } catch (error) {
    problems.push(`cloudfunctions/${name}: does not bundle: ${(error as Error).message}`)
    return { problems }
  }
  for (const pkg of use.packages) {
    if (!dependencies[pkg]) problems.push(`cloudfunctions/${name}/package.json: the code requires ${pkg}, which is not in "dependencies"`)
  }
  const permitted = Array.isArray(config.permissions?.openapi) ? (config.permissions.openapi as string[]) : []
  const called = use.openApis.filter(isWeChatOpenApi)
  for (const api of called)
    if (!permitted.includes(api)) problems.push(`cloudfunctions/${name}/config.json: calls ${api}, not in permissions.openapi`)
  for (const api of permitted)
    if (!called.includes(api))
      problems.push(`cloudfunctions/${name}/config.json: permissions.openapi lists ${api}, which the code never calls`)
  const plan: FunctionPlan = {
    name,
    timeout: entry.timeout as number,
    runtime: entry.runtime as string,
    handler: entry.handler as string,
    triggers: (entry.triggers as Trigger[] | undefined) ?? [],
    variables: use.variables.filter((v) => VARIABLES.some((d) => d.name === v)),
    openApis: use.openApis,
  }
  return { problems, plan, use }
}

/** Reads and checks the whole deploy; answers the plan only when there is no problem. */
export async function checkDeployment(options: CheckOptions): Promise<{ problems: string[]; plan?: DeployPlan }> {
  const { root, envFile, forReal = false, analyse = analyseBundle } = options
  const problems: string[] = []

  // The functions: cloudbaserc.json against the folders and their own config.json.
  const functionsDir = join(root, 'cloudfunctions')
  const folders = readdirSync(functionsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
  let entries: ManifestEntry[] = []
  try {
    const manifest = readJson(join(root, 'cloudbaserc.json')) as { functions?: unknown }
    if (!Array.isArray(manifest.functions)) problems.push('cloudbaserc.json: "functions" must be a list')
    else entries = manifest.functions as ManifestEntry[]
  } catch (error) {
    problems.push(`cloudbaserc.json: ${(error as Error).message}`)
  }
  const names = entries.map((entry) => String(entry.name))
  for (const name of new Set(names.filter((name, i) => names.indexOf(name) !== i)))
    problems.push(`cloudbaserc.json: "${name}" is listed twice`)
  for (const folder of folders) if (!names.includes(folder)) problems.push(`cloudbaserc.json: cloudfunctions/${folder} is not listed`)

  const valid = entries.filter((entry) => typeof entry.name === 'string' && folders.includes(entry.name))
  for (const entry of entries)
    if (!valid.includes(entry)) problems.push(`cloudbaserc.json: "${String(entry.name)}" has no folder in cloudfunctions/`)
  // Bundled side by side (esbuild is the slow part); each function's problems are reported in manifest order.
  const checked = await Promise.all(valid.map((entry) => checkFunction(root, entry, analyse)))
  problems.push(...checked.flatMap((c) => c.problems))
  const functions = checked.flatMap((c) => (c.plan ? [c.plan] : []))
  const uses = checked.flatMap((c) => (c.use ? [c.use] : []))

  // The variables: one declared list, against the code and the env file.
  const named = new Set(uses.flatMap((use) => use.variables))
  for (const name of named) {
    if (!VARIABLES.some((v) => v.name === name))
      problems.push(`${name}: the code reads it, but scripts/deploy/variables.ts does not declare it`)
  }
  if (uses.length === valid.length) {
    for (const v of VARIABLES)
      if (!named.has(v.name)) problems.push(`${v.name}: declared in scripts/deploy/variables.ts, but no function reads it`)
  }
  const examplePath = join(root, '.env.example')
  const missing = [envFile, ...(forReal ? [examplePath] : [])].filter((path) => !existsSync(path))
  for (const path of missing) problems.push(`${path}: missing (copy .env.example to .env and fill it in)`)
  const env = missing.length > 0 ? {} : readEnvFile(envFile)
  const example = forReal && missing.length === 0 ? readEnvFile(examplePath) : {}
  const values: Record<string, string> = {}
  for (const setting of missing.length > 0 ? [] : DEPLOY_SETTINGS) {
    if (!env[setting.name]) problems.push(`${envFile}: ${setting.name} is not set (${setting.description})`)
    else if (setting.secret && env[setting.name] === example[setting.name])
      problems.push(`${envFile}: ${setting.name} is still the placeholder of .env.example`)
  }
  for (const v of missing.length > 0 ? [] : VARIABLES) {
    const value = env[v.name]
    if (value === undefined || (v.required && value === '')) {
      if (v.required) problems.push(`${envFile}: ${v.name} is required (${v.description})`)
      continue
    }
    const problem = v.problem?.(value)
    if (problem) problems.push(`${envFile}: ${v.name} ${problem}`)
    if (v.secret && value === example[v.name]) problems.push(`${envFile}: ${v.name} is still the placeholder of .env.example`)
    values[v.name] = value
  }
  for (const name of Object.keys(env)) {
    if (name.startsWith(VARIABLE_PREFIX) && !VARIABLES.some((v) => v.name === name))
      problems.push(`${envFile}: ${name} is not a declared variable`)
  }

  // Collections and indexes.
  let collections: Manifest = { collections: {} }
  try {
    collections = loadManifest(join(root, 'database', 'collections.json'))
    const count = Object.keys(collections.collections).length
    if (count > 100) problems.push(`database/collections.json: ${count} collections; CloudBase allows 100`)
    for (const [name, { indexes }] of Object.entries(collections.collections)) {
      if (indexes.length > 20) problems.push(`database/collections.json: ${name} has ${indexes.length} indexes; CloudBase allows 20`)
      const indexNames = indexes.map((index) => index.name)
      for (const twice of new Set(indexNames.filter((n, i) => indexNames.indexOf(n) !== i))) {
        problems.push(`database/collections.json: ${name} has two indexes named ${twice}`)
      }
    }
  } catch (error) {
    problems.push((error as Error).message)
  }

  // The storage rule.
  let storageRule: StorageRule = { read: '', write: '' }
  try {
    const rule = JSON.parse(readFileSync(join(root, 'storage-rule.json'), 'utf8')) as StorageRule
    problems.push(...storageRuleProblems(rule).map((problem) => `storage-rule.json: ${problem}`))
    storageRule = { read: rule.read, write: rule.write }
  } catch (error) {
    problems.push(`storage-rule.json: ${(error as Error).message}`)
  }

  if (problems.length > 0) return { problems }
  return {
    problems,
    plan: {
      envId: env.CLOUDBASE_ENV,
      secretId: env.CLOUDBASE_SECRET_ID,
      secretKey: env.CLOUDBASE_SECRET_KEY,
      functions,
      values,
      variables: VARIABLES,
      collections,
      storageRule,
    },
  }
}
