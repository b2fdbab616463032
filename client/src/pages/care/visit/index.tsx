import { Button, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import type { VisitAssignment, VisitView } from '../../../../../shared/contracts/care'
import { careContract } from '../../../../../shared/contracts/care'
import {
  visitModeLabel,
  visitModeSchema,
  wellbeingLabel,
  wellbeingSchema,
  type VisitMode,
  type Wellbeing,
} from '../../../../../shared/domain/care'
import { urgencyLabel, urgencySchema, type Urgency } from '../../../../../shared/domain/need'
import { DEFAULT_VISIT_MINUTES, MAX_VISIT_MINUTES, MIN_VISIT_MINUTES } from '../../../../../shared/domain/timebank'
import { helpKinds, type HelpKind } from '../../../../../shared/domain/vocabulary'
import { api } from '../../../api'
import { BusyButton } from '../../../components/busy-button'
import { careFieldKey, daysAgo, RecentDayField } from '../../../components/care'
import { Choices, Field, Stepper, TextAreaField } from '../../../components/form'
import { ListItem } from '../../../components/list'
import { EmergencyPanel } from '../../../components/need'
import { PageShell } from '../../../components/page-shell'
import { Empty, Loaded } from '../../../components/status'
import { formatMinutes } from '../../../format'
import { useLoad } from '../../../hooks/use-load'
import { useRequestId } from '../../../hooks/use-request-id'
import { useSteppedForm } from '../../../hooks/use-stepped-form'
import { paths, usePageParams } from '../../../routes'

interface Draft {
  /** Days before today; 0 is now. */
  days: number
  mode: VisitMode | null
  wellbeing: Wellbeing | null
  /** 服务时长, credited to the visitor's time bank. */
  minutes: number
  notes: string
  /** 有困难需要帮助: the visit raises a need on the person's behalf. */
  worried: boolean
  helpKind: HelpKind | null
  urgency: Urgency | null
  description: string
}

const initial: Draft = {
  days: 0,
  mode: null,
  wellbeing: null,
  minutes: DEFAULT_VISIT_MINUTES,
  notes: '',
  worried: false,
  helpKind: null,
  urgency: null,
  description: '',
}

const worryChoices = { 没有困难: false, 有困难需要帮助: true } as const
type WorryChoice = keyof typeof worryChoices

/** One tap of − or + on 服务时长. */
const STEP_MINUTES = 10

/** 记录探访 for one person paired with me: one screen, one submit, which also raises a need when there is a worry. */
export default function VisitPage() {
  const { id = '' } = usePageParams()
  const load = useLoad(() => api.care.myVisits())
  const [recorded, setRecorded] = useState<VisitView | null>(null)
  return (
    <PageShell>
      <Loaded load={load}>
        {({ people }) => {
          const person = people.find((p) => p.entryId === id)
          if (!person) return <Empty title="找不到这位居民">您可能已不再和这位居民结对，请回到“我的探访”看看。</Empty>
          return recorded ? <Recorded person={person} visit={recorded} /> : <VisitForm person={person} onRecorded={setRecorded} />
        }}
      </Loaded>
    </PageShell>
  )
}

function VisitForm({ person, onRecorded }: { person: VisitAssignment; onRecorded(visit: VisitView): void }) {
  // Sent again on a retry: the visit is recorded, and its time credited, once.
  const [requestId] = useRequestId()
  const form = useSteppedForm({
    initial,
    steps: [
      {
        title: '探访',
        fields: ['visitedAt', 'mode', 'wellbeing', 'minutes', 'notes', 'worry', 'worry.helpKind', 'worry.urgency', 'worry.description'],
      },
    ],
    schema: careContract.actions.recordVisit.input,
    toInput: (draft: Draft) => ({
      entryId: person.entryId,
      visitedAt: daysAgo(draft.days),
      mode: draft.mode ?? undefined,
      wellbeing: draft.wellbeing ?? undefined,
      minutes: draft.minutes,
      requestId,
      notes: draft.notes.trim() || undefined,
      worry: draft.worried
        ? { helpKind: draft.helpKind ?? undefined, urgency: draft.urgency ?? undefined, description: draft.description }
        : undefined,
    }),
    unchosen: {
      mode: '请选上门还是电话',
      wellbeing: '请选本人情况怎么样',
      'worry.helpKind': '请选要帮什么忙',
      'worry.urgency': '请选有多急',
    },
    fieldKey: careFieldKey,
    problemKey: {
      days: 'visitedAt',
      worried: 'worry',
      helpKind: 'worry.helpKind',
      urgency: 'worry.urgency',
      description: 'worry.description',
    },
  })
  const { draft, change, problems } = form

  const chooseWellbeing = (wellbeing: Wellbeing) => {
    change('wellbeing', wellbeing)
    // Someone who needs help now needs it asked for, on this same screen.
    if (wellbeing === 'urgent') change('worried', true)
  }

  const record = () =>
    form.submit(async (input) => {
      const { visit } = await api.care.recordVisit(input)
      onRecorded(visit)
    })

  return (
    <View>
      {draft.worried && <EmergencyPanel need={draft} />}
      <Text className="greeting">探访 {person.name}</Text>
      <View id="visit-form" className="card">
        <RecentDayField label="哪天探访的" days={draft.days} error={problems.visitedAt} onChange={(days) => change('days', days)} />
        <Field label="怎么探访的" error={problems.mode}>
          <Choices
            options={visitModeSchema.options}
            chosen={draft.mode ? [draft.mode] : []}
            labelOf={(m) => visitModeLabel[m]}
            onToggle={(m) => change('mode', m)}
          />
        </Field>
        <Field label="本人情况怎么样" error={problems.wellbeing}>
          <Choices
            wide
            options={wellbeingSchema.options}
            chosen={draft.wellbeing ? [draft.wellbeing] : []}
            labelOf={(w) => wellbeingLabel[w]}
            onToggle={chooseWellbeing}
          />
        </Field>
        <Field label="服务时长" hint={`计入您的时间银行；每点一下加减 ${STEP_MINUTES} 分钟`} error={problems.minutes}>
          <Stepper
            id="visit-minutes"
            value={draft.minutes}
            min={MIN_VISIT_MINUTES}
            max={MAX_VISIT_MINUTES}
            step={STEP_MINUTES}
            unit={formatMinutes}
            onChange={(n) => change('minutes', n)}
          />
        </Field>
        <TextAreaField
          id="visit-notes"
          label="说几句（可不填）"
          hint="社区两委能看到"
          maxlength={300}
          value={draft.notes}
          error={problems.notes}
          onChange={(v) => change('notes', v)}
        />
        <Field label="本人有没有困难" hint="有困难的，提交时会替本人发起求助，附近的组织来帮忙" error={problems.worry}>
          <Choices
            wide
            options={Object.keys(worryChoices) as WorryChoice[]}
            chosen={[draft.worried ? '有困难需要帮助' : '没有困难']}
            onToggle={(choice) => change('worried', worryChoices[choice])}
          />
        </Field>
        {draft.worried && (
          <View id="visit-worry">
            <Field label="要帮什么忙" hint="选一个最接近的" error={problems['worry.helpKind']}>
              <Choices options={helpKinds} chosen={draft.helpKind ? [draft.helpKind] : []} onToggle={(kind) => change('helpKind', kind)} />
            </Field>
            <Field label="有多急" error={problems['worry.urgency']}>
              <Choices
                wide
                options={urgencySchema.options}
                chosen={draft.urgency ? [draft.urgency] : []}
                labelOf={(u) => urgencyLabel[u]}
                onToggle={(u) => change('urgency', u)}
              />
            </Field>
            <TextAreaField
              id="visit-worry-description"
              label="什么困难"
              hint="写清楚要帮什么，接单的组织会看到"
              maxlength={500}
              value={draft.description}
              error={problems['worry.description']}
              onChange={(v) => change('description', v)}
            />
          </View>
        )}
      </View>
      {form.failure ? <Text className="field-error">{form.failure}</Text> : null}
      <BusyButton id="visit-send" primary busy={form.sending} label={draft.worried ? '记录探访并发起求助' : '记录探访'} onClick={record} />
    </View>
  )
}

/** Recorded: what was kept, and the need it raised with the way to follow it. */
function Recorded({ person, visit }: { person: VisitAssignment; visit: VisitView }) {
  return (
    <View>
      <View className="status">
        <Text className="status-title">探访已记录</Text>
        <Text className="status-text">
          {person.name}：{visit.modeLabel}，情况{visit.wellbeingLabel}。
        </Text>
        {visit.minutes ? (
          <Text id="visit-recorded-minutes" className="status-text">
            服务时长 {formatMinutes(visit.minutes)}，已计入您的时间银行（超过每天上限的部分等社区审核）。
          </Text>
        ) : null}
      </View>
      {visit.needId ? (
        <View id="visit-need" className="card">
          <Text className="card-title">已替{person.name}发起求助</Text>
          <Text className="card-text">附近的组织接单后会来帮忙，您可以随时看进展。</Text>
          <ListItem title="看这条求助的进展" onClick={() => Taro.redirectTo({ url: paths.need(visit.needId!) })} />
        </View>
      ) : null}
      <Button className="btn btn-primary btn-block" onClick={() => Taro.navigateBack()}>
        回到我的探访
      </Button>
    </View>
  )
}
