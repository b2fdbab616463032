import { activitiesContract } from '../../shared/contracts/activities'
import { defineHandler } from '../../server/handler'
import { checkIn, checkInCode, confirmHours, markAttendance, roster } from '../../server/activities/attendance'
import { approvals, decide, setPolicy } from '../../server/activities/committee'
import { cancel, organisationActivities, publish } from '../../server/activities/organiser'
import { browse, cancelSignUp, detail, mine, rate, signUp } from '../../server/activities/residents'

export const main = defineHandler(activitiesContract, {
  publish,
  browse,
  detail,
  signUp,
  cancelSignUp,
  mine,
  checkIn,
  rate,
  organisationActivities,
  roster,
  checkInCode,
  markAttendance,
  confirmHours,
  cancel,
  approvals,
  decide,
  setPolicy,
})
