import type { ElderModePreference } from '../../shared/domain/elder-mode'
import { database, readAll } from './cloudbase'
import type { PersonDoc } from './documents'

const people = () => database().collection('people')

export async function findPersonByOpenid(openid: string): Promise<PersonDoc | null> {
  const { data } = await people().where({ openid }).limit(1).get()
  return (data[0] as PersonDoc | undefined) ?? null
}

export async function setElderModePreference(personId: string, elderMode: ElderModePreference): Promise<void> {
  await people().doc(personId).update({ preferences: { elderMode } })
}

/** Everyone, for the local host's sign-in page; the product itself never lists all people. */
export async function allPeople(): Promise<PersonDoc[]> {
  return readAll<PersonDoc>(people())
}
