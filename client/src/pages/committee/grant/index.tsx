import { Button, Text, View } from '@tarojs/components'
import { useState } from 'react'
import { timebankContract, type LedgerEntry } from '../../../../../shared/contracts/timebank'
import { MAX_GRANT_MINUTES } from '../../../../../shared/domain/timebank'
import { api } from '../../../api'
import { Field, StepFrame, Stepper, TextAreaField } from '../../../components/form'
import { PageShell } from '../../../components/page-shell'
import { ResidentFinder } from '../../../components/resident-finder'
import { formatMinutes } from '../../../format'
import { useRequestId } from '../../../hooks/use-request-id'
import { useSteppedForm } from '../../../hooks/use-stepped-form'
import { usePageParams } from '../../../routes'

const STEP_MINUTES = 30

interface Draft {
  person: { personId: string; name: string } | null
  minutes: number
  reason: string
}

const steps = [
  { title: '发给谁', fields: ['personId'] },
  { title: '发多少、为什么', fields: ['minutes', 'reason'] },
  { title: '请确认', fields: [] },
]

/** 发放: time from the community's pool to a resident in need, with a reason, after a confirmation. */
export default function GrantPage() {
  const { communityId = '' } = usePageParams()
  const [granted, setGranted] = useState<LedgerEntry | null>(null)
  // A new form, with a new request, after each grant.
  const [round, setRound] = useState(0)
  return (
    <PageShell>
      {granted ? (
        <View>
          <View className="status">
            <Text className="status-title">
              已发放 {formatMinutes(granted.minutes)} 给 {granted.to.name}
            </Text>
            <Text className="status-text">理由：{granted.reason}</Text>
          </View>
          <Button
            className="btn btn-plain btn-block"
            onClick={() => {
              setGranted(null)
              setRound(round + 1)
            }}
          >
            再发放一笔
          </Button>
        </View>
      ) : (
        <GrantForm key={round} communityId={communityId} onGranted={setGranted} />
      )}
    </PageShell>
  )
}

function GrantForm({ communityId, onGranted }: { communityId: string; onGranted(entry: LedgerEntry): void }) {
  const [requestId] = useRequestId()
  const form = useSteppedForm({
    initial: { person: null, minutes: 2 * STEP_MINUTES, reason: '' } as Draft,
    steps,
    schema: timebankContract.actions.grant.input,
    toInput: (draft: Draft) => ({ communityId, personId: draft.person?.personId, minutes: draft.minutes, reason: draft.reason, requestId }),
    unchosen: { personId: '请先找到并选一位居民' },
    problemKey: { person: 'personId' },
  })
  const { draft, change, problems, step } = form
  const grant = () => form.submit(async (input) => onGranted((await api.timebank.grant(input)).entry))

  return (
    <StepFrame form={form} submitLabel="确定发放" onSubmit={grant}>
      {step === 0 && (
        <Field label={draft.person ? `已选：${draft.person.name}` : '按姓名找到这位居民'} error={problems.personId}>
          <ResidentFinder id="resident-name" communityId={communityId} label="居民姓名">
            {(resident) => (
              <Button className="btn btn-plain" onClick={() => change('person', { personId: resident.personId, name: resident.name })}>
                {draft.person?.personId === resident.personId ? '✓ 已选' : '选这位'}
              </Button>
            )}
          </ResidentFinder>
        </Field>
      )}
      {step === 1 && (
        <View>
          <Field label={`发给 ${draft.person?.name ?? ''} 多少时间`} error={problems.minutes}>
            <Stepper
              id="grant-minutes"
              value={draft.minutes}
              min={STEP_MINUTES}
              max={MAX_GRANT_MINUTES}
              step={STEP_MINUTES}
              unit={formatMinutes}
              onChange={(n) => change('minutes', n)}
            />
          </Field>
          <TextAreaField
            id="grant-reason"
            label="为什么发放"
            hint="会记入社区收支明细"
            maxlength={200}
            value={draft.reason}
            error={problems.reason}
            onChange={(v) => change('reason', v)}
          />
        </View>
      )}
      {step === 2 && (
        <View id="grant-confirm">
          <Text className="confirm-question">
            从社区时间池发放 {formatMinutes(draft.minutes)} 给 {draft.person?.name}
          </Text>
          <Text className="card-text">理由：{draft.reason.trim()}</Text>
        </View>
      )}
    </StepFrame>
  )
}
