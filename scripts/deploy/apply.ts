/**
 * Brings a CloudBase environment to the checked plan, step by step. Each step compares with what is
 * online first, so a second run changes nothing but the uploaded code; the first failing step stops
 * the run with its name (docs/decisions/032).
 */
import { join } from 'node:path'
import type { IndexSpec } from '../../database/manifest'
import type { DeployPlan, FunctionPlan } from './check'
import type { CloudBaseTarget, FunctionSettings, OnlineFunction, TimerTrigger } from './target'

export class DeployError extends Error {}

/** Runs one step; a failure names the step and keeps the cause. */
async function step<T>(what: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run()
  } catch (cause) {
    throw new DeployError(`${what}: ${cause instanceof Error ? cause.message : String(cause)}`, { cause })
  }
}

/**
 * The variables a function gets. CloudBase replaces the whole set on each update, so the set sent is:
 * what is online (a value set in the console survives, declared or not), then the defaults of declared
 * variables it lacks, then every value `.env` gives.
 */
export function variablesFor(fn: FunctionPlan, plan: DeployPlan, online: Record<string, string>): Record<string, string> {
  const result: Record<string, string> = { ...online }
  for (const name of fn.variables) {
    const declared = plan.variables.find((v) => v.name === name)
    const value = plan.values[name] ?? result[name] ?? (declared && !declared.required ? declared.default : undefined)
    if (value === undefined) throw new Error(`${name} has no value`)
    result[name] = value
  }
  return result
}

const sameVariables = (a: Record<string, string>, b: Record<string, string>) =>
  Object.keys(a).length === Object.keys(b).length && Object.entries(a).every(([k, v]) => b[k] === v)

const sameKeys = (a: IndexSpec, b: IndexSpec) =>
  JSON.stringify(Object.entries(a.keys)) === JSON.stringify(Object.entries(b.keys)) && !!a.unique === !!b.unique

async function deployFunction(fn: FunctionPlan, plan: DeployPlan, target: CloudBaseTarget, root: string, log: (line: string) => void) {
  const folder = join(root, 'cloudfunctions', fn.name)
  const online: OnlineFunction | null = await step(`function ${fn.name}: read`, () => target.getFunction(fn.name))
  const settings: FunctionSettings = {
    name: fn.name,
    timeout: fn.timeout,
    runtime: fn.runtime,
    handler: fn.handler,
    variables: variablesFor(fn, plan, online?.variables ?? {}),
  }
  const undeclared = Object.keys(online?.variables ?? {}).filter((name) => !plan.variables.some((v) => v.name === name))
  if (undeclared.length > 0) log(`  ${fn.name}: kept variables not declared in scripts/deploy/variables.ts: ${undeclared.join(', ')}`)
  if (!online) {
    await step(`function ${fn.name}: create`, () => target.createFunction(settings, folder))
    log(`function ${fn.name}: created`)
  } else {
    await step(`function ${fn.name}: upload code`, () => target.updateFunctionCode(settings, folder))
    const configured = online.timeout === fn.timeout && sameVariables(online.variables, settings.variables)
    if (!configured) await step(`function ${fn.name}: configure`, () => target.updateFunctionConfig(settings))
    log(`function ${fn.name}: code uploaded${configured ? '' : ', configuration updated'}`)
  }
  const wanted: TimerTrigger[] = fn.triggers.map((t) => ({ name: t.name, cron: t.config }))
  const existing = online?.triggers ?? []
  for (const trigger of existing) {
    if (!wanted.some((w) => w.name === trigger.name && w.cron === trigger.cron)) {
      await step(`function ${fn.name}: remove trigger ${trigger.name}`, () => target.deleteTrigger(fn.name, trigger.name))
      log(`  trigger ${trigger.name}: removed`)
    }
  }
  for (const trigger of wanted) {
    if (!existing.some((e) => e.name === trigger.name && e.cron === trigger.cron)) {
      await step(`function ${fn.name}: create trigger ${trigger.name}`, () => target.createTrigger(fn.name, trigger))
      log(`  trigger ${trigger.name}: ${trigger.cron}`)
    }
  }
}

async function deployCollection(name: string, indexes: IndexSpec[], target: CloudBaseTarget, log: (line: string) => void) {
  let online = await step(`collection ${name}: read`, () => target.getIndexes(name))
  if (online === null) {
    await step(`collection ${name}: create`, () => target.createCollection(name))
    log(`collection ${name}: created`)
    online = []
  }
  const missing: IndexSpec[] = []
  for (const index of indexes) {
    const found = online.find((o) => o.name === index.name)
    if (!found) missing.push(index)
    // Changing an index in place would mean dropping it under a live app: that is for a person to decide.
    else if (!sameKeys(found, index))
      throw new DeployError(
        `collection ${name}: index ${index.name} differs online; drop it in the console, or give the new one a new name`,
      )
  }
  if (missing.length > 0) {
    await step(`collection ${name}: create indexes`, () => target.createIndexes(name, missing))
    log(`collection ${name}: indexes ${missing.map((i) => i.name).join(', ')} created`)
  }
}

/** Functions, then collections and indexes, then the storage rule; stops at the first failure. */
export async function applyPlan(plan: DeployPlan, target: CloudBaseTarget, root: string, log: (line: string) => void): Promise<void> {
  for (const fn of plan.functions) await deployFunction(fn, plan, target, root, log)
  for (const [name, { indexes }] of Object.entries(plan.collections.collections)) await deployCollection(name, indexes, target, log)
  const rule = await step('storage rule: read', () => target.getStorageRule())
  if (rule?.read !== plan.storageRule.read || rule?.write !== plan.storageRule.write) {
    await step('storage rule: set', () => target.setStorageRule(plan.storageRule))
    log('storage rule: set')
  }
}
