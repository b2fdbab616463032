/**
 * What the functions use off CloudBase instead of WeChat's server APIs and CloudBase storage: the
 * outbox and a folder. The local host and the tests plug them in where they assemble the functions;
 * product code only offers the place to plug (`useWeChat`, `useStorage`) and never chooses.
 */
import { useStorage } from '../server/data/files'
import { useWeChat } from '../server/wechat'
import { outboxOpenApi } from './outbox'
import { localFileStorage } from './storage'

export function useLocalReplacements(storageDir: string): void {
  useWeChat(outboxOpenApi)
  useStorage(localFileStorage(storageDir))
}
