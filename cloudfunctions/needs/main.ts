import { needsContract } from '../../shared/contracts/needs'
import { defineHandler } from '../../server/handler'
import { assign, communityNeeds, matchDetails, moderate, queue, settings } from '../../server/needs/committee'
import { cancel, checkDuplicates, confirm, detail, mine, raise } from '../../server/needs/requests'
import { accept, assignVolunteers, decline, markDone, offers, postProgress, tasks } from '../../server/needs/tasks'

export const main = defineHandler(needsContract, {
  checkDuplicates,
  raise,
  mine,
  detail,
  cancel,
  confirm,
  offers,
  accept,
  decline,
  tasks,
  assignVolunteers,
  postProgress,
  markDone,
  queue,
  communityNeeds,
  moderate,
  assign,
  matchDetails,
  settings,
})
