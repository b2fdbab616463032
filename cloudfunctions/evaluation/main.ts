import { evaluationContract } from '../../shared/contracts/evaluation'
import { defineHandler } from '../../server/handler'
import {
  addLedger,
  grade,
  openness,
  reportDraft,
  review,
  saveCharges,
  saveSettings,
  settings,
  sheet,
  submitReport,
} from '../../server/evaluation/actions'

export const main = defineHandler(evaluationContract, {
  settings,
  saveSettings,
  reportDraft,
  submitReport,
  review,
  sheet,
  grade,
  saveCharges,
  addLedgerEntry: addLedger,
  openness,
})
