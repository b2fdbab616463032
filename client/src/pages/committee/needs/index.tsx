import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import { api } from '../../../api'
import { Choices, Field } from '../../../components/form'
import { ListItem, SectionHeader } from '../../../components/list'
import { PageShell } from '../../../components/page-shell'
import { Empty, Loaded } from '../../../components/status'
import { formatWaiting } from '../../../format'
import { useLoad } from '../../../hooks/use-load'
import { useSubmit } from '../../../hooks/use-submit'
import { go, paths, usePageParams } from '../../../routes'

/** 求助待办: needs to review, flagged, unaccepted, possibly duplicated or overdue; 危及生命安全 first, then 紧急, then by age. */
export default function NeedsQueuePage() {
  const { communityId = '' } = usePageParams()
  const load = useLoad(() => api.needs.queue({ communityId }))
  return (
    <PageShell>
      <Loaded load={load}>
        {(queue) => (
          <View>
            {queue.needs.length === 0 ? (
              <Empty title="没有待处理的求助">无人接单、待审核、被标记、可能重复或接单后逾期未办完的求助会出现在这里。</Empty>
            ) : (
              <View className="card">
                {queue.needs.map(({ need, reason, reasonLabel, waitingMinutes }) => (
                  <ListItem
                    key={need.id}
                    title={`${reasonLabel}：${need.helpKind}`}
                    detail={`${need.urgencyLabel} · ${need.neighbourhood}`}
                    extra={formatWaiting(waitingMinutes)}
                    onClick={() => go(paths.committeeNeed(need.id, reason))}
                  />
                ))}
              </View>
            )}
            <ReviewSetting
              communityId={communityId}
              reviewBeforeMatching={queue.reviewBeforeMatching}
              onChanged={(reviewBeforeMatching) => load.replace((shown) => ({ ...shown, reviewBeforeMatching }))}
            />
          </View>
        )}
      </Loaded>
    </PageShell>
  )
}

const reviewChoices = { 先审核再派单: true, 直接派单: false } as const
type ReviewChoice = keyof typeof reviewChoices

/** 先审核再派单 for the whole community, showing the setting as the queue's answer gave it. */
function ReviewSetting({
  communityId,
  reviewBeforeMatching,
  onChanged,
}: {
  communityId: string
  reviewBeforeMatching: boolean
  onChanged(reviewBeforeMatching: boolean): void
}) {
  const [changed, setChanged] = useState(false)
  const submit = useSubmit()
  const choose = (choice: ReviewChoice) =>
    submit.run(async () => {
      const answer = await api.needs.settings({ communityId, reviewBeforeMatching: reviewChoices[choice] })
      onChanged(answer.reviewBeforeMatching)
      setChanged(true)
    })
  const current: ReviewChoice = reviewBeforeMatching ? '先审核再派单' : '直接派单'
  return (
    <View className="card">
      <SectionHeader title="新求助怎么处理" hint="先审核：每条求助经两委通过后才派给组织（危及生命安全的除外）" />
      <Field label="本社区" error={submit.errorOf()}>
        <Choices options={Object.keys(reviewChoices) as ReviewChoice[]} chosen={[current]} onToggle={choose} />
      </Field>
      {changed ? <Text className="note">已设为：{current}</Text> : null}
    </View>
  )
}
