import { organisationsContract } from '../../shared/contracts/organisations'
import { defineHandler } from '../../server/handler'
import { applications, apply, decide, list, mine, nearby, profile, record } from '../../server/organisations/registry'
import {
  decideJoin,
  handOverLead,
  invitation,
  join,
  joinRequests,
  members,
  removeMember,
  renewInvitation,
} from '../../server/organisations/members'
import { candidates, myProfile, saveProfile } from '../../server/organisations/volunteers'

export const main = defineHandler(organisationsContract, {
  apply,
  mine,
  nearby,
  profile,
  applications,
  list,
  decide,
  record,
  members,
  invitation,
  renewInvitation,
  join,
  joinRequests,
  decideJoin,
  removeMember,
  handOverLead,
  myProfile,
  saveProfile,
  candidates,
})
