/** 志愿者: one document per person (decision 045), their profile and their running total of counted minutes (decision 046). */
import { database } from './cloudbase'
import type { VolunteerDoc } from './documents'
import { byIds } from './places'
import { increment, inTransaction, whole, type Transaction } from './transaction'

export async function volunteerOf(openid: string): Promise<VolunteerDoc | null> {
  const { data } = await database().collection('volunteers').doc(openid).get()
  return (data[0] as VolunteerDoc | undefined) ?? null
}

/** By openid: the members of an organisation, tens. */
export const volunteersOf = (openids: string[]) => byIds<VolunteerDoc>('volunteers', openids)

/** Replaces the profile as a whole; the running total is the time bank's and stays. */
export async function saveProfile(openid: string, profile: NonNullable<VolunteerDoc['profile']>): Promise<void> {
  await inTransaction(async (tx) => {
    if (await tx.get('volunteers', openid)) await tx.update('volunteers', openid, { profile: whole(profile) })
    else await tx.add('volunteers', { _id: openid, openid, profile, countedMinutes: 0 })
  })
}

/**
 * Adds `minutes` (negative when a record is taken back for review) to the person's running total,
 * inside the transaction that settles the record; answers the total before and after.
 */
export async function addCountedMinutes(tx: Transaction, openid: string, minutes: number): Promise<{ before: number; after: number }> {
  const current = await tx.get('volunteers', openid)
  const before = current?.countedMinutes ?? 0
  if (current) await tx.update('volunteers', openid, { countedMinutes: increment(minutes) })
  else await tx.add('volunteers', { _id: openid, openid, countedMinutes: minutes })
  return { before, after: before + minutes }
}
