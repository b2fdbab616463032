/** 照片审核: the photos collection, one document per photo attached to a need or an activity (docs/decisions/022). */
import { createHash } from 'node:crypto'
import { database, documentsWhereIn } from './cloudbase'
import type { PhotoDoc } from './documents'

const photos = () => database().collection('photos')

export type PhotoOwner = PhotoDoc['owner']

/** One id per (owner, file): the same file attached elsewhere is checked and decided there on its own. */
export function photoDocId(owner: PhotoOwner, fileId: string): string {
  return createHash('sha256').update(`photo\n${owner.kind}\n${owner.id}\n${fileId}`).digest('hex').slice(0, 32)
}

export async function addPhoto(photo: PhotoDoc): Promise<void> {
  await photos().add(photo)
}

/** A plain update: the check's fields are written by the check alone, once. */
export async function updatePhoto(id: string, patch: object): Promise<void> {
  await photos().doc(id).update(patch)
}

export async function photosByIds(ids: string[]): Promise<Map<string, PhotoDoc>> {
  const found = (await documentsWhereIn('photos', '_id', ids)) as PhotoDoc[]
  return new Map(found.map((p) => [p._id, p]))
}

export async function photoByTraceId(traceId: string): Promise<PhotoDoc | null> {
  const { data } = await photos().where({ traceId }).limit(1).get()
  return (data[0] as PhotoDoc | undefined) ?? null
}

/** Photos still waiting for WeChat's verdict: the local host answers them as WeChat would. */
export async function photosAwaitingVerdict(limit: number): Promise<PhotoDoc[]> {
  const { data } = await photos()
    .where({ check: 'pending', traceId: database().command.exists(true) })
    .limit(limit)
    .get()
  return data as PhotoDoc[]
}

const flaggedIn = (communityId: string) => ({ communityId, check: 'flagged', takenDown: database().command.exists(false) })

/** Flagged photos the committee has not decided, oldest verdict first. */
export async function flaggedPhotosIn(communityId: string, limit: number): Promise<PhotoDoc[]> {
  const { data } = await photos().where(flaggedIn(communityId)).orderBy('checkedAt', 'asc').limit(limit).get()
  return data as PhotoDoc[]
}

export async function flaggedPhotoCount(communityId: string): Promise<number> {
  const { total } = await photos().where(flaggedIn(communityId)).count()
  return total
}
