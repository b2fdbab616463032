import { Button, Text, View } from '@tarojs/components'
import { useState } from 'react'
import type { RosterEntry } from '../../../../../shared/contracts/activities'
import { activityStatusAfter, signUpRoleLabelOf, signUpRoleSchema, type AttendancePurpose } from '../../../../../shared/domain/activity'
import { api } from '../../../api'
import { ActivityCard, ActivityStanding, attendanceOpen } from '../../../components/activity'
import { BusyButton } from '../../../components/busy-button'
import { ConfirmAction } from '../../../components/confirm-action'
import { Field, Stepper } from '../../../components/form'
import { SectionHeader } from '../../../components/list'
import { PageShell } from '../../../components/page-shell'
import { Empty, Loaded } from '../../../components/status'
import { formatClock, formatMinutes } from '../../../format'
import { useLoad } from '../../../hooks/use-load'
import { useNow } from '../../../hooks/use-now'
import { useSubmit } from '../../../hooks/use-submit'
import { go, paths, usePageParams } from '../../../routes'

const TICK_MS = 30_000
/** Minutes change by this much per tap when confirming. */
const MINUTES_STEP = 5

/**
 * The lead's page for one activity: who signed up for each role (the waitlist in order), who
 * came and when, ticking attendance by hand, the check-in code, and after the end each
 * volunteer's minutes to confirm. Calling the activity off is here too.
 */
export default function RosterPage() {
  const { organisationId = '', id = '' } = usePageParams()
  const load = useLoad(() => api.activities.roster({ organisationId, activityId: id }))
  const now = useNow(TICK_MS)
  return (
    <PageShell>
      <Loaded load={load}>
        {(roster) => {
          const { activity, entries } = roster
          const ref = { organisationId, activityId: activity.id }
          const over = now >= new Date(activity.endAt).getTime()
          const replaceEntries = (changed: RosterEntry[]) =>
            load.replace((shown) => ({ ...shown, entries: shown.entries.map((e) => changed.find((c) => c.signUpId === e.signUpId) ?? e) }))
          const toConfirm = entries.filter(
            (e) => e.role === 'volunteer' && e.measuredMinutes !== undefined && e.confirmedMinutes === undefined,
          )
          return (
            <View>
              <ActivityCard activity={activity} />
              <ActivityStanding activity={activity} />
              {activity.status === 'published' && !over && (
                <Button
                  id="show-check-in-code"
                  className="btn btn-primary btn-block btn-hero"
                  onClick={() => go(paths.checkInCode(organisationId, activity.id))}
                >
                  出示签到码
                </Button>
              )}
              {over && toConfirm.length > 0 && (
                <ConfirmHours
                  entries={toConfirm}
                  onConfirm={async (hours) => replaceEntries((await api.activities.confirmHours({ ...ref, hours })).entries)}
                />
              )}
              {signUpRoleSchema.options.map((role) => (
                <RoleList
                  key={role}
                  title={signUpRoleLabelOf(activity, role)}
                  entries={entries.filter((e) => e.role === role)}
                  open={(purpose) =>
                    (activity.status === 'published' || activity.status === 'finished') && attendanceOpen(activity, purpose, now, 'lead')
                  }
                  onTick={async (entry, purpose) =>
                    replaceEntries([(await api.activities.markAttendance({ ...ref, signUpId: entry.signUpId, purpose })).entry])
                  }
                />
              ))}
              {activityStatusAfter(activity.status, 'cancel') !== null && !over && (
                <ConfirmAction
                  danger
                  label="取消活动"
                  question="取消后，报了名的人都会收到通知。请写明理由。"
                  reason={{ label: '取消的理由', required: true }}
                  onConfirm={async (reason) => {
                    const cancelled = (await api.activities.cancel({ ...ref, reason: reason ?? '' })).activity
                    load.replace((shown) => ({ ...shown, activity: cancelled }))
                  }}
                />
              )}
            </View>
          )
        }}
      </Loaded>
    </PageShell>
  )
}

/** 已报名 · 签到 09:02（扫码）· 签退 11:01 · 服务 119 分钟 */
function entryLine(entry: RosterEntry): string {
  const parts = [entry.status === 'waitlisted' && entry.waitlistPosition ? `候补第 ${entry.waitlistPosition} 位` : entry.statusLabel]
  if (entry.checkedInAt) parts.push(`签到 ${formatClock(entry.checkedInAt)}${entry.checkInBy === 'lead' ? '（负责人代签）' : ''}`)
  if (entry.checkedOutAt) parts.push(`签退 ${formatClock(entry.checkedOutAt)}`)
  if (entry.confirmedMinutes !== undefined) parts.push(`已确认 ${formatMinutes(entry.confirmedMinutes)}`)
  else if (entry.measuredMinutes !== undefined) parts.push(`实际 ${formatMinutes(entry.measuredMinutes)}`)
  return parts.join(' · ')
}

