import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import type { NeedView } from '../../../../../shared/contracts/needs'
import type { Candidate } from '../../../../../shared/contracts/organisations'
import { MAX_SERVICE_MINUTES } from '../../../../../shared/domain/need'
import { api } from '../../../api'
import { BusyButton } from '../../../components/busy-button'
import { Choices, Field, Stepper, TextAreaField } from '../../../components/form'
import { SectionHeader } from '../../../components/list'
import { NeedCard, NeedFacts, Timeline } from '../../../components/need'
import { PageShell } from '../../../components/page-shell'
import { Loaded } from '../../../components/status'
import { useLoad } from '../../../hooks/use-load'
import { useSubmit } from '../../../hooks/use-submit'
import { usePageParams } from '../../../routes'
import { useRoles } from '../../../state/me'

/** Minutes change by this much per tap: nobody counts service to the minute on a stepper. */
const MINUTES_STEP = 10
const DEFAULT_MINUTES = 60

/**
 * The task page of the organisation that accepted a need: who and where while it is open (call
 * them), progress notes, and for the lead the volunteers and marking it done with each one's minutes.
 */
export default function TaskPage() {
  const { id = '', organisationId = '' } = usePageParams()
  const leads = useRoles().some((r) => r.role === 'organisation_lead' && r.organisationId === organisationId)
  const load = useLoad(async () => {
    const [{ need }, { candidates, pausedCount }] = await Promise.all([
      api.needs.detail({ needId: id }),
      // The members to choose from are the lead's: an assigned volunteer sees the names on the task.
      leads ? api.organisations.candidates({ organisationId, needId: id }) : { candidates: [], pausedCount: 0 },
    ])
    return { need, candidates, pausedCount }
  }, [leads])
  return (
    <PageShell>
      <Loaded load={load}>
        {({ need, candidates, pausedCount }) => {
          const replace = (next: NeedView) => load.replace((shown) => ({ ...shown, need: next }))
          const ref = { organisationId, needId: need.id }
          return (
            <View>
              <NeedCard whole need={need} />
              <NeedFacts need={need} call />
              {need.status === 'accepted' && (
                <View>
                  {leads && (
                    <Volunteers
                      need={need}
                      candidates={candidates}
                      pausedCount={pausedCount}
                      onAssign={async (memberIds) => replace((await api.needs.assignVolunteers({ ...ref, memberIds })).need)}
                    />
                  )}
                  <Progress onPost={async (text) => replace((await api.needs.postProgress({ ...ref, text })).need)} />
                  {leads && (
                    <DoneForm
                      need={need}
                      onDone={async (summary, service) => replace((await api.needs.markDone({ ...ref, summary, service })).need)}
                    />
                  )}
                </View>
              )}
              {need.timeline && <Timeline events={need.timeline} />}
            </View>
          )
        }}
      </Loaded>
    </PageShell>
  )
}

/** The members who fit first (decision 045), each with why and what they already carry; paused ones are not offered. */
function Volunteers({
  need,
  candidates,
  pausedCount,
  onAssign,
}: {
  need: NeedView
  candidates: Candidate[]
  pausedCount: number
  onAssign(memberIds: string[]): Promise<void>
}) {
  const assigned = need.volunteers ?? []
  const [chosen, setChosen] = useState(() => assigned.map((v) => v.memberId))
  const submit = useSubmit(['memberIds'])
  const labelOf = new Map([
    // Someone assigned before they paused stays on the task until taken off.
    ...assigned.map((v) => [v.memberId, v.name] as const),
    ...candidates.map((c) => [c.memberId, c.name] as const),
  ])
  const reasonsOf = new Map(candidates.map((c) => [c.memberId, c.reasons.join(' · ')]))
  const options = [
    ...candidates.map((c) => c.memberId),
    ...assigned.map((v) => v.memberId).filter((m) => !candidates.some((c) => c.memberId === m)),
  ]
  const toggle = (memberId: string) => setChosen(chosen.includes(memberId) ? chosen.filter((m) => m !== memberId) : [...chosen, memberId])
  return (
    <View className="card">
      <SectionHeader title="安排志愿者" hint="可以选几位；合适的排在前面" />
      <Field
        label="组织成员"
        hint={pausedCount > 0 ? `另有 ${pausedCount} 位暂停接单，不在这里` : undefined}
        error={submit.errorOf('memberIds') ?? submit.errorOf()}
      >
        <Choices
          wide
          options={options}
          chosen={chosen}
          labelOf={(m) => labelOf.get(m) ?? m}
          detailOf={(m) => reasonsOf.get(m)}
          onToggle={toggle}
        />
      </Field>
      <BusyButton id="assign-volunteers" busy={submit.busy} label="安排这几位" onClick={() => submit.run(() => onAssign(chosen))} />
    </View>
  )
}

function Progress({ onPost }: { onPost(text: string): Promise<void> }) {
  const [text, setText] = useState('')
  const submit = useSubmit(['text'])
  const post = async () => {
    if (await submit.run(() => onPost(text))) setText('')
  }
  return (
    <View className="card">
      <SectionHeader title="记录进展" hint="求助人和社区都能看到" />
      <TextAreaField
        id="progress-text"
        label="做到哪一步了"
        maxlength={300}
        value={text}
        error={submit.errorOf('text') ?? submit.errorOf()}
        onChange={setText}
      />
      <BusyButton busy={submit.busy} label="记下进展" onClick={post} />
    </View>
  )
}

/** What was done, and how long each assigned volunteer served: the minutes go to the time bank. */
function DoneForm({
  need,
  onDone,
}: {
  need: NeedView
  onDone(summary: string, service: { memberId: string; minutes: number }[]): Promise<void>
}) {
  const volunteers = need.volunteers ?? []
  const [summary, setSummary] = useState('')
  const [minutes, setMinutes] = useState<Record<string, number>>({})
  const submit = useSubmit(['summary', 'service'])
  const minutesOf = (memberId: string) => minutes[memberId] ?? DEFAULT_MINUTES
  const service = volunteers.map((v) => ({ memberId: v.memberId, minutes: minutesOf(v.memberId) }))
  return (
    <View id="done-form" className="card">
      <SectionHeader title="标记完成" hint="写明做了什么；志愿者的服务时长会记入时间银行" />
      <TextAreaField
        id="done-summary"
        label="做了什么"
        maxlength={300}
        value={summary}
        error={submit.errorOf('summary')}
        onChange={setSummary}
      />
      {volunteers.length === 0 ? (
        <Text className="field-hint">还没有安排志愿者：安排后可以给每位记服务时长。</Text>
      ) : (
        volunteers.map((v) => (
          <Field key={v.memberId} label={`${v.name} 服务了多久`} error={submit.errorOf('service')}>
            <Stepper
              id={`minutes-${v.memberId}`}
              value={minutesOf(v.memberId)}
              min={MINUTES_STEP}
              max={MAX_SERVICE_MINUTES}
              step={MINUTES_STEP}
              unit="分钟"
              onChange={(n) => setMinutes({ ...minutes, [v.memberId]: n })}
            />
          </Field>
        ))
      )}
      {submit.errorOf() ? <Text className="field-error">{submit.errorOf()}</Text> : null}
      <BusyButton id="mark-done" primary busy={submit.busy} label="确认完成" onClick={() => submit.run(() => onDone(summary, service))} />
    </View>
  )
}
