import { Button, Text, View } from '@tarojs/components'
import { useState } from 'react'
import { MAX_ACTIVITY_PLACES } from '../../../../../shared/contracts/activities'
import { activityKindLabel, activityKindSchema, type ActivityKind } from '../../../../../shared/domain/activity'
import { api } from '../../../api'
import { ActivityCard, reasonsText } from '../../../components/activity'
import { BusyButton } from '../../../components/busy-button'
import { ConfirmAction } from '../../../components/confirm-action'
import { Choices, Field, TextField } from '../../../components/form'
import { SectionHeader } from '../../../components/list'
import { PageShell } from '../../../components/page-shell'
import { Empty, Loaded } from '../../../components/status'
import { formatWaiting } from '../../../format'
import { useLoad } from '../../../hooks/use-load'
import { useSubmit } from '../../../hooks/use-submit'
import { go, paths, usePageParams } from '../../../routes'

type Approvals = Awaited<ReturnType<typeof api.activities.approvals>>
type Policy = Approvals['policy']

/**
 * 重大活动审批: the activities waiting for the committee, oldest first, each with why it is here
 * and how long it has waited; 批准, or 不批准 with a reason. Below, the community's rule for what
 * counts as major.
 */
export default function ActivityApprovalsPage() {
  const { communityId = '' } = usePageParams()
  const load = useLoad(() => api.activities.approvals({ communityId }))
  return (
    <PageShell>
      <Loaded load={load}>
        {(approvals) => {
          const decide = async (activityId: string, decision: 'approve' | 'reject', reason?: string) => {
            await api.activities.decide({ activityId, decision, reason })
            load.replace((shown) => ({ ...shown, activities: shown.activities.filter((a) => a.id !== activityId) }))
          }
          return (
            <View>
              {approvals.activities.length === 0 ? (
                <Empty title="没有等待审批的活动">组织发布重大活动后，会出现在这里。</Empty>
              ) : (
                approvals.activities.map((activity) => (
                  <ActivityCard key={activity.id} activity={activity}>
                    <Button className="btn btn-plain btn-block" onClick={() => go(paths.activity(activity.id))}>
                      看活动介绍
                    </Button>
                    <View className="note">
                      <Text className="role-label">为什么要审批：</Text>
                      <Text>{reasonsText(activity.approvalReasons)}</Text>
                    </View>
                    <Text className="countdown">{formatWaiting(activity.waitingMinutes)}</Text>
                    <Decision
                      onApprove={() => decide(activity.id, 'approve')}
                      onReject={(reason) => decide(activity.id, 'reject', reason)}
                    />
                  </ActivityCard>
                ))
              )}
              <PolicyForm
                communityId={communityId}
                policy={approvals.policy}
                onSaved={(policy) => load.replace((shown) => ({ ...shown, policy }))}
              />
            </View>
          )
        }}
      </Loaded>
    </PageShell>
  )
}

function Decision({ onApprove, onReject }: { onApprove(): Promise<void>; onReject(reason: string | undefined): Promise<void> }) {
  const submit = useSubmit()
  return (
    <View>
      <BusyButton primary busy={submit.busy} label="批准" onClick={() => submit.run(onApprove)} />
      {submit.errorOf() ? <Text className="field-error">{submit.errorOf()}</Text> : null}
      <ConfirmAction
        label="不批准"
        question="不批准的活动不会给居民看到。请写明理由，组织会收到。"
        reason={{ label: '不批准的理由', required: true }}
        onConfirm={onReject}
      />
    </View>
  )
}

/** 人数标准 and 须报批的类型: what sends an activity to this queue. */
function PolicyForm({ communityId, policy, onSaved }: { communityId: string; policy: Policy; onSaved(policy: Policy): void }) {
  const [threshold, setThreshold] = useState(String(policy.majorThreshold))
  const [kinds, setKinds] = useState<ActivityKind[]>(policy.majorKinds)
  const [problem, setProblem] = useState('')
  const [saved, setSaved] = useState(false)
  const submit = useSubmit(['majorThreshold', 'majorKinds'])
  const toggle = (kind: ActivityKind) => {
    setSaved(false)
    setKinds(kinds.includes(kind) ? kinds.filter((k) => k !== kind) : [...kinds, kind])
  }
  const save = async () => {
    const majorThreshold = Number(threshold)
    if (!Number.isInteger(majorThreshold) || majorThreshold < 1 || majorThreshold > MAX_ACTIVITY_PLACES) {
      setProblem(`请填 1 到 ${MAX_ACTIVITY_PLACES} 之间的整数`)
      return
    }
    setProblem('')
    const done = await submit.run(async () => onSaved(await api.activities.setPolicy({ communityId, majorThreshold, majorKinds: kinds })))
    setSaved(done)
  }
  return (
    <View id="activity-policy" className="card">
      <SectionHeader title="哪些活动要先审批" hint="重大活动报告制度：达到人数标准，或属于下面选中的类型，发布后先交两委审批" />
      <TextField
        id="major-threshold"
        type="number"
        label="人数标准：参加名额达到多少人"
        maxlength={4}
        value={threshold}
        error={problem || submit.errorOf('majorThreshold')}
        onChange={(value) => {
          setSaved(false)
          setThreshold(value)
        }}
      />
      <Field label="须报批的类型（不论人数）" error={submit.errorOf('majorKinds')}>
        <Choices options={activityKindSchema.options} chosen={kinds} labelOf={(k) => activityKindLabel[k]} onToggle={toggle} />
      </Field>
      {submit.errorOf() ? <Text className="field-error">{submit.errorOf()}</Text> : null}
      <BusyButton id="save-policy" busy={submit.busy} label="保存审批标准" onClick={save} />
      {saved ? <Text className="note">已保存</Text> : null}
    </View>
  )
}
