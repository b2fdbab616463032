import { database } from './cloudbase'
import type { InvitationDoc } from './documents'
import { isDuplicateWrite } from './write-errors'

const invitations = () => database().collection('invitations')

/** The invitation under this code, used or not, or null. */
export async function invitationByCode(code: string): Promise<InvitationDoc | null> {
  const { data } = await invitations().doc(code).get()
  return (data[0] as InvitationDoc | undefined) ?? null
}

/** Adds the invitation under its code; false when the code is taken (drawn twice), so that another is drawn. */
export async function addInvitation(invitation: InvitationDoc): Promise<boolean> {
  try {
    await invitations().add(invitation)
    return true
  } catch (error) {
    if (isDuplicateWrite(error)) return false
    throw error
  }
}
