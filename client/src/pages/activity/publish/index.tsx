import { Button, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import {
  MAX_ACTIVITY_HOURS,
  MAX_ACTIVITY_PHOTOS,
  MAX_ACTIVITY_PLACES,
  publishActivitySchema,
  type ActivityDetail,
} from '../../../../../shared/contracts/activities'
import {
  activityKindLabel,
  activityKindSchema,
  DEFAULT_MAJOR_THRESHOLD,
  scheduleProblem,
  type ActivityKind,
} from '../../../../../shared/domain/activity'
import { inShanghai } from '../../../../../shared/domain/time'
import { api } from '../../../api'
import { ActivityCard, reasonsText } from '../../../components/activity'
import { CalendarDayChoice, Choices, Field, StepFrame, Stepper, TextAreaField, TextField, TimeField } from '../../../components/form'
import { PageShell } from '../../../components/page-shell'
import { PhotoPicker, type ChosenPhoto } from '../../../components/photos'
import { PlaceField, type Place } from '../../../components/place-field'
import { formatActivityTime, formatMinutes } from '../../../format'
import { useSteppedForm } from '../../../hooks/use-stepped-form'
import { paths, usePageParams } from '../../../routes'

const DAY_MS = 24 * 60 * 60_000
/** Volunteer time changes by this much per tap. */
const MINUTES_STEP = 10

const dayChoices = { 今天: 0, 明天: 1, 后天: 2 } as const
type DayChoice = keyof typeof dayChoices

/** Until when residents may sign up, counted back from the start. */
const deadlineChoices = {
  活动开始时: (start: number) => start,
  开始前1小时: (start: number) => start - 60 * 60_000,
  前一天晚上8点: (start: number) => Date.parse(`${inShanghai(start - DAY_MS).format('YYYY-MM-DD')}T20:00:00+08:00`),
} as const
type DeadlineChoice = keyof typeof deadlineChoices
const deadlineLabel: Record<DeadlineChoice, string> = {
  活动开始时: '活动开始时',
  开始前1小时: '开始前 1 小时',
  前一天晚上8点: '前一天晚上 8 点',
}

interface Draft {
  title: string
  kind: ActivityKind | null
  /** 为老服务 (上门理发, 助餐): the participants are the elderly who receive it (decision 037). */
  servesElders: boolean
  description: string
  photos: ChosenPhoto[]
  /** YYYY-MM-DD in Shanghai. */
  day: string
  /** HH:mm; an end at or before the start is the next day's. */
  startTime: string
  endTime: string
  deadline: DeadlineChoice
  address: string
  place: Place | null
  /** As typed: digits. */
  participantPlaces: string
  volunteerPlaces: string
  /** Null: as long as the activity lasts. */
  volunteerMinutes: number | null
}

const steps = [
  { title: '什么活动', fields: ['title', 'kind', 'servesElders', 'description', 'photos'] },
  { title: '什么时候、在哪里', fields: ['startAt', 'endAt', 'signUpDeadline', 'address', 'location'] },
  { title: '要多少人', fields: ['participantPlaces', 'volunteerPlaces', 'volunteerMinutes'] },
]

const dayAfter = (days: number) => inShanghai().add(days, 'day').format('YYYY-MM-DD')

/** Start and end as instants; the end rolls over to the next day when it is not after the start. */
function schedule(draft: Draft): { start: number; end: number } {
  const start = Date.parse(`${draft.day}T${draft.startTime}:00+08:00`)
  const sameDayEnd = Date.parse(`${draft.day}T${draft.endTime}:00+08:00`)
  return { start, end: sameDayEnd > start ? sameDayEnd : sameDayEnd + DAY_MS }
}

const lengthMinutes = (draft: Draft) => {
  const { start, end } = schedule(draft)
  return Math.min(MAX_ACTIVITY_HOURS * 60, Math.round((end - start) / 60_000))
}

/** Places typed as digits; nothing typed is none. */
const count = (typed: string) => (typed.trim() === '' ? 0 : Number(typed))

const shanghaiIso = (instant: number) => inShanghai(instant).format('YYYY-MM-DDTHH:mm:ssZ')

function volunteerMinutesOf(draft: Draft): number {
  if (count(draft.volunteerPlaces) === 0) return 0
  return Math.min(draft.volunteerMinutes ?? lengthMinutes(draft), lengthMinutes(draft))
}

function toInput(organisationId: string) {
  return (draft: Draft) => {
    const { start, end } = schedule(draft)
    return {
      organisationId,
      title: draft.title,
      kind: draft.kind ?? undefined,
      servesElders: draft.servesElders,
      description: draft.description,
      location: draft.place?.lngLat,
      address: draft.address,
      startAt: shanghaiIso(start),
      endAt: shanghaiIso(end),
      signUpDeadline: shanghaiIso(deadlineChoices[draft.deadline](start)),
      participantPlaces: count(draft.participantPlaces),
      volunteerPlaces: count(draft.volunteerPlaces),
      volunteerMinutes: volunteerMinutesOf(draft),
      photos: draft.photos.map((p) => p.fileID),
    }
  }
}

const audienceChoices = ['所有居民', '为老服务'] as const

const placesBound = `请填 0 到 ${MAX_ACTIVITY_PLACES} 之间的整数`

/** 发布活动: three short screens; a major one goes to the committee first, and the page says so. */
export default function PublishActivityPage() {
  const { organisationId = '' } = usePageParams()
  const [published, setPublished] = useState<ActivityDetail | null>(null)
  return (
    <PageShell>
      {published ? (
        <Published activity={published} organisationId={organisationId} />
      ) : (
        <PublishForm organisationId={organisationId} onPublished={setPublished} />
      )}
    </PageShell>
  )
}

function PublishForm({ organisationId, onPublished }: { organisationId: string; onPublished(activity: ActivityDetail): void }) {
  const form = useSteppedForm({
    initial: {
      title: '',
      kind: null,
      servesElders: false,
      description: '',
      photos: [],
      day: dayAfter(1),
      startTime: '09:00',
      endTime: '11:00',
      deadline: '开始前1小时',
      address: '',
      place: null,
      participantPlaces: '20',
      volunteerPlaces: '0',
      volunteerMinutes: null,
    } as Draft,
    steps,
    schema: publishActivitySchema,
    toInput: toInput(organisationId),
    unchosen: { kind: '请选活动类型' },
    bounds: { participantPlaces: placesBound, volunteerPlaces: placesBound },
    problemKey: { place: 'location', day: 'startAt', startTime: 'startAt', endTime: 'endAt', deadline: 'signUpDeadline' },
    checkAlso: (draft) => {
      const { start, end } = schedule(draft)
      if (Number.isNaN(start)) return {}
      const problem = scheduleProblem(
        { startAt: new Date(start), endAt: new Date(end), signUpDeadline: new Date(deadlineChoices[draft.deadline](start)) },
        new Date(),
      )
      return problem ? { [problem.field]: problem.message } : {}
    },
  })
  const { draft, change, problems, step } = form
  const namedDay = (Object.keys(dayChoices) as DayChoice[]).find((d) => dayAfter(dayChoices[d]) === draft.day)
  const { start, end } = schedule(draft)
  const volunteers = count(draft.volunteerPlaces)

  const publish = () =>
    form.submit(async (input) => {
      onPublished((await api.activities.publish(input)).activity)
    })

  return (
    <StepFrame form={form} submitLabel="发布活动" onSubmit={publish}>
      {step === 0 && (
        <View>
          <TextField
            id="activity-title"
            label="活动名称"
            hint="例如：重阳节包饺子"
            maxlength={40}
            value={draft.title}
            error={problems.title}
            onChange={(v) => change('title', v)}
          />
          <Field label="活动类型" error={problems.kind}>
            <Choices
              options={activityKindSchema.options}
              chosen={draft.kind ? [draft.kind] : []}
              labelOf={(k) => activityKindLabel[k]}
              onToggle={(k) => change('kind', k)}
            />
          </Field>
          <Field label="为谁办" hint="上门理发、助餐这样为老人服务的，老人可以点“我需要这项服务”来报名" error={problems.servesElders}>
            <Choices
              options={audienceChoices}
              chosen={[draft.servesElders ? '为老服务' : '所有居民']}
              onToggle={(choice) => change('servesElders', choice === '为老服务')}
            />
          </Field>
          <TextAreaField
            id="activity-description"
            label="活动介绍"
            hint="做什么、带什么、适合谁参加"
            maxlength={1000}
            value={draft.description}
            error={problems.description}
            onChange={(v) => change('description', v)}
          />
          <PhotoPicker
            id="activity-photos"
            label={`照片（最多 ${MAX_ACTIVITY_PHOTOS} 张）`}
            hint="可不加；第一张会显示在活动列表里"
            max={MAX_ACTIVITY_PHOTOS}
            photos={draft.photos}
            error={problems.photos}
            onChange={(photos) => change('photos', photos)}
          />
        </View>
      )}
      {step === 1 && (
        <View>
          <Field label="哪一天" error={problems.startAt}>
            <Choices
              options={Object.keys(dayChoices) as DayChoice[]}
              chosen={namedDay ? [namedDay] : []}
              onToggle={(d) => change('day', dayAfter(dayChoices[d]))}
              extra={<CalendarDayChoice day={namedDay ? null : draft.day} from={dayAfter(0)} onPick={(day) => change('day', day)} />}
            />
          </Field>
          <TimeField id="activity-start" label="开始时间" value={draft.startTime} onChange={(v) => change('startTime', v)} />
          <TimeField
            id="activity-end"
            label="结束时间"
            hint={`活动时间：${formatActivityTime(shanghaiIso(start), shanghaiIso(end))}`}
            value={draft.endTime}
            error={problems.endAt}
            onChange={(v) => change('endTime', v)}
          />
          <Field label="报名截止" error={problems.signUpDeadline}>
            <Choices
              options={Object.keys(deadlineChoices) as DeadlineChoice[]}
              chosen={[draft.deadline]}
              labelOf={(d) => deadlineLabel[d]}
              onToggle={(d) => change('deadline', d)}
            />
          </Field>
          <TextField
            id="activity-address"
            label="地址"
            hint="例如：沁园社区党群服务中心二楼"
            maxlength={100}
            value={draft.address}
            error={problems.address}
            onChange={(v) => change('address', v)}
          />
          <PlaceField
            label="在地图上的位置"
            shownAs="地点"
            home="组织服务范围的中心"
            weappHint="居民按这个位置找附近的活动；不在组织附近的，可以在地图上另选"
            hint="居民按这个位置找附近的活动"
            place={draft.place}
            error={problems.location}
            onChange={(place) => change('place', place)}
          />
        </View>
      )}
      {step === 2 && (
        <View>
          <TextField
            id="participant-places"
            type="number"
            label={draft.servesElders ? '需要服务的老人，几个名额' : '参加的居民，几个名额'}
            hint={draft.servesElders ? '一次能服务几位老人；报满后可以候补' : '不招参加者填 0；报满后可以候补'}
            maxlength={4}
            value={draft.participantPlaces}
            error={problems.participantPlaces}
            onChange={(v) => change('participantPlaces', v)}
          />
          <TextField
            id="volunteer-places"
            type="number"
            label="志愿者，几个名额"
            hint="不招志愿者填 0"
            maxlength={4}
            value={draft.volunteerPlaces}
            error={problems.volunteerPlaces}
            onChange={(v) => change('volunteerPlaces', v)}
          />
          {volunteers > 0 && (
            <Field
              label="每位志愿者最多记多少服务时长"
              hint="按签到签退实际计算，不超过这个时长；活动结束后由您确认，计入时间银行"
              error={problems.volunteerMinutes}
            >
              <Stepper
                id="volunteer-minutes"
                value={volunteerMinutesOf(draft)}
                min={0}
                max={lengthMinutes(draft)}
                step={MINUTES_STEP}
                unit="分钟"
                onChange={(n) => change('volunteerMinutes', n)}
              />
            </Field>
          )}
          <Text className="note">
            重大活动先报社区两委审批：参加名额达到社区规定的人数（一般为 {DEFAULT_MAJOR_THRESHOLD}{' '}
            人），或属于社区规定须报批的类型。批准后居民才能看到、报名。
          </Text>
        </View>
      )}
    </StepFrame>
  )
}

/** Published, or in the committee's queue: which, why, and the way back to the organisation's activities. */
function Published({ activity, organisationId }: { activity: ActivityDetail; organisationId: string }) {
  const waiting = activity.status === 'pending_approval'
  return (
    <View>
      <View className="status">
        <Text className="status-title">{waiting ? '已交社区两委审批' : '活动已发布'}</Text>
        <Text className="status-text">
          {waiting
            ? `这是重大活动：${reasonsText(activity.approvalReasons)}。批准后居民才能看到、报名，结果会通知您。`
            : '居民现在就能在“活动”里看到并报名。'}
        </Text>
      </View>
      <ActivityCard activity={activity} />
      {activity.volunteerMinutes > 0 ? <Text className="note">志愿者最多记 {formatMinutes(activity.volunteerMinutes)}</Text> : null}
      <Button className="btn btn-primary btn-block" onClick={() => Taro.redirectTo({ url: paths.manageActivities(organisationId) })}>
        看本组织的活动
      </Button>
    </View>
  )
}
