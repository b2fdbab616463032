/**
 * Photos are checked by WeChat after they are posted (mediaCheckAsync answers later), so each one is
 * recorded with its check and shown to others only once it passed and was not taken down.
 */
import { photoStateLabel, takenDownText, type PhotoLink, type PhotoState, type PhotoStateView } from '../../shared/domain/moderation'
import { iso } from '../../shared/domain/time'
import type { PhotoDoc } from '../data/documents'
import { fileLinks, PHOTO_LINK_SECONDS } from '../data/files'
import { addPhoto, photoDocId, photosByIds, updatePhoto, type PhotoOwner } from '../data/photos'
import { wechat, type TextScene } from '../wechat'

/**
 * Records the photos just attached to `owner` as pending and asks WeChat to check each. A request
 * WeChat refuses leaves its photo pending, hidden, where the committee sees it.
 */
export async function checkPhotos(
  owner: PhotoOwner,
  post: { communityId: string; authorOpenid: string; fileIds: readonly string[]; scene: TextScene },
  now: Date,
): Promise<void> {
  await Promise.all(
    [...new Set(post.fileIds)].map(async (fileId) => {
      const _id = photoDocId(owner, fileId)
      await addPhoto({
        _id,
        fileId,
        owner,
        communityId: post.communityId,
        authorOpenid: post.authorOpenid,
        check: 'pending',
        createdAt: now,
      })
      try {
        const { traceId } = await wechat().checkMedia({ openid: post.authorOpenid, fileId, scene: post.scene })
        await updatePhoto(_id, { traceId })
      } catch (error) {
        console.error(`[photos] check not requested for ${fileId}`, error)
      }
    }),
  )
}

/** A photo posted before photos were checked has no record: it is held like a pending one. */
export function photoState(photo: PhotoDoc | undefined): PhotoState {
  if (!photo) return 'pending'
  return photo.takenDown ? 'takenDown' : photo.check
}

/** Who looks: the committee of the owner's community, its author (the requester, the organisation), or anyone else. */
export type PhotoAudience = 'committee' | 'author' | 'others'

export interface PhotosAsSeen {
  photos: PhotoLink[]
  photoStates?: PhotoStateView[]
}

/**
 * Each owner's photos as its audience may have them, as links made now that soon stop working
 * (docs/decisions/035). Others: the passed ones. The author: the passed ones, and where the rest stand
 * (never the file, so it is not served). The committee: every photo, with its state, to decide on it.
 * A file no longer in storage is left out.
 */
export async function photosAsSeen(
  kind: PhotoOwner['kind'],
  owners: { id: string; fileIds: readonly string[]; audience: PhotoAudience }[],
): Promise<PhotosAsSeen[]> {
  const found = await photosByIds(owners.flatMap((o) => o.fileIds.map((fileId) => photoDocId({ kind, id: o.id }, fileId))))
  const seen = owners.map(({ id, fileIds, audience }) => {
    const photos = fileIds.map((fileId) => ({ fileId, photo: found.get(photoDocId({ kind, id }, fileId)) }))
    const passed = photos.filter((p) => photoState(p.photo) === 'passed').map((p) => p.fileId)
    return { photos, audience, shown: audience === 'committee' ? [...fileIds] : passed }
  })
  const links = await fileLinks(
    seen.flatMap((s) => s.shown),
    PHOTO_LINK_SECONDS,
  )
  const linkOf = (fileId: string) => {
    const link = links.get(fileId)
    return link ? [{ url: link.url, expiresAt: iso(link.expiresAt) }] : []
  }
  return seen.map(({ photos, audience, shown }) => {
    if (audience === 'others') return { photos: shown.flatMap(linkOf) }
    const states = photos.flatMap(({ fileId, photo }): PhotoStateView[] => {
      const checked = photoState(photo)
      if (audience === 'author' && checked === 'passed') return []
      // To the author a flagged photo is still being checked: the committee has not decided.
      const state = audience === 'author' && checked === 'flagged' ? 'pending' : checked
      const reason = photo?.takenDown?.reason
      const [link] = audience === 'committee' ? linkOf(fileId) : []
      return [
        {
          ...(audience === 'committee' ? { fileId } : {}),
          ...(link ? { photo: link } : {}),
          state,
          stateLabel: audience === 'author' && reason ? takenDownText(reason) : photoStateLabel[state],
          ...(reason ? { reason } : {}),
        },
      ]
    })
    return { photos: shown.flatMap(linkOf), photoStates: states }
  })
}
