import { communityContract } from '../../shared/contracts/community'
import { defineHandler } from '../../server/handler'
import { appointCommittee, auditLog, committeeMembers, coverage, residents, revokeCommittee } from '../../server/community'

export const main = defineHandler(communityContract, {
  coverage,
  committeeMembers,
  appointCommittee,
  revokeCommittee,
  residents,
  auditLog,
})
