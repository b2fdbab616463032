import { careContract } from '../../shared/contracts/care'
import { overview } from '../../server/care/overview'
import { entry, pair, register, registerList, update, withdrawConsent } from '../../server/care/register'
import { myVisits, recordVisit } from '../../server/care/visits'
import { defineHandler } from '../../server/handler'

export const main = defineHandler(careContract, {
  register,
  update,
  withdrawConsent,
  registerList,
  entry,
  pair,
  overview,
  myVisits,
  recordVisit,
})
