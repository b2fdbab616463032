/**
 * 岗位邀请 (decision 034): how a community's first committee members and an office's first staff
 * take their role. Civil affairs (or, for the very first office, the deploy command) makes a code;
 * whoever opens it in the mini-program, signed in, takes the role. Each code works once, for a few days.
 */
import { z } from 'zod'
import { INVITE_CODE_ALPHABET } from './organisation'

/** Longer than an organisation's invite code: this one hands out a role over a community or an office. */
export const INVITATION_CODE_LENGTH = 8

/** Long enough to pass the code on and open it; short enough that a forgotten one is soon dead. */
export const INVITATION_HOURS = 72

export const invitationCodeSchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(new RegExp(`^[${INVITE_CODE_ALPHABET}]{${INVITATION_CODE_LENGTH}}$`), `邀请码是 ${INVITATION_CODE_LENGTH} 位字母或数字`)

/** `random` yields numbers in [0, 1); the server passes a cryptographic source. */
export function newInvitationCode(random: () => number): string {
  let code = ''
  for (let i = 0; i < INVITATION_CODE_LENGTH; i++) code += INVITE_CODE_ALPHABET[Math.floor(random() * INVITE_CODE_ALPHABET.length)]
  return code
}

/** The roles an invitation hands out. */
export type InvitedRole = 'committee' | 'civil_affairs'

/** Wrong codes a person may type before waiting, as for organisations' invite codes (decision 019). */
export const INVITATION_CODE_LIMIT = { attempts: 5, windowMinutes: 10 } as const

/** The page the link and the mini-program code open; in the 入驻 subpackage, which anyone may open. */
export const INVITATION_PAGE = 'pages/joining/invitation/index'
export const invitationScene = (code: string) => `code=${code}`
export const invitationPath = (code: string) => `${INVITATION_PAGE}?${invitationScene(code)}`

/** Whether the invitation can still be taken at `now`. */
export function invitationState(invitation: { expiresAt: Date; usedAt?: Date }, now: Date): 'open' | 'used' | 'expired' {
  if (invitation.usedAt) return 'used'
  return now.getTime() >= new Date(invitation.expiresAt).getTime() ? 'expired' : 'open'
}

export const invitationExpiry = (now: Date) => new Date(now.getTime() + INVITATION_HOURS * 3_600_000)
