import { timebankContract } from '../../shared/contracts/timebank'
import { defineHandler } from '../../server/handler'
import {
  confirmHandover,
  confirmHandoverAsProvider,
  handovers,
  items,
  providerHandovers,
  restockItem,
  retireItem,
  saveItem,
} from '../../server/timebank/catalogue'
import { grant, heldCredits, ledger, reverse, reviewHeldCredit, settings } from '../../server/timebank/committee'
import { issueCertificate, registerRealName, serviceHours } from '../../server/timebank/hours'
import { acceptGift, cancelGift, gifts, give } from '../../server/timebank/gifts'
import { account, catalogue, history, myRedemptions, redeem } from '../../server/timebank/resident'
import { certificateCode, verifyCertificate } from '../../server/timebank/verify'

export const main = defineHandler(timebankContract, {
  account,
  history,
  give,
  gifts,
  acceptGift,
  cancelGift,
  catalogue,
  redeem,
  myRedemptions,
  serviceHours,
  registerRealName,
  issueCertificate,
  certificateCode,
  verifyCertificate,
  items,
  saveItem,
  restockItem,
  retireItem,
  handovers,
  confirmHandover,
  providerHandovers,
  confirmHandoverAsProvider,
  heldCredits,
  reviewHeldCredit,
  grant,
  ledger,
  reverse,
  settings,
})
