/** 亲友: the family_links collection. */
import { database } from './cloudbase'
import type { FamilyLinkDoc } from './documents'

const links = () => database().collection('family_links')

export async function familyLinkById(id: string): Promise<FamilyLinkDoc | null> {
  const { data } = await links().doc(id).get()
  return (data[0] as FamilyLinkDoc | undefined) ?? null
}

export async function addFamilyLink(link: Omit<FamilyLinkDoc, '_id'>): Promise<FamilyLinkDoc> {
  const { id } = (await links().add(link)) as { id: string }
  return { ...link, _id: id }
}

/** The invitation waiting under this code, if any. */
export async function invitationByCode(code: string): Promise<FamilyLinkDoc | null> {
  const { data } = await links().where({ code, status: 'invited' }).limit(1).get()
  return (data[0] as FamilyLinkDoc | undefined) ?? null
}

/** Every link the person is on either side of, ended ones included. */
export async function linksOfOpenid(openid: string): Promise<FamilyLinkDoc[]> {
  const [asElder, asRelative] = await Promise.all([
    links().where({ elderOpenid: openid }).limit(100).get(),
    links().where({ relativeOpenid: openid }).limit(100).get(),
  ])
  return [...new Map([...asElder.data, ...asRelative.data].map((l) => [(l as FamilyLinkDoc)._id, l as FamilyLinkDoc])).values()]
}

/** Whether `relativeOpenid` is linked, both having confirmed, to `elderOpenid`. */
export async function isLinkedRelative(relativeOpenid: string, elderOpenid: string): Promise<boolean> {
  const { data } = await links().where({ relativeOpenid, status: 'linked' }).limit(100).get()
  return (data as FamilyLinkDoc[]).some((l) => l.elderOpenid === elderOpenid)
}

/** The relatives the elder lets receive her needs' updates. */
export async function relativesFollowing(elderOpenid: string): Promise<string[]> {
  const { data } = await links().where({ elderOpenid, status: 'linked' }).limit(100).get()
  return (data as FamilyLinkDoc[]).flatMap((l) => (l.shareUpdates && l.relativeOpenid ? [l.relativeOpenid] : []))
}
