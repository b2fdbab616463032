/**
 * What the functions use off CloudBase instead of WeChat's server APIs and CloudBase storage: the
 * outbox and a folder. The local host and the tests plug them in where they assemble the functions;
 * product code only offers the place to plug (`useWeChat`, `useStorage`) and never chooses.
 */
import { useStorage } from '../server/data/files'
import { useWeChat } from '../server/wechat'
import { localOutbox, type OutboxOptions } from './outbox'
import { localFileStorage } from './storage'

/** `outbox`: how the local outbox answers, e.g. as WeChat does before the first release. */
export function useLocalReplacements(storageDir: string, outbox: OutboxOptions = {}): void {
  useWeChat(localOutbox(outbox))
  useStorage(localFileStorage(storageDir))
}
