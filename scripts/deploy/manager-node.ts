/**
 * The CloudBase environment through the official management SDK, @cloudbase/manager-node (4.x), which
 * the CloudBase CLI itself uses. It is not in node_modules yet: it is loaded here only, on a real deploy,
 * and its absence stops the deploy before anything is changed (docs/decisions/032).
 */
import { dirname } from 'node:path'
import type { IndexDirection, IndexSpec } from '../../database/manifest'
import type { StorageRule } from './rules'
import type { CloudBaseTarget, FunctionSettings, TimerTrigger } from './target'

/** The part of manager-node used here (its own types come with the package). */
export interface Manager {
  functions: {
    getFunctionDetail(name: string): Promise<{
      Status?: string
      Timeout?: number
      Environment?: { Variables?: { Key: string; Value: string }[] }
      Triggers?: { TriggerName: string; Type: string; TriggerDesc: string }[]
    }>
    createFunction(param: { func: object; functionRootPath: string; force: boolean }): Promise<unknown>
    updateFunctionCode(param: { func: object; functionRootPath: string }): Promise<unknown>
    updateFunctionConfig(func: object): Promise<unknown>
    createFunctionTriggers(name: string, triggers: { name: string; type: 'timer'; config: string }[]): Promise<unknown>
    deleteFunctionTrigger(name: string, triggerName: string): Promise<unknown>
  }
  database: {
    checkCollectionExists(name: string): Promise<{ Exists: boolean }>
    describeCollection(
      name: string,
    ): Promise<{ Indexes?: { Name: string; Unique: boolean; Keys: { Name?: string; Direction?: string }[] }[] }>
    createCollection(name: string): Promise<unknown>
    updateCollection(name: string, info: { CreateIndexes: object[] }): Promise<unknown>
  }
  env: { getEnvInfo(): Promise<{ EnvInfo: { Storages: { Bucket: string }[] } }> }
  commonService(service?: string): { call(options: { Action: string; Param: object }): Promise<Record<string, unknown>> }
}

const PACKAGE = '@cloudbase/manager-node'

export function loadManager(envId: string, secretId: string, secretKey: string): Manager {
  let CloudBase: new (config: object) => Manager
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- optional: only a real deploy needs it
    CloudBase = require(PACKAGE) as typeof CloudBase
  } catch {
    throw new Error(`a real deploy needs ${PACKAGE}: npm install --save-dev ${PACKAGE}@4 (nothing was changed)`)
  }
  return new CloudBase({ envId, secretId, secretKey })
}

/** Files of a function folder that stay at home: the TypeScript entry and the source map. */
const IGNORE = ['main.ts', '*.map', 'node_modules', 'node_modules/**/*']

const functionOf = (settings: FunctionSettings) => ({
  name: settings.name,
  timeout: settings.timeout,
  runtime: settings.runtime,
  handler: settings.handler,
  installDependency: true,
  envVariables: settings.variables,
  ignore: IGNORE,
})

/** A timer's TriggerDesc is the cron itself or `{"cron": "…"}`, depending on the API's mood. */
function cronOf(description: string): string {
  try {
    const parsed = JSON.parse(description) as { cron?: string }
    return parsed.cron ?? description
  } catch {
    return description
  }
}

const direction = (value: string | undefined): IndexDirection => (value === '2dsphere' ? '2dsphere' : Number(value) === -1 ? -1 : 1)

/** An update is refused while the function is still installing the previous one. */
async function untilActive(manager: Manager, name: string, pause: () => Promise<void>): Promise<void> {
  for (let attempt = 0; attempt < 120; attempt++) {
    const { Status } = await manager.functions.getFunctionDetail(name)
    if (Status === 'Active') return
    if (Status && /Failed/i.test(Status)) throw new Error(`function ${name} is ${Status} (see its logs in the console)`)
    await pause()
  }
  throw new Error(`function ${name} did not become Active after 120 looks`)
}

const fiveSeconds = () => new Promise<void>((resolve) => setTimeout(resolve, 5000))

/** `pause` is the wait between two looks at a function still installing. */
export function managerNodeTarget(manager: Manager, envId: string, pause: () => Promise<void> = fiveSeconds): CloudBaseTarget {
  const tcb = manager.commonService('tcb')
  const bucket = async () => {
    const bucketName = (await manager.env.getEnvInfo()).EnvInfo.Storages[0]?.Bucket
    if (!bucketName) throw new Error('the environment has no storage bucket')
    return bucketName
  }
  return {
    async getFunction(name) {
      try {
        const detail = await manager.functions.getFunctionDetail(name)
        return {
          timeout: detail.Timeout ?? 0,
          variables: Object.fromEntries((detail.Environment?.Variables ?? []).map((v) => [v.Key, v.Value])),
          triggers: (detail.Triggers ?? [])
            .filter((t) => t.Type === 'timer')
            .map((t) => ({ name: t.TriggerName, cron: cronOf(t.TriggerDesc) })),
        }
      } catch (error) {
        if (/ResourceNotFound/.test(String((error as { code?: string }).code ?? error))) return null
        throw error
      }
    },
    async createFunction(settings, folder) {
      await manager.functions.createFunction({ func: functionOf(settings), functionRootPath: dirname(folder), force: false })
      await untilActive(manager, settings.name, pause)
    },
    async updateFunctionCode(settings, folder) {
      await untilActive(manager, settings.name, pause)
      await manager.functions.updateFunctionCode({ func: functionOf(settings), functionRootPath: dirname(folder) })
      await untilActive(manager, settings.name, pause)
    },
    async updateFunctionConfig(settings) {
      await manager.functions.updateFunctionConfig(functionOf(settings))
      await untilActive(manager, settings.name, pause)
    },
    async createTrigger(functionName, trigger: TimerTrigger) {
      await manager.functions.createFunctionTriggers(functionName, [{ name: trigger.name, type: 'timer', config: trigger.cron }])
    },
    async deleteTrigger(functionName, triggerName) {
      await manager.functions.deleteFunctionTrigger(functionName, triggerName)
    },
    async getIndexes(collection) {
      if (!(await manager.database.checkCollectionExists(collection)).Exists) return null
      const { Indexes = [] } = await manager.database.describeCollection(collection)
      return Indexes.map((index): IndexSpec => ({
        name: index.Name,
        unique: index.Unique,
        keys: Object.fromEntries(index.Keys.map((key) => [key.Name ?? '', direction(key.Direction)])),
      }))
    },
    async createCollection(collection) {
      await manager.database.createCollection(collection)
    },
    async createIndexes(collection, indexes) {
      await manager.database.updateCollection(collection, {
        CreateIndexes: indexes.map((index) => ({
          IndexName: index.name,
          MgoKeySchema: {
            MgoIsUnique: index.unique ?? false,
            MgoIndexKeys: Object.entries(index.keys).map(([Name, Direction]) => ({ Name, Direction: String(Direction) })),
          },
        })),
      })
    },
    async getStorageRule() {
      const answer = await tcb.call({ Action: 'DescribeStorageSafeRule', Param: { EnvId: envId, Bucket: await bucket() } })
      if (answer.AclTag !== 'CUSTOM' || typeof answer.Rule !== 'string') return null
      return JSON.parse(answer.Rule) as StorageRule
    },
    async setStorageRule(rule) {
      await tcb.call({
        Action: 'ModifyStorageSafeRule',
        Param: { EnvId: envId, Bucket: await bucket(), AclTag: 'CUSTOM', Rule: JSON.stringify({ read: rule.read, write: rule.write }) },
      })
    },
  }
}
