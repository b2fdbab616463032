import { Button, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import type { ActivityDetail, MySignUp } from '../../../../../shared/contracts/activities'
import { CHECK_IN_OPENS_MINUTES, signUpRoleLabel, type AttendancePurpose, type SignUpRole } from '../../../../../shared/domain/activity'
import { ErrorCode } from '../../../../../shared/errors'
import { api, ApiError } from '../../../api'
import { ActivityCard, ActivityStanding, attendanceOpen } from '../../../components/activity'
import { BusyButton } from '../../../components/busy-button'
import { ConfirmAction } from '../../../components/confirm-action'
import { Field, StarRating, TextAreaField, TextField } from '../../../components/form'
import { Fact, SectionHeader } from '../../../components/list'
import { PhotoNotes, PhotoReview, TakeDownControls, TakenDownNotice } from '../../../components/moderation'
import { PageShell } from '../../../components/page-shell'
import { Photos } from '../../../components/photos'
import { Loaded } from '../../../components/status'
import { formatClock, formatDateTime, formatMinutes, formatRating } from '../../../format'
import { useLoad } from '../../../hooks/use-load'
import { useNow } from '../../../hooks/use-now'
import { ConsentPrompt } from '../../../components/consent'
import { useSubmit } from '../../../hooks/use-submit'
import { usePageParams } from '../../../routes'

/** Whether the check-in button shows needs no faster tick than this. */
const TICK_MS = 30_000
const SHORT_CODE_LENGTH = 6

/**
 * One activity: what, when, where, the places left, and the one thing the person can do now —
 * 报名, 候补, 签到, 签退 or 评价 — with what they have done so far.
 */
export default function ActivityPage() {
  const { id = '' } = usePageParams()
  const load = useLoad(() => api.activities.detail({ activityId: id }))
  const now = useNow(TICK_MS)
  return (
    <PageShell>
      <Loaded load={load}>
        {({ activity }) => {
          const replace = (next: ActivityDetail) => load.replace({ activity: next })
          return (
            <View>
              <ActivityCard activity={activity} />
              <ActivityStanding activity={activity} />
              {activity.mySignUps
                .filter((s) => s.status !== 'cancelled')
                .map((signUp) => (
                  <MySignUpCard key={signUp.signUpId} signUp={signUp} />
                ))}
              <MainAction activity={activity} now={now} onChanged={replace} onCheckedIn={load.reload} />
              {activity.status === 'published' && activity.mySignUps.some((s) => s.status !== 'cancelled') ? (
                <ConsentPrompt
                  moment="signedUp"
                  title="活动开始前提醒我"
                  purpose="活动开始前一天和一小时前，以及候补成功、活动取消时，在微信里提醒您。"
                />
              ) : null}
              {activity.moderates ? (
                <View>
                  <PhotoReview
                    states={activity.photoStates}
                    contentOf={(fileId) => ({ kind: 'activityPhoto', activityId: activity.id, fileId })}
                    onChanged={load.reload}
                  />
                  <TakeDownControls
                    content={{ kind: 'activity', activityId: activity.id }}
                    takenDown={activity.takenDown}
                    what="个活动"
                    onChanged={load.reload}
                  />
                </View>
              ) : (
                <TakenDownNotice takenDown={activity.takenDown} />
              )}
              <Facts activity={activity} />
              {activity.status === 'finished' && <Comments activity={activity} onChanged={load.reload} />}
            </View>
          )
        }}
      </Loaded>
    </PageShell>
  )
}

function MySignUpCard({ signUp }: { signUp: MySignUp }) {
  const waiting = signUp.status === 'waitlisted'
  return (
    <View id={`my-sign-up-${signUp.role}`} className="card">
      <Text className="card-label">我的报名 · {signUp.roleLabel}</Text>
      <Text className="card-title">{waiting && signUp.waitlistPosition ? `候补第 ${signUp.waitlistPosition} 位` : signUp.statusLabel}</Text>
      {waiting ? <Text className="card-text">有人取消时，按候补顺序自动递补，会通知您。</Text> : null}
      {signUp.checkedInAt ? <Text className="card-text">已签到 {formatClock(signUp.checkedInAt)}</Text> : null}
      {signUp.checkedOutAt ? <Text className="card-text">已签退 {formatClock(signUp.checkedOutAt)}</Text> : null}
      {signUp.confirmedMinutes !== undefined ? (
        <Text className="card-text">负责人确认服务时长：{formatMinutes(signUp.confirmedMinutes)}</Text>
      ) : null}
    </View>
  )
}

type Step =
  | { kind: 'sign-up' }
  | { kind: 'waitlisted'; signUp: MySignUp }
  | { kind: 'signed-up'; signUp: MySignUp }
  | { kind: 'check-in'; signUp: MySignUp }
  | { kind: 'check-out'; signUp: MySignUp }
  | { kind: 'rate' }
  | { kind: 'none'; message?: string }

/** What the person can do now, from the activity's state, their sign-ups and the time. */
function nextStep(activity: ActivityDetail, now: number): Step {
  const active = activity.mySignUps.filter((s) => s.status !== 'cancelled')
  const confirmed = active.find((s) => s.status === 'confirmed')
  const running = activity.status === 'published' || activity.status === 'finished'
  if (confirmed && running) {
    if (!confirmed.checkedInAt && attendanceOpen(activity, 'check_in', now)) return { kind: 'check-in', signUp: confirmed }
    if (!confirmed.checkedInAt && now < new Date(activity.startAt).getTime()) return { kind: 'signed-up', signUp: confirmed }
    const checkingOut = confirmed.role === 'volunteer' && confirmed.checkedInAt && !confirmed.checkedOutAt
    if (checkingOut && attendanceOpen(activity, 'check_out', now)) return { kind: 'check-out', signUp: confirmed }
  }
  if (activity.status === 'finished') return activity.canRate ? { kind: 'rate' } : { kind: 'none' }
  if (activity.status !== 'published' || confirmed) return { kind: 'none' }
  if (active[0]) return { kind: 'waitlisted', signUp: active[0] }
  if (now >= new Date(activity.signUpDeadline).getTime()) return { kind: 'none', message: '报名已截止' }
  return { kind: 'sign-up' }
}

function MainAction({
  activity,
  now,
  onChanged,
  onCheckedIn,
}: {
  activity: ActivityDetail
  now: number
  onChanged(activity: ActivityDetail): void
  /** Check-in answers the sign-up only: the page loads the activity again. */
  onCheckedIn(): void
}) {
  const step = nextStep(activity, now)
  const cancel = (signUp: MySignUp, label: string) => (
    <ConfirmAction
      danger
      label={label}
      question={signUp.status === 'waitlisted' ? '取消后不再候补。确定吗？' : '取消后名额让给候补的邻居。确定取消吗？'}
      onConfirm={async () => onChanged((await api.activities.cancelSignUp({ activityId: activity.id, role: signUp.role })).activity)}
    />
  )
  switch (step.kind) {
    case 'sign-up':
      return <SignUp activity={activity} onChanged={onChanged} />
    case 'waitlisted':
      return cancel(step.signUp, '取消候补')
    case 'signed-up':
      return (
        <View>
          <Text className="note">活动开始前 {CHECK_IN_OPENS_MINUTES} 分钟起可以签到：到场后扫负责人出示的二维码，或输入 6 位数字。</Text>
          {cancel(step.signUp, '取消报名')}
        </View>
      )
    case 'check-in':
      return (
        <View>
          <CheckIn activityId={activity.id} purpose="check_in" onDone={onCheckedIn} />
          {now < new Date(activity.startAt).getTime() && cancel(step.signUp, '取消报名')}
        </View>
      )
    case 'check-out':
      return <CheckIn activityId={activity.id} purpose="check_out" onDone={onCheckedIn} />
    case 'rate':
      return <RateForm activity={activity} onRated={onChanged} />
    case 'none':
      return step.message ? <Text className="note">{step.message}</Text> : null
  }
}

/** 报名参加 and 做志愿者, whichever the activity takes; a full role offers its waitlist. */
function SignUp({ activity, onChanged }: { activity: ActivityDetail; onChanged(activity: ActivityDetail): void }) {
  const submit = useSubmit()
  const [working, setWorking] = useState<SignUpRole | null>(null)
  const roles = (
    [
      ['participant', activity.participants],
      ['volunteer', activity.volunteers],
    ] as const
  ).filter(([, places]) => places.total > 0)
  const signUp = (role: SignUpRole) => {
    setWorking(role)
    return submit
      .run(async () => onChanged((await api.activities.signUp({ activityId: activity.id, role })).activity))
      .finally(() => setWorking(null))
  }
  // 为老服务: a resident asks to receive it (decision 037).
  const participate = activity.servesElders ? '我需要这项服务' : '报名参加'
  const labelOf = (role: SignUpRole, full: boolean) =>
    role === 'participant' ? (full ? `${participate}（候补）` : participate) : full ? '候补做志愿者' : '做志愿者'
  return (
    <View id="sign-up">
      {roles.map(([role, places], index) => (
        <BusyButton
          key={role}
          id={`sign-up-${role}`}
          primary={index === 0}
          busy={working === role}
          label={labelOf(role, places.left === 0)}
          onClick={() => signUp(role)}
        />
      ))}
      {submit.errorOf() ? <Text className="field-error">{submit.errorOf()}</Text> : null}
      <Text className="field-hint">
        报名截止：{formatDateTime(activity.signUpDeadline)}。{roles.length > 1 ? `参加和做志愿者任选其一。` : ''}
      </Text>
    </View>
  )
}

/**
 * 签到 / 签退: on the phone, scan the lead's QR code (WeChat's scanner); in the browser, or when
 * the camera will not do, type the 6 digits under it. A wrong, expired or too-often-tried code is
 * said beside the field.
 */
function CheckIn({ activityId, purpose, onDone }: { activityId: string; purpose: AttendancePurpose; onDone(): void }) {
  const word = purpose === 'check_in' ? '签到' : '签退'
  const weapp = process.env.TARO_ENV === 'weapp'
  const [typing, setTyping] = useState(!weapp)
  const [shortCode, setShortCode] = useState('')
  const [problem, setProblem] = useState<{ message: string; onCode: boolean } | null>(null)
  const [busy, setBusy] = useState(false)

  const send = async (code: { qrPayload: string } | { shortCode: string }) => {
    setBusy(true)
    setProblem(null)
    try {
      await api.activities.checkIn({ activityId, purpose, ...code })
      onDone()
    } catch (error) {
      setProblem({ message: checkInProblem(error), onCode: 'shortCode' in code })
    } finally {
      setBusy(false)
    }
  }

  const scan = async () => {
    let payload: string
    try {
      payload = (await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] })).result
    } catch (cause) {
      // Closing the scanner is no failure.
      if (!String((cause as { errMsg?: unknown }).errMsg).includes('cancel'))
        setProblem({ message: '没有扫上，请再扫一次，或输入 6 位数字', onCode: false })
      return
    }
    await send({ qrPayload: payload })
  }

  const typed = () => {
    if (!new RegExp(`^\\d{${SHORT_CODE_LENGTH}}$`).test(shortCode)) {
      setProblem({ message: `请输入负责人手机上的 ${SHORT_CODE_LENGTH} 位数字`, onCode: true })
      return
    }
    void send({ shortCode })
  }

  return (
    <View id="check-in" className="card">
      <SectionHeader
        title={`到场${word}`}
        hint={`请负责人打开${word}码，${weapp ? '扫一扫，或输入码下面的 6 位数字' : '输入码下面的 6 位数字'}`}
      />
      {weapp && <BusyButton id="scan-code" primary busy={busy && !typing} label={`扫码${word}`} onClick={scan} />}
      {problem && !problem.onCode ? <Text className="field-error">{problem.message}</Text> : null}
      {typing ? (
        <View>
          <TextField
            id="short-code"
            large
            type="number"
            label={`${SHORT_CODE_LENGTH} 位${word}码`}
            maxlength={SHORT_CODE_LENGTH}
            value={shortCode}
            error={problem?.onCode ? problem.message : undefined}
            onChange={(value) => setShortCode(value.replace(/\D/g, ''))}
          />
          <BusyButton id="send-code" primary={!weapp} busy={busy} label={word} onClick={typed} />
        </View>
      ) : (
        <Button className="btn btn-plain btn-block" onClick={() => setTyping(true)}>
          输入 6 位数字
        </Button>
      )}
    </View>
  )
}

