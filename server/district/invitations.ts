/** 岗位邀请 (decision 034): making a one-time code, and taking the role it hands out. */
import { randomInt } from 'node:crypto'
import { invitationExpiry, invitationState, newInvitationCode } from '../../shared/domain/invitation'
import { AppError, ErrorCode } from '../../shared/errors'
import type { InvitationDoc } from '../data/documents'
import { addInvitation } from '../data/invitations'

/** Draws are 8 of 31 characters: a second collision in a row would mean a broken random source. */
const DRAWS = 3

/** Stores a fresh invitation and answers it. */
export async function newInvitation(
  about: Pick<InvitationDoc, 'role' | 'officeId' | 'communityId' | 'createdBy'>,
  now: Date,
): Promise<InvitationDoc> {
  for (let draw = 0; draw < DRAWS; draw++) {
    const invitation: InvitationDoc = {
      _id: newInvitationCode(() => randomInt(0, 2 ** 32) / 2 ** 32),
      ...about,
      createdAt: now,
      expiresAt: invitationExpiry(now),
    }
    if (await addInvitation(invitation)) return invitation
  }
  throw new Error('no free invitation code after several draws')
}

/** Refuses an invitation someone took already, or one past its time, each with its own code. */
export function refuseSpent(invitation: InvitationDoc, now: Date): void {
  const state = invitationState(invitation, now)
  if (state === 'used') throw new AppError(ErrorCode.INVITATION_USED, '这个邀请已经被使用过了，请向民政部门要一个新的', 'data.code')
  if (state === 'expired') throw new AppError(ErrorCode.INVITATION_EXPIRED, '这个邀请已经过期了，请向民政部门要一个新的', 'data.code')
}
