import { residentsContract } from '../../shared/contracts/residents'
import { defineHandler } from '../../server/handler'
import {
  answerFamily,
  elderNeeds,
  enterFamilyCode,
  family,
  inviteFamily,
  raiseForElder,
  shareUpdates,
  unlinkFamily,
} from '../../server/residents/family'
import { askMove, decideMove, destinations, moveRequests, myMoves, withdrawMove } from '../../server/residents/moves'
import {
  askTakeover,
  decideTakeover,
  myTakeover,
  needsOf,
  raiseFor,
  registeredPeople,
  registerPerson,
  takeovers,
} from '../../server/residents/proxy'

export const main = defineHandler(residentsContract, {
  destinations,
  askMove,
  myMoves,
  withdrawMove,
  moveRequests,
  decideMove,
  registerPerson,
  registeredPeople,
  raiseFor,
  needsOf,
  askTakeover,
  myTakeover,
  takeovers,
  decideTakeover,
  family,
  inviteFamily,
  enterFamilyCode,
  answerFamily,
  unlinkFamily,
  shareUpdates,
  elderNeeds,
  raiseForElder,
})
