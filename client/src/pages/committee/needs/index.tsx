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

/** 求助待办: needs to review, flagged, unaccepted or possibly duplicated, oldest first. */
export default function NeedsQueuePage() {
  const { communityId = '' } = usePageParams()
  const load = useLoad(() => api.needs.queue({ communityId }))
  return (
    <PageShell>
      <Loaded load={load}>
        {({ needs }) =>
          needs.length === 0 ? (
            <Empty title='没有待处理的求助'>无人接单、待审核、被标记或可能重复的求助会出现在这里。</Empty>
          ) : (
            <View className='card'>
              {needs.map(({ need, reason, reasonLabel, waitingMinutes }) => (
                <ListItem
                  key={need.id}
                  title={`${reasonLabel}：${need.helpKind}`}
                  detail={`${need.urgencyLabel} · ${need.neighbourhood}`}
                  extra={formatWaiting(waitingMinutes)}
                  onClick={() => go(paths.committeeNeed(need.id, reason))}
                />
              ))}
            </View>
          )
        }
      </Loaded>
      <ReviewSetting communityId={communityId} />
    </PageShell>
  )
}

const reviewChoices = { 先审核再派单: true, 直接派单: false } as const
type ReviewChoice = keyof typeof reviewChoices

/**
 * 先审核再派单 for the whole community. The function answers with the setting only when it is
 * changed, so the page shows it once chosen here.
 */
function ReviewSetting({ communityId }: { communityId: string }) {
  const [current, setCurrent] = useState<ReviewChoice | null>(null)
  const submit = useSubmit()
  const choose = (choice: ReviewChoice) =>
    submit.run(async () => {
      const { reviewBeforeMatching } = await api.needs.settings({ communityId, reviewBeforeMatching: reviewChoices[choice] })
      setCurrent(reviewBeforeMatching ? '先审核再派单' : '直接派单')
    })
  return (
    <View className='card'>
      <SectionHeader title='新求助怎么处理' hint='先审核：每条求助经两委通过后才派给组织（危及生命安全的除外）' />
      <Field label='本社区' error={submit.errorOf()}>
        <Choices options={Object.keys(reviewChoices) as ReviewChoice[]} chosen={current ? [current] : []} onToggle={choose} />
      </Field>
      {current ? <Text className='note'>已设为：{current}</Text> : null}
    </View>
  )
}
