import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import { MAX_REVIEW_LENGTH, verdictLabel, verdicts, type Verdict } from '../../../../../shared/domain/evaluation'
import { api } from '../../../api'
import { BusyButton } from '../../../components/busy-button'
import { Choices, TextAreaField } from '../../../components/form'
import { SectionHeader } from '../../../components/list'
import { PageShell } from '../../../components/page-shell'
import { useSubmit } from '../../../hooks/use-submit'
import { usePageParams } from '../../../routes'

/** 居民评议 (decision 051): one a year, for an organisation that served the resident. */
export default function ReviewPage() {
  const { id = '' } = usePageParams()
  const [verdict, setVerdict] = useState<Verdict | null>(null)
  const [text, setText] = useState('')
  const [done, setDone] = useState<string | null>(null)
  const submit = useSubmit({ verdict, text })
  if (done) {
    return (
      <PageShell>
        <View className="card">
          <Text className="card-title">谢谢您的评议</Text>
          <Text className="card-text">{done}</Text>
        </View>
      </PageShell>
    )
  }
  const send = async () => {
    if (!verdict) return
    await submit.run(async () => {
      const answer = await api.evaluation.review({ organisationId: id, verdict, ...(text.trim() ? { text: text.trim() } : {}) })
      setDone(`${answer.year} 年您的评议：${answer.verdictLabel}`)
    })
  }
  return (
    <PageShell>
      <View className="card">
        <SectionHeader title="您对这个组织满意吗？" hint="每年可以评议一次，两委评定时会看到" />
        <Choices<Verdict>
          options={verdicts}
          chosen={verdict ? [verdict] : []}
          labelOf={(v) => verdictLabel[v]}
          onToggle={setVerdict}
          wide
        />
        {submit.errorOf('verdict') ? <Text className="field-error">{submit.errorOf('verdict')}</Text> : null}
        <TextAreaField
          id="review-text"
          label="想说的话（可不填）"
          value={text}
          maxlength={MAX_REVIEW_LENGTH}
          error={submit.errorOf('text')}
          onChange={setText}
        />
        {submit.errorOf() ? <Text className="field-error">{submit.errorOf()}</Text> : null}
        {verdict ? (
          <BusyButton id="send-review" primary busy={submit.busy} label="提交评议" onClick={() => void send()} />
        ) : (
          <Text className="card-label">请先选一项</Text>
        )}
      </View>
    </PageShell>
  )
}
