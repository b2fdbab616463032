import { Text, View } from '@tarojs/components'
import type { ReactNode } from 'react'
import type { ActivityDetail, ActivitySummary } from '../../../shared/contracts/activities'
import { attendanceRefusal, ELDER_SERVICE_RECIPIENT, type AttendancePurpose } from '../../../shared/domain/activity'
import { formatActivityTime, formatDistance, walkingMinutes } from '../format'
import { Card, Tags } from './list'

type Places = ActivitySummary['participants']

/** Whether check-in (or check-out) is open now, by code or by the lead's hand: the functions' own window, on this device's clock. */
export function attendanceOpen(activity: ActivitySummary, purpose: AttendancePurpose, now: number, by: 'code' | 'lead' = 'code'): boolean {
  return attendanceRefusal(purpose, { startAt: new Date(activity.startAt), endAt: new Date(activity.endAt) }, new Date(now), by) === null
}

/** Why an activity is in the committee's queue, as one line. */
export function reasonsText(reasons: ActivityDetail['approvalReasons']): string {
  return reasons.map((r) => r.label).join('；')
}

/** 还剩 3 个（共 50 个）, or 已满，可以候补 with the waitlist's length. */
function placesText(places: Places): string {
  if (places.left > 0) return `还剩 ${places.left} 个（共 ${places.total} 个）`
  return places.waitlisted > 0 ? `已满，可以候补（已有 ${places.waitlisted} 人候补）` : '已满，可以候补'
}

/** One role's places, or nothing for a role the activity does not take. */
function PlacesLine({ id, label, places }: { id: string; label: string; places: Places }) {
  if (places.total === 0) return null
  return (
    <Text id={id} className={places.left > 0 ? 'card-text places' : 'card-text places places-full'}>
      {label}名额：{placesText(places)}
    </Text>
  )
}

/**
 * An activity as lists show it: what, when (Shanghai time), where and how far, and the places
 * left for each role. With `onClick` the whole card is one touch target; `children` adds lines.
 */
export function ActivityCard({ activity, onClick, children }: { activity: ActivitySummary; onClick?(): void; children?: ReactNode }) {
  const kinds = activity.servesElders ? [activity.kindLabel, '为老服务'] : [activity.kindLabel]
  const tags = activity.status === 'published' ? kinds : [...kinds, activity.statusLabel]
  return (
    <Card onClick={onClick}>
      <View className="activity">
        <Text className="card-title">{activity.title}</Text>
        <Tags tags={tags} />
        <Text className="card-text activity-time">{formatActivityTime(activity.startAt, activity.endAt)}</Text>
        <Text className="card-text">
          {activity.address}
          {activity.distanceM === undefined ? '' : ` · 离你 ${formatDistance(activity.distanceM)}，${walkingMinutes(activity.distanceM)}`}
        </Text>
        <Text className="card-label">{activity.organisationName}</Text>
        <PlacesLine
          id={`participants-${activity.id}`}
          label={activity.servesElders ? ELDER_SERVICE_RECIPIENT : '参加'}
          places={activity.participants}
        />
        <PlacesLine id={`volunteers-${activity.id}`} label="志愿者" places={activity.volunteers} />
        {children}
      </View>
    </Card>
  )
}

/** Why an activity is not (or no longer) open for sign-ups, in one note. */
export function ActivityStanding({ activity }: { activity: ActivityDetail }) {
  switch (activity.status) {
    case 'pending_approval':
      return (
        <View className="note">
          <Text className="role-label">等待社区审批：</Text>
          <Text>{reasonsText(activity.approvalReasons)}。批准后居民才能看到、报名。</Text>
        </View>
      )
    case 'rejected':
      return <Text className="note">未获社区批准：{activity.rejectedReason ?? '两委没有写理由'}</Text>
    case 'cancelled':
      return <Text className="note">活动已取消：{activity.cancelledReason ?? '组织没有写理由'}</Text>
    case 'finished':
      return <Text className="note">活动已结束</Text>
    case 'published':
      return null
  }
}
