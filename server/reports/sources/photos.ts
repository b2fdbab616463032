/** Photos WeChat flagged, waiting for the committee to show or take them down (docs/decisions/022). */
import { contentKindLabel } from '../../../shared/domain/moderation'
import { activityPath, committeeNeedPath } from '../../../shared/domain/workbench'
import { activitiesByIds } from '../../data/activities'
import { needsByIds } from '../../data/needs'
import { flaggedPhotoCount, flaggedPhotosIn } from '../../data/photos'
import { waitingItem, type WaitingSource } from '../waiting-item'

export async function waitingPhotos(communityId: string, now: Date, limit: number): Promise<WaitingSource> {
  const [flagged, count] = await Promise.all([flaggedPhotosIn(communityId, limit), flaggedPhotoCount(communityId)])
  const ofKind = (kind: 'need' | 'activity') => flagged.filter((p) => p.owner.kind === kind).map((p) => p.owner.id)
  const [needs, activities] = await Promise.all([needsByIds(ofKind('need')), activitiesByIds(ofKind('activity'))])
  return {
    items: flagged.map((photo) => {
      const forNeed = photo.owner.kind === 'need'
      return waitingItem(now, {
        kind: 'photo_flagged',
        id: photo._id,
        title: contentKindLabel[forNeed ? 'needPhoto' : 'activityPhoto'],
        detail: forNeed ? needs.get(photo.owner.id)?.helpKind : activities.get(photo.owner.id)?.title,
        since: new Date(photo.checkedAt ?? photo.createdAt),
        page: forNeed ? committeeNeedPath(photo.owner.id) : activityPath(photo.owner.id),
      })
    }),
    counts: { photo_flagged: count },
  }
}
