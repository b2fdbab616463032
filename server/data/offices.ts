import { createHash } from 'node:crypto'
import { database } from './cloudbase'
import type { OfficeDoc } from './documents'
import { isDuplicateWrite } from './write-errors'

/** An office's id follows from where it is and its name: the first-office command run twice finds the same one. */
export const officeIdOf = (city: string, district: string, name: string) =>
  `office-${createHash('sha256').update(`${city}\u0000${district}\u0000${name}`).digest('hex').slice(0, 20)}`

/** Adds the office under its derived id; false when it is there already. */
export async function addOffice(office: OfficeDoc): Promise<boolean> {
  try {
    await database().collection('offices').add(office)
    return true
  } catch (error) {
    if (isDuplicateWrite(error)) return false
    throw error
  }
}
