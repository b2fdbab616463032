import { accountContract } from './account'
import { activitiesContract } from './activities'
import { careContract } from './care'
import { communityContract } from './community'
import { evaluationContract } from './evaluation'
import { messagesContract } from './messages'
import { joiningContract } from './joining'
import { needsContract } from './needs'
import { organisationsContract } from './organisations'
import { timebankContract } from './timebank'
import { reportsContract } from './reports'
import { residentsContract } from './residents'
import { surveysContract } from './surveys'

/** Every cloud function's contract: the local host's API listing and the tests walk this. */
export const contracts = {
  account: accountContract,
  messages: messagesContract,
  joining: joiningContract,
  organisations: organisationsContract,
  community: communityContract,
  needs: needsContract,
  activities: activitiesContract,
  care: careContract,
  timebank: timebankContract,
  reports: reportsContract,
  residents: residentsContract,
  evaluation: evaluationContract,
  surveys: surveysContract,
} as const

export type FunctionName = keyof typeof contracts
