import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import type { HeldCreditView } from '../../../../../shared/contracts/timebank'
import { MAX_DAILY_CAP_MINUTES, MIN_DAILY_CAP_MINUTES } from '../../../../../shared/domain/timebank'
import { api } from '../../../api'
import { BusyButton } from '../../../components/busy-button'
import { ConfirmAction } from '../../../components/confirm-action'
import { Field, Stepper } from '../../../components/form'
import { SectionHeader, Tags } from '../../../components/list'
import { PageShell } from '../../../components/page-shell'
import { Empty, Loaded } from '../../../components/status'
import { serviceSource } from '../../../components/time-bank'
import { formatDateTime, formatDay, formatMinutes } from '../../../format'
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
  return (
    <PageShell>
      <Loaded load={load}>
        {({ held, dailyCapMinutes }) => {
          const waiting = held.filter((h) => h.status === 'waiting')
          const reviewed = held.filter((h) => h.status !== 'waiting')
          return (
            <View>
              <Text className='page-hint'>每人每天服务时间最多入账 {formatMinutes(dailyCapMinutes)}，超出的部分在这里等审核。</Text>
              {waiting.length === 0 ? (
                <Empty title='没有等待审核的时间' />
              ) : (
                waiting.map((h) => <Held key={h.id} held={h} onReviewed={load.reload} />)
              )}
              {reviewed.length > 0 && (
                <View>
                  <SectionHeader title='已审核' />
                  {reviewed.map((h) => (
                    <Held key={h.id} held={h} onReviewed={load.reload} />
                  ))}
                </View>
              )}
              <DailyCap communityId={communityId} minutes={dailyCapMinutes} onSaved={load.reload} />
            </View>
          )
        }}
      </Loaded>
    </PageShell>
  )
}

function Held({ held, onReviewed }: { held: HeldCreditView; onReviewed(): void }) {
  const review = async (decision: 'credit' | 'decline', reason?: string) => {
    await api.timebank.reviewHeldCredit({ heldId: held.id, decision, reason })
    onReviewed()
  }
  return (
    <View className='card held'>
      <Text className='card-title'>{held.personName}</Text>
      <Tags tags={[held.statusLabel]} />
      <Text className='card-text'>{serviceSource(held.service)}</Text>
      <Text className='card-text'>
        {formatDay(held.day)} 这次服务 {formatMinutes(held.recordMinutes)}，超出当天上限 <Text className='item-price'>{formatMinutes(held.heldMinutes)}</Text>
      </Text>
      {held.reviewedAt ? (
        <Text className='card-label'>
          {held.reviewedByName} {formatDateTime(held.reviewedAt)} 审核{held.reason ? `：${held.reason}` : ''}
        </Text>
      ) : null}
      {held.status === 'waiting' && (
        <View>
          <ConfirmAction
            primary
            label='入账'
            question={`把超出的 ${formatMinutes(held.heldMinutes)} 记入 ${held.personName} 的时间银行？`}
            onConfirm={() => review('credit')}
          />
          <ConfirmAction
            label='不予入账'
            question={`不把这 ${formatMinutes(held.heldMinutes)} 记入 ${held.personName} 的时间银行？`}
            reason={{ label: '理由', required: true }}
            onConfirm={(reason) => review('decline', reason)}
          />
        </View>
      )}
    </View>
  )
}

function DailyCap({ communityId, minutes, onSaved }: { communityId: string; minutes: number; onSaved(): void }) {
  const [cap, setCap] = useState(minutes)
  const save = useSubmit(['dailyCapMinutes'])
  return (
    <View id='daily-cap' className='card'>
      <SectionHeader title='每人每天入账上限' hint='防止记错或多记；超出的部分要两委审核' />
      <Field label='上限' error={save.errorOf('dailyCapMinutes')}>
        <Stepper value={cap} min={MIN_DAILY_CAP_MINUTES} max={MAX_DAILY_CAP_MINUTES} step={60} unit={formatMinutes} onChange={setCap} />
      </Field>
      {save.errorOf() ? <Text className='field-error'>{save.errorOf()}</Text> : null}
      <BusyButton
        busy={save.busy}
        label='保存上限'
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
