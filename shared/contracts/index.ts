import { accountContract } from './account'

/** Every cloud function's contract: the local host's API listing and the tests walk this. */
export const contracts = {
  account: accountContract,
} as const

export type FunctionName = keyof typeof contracts