function RoleList({
  title,
  entries,
  open,
  onTick,
}: {
  title: string
  entries: RosterEntry[]
  /** Whether attendance of this kind may be taken now. */
  open(purpose: AttendancePurpose): boolean
  onTick(entry: RosterEntry, purpose: AttendancePurpose): Promise<void>
}) {
  const confirmed = entries.filter((e) => e.status === 'confirmed').length
  const waiting = entries.filter((e) => e.status === 'waitlisted').length
  return (
    <View>
      <SectionHeader title={`${title}（已报名 ${confirmed} 人${waiting > 0 ? `，候补 ${waiting} 人` : ''}）`} />
      {entries.length === 0 ? (
        <Empty title={`还没有${title}报名`} />
      ) : (
        <View className="card">
          {entries.map((entry) => (
            <View id={`entry-${entry.signUpId}`} className="roster-entry" key={entry.signUpId}>
              <Text className="list-item-title">{entry.name}</Text>
              {entry.phone ? <Text className="card-label">{entry.phone}</Text> : null}
              <Text className="card-text">{entryLine(entry)}</Text>
              {entry.status === 'confirmed' && <Tick entry={entry} open={open} onTick={onTick} />}
            </View>
          ))}
        </View>
      )}
    </View>
  )
}

/** 代签到 / 代签退 for someone without a phone: the next of the two this person has not done, from the hour before the start. */
function Tick({
  entry,
  open,
  onTick,
}: {
  entry: RosterEntry
  open(purpose: AttendancePurpose): boolean
  onTick(entry: RosterEntry, purpose: AttendancePurpose): Promise<void>
}) {
  const submit = useSubmit()
  const purpose = !entry.checkedInAt ? 'check_in' : entry.role === 'volunteer' && !entry.checkedOutAt ? 'check_out' : null
  // Once the hours are confirmed the record is final.
  if (!purpose || entry.confirmedMinutes !== undefined || !open(purpose)) return null
  return (
    <View>
      <BusyButton
        busy={submit.busy}
        label={purpose === 'check_in' ? '代签到' : '代签退'}
        onClick={() => submit.run(() => onTick(entry, purpose))}
      />
      {submit.errorOf() ? <Text className="field-error">{submit.errorOf()}</Text> : null}
    </View>
  )
}

/**
 * After the end: each volunteer's minutes from check-in to check-out, capped at the activity's
 * length, to confirm or lower (a long break, an early leave). Confirmed minutes go to the time bank once.
 */
function ConfirmHours({
  entries,
  onConfirm,
}: {
  entries: RosterEntry[]
  onConfirm(hours: { signUpId: string; minutes: number }[]): Promise<void>
}) {
  const [minutes, setMinutes] = useState<Record<string, number>>({})
  const submit = useSubmit(['hours'])
  const minutesOf = (entry: RosterEntry) => minutes[entry.signUpId] ?? entry.measuredMinutes ?? 0
  const hours = entries.map((entry) => ({ signUpId: entry.signUpId, minutes: minutesOf(entry) }))
  return (
    <View id="confirm-hours" className="card">
      <SectionHeader title="确认志愿服务时长" hint="按签到签退算好了，可以往下调；确认后计入时间银行，不能再改" />
      {entries.map((entry) => (
        <Field key={entry.signUpId} label={`${entry.name}（实际 ${formatMinutes(entry.measuredMinutes ?? 0)}）`}>
          <Stepper
            id={`minutes-${entry.signUpId}`}
            value={minutesOf(entry)}
            min={0}
            max={entry.measuredMinutes ?? 0}
            step={MINUTES_STEP}
            unit="分钟"
            onChange={(n) => setMinutes({ ...minutes, [entry.signUpId]: n })}
          />
        </Field>
      ))}
      {(submit.errorOf('hours') ?? submit.errorOf()) ? (
        <Text className="field-error">{submit.errorOf('hours') ?? submit.errorOf()}</Text>
      ) : null}
      <BusyButton
        id="confirm-hours-send"
        primary
        busy={submit.busy}
        label="确认服务时长"
        onClick={() => submit.run(() => onConfirm(hours))}
      />
    </View>
  )
}
