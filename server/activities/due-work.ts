/**
 * The activities' scheduled work (server/scheduler): reminders before the start, each sent once,
 * and marking ended activities finished.
 */
import { activityReminders, activityStatusAfter, reminderDue, type ActivityReminder } from '../../shared/domain/activity'
import { activityApprovalsPath } from '../../shared/domain/workbench'
import { activityById, endedBy, startingSoon } from '../data/activities'
import type { ActivityDoc } from '../data/documents'
import { updateOrganisationFacts } from '../data/organisations'
import { inTransaction, unset } from '../data/transaction'
import type { DueStep } from '../due-work'
import { reachedAnyone } from '../wechat'
import { placeHolders, tellAboutActivity } from './notify'

const reminderText: Record<ActivityReminder, string> = { day: '活动明天开始', hour: '活动一小时后开始' }

/**
 * Claims the reminder on the activity in a transaction before sending it, so that two runs at once
 * send it once. When it reached nobody (no consent left, or refused) the claim is given back, so a
 * later run tries again while the reminder is still due: someone may have consented since.
 */
async function remind(activity: ActivityDoc, now: Date): Promise<boolean> {
  const due = reminderDue(new Date(activity.startAt), activity.reminded, now)
  if (!due) return false
  const claimed = await inTransaction(async (tx) => {
    const current = await tx.get('activities', activity._id)
    if (current?.status !== 'published' || reminderDue(new Date(current.startAt), current.reminded, now) !== due) return null
    await tx.update('activities', activity._id, { reminded: due })
    return current
  })
  if (!claimed) return false
  const results = await tellAboutActivity(
    placeHolders(claimed),
    'activityReminder',
    claimed,
    { note: reminderText[due] },
    `activityReminder:${claimed._id}:${due}`,
  )
  if (reachedAnyone(results)) return true
  await inTransaction(async (tx) => {
    const current = await tx.get('activities', activity._id)
    if (current?.reminded === due) await tx.update('activities', activity._id, { reminded: claimed.reminded ?? unset() })
  })
  return false
}

async function finish(activity: ActivityDoc, now: Date): Promise<boolean> {
  const finished = await inTransaction(async (tx) => {
    const current = await tx.get('activities', activity._id)
    if (!current || !activityStatusAfter(current.status, 'finish') || new Date(current.endAt).getTime() > now.getTime()) return false
    await tx.update('activities', activity._id, { status: 'finished', updatedAt: now })
    return true
  })
  if (finished) await updateOrganisationFacts([activity.organisationId], { activityHeld: true })
  return finished
}

/**
 * One query per reminder, over the starts it alone is due for, so a crowd waiting for a later
 * reminder never fills the batch ahead of one that needs an earlier reminder now.
 */
async function dueForReminders(now: Date, limit: number): Promise<ActivityDoc[]> {
  const due: ActivityDoc[] = []
  for (const [i, reminder] of activityReminders.entries()) {
    const later = activityReminders.slice(i)
    const nextBefore = activityReminders[i + 1]?.minutesBefore ?? 0
    due.push(
      ...(await startingSoon(
        now,
        { fromMs: nextBefore * 60_000, toMs: reminder.minutesBefore * 60_000 },
        later.map((r) => r.key),
        limit,
      )),
    )
  }
  return due
}

/** The committee has no page for one activity: its approvals list is where it meets them. */
const activityRecord = { load: activityById, page: (activity: ActivityDoc) => activityApprovalsPath(activity.communityId) }

export const remindBeforeStart: DueStep<ActivityDoc> = {
  name: 'activityReminders',
  title: '活动开始提醒',
  due: dueForReminders,
  run: remind,
  ...activityRecord,
}

export const finishEnded: DueStep<ActivityDoc> = {
  name: 'activitiesFinished',
  title: '活动结束',
  due: endedBy,
  run: finish,
  ...activityRecord,
}
