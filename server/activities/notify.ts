/** Telling people about an activity: subscribe messages in production, the outbox locally. */
import { ACTIVITY_PAGE, type SignUpRole } from '../../shared/domain/activity'
import { inShanghai } from '../../shared/domain/time'
import type { ActivityDoc } from '../data/documents'
import { tellEach } from '../wechat'

/** Our template names; the deployment maps them to WeChat template ids (LINLI_SUBSCRIBE_TEMPLATES). */
export type ActivityTemplate = 'activityPromoted' | 'activityCancelled' | 'activityReminder' | 'activityForApproval' | 'activityDecided'

export async function tellAboutActivity(openids: readonly string[], template: ActivityTemplate, activity: ActivityDoc, extra: Record<string, string> = {}) {
  await tellEach(openids, {
    template,
    page: `${ACTIVITY_PAGE}?id=${activity._id}`,
    data: { title: activity.title, startAt: inShanghai(activity.startAt).format('M月D日 HH:mm'), address: activity.address, ...extra },
  })
}

const roles: SignUpRole[] = ['participant', 'volunteer']

/** Everyone holding a place, of either role. */
export const placeHolders = (activity: ActivityDoc) => roles.flatMap((r) => activity.places[r].confirmed.map((e) => e.openid))

/** Everyone holding a place or waiting for one. */
export const everyoneSignedUp = (activity: ActivityDoc) => [...placeHolders(activity), ...roles.flatMap((r) => activity.places[r].waitlisted.map((e) => e.openid))]
