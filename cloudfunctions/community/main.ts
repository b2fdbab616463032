import { communityContract } from '../../shared/contracts/community'
import { defineHandler } from '../../server/handler'
import { appointCommittee, auditLog, committeeMembers, coverage, residents, revokeCommittee } from '../../server/community'
import {
  acceptInvitation,
  addNewCommunity,
  communityTemplate,
  importCommunities,
  invitationDetails,
  inviteCommittee,
  office,
} from '../../server/district/actions'
import { deliberation } from '../../server/deliberation'
import { restore, takeDown } from '../../server/moderation/content'
import { mediaVerdict, takingMediaCheckPush } from '../../server/moderation/verdict'

// WeChat pushes its verdicts on photos here as well (docs/decisions/022).
export const main = takingMediaCheckPush(
  defineHandler(communityContract, {
    coverage,
    committeeMembers,
    appointCommittee,
    revokeCommittee,
    residents,
    auditLog,
    takeDown,
    restore,
    office,
    addCommunity: addNewCommunity,
    communityTemplate,
    importCommunities,
    inviteCommittee,
    invitationDetails,
    acceptInvitation,
    mediaVerdict,
    ...deliberation,
  }),
)
