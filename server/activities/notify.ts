/** Telling people about an activity: subscribe messages in production, the outbox locally. */
import { ACTIVITY_PAGE, type SignUpRole } from '../../shared/domain/activity'
import type { MessageFields, MessageKind, SendResult } from '../../shared/domain/messages'
import type { ActivityDoc } from '../data/documents'
import { tellEach } from '../wechat'

/** The message kinds about an activity (shared/domain/messages.ts). */
export type ActivityTemplate = Extract<
  MessageKind,
  'activityPromoted' | 'activityCancelled' | 'activityReminder' | 'activityForApproval' | 'activityDecided'
>

const activityFacts = (activity: ActivityDoc) => ({ title: activity.title, startAt: new Date(activity.startAt), address: activity.address })
/** The fields of a kind that the activity itself does not give. */
type ActivityExtra<K extends ActivityTemplate> = Omit<MessageFields<K>, keyof ReturnType<typeof activityFacts>>

export async function tellAboutActivity<K extends ActivityTemplate>(
  openids: readonly string[],
  template: K,
  activity: ActivityDoc,
  extra: ActivityExtra<K>,
  once?: string,
): Promise<SendResult[]> {
  const fields = { ...activityFacts(activity), ...extra } as unknown as MessageFields<K>
  return tellEach(openids, template, fields, `${ACTIVITY_PAGE}?id=${activity._id}`, once)
}

const roles: SignUpRole[] = ['participant', 'volunteer']

/** Everyone holding a place, of either role. */
export const placeHolders = (activity: ActivityDoc) => roles.flatMap((r) => activity.places[r].confirmed.map((e) => e.openid))

/** Everyone holding a place or waiting for one. */
export const everyoneSignedUp = (activity: ActivityDoc) => [
  ...placeHolders(activity),
  ...roles.flatMap((r) => activity.places[r].waitlisted.map((e) => e.openid)),
]
