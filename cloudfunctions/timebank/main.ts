import { timebankContract } from '../../shared/contracts/timebank'
import { AppError, ErrorCode } from '../../shared/errors'
import { defineHandler } from '../../server/handler'

// Skeleton: the contract is published first for the pages; the services follow on this branch.
const notYet = async (): Promise<never> => {
  throw new AppError(ErrorCode.INTERNAL, '时间银行尚未开通')
}

export const main = defineHandler(timebankContract, {
  account: notYet,
  history: notYet,
  give: notYet,
  catalogue: notYet,
  redeem: notYet,
  myRedemptions: notYet,
  serviceHours: notYet,
  issueCertificate: notYet,
  verifyCertificate: notYet,
  items: notYet,
  saveItem: notYet,
  restockItem: notYet,
  retireItem: notYet,
  handovers: notYet,
  confirmHandover: notYet,
  providerHandovers: notYet,
  confirmHandoverAsProvider: notYet,
  heldCredits: notYet,
  reviewHeldCredit: notYet,
  grant: notYet,
  ledger: notYet,
  reverse: notYet,
  settings: notYet,
})
