/** People looked up by the committee and by the organisation services (names and phones of members). */
import { containing, database, documentsWhereIn } from './cloudbase'
import type { PersonDoc } from './documents'

const people = () => database().collection('people')

export async function personById(id: string): Promise<PersonDoc | null> {
  const { data } = await people().doc(id).get()
  return (data[0] as PersonDoc | undefined) ?? null
}

export async function peopleByOpenids(openids: string[]): Promise<Map<string, PersonDoc>> {
  const found = (await documentsWhereIn('people', 'openid', openids)) as PersonDoc[]
  return new Map(found.map((person) => [person.openid, person]))
}

/** Residents of a community whose name contains `nameContains`, by name; at most `limit`. */
export async function residentsOf(communityId: string, nameContains: string | undefined, limit: number): Promise<PersonDoc[]> {
  const { data } = await people()
    .where({ communityId, ...(nameContains ? { name: containing(nameContains) } : {}) })
    .orderBy('name', 'asc')
    .limit(limit)
    .get()
  return data as PersonDoc[]
}

/** Whoever has both this name and this phone number: how a resident names the person they give time to. */
export async function personByNameAndPhone(name: string, phone: string): Promise<PersonDoc | null> {
  const { data } = await people().where({ phone, name }).limit(1).get()
  return (data[0] as PersonDoc | undefined) ?? null
}
