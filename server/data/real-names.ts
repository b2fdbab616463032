/** 志愿者实名登记 (decision 044): one document per volunteer, read only for their certificates and their own data. */
import { database } from './cloudbase'
import type { RealNameDoc } from './documents'

const realNames = () => database().collection('volunteer_real_names')

export async function realNameOf(openid: string): Promise<RealNameDoc | null> {
  const { data } = await realNames().doc(openid).get()
  return (data[0] as RealNameDoc | undefined) ?? null
}

/** Registering again (a typo put right) replaces the registration; certificates already issued say what they said. */
export async function saveRealName(doc: RealNameDoc): Promise<void> {
  const { _id, ...fields } = doc
  await realNames().doc(_id).set(fields)
}
