/**
 * The activities' scheduled work, run by `runDueWork` (server/needs/deadlines.ts) with `now`
 * passed in: reminders before the start, each sent once, and marking ended activities finished.
 */
import { activityReminders, activityStatusAfter, reminderDue, type ActivityReminder } from '../../shared/domain/activity'
import { endedBy, startingSoon } from '../data/activities'
import type { ActivityDoc } from '../data/documents'
import { updateOrganisationFacts } from '../data/organisations'
import { inTransaction } from '../data/transaction'
import { placeHolders, tellAboutActivity } from './notify'

/** A bounded batch per run: the timer comes again in a minute for the rest. */
const BATCH = 100

const reminderText: Record<ActivityReminder, string> = { day: '活动明天开始', hour: '活动一小时后开始' }

export interface ActivityDueWorkDone {
  activityReminders: number
  activitiesFinished: number
}

/**
 * Claims the reminder on the activity in a transaction before sending it, so that two runs at once
 * send it once. A send WeChat refuses is not retried: a late reminder is worse than none.
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
  await tellAboutActivity(placeHolders(claimed), 'activityReminder', claimed, { note: reminderText[due] })
  return true
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

export async function runActivityDueWork(now: Date): Promise<ActivityDueWorkDone> {
  let reminded = 0
  // One query per reminder, over the starts it alone is due for, so a crowd waiting for a later
  // reminder never fills the batch ahead of one that needs an earlier reminder now.
  for (const [i, reminder] of activityReminders.entries()) {
    const later = activityReminders.slice(i)
    const nextBefore = activityReminders[i + 1]?.minutesBefore ?? 0
    const due = await startingSoon(now, { fromMs: nextBefore * 60_000, toMs: reminder.minutesBefore * 60_000 }, later.map((r) => r.key), BATCH)
    for (const activity of due) if (await remind(activity, now)) reminded++
  }
  let finished = 0
  for (const activity of await endedBy(now, BATCH)) if (await finish(activity, now)) finished++
  return { activityReminders: reminded, activitiesFinished: finished }
}
