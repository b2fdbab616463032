import { database, readAll } from './cloudbase'
import type { RoleDoc } from './documents'

/** Every role a person holds. A person holds a handful, so one page suffices. */
export async function rolesOfPerson(openid: string): Promise<RoleDoc[]> {
  const { data } = await database().collection('roles').where({ openid }).limit(100).get()
  return data as RoleDoc[]
}

/** Every role, for the local host's sign-in page. */
export async function allRoles(): Promise<RoleDoc[]> {
  return readAll<RoleDoc>(database().collection('roles'))
}
