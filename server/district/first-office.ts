/**
 * The very first office, the one thing made at deploy (decision 034): `npm run office:first`
 * (scripts/first-office.ts) adds it once and hands out an invitation for its first staff member,
 * who then adds communities and invites their committees in the app.
 */
import type { OfficeDoc } from '../data/documents'
import { addOffice, officeIdOf } from '../data/offices'
import { newInvitation } from './invitations'

/** Who made the first office's invitation: no person, the deploy. */
const DEPLOY = 'deploy'

export interface FirstOffice {
  name: string
  city: string
  district: string
  level: OfficeDoc['level']
}

/** Adds the office unless it is there already, then answers a fresh invitation for a staff member. */
export async function standUpOffice(input: FirstOffice, now: Date) {
  const office: OfficeDoc = { _id: officeIdOf(input.city, input.district, input.name), ...input }
  const created = await addOffice(office)
  const invitation = await newInvitation({ role: 'civil_affairs', officeId: office._id, createdBy: DEPLOY }, now)
  return { office, created, invitation }
}
