/** People the committee registered (代登记) and their take-over by their own WeChat (decision 027). */
import { database } from './cloudbase'
import type { PersonDoc, TakeoverDoc } from './documents'

const people = () => database().collection('people')
const takeovers = () => database().collection('takeovers')

export async function addPerson(person: Omit<PersonDoc, '_id'>): Promise<PersonDoc> {
  const { id } = (await people().add(person)) as { id: string }
  return { ...person, _id: id }
}

export async function personWithPhone(phone: string): Promise<PersonDoc | null> {
  const { data } = await people().where({ phone }).limit(1).get()
  return (data[0] as PersonDoc | undefined) ?? null
}

/** The people a community's committee registered and still acts for, by name. */
export async function registeredIn(communityId: string, limit: number): Promise<PersonDoc[]> {
  const { data } = await people().where({ communityId, noApp: true }).orderBy('name', 'asc').limit(limit).get()
  return data as PersonDoc[]
}

export async function takeoverById(id: string): Promise<TakeoverDoc | null> {
  const { data } = await takeovers().doc(id).get()
  return (data[0] as TakeoverDoc | undefined) ?? null
}

/** A caller's request, replacing their earlier one: a person has one at a time. */
export async function putTakeover(takeover: TakeoverDoc): Promise<void> {
  const { _id, ...fields } = takeover
  await takeovers().doc(_id).set(fields)
}

export async function takeoversWaitingIn(communityId: string, limit: number): Promise<TakeoverDoc[]> {
  const { data } = await takeovers().where({ communityId, status: 'asked' }).orderBy('askedAt', 'asc').limit(limit).get()
  return data as TakeoverDoc[]
}

/**
 * What is keyed by the registered person's `noapp:` key besides their record and their time-bank
 * accounts (moved by the ledger): their needs, and gifts someone gave them by name and phone. Moves
 * and family links need the person in the app, so none is under that key. Each update only finds
 * documents still under the old key, so running it again changes nothing.
 */
export async function handOverKeyedDocuments(from: string, to: string): Promise<void> {
  const db = database()
  await Promise.all([
    db.collection('needs').where({ requesterOpenid: from }).update({ requesterOpenid: to }),
    db.collection('timebank_gifts').where({ toOpenid: from }).update({ toOpenid: to }),
  ])
}
