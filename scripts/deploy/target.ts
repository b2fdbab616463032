/**
 * The network part of the deploy, kept small: what `apply.ts` asks of a CloudBase environment.
 * `manager-node.ts` answers it with the official @cloudbase/manager-node; the tests with a fake.
 */
import type { IndexSpec } from '../../database/manifest'
import type { StorageRule } from './rules'

export interface TimerTrigger {
  name: string
  /** The 7-field cron. */
  cron: string
}

export interface FunctionSettings {
  name: string
  timeout: number
  runtime: string
  handler: string
  variables: Record<string, string>
}

export interface OnlineFunction {
  timeout: number
  variables: Record<string, string>
  triggers: TimerTrigger[]
}

export interface CloudBaseTarget {
  /** The function as it is online, or null when there is none of that name. */
  getFunction(name: string): Promise<OnlineFunction | null>
  /** Creates it from the folder (code, package.json, config.json), installing its dependencies in the cloud. */
  createFunction(settings: FunctionSettings, folder: string): Promise<void>
  /** Uploads the folder again, installing its dependencies in the cloud. */
  updateFunctionCode(settings: FunctionSettings, folder: string): Promise<void>
  /** Timeout, runtime and the WHOLE set of variables (CloudBase replaces the set: give every one to keep). */
  updateFunctionConfig(settings: FunctionSettings): Promise<void>
  createTrigger(functionName: string, trigger: TimerTrigger): Promise<void>
  deleteTrigger(functionName: string, triggerName: string): Promise<void>
  /** The collection's indexes, or null when the collection does not exist. */
  getIndexes(collection: string): Promise<IndexSpec[] | null>
  createCollection(collection: string): Promise<void>
  createIndexes(collection: string, indexes: IndexSpec[]): Promise<void>
  getStorageRule(): Promise<StorageRule | null>
  setStorageRule(rule: StorageRule): Promise<void>
}
