import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import type { HeldCreditView } from '../../../../../shared/contracts/timebank'
import { MAX_DAILY_CAP_MINUTES, MIN_DAILY_CAP_MINUTES } from '../../../../../shared/domain/timebank'
import { api } from '../../../api'
import { BusyButton } from '../../../components/busy-button'
import { ConfirmAction } from '../../../components/confirm-action'
import { Field, Stepper } from '../../../components/form'
import { SectionHeader } from '../../../components/list'
import { PageShell } from '../../../components/page-shell'
import { Empty, Loaded } from '../../../components/status'
import { serviceSource } from '../../../components/time-bank'
import { formatDay, formatMinutes } from '../../../format'
import { useLoad } from '../../../hooks/use-load'
import { useSubmit } from '../../../hooks/use-submit'
import { usePageParams } from '../../../routes'

/**
 * 超上限待审核: service beyond a person's daily cap waits here rather than being credited; the
 * committee credits it or declines it with a reason. The cap itself is set here too.
 */
export default function HeldCreditsPage() {
  const { communityId = '' } = usePageParams()
  const load = useLoad(() => api.timebank.heldCredits({ communityId }))
  // The function lists only what still waits: what was just decided is said here once.
  const [decided, setDecided] = useState('')
  return (
    <PageShell>
      <Loaded load={load}>
        {({ held, dailyCapMinutes }) => (
          <View>
            <Text className="page-hint">每人每天服务时间最多入账 {formatMinutes(dailyCapMinutes)}，超出的部分在这里等审核。</Text>
            {decided ? (
              <View id="held-decided" className="note">
                <Text>{decided}</Text>
              </View>
            ) : null}
            {held.length === 0 ? (
              <Empty title="没有等待审核的时间" />
            ) : (
              held.map((h) => (
                <Held
                  key={h.id}
                  held={h}
                  onReviewed={(what) => {
                    setDecided(what)
                    load.reload()
                  }}
                />
              ))
            )}
            <DailyCap communityId={communityId} minutes={dailyCapMinutes} onSaved={load.reload} />
          </View>
        )}
      </Loaded>
    </PageShell>
  )
}

function Held({ held, onReviewed }: { held: HeldCreditView; onReviewed(what: string): void }) {
  const review = async (decision: 'credit' | 'decline', reason?: string) => {
    await api.timebank.reviewHeldCredit({ heldId: held.id, decision, reason })
    const minutes = formatMinutes(held.heldMinutes)
    onReviewed(decision === 'credit' ? `已把 ${minutes} 记入 ${held.personName} 的时间银行` : `${held.personName} 的 ${minutes} 不予入账`)
  }
  return (
    <View className="card held">
      <Text className="card-title">{held.personName}</Text>
      <Text className="card-text">{serviceSource(held.service)}</Text>
      {held.cause === 'disputed' ? (
        <Text className="card-text">
          {formatDay(held.day)} 负责人记了 {formatMinutes(held.recordMinutes)}，但求助人答复未解决，
          <Text className="item-price">{formatMinutes(held.heldMinutes)}</Text> 等您审核
          {held.unrecoveredMinutes ? `（另有 ${formatMinutes(held.unrecoveredMinutes)} 已被用掉，无法收回）` : ''}
        </Text>
      ) : (
        <Text className="card-text">
          {formatDay(held.day)} 这次服务 {formatMinutes(held.recordMinutes)}，超出当天上限{' '}
          <Text className="item-price">{formatMinutes(held.heldMinutes)}</Text>
        </Text>
      )}
      <ConfirmAction
        primary
        label="入账"
        question={`把这 ${formatMinutes(held.heldMinutes)} 记入 ${held.personName} 的时间银行？`}
        onConfirm={() => review('credit')}
      />
      <ConfirmAction
        danger
        label="不予入账"
        question={`不把这 ${formatMinutes(held.heldMinutes)} 记入 ${held.personName} 的时间银行？`}
        reason={{ label: '理由', required: true }}
        onConfirm={(reason) => review('decline', reason)}
      />
    </View>
  )
}

function DailyCap({ communityId, minutes, onSaved }: { communityId: string; minutes: number; onSaved(): void }) {
  const [cap, setCap] = useState(minutes)
  const save = useSubmit(['dailyCapMinutes'])
  return (
    <View id="daily-cap" className="card">
      <SectionHeader title="每人每天入账上限" hint="防止记错或多记；超出的部分要两委审核" />
      <Field label="上限" error={save.errorOf('dailyCapMinutes')}>
        <Stepper value={cap} min={MIN_DAILY_CAP_MINUTES} max={MAX_DAILY_CAP_MINUTES} step={60} unit={formatMinutes} onChange={setCap} />
      </Field>
      {save.errorOf() ? <Text className="field-error">{save.errorOf()}</Text> : null}
      <BusyButton
        busy={save.busy}
        label="保存上限"
        onClick={() =>
          save.run(async () => {
            await api.timebank.settings({ communityId, dailyCapMinutes: cap })
            onSaved()
          })
        }
      />
    </View>
  )
}
