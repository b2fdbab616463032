/** Every cloud function the local host serves, by name: the same `main` CloudBase runs. */
import { main as account } from '../../cloudfunctions/account/main'
import { main as activities } from '../../cloudfunctions/activities/main'
import { main as care } from '../../cloudfunctions/care/main'
import { main as community } from '../../cloudfunctions/community/main'
import { main as evaluation } from '../../cloudfunctions/evaluation/main'
import { main as messages } from '../../cloudfunctions/messages/main'
import { main as joining } from '../../cloudfunctions/joining/main'
import { main as needs } from '../../cloudfunctions/needs/main'
import { main as organisations } from '../../cloudfunctions/organisations/main'
import { main as timebank } from '../../cloudfunctions/timebank/main'
import { main as reports } from '../../cloudfunctions/reports/main'
import { main as residents } from '../../cloudfunctions/residents/main'
import { main as surveys } from '../../cloudfunctions/surveys/main'
import type { FunctionName } from '../../shared/contracts'

export type FunctionMain = (event: unknown, context: unknown) => Promise<unknown>

export const functionMains: Record<FunctionName, FunctionMain> = {
  account,
  messages,
  joining,
  organisations,
  community,
  needs,
  activities,
  care,
  timebank,
  reports,
  residents,
  evaluation,
  surveys,
}