/** The function's own words, but for too many tries say what to do as well. */
function checkInProblem(error: unknown): string {
  if (error instanceof ApiError && error.code === ErrorCode.RATE_LIMITED)
    return `${error.message.replace(/。$/, '')}。也可以请负责人在名单上帮您签到。`
  return error instanceof ApiError ? error.message : '出了点问题，请再试一次'
}

function RateForm({ activity, onRated }: { activity: ActivityDetail; onRated(activity: ActivityDetail): void }) {
  const [rating, setRating] = useState(0)
  const [comment, setComment] = useState('')
  const [missing, setMissing] = useState('')
  const submit = useSubmit(['rating', 'comment'])
  const send = async () => {
    setMissing(rating > 0 ? '' : '请点星星打分')
    if (rating === 0) return
    await submit.run(async () =>
      onRated((await api.activities.rate({ activityId: activity.id, rating, comment: comment.trim() || undefined })).activity),
    )
  }
  return (
    <View id="rate-form" className="card">
      <SectionHeader title="活动办得怎么样？" hint="说一说，组织下次办得更好" />
      <Field label="打个分" error={missing || submit.errorOf('rating')}>
        <StarRating value={rating} onChange={setRating} />
      </Field>
      <TextAreaField
        id="rate-comment"
        label="还想说的话（可不填）"
        maxlength={200}
        value={comment}
        error={submit.errorOf('comment')}
        onChange={setComment}
      />
      {submit.errorOf() ? <Text className="field-error">{submit.errorOf()}</Text> : null}
      <BusyButton id="rate-send" primary busy={submit.busy} label="提交评价" onClick={send} />
    </View>
  )
}

