import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import type { NeedView } from '../../../../../shared/contracts/needs'
import { callFirst, needStatusAfter, outcomeLabel, outcomeSchema, type Outcome } from '../../../../../shared/domain/need'
import { api } from '../../../api'
import { BusyButton } from '../../../components/busy-button'
import { CallButton } from '../../../components/call-button'
import { ConfirmAction } from '../../../components/confirm-action'
import { Choices, Field, StarRating, TextAreaField } from '../../../components/form'
import { SectionHeader } from '../../../components/list'
import { TakenDownNotice } from '../../../components/moderation'
import { EmergencyPanel, NeedCard, NeedFacts, Timeline } from '../../../components/need'
import { PageShell } from '../../../components/page-shell'
import { Loaded } from '../../../components/status'
import { useLoad } from '../../../hooks/use-load'
import { useSubmit } from '../../../hooks/use-submit'
import { usePageParams } from '../../../routes'

/** A need's page for the person who raised it: where it stands, its timeline, and their answer. */
export default function NeedPage() {
  const { id = '' } = usePageParams()
  const load = useLoad(() => api.needs.detail({ needId: id }))
  return (
    <PageShell>
      <Loaded load={load}>
        {({ need }) => {
          const replace = (next: NeedView) => load.replace({ need: next })
          const open = needStatusAfter(need.status, 'cancel') !== null
          // While it is open, 危及生命安全 and 防骗维权 show the numbers to call first.
          const calls = open && callFirst(need) !== null
          return (
            <View>
              {calls ? <EmergencyPanel need={need} committeePhone={need.committeePhone} /> : <CommitteeCall need={need} />}
              <NeedCard whole need={need} />
              <TakenDownNotice takenDown={need.takenDown} />
              <NeedFacts need={need} />
              {need.status === 'done' && <ConfirmForm need={need} onAnswered={replace} />}
              {open && (
                <ConfirmAction
                  danger
                  label="取消求助"
                  question="还没有组织接单。确定取消这条求助吗？"
                  reason={{ label: '为什么取消', required: false }}
                  onConfirm={async (reason) => replace((await api.needs.cancel({ needId: need.id, reason })).need)}
                />
              )}
              {need.timeline && <Timeline events={need.timeline} />}
            </View>
          )
        }}
      </Loaded>
    </PageShell>
  )
}

/** The committee's phone, when the function gives it: the need is 危及生命安全, or the committee has it (decision 037). */
function CommitteeCall({ need }: { need: NeedView }) {
  if (!need.committeePhone) return null
  return (
    <View id="committee-call" className="card">
      <Text className="card-text">
        {need.status === 'escalated'
          ? '附近暂时没有组织接单，社区两委会安排人来帮您。着急的话，直接打给社区：'
          : '有什么事，直接打给社区：'}
      </Text>
      <CallButton primary phone={need.committeePhone} label={`社区两委 ${need.committeePhone}`} />
    </View>
  )
}

/** 成效由群众评价: solved, partly or not, and 1 to 5 stars; 未解决 asks the organisations again. */
function ConfirmForm({ need, onAnswered }: { need: NeedView; onAnswered(need: NeedView): void }) {
  const [result, setResult] = useState<Exclude<Outcome, 'unrated'> | null>(null)
  const [rating, setRating] = useState(0)
  const [comment, setComment] = useState('')
  const [missing, setMissing] = useState<{ result?: string; rating?: string }>({})
  const submit = useSubmit(['result', 'rating', 'comment'])

  const send = async () => {
    const found = { result: result ? undefined : '请选帮得怎么样', rating: rating > 0 ? undefined : '请点星星打分' }
    setMissing(found)
    if (!result || rating === 0) return
    await submit.run(async () => {
      const answer = await api.needs.confirm({ needId: need.id, result, rating, comment: comment.trim() || undefined })
      onAnswered(answer.need)
    })
  }

  return (
    <View id="confirm-form" className="card">
      <SectionHeader title="帮得怎么样？" hint={`${need.acceptedBy?.name ?? '组织'}说已经做完了，请您说一说`} />
      <Field label="问题解决了吗" hint="选“未解决”，会再请别的组织来帮您" error={missing.result ?? submit.errorOf('result')}>
        <Choices
          wide
          options={outcomeSchema.options}
          chosen={result ? [result] : []}
          labelOf={(o) => outcomeLabel[o]}
          onToggle={(o) => setResult(o)}
        />
      </Field>
      <Field label="打个分" error={missing.rating ?? submit.errorOf('rating')}>
        <StarRating value={rating} onChange={setRating} />
      </Field>
      <TextAreaField
        id="confirm-comment"
        label="还想说的话（可不填）"
        maxlength={200}
        value={comment}
        error={submit.errorOf('comment')}
        onChange={setComment}
      />
      {submit.errorOf() ? <Text className="field-error">{submit.errorOf()}</Text> : null}
      <BusyButton id="confirm-send" primary busy={submit.busy} label="提交评价" onClick={send} />
    </View>
  )
}