function Facts({ activity }: { activity: ActivityDetail }) {
  return (
    <View>
      <SectionHeader title="活动介绍" />
      <View className="card">
        <Text className="card-text activity-description">{activity.description}</Text>
        {activity.photos.length > 0 && <Photos photos={activity.photos} />}
        <PhotoNotes states={activity.photoStates} />
        <Fact label="主办">{activity.organisationName}</Fact>
        <Fact label="社区">{activity.communityName}</Fact>
        <Fact label="报名截止">{formatDateTime(activity.signUpDeadline)}</Fact>
        {activity.volunteers.total > 0 ? (
          <Fact label={signUpRoleLabel.volunteer}>服务时长最多记 {formatMinutes(activity.volunteerMinutes)}，按签到签退计算</Fact>
        ) : null}
      </View>
    </View>
  )
}

function Comments({ activity, onChanged }: { activity: ActivityDetail; onChanged(): void }) {
  return (
    <View>
      <SectionHeader title="评价" hint={formatRating(activity.rating)} />
      {activity.comments.length > 0 && (
        <View id="comments" className="card">
          {activity.comments.map((c, i) => (
            <View className="timeline-event" key={`${c.at}-${i}`}>
              <Text className="timeline-text">
                {c.rating} 星：{c.comment}
              </Text>
              <Text className="timeline-meta">
                {c.name} · {formatDateTime(c.at)}
              </Text>
              {activity.moderates ? (
                <TakeDownControls
                  content={{ kind: 'comment', commentId: c.id }}
                  takenDown={c.takenDown}
                  what="条评价"
                  onChanged={onChanged}
                />
              ) : (
                <TakenDownNotice takenDown={c.takenDown} />
              )}
            </View>
          ))}
        </View>
      )}
    </View>
  )
}
