import { Button, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { dayAfter, SUPPORTERS_TO_OPEN, YES_NO_ABSTAIN } from '../../../../../shared/domain/deliberation'
import { shanghaiDay } from '../../../../../shared/domain/timebank'
import { api } from '../../../api'
import { BusyButton } from '../../../components/busy-button'
import { CalendarDayChoice, Choices, Field, TextAreaField, TextField } from '../../../components/form'
import { PageShell } from '../../../components/page-shell'
import { formatDay } from '../../../format'
import { useSubmit } from '../../../hooks/use-submit'
import { paths, usePageParams } from '../../../routes'

const FIXED = `${YES_NO_ABSTAIN.join(' / ')}`
const OWN = '自己写选项'
const MAX_OPTIONS = 6
/** When voting starts, counted from today: a proposal needs days to gather its 附议, so not 今天. */
const starts = { 今天: 0, '3天后': 3, '7天后': 7 } as const
const lengths = { '3天': 3, '7天': 7, '14天': 14 } as const
type Start = keyof typeof starts
type Length = keyof typeof lengths

/** 发起议题 (the committee) or 提议一个议题 (a resident): what is to be decided, the background, the choices, the voting days. */
export default function NewTopicPage() {
  const { communityId = '', mode = 'propose' } = usePageParams()
  const opening = mode === 'open'
  const today = shanghaiDay(new Date())
  const [title, setTitle] = useState('')
  const [question, setQuestion] = useState('')
  const [background, setBackground] = useState('')
  const [own, setOwn] = useState(false)
  const [ownOptions, setOwnOptions] = useState(['', ''])
  const [votingFrom, setVotingFrom] = useState(dayAfter(today, 3))
  const [length, setLength] = useState<Length>('7天')
  const votingUntil = dayAfter(votingFrom, lengths[length] - 1)
  const options = own ? ownOptions.map((o) => o.trim()) : undefined
  const submit = useSubmit({ title, question, background, options, votingFrom, votingUntil })
  const startChoices = (Object.keys(starts) as Start[]).filter((s) => opening || starts[s] > 0)
  const namedStart = startChoices.find((s) => dayAfter(today, starts[s]) === votingFrom)

  const send = async () => {
    const input = { communityId, title, question, background, votingFrom, votingUntil, ...(options ? { options } : {}) }
    await submit.run(async () => {
      const { topicId } = opening ? await api.community.openTopic(input) : await api.community.proposeTopic(input)
      await Taro.redirectTo({ url: paths.topic(topicId) })
    })
  }

  return (
    <PageShell>
      {!opening && (
        <View className="card">
          <Text className="card-text">提议后请邻居附议：连您在内满 {SUPPORTERS_TO_OPEN} 位本社区居民附议，议题就开始讨论。</Text>
        </View>
      )}
      <TextField id="topic-title" label="议题名称" large maxlength={40} value={title} error={submit.errorOf('title')} onChange={setTitle} />
      <TextAreaField
        id="topic-question"
        label="要决定什么"
        hint="一句话说清楚，例如：3号楼是否加装电梯"
        maxlength={200}
        value={question}
        error={submit.errorOf('question')}
        onChange={setQuestion}
      />
      <TextAreaField
        id="topic-background"
        label="背景情况"
        maxlength={2000}
        value={background}
        error={submit.errorOf('background')}
        onChange={setBackground}
      />
      <Field label="大家怎么投票" error={submit.errorOf('options')}>
        <Choices wide options={[FIXED, OWN]} chosen={[own ? OWN : FIXED]} onToggle={(o) => setOwn(o === OWN)} />
      </Field>
      {own && (
        <View id="topic-options">
          {ownOptions.map((option, i) => (
            <TextField
              key={i}
              id={`topic-option-${i}`}
              label={`选项 ${i + 1}`}
              maxlength={30}
              value={option}
              onChange={(v) => setOwnOptions(ownOptions.map((o, j) => (j === i ? v : o)))}
            />
          ))}
          {ownOptions.length < MAX_OPTIONS && (
            <Button className="btn btn-plain btn-block" onClick={() => setOwnOptions([...ownOptions, ''])}>
              再加一个选项
            </Button>
          )}
        </View>
      )}
      <Field label="哪天开始投票" hint={`开始前大家可以讨论；现在选的是 ${formatDay(votingFrom)}`} error={submit.errorOf('votingFrom')}>
        <Choices
          options={startChoices}
          chosen={namedStart ? [namedStart] : []}
          onToggle={(s) => setVotingFrom(dayAfter(today, starts[s]))}
          extra={<CalendarDayChoice day={namedStart ? null : votingFrom} from={today} onPick={setVotingFrom} />}
        />
      </Field>
      <Field label="投票几天" hint={`投到 ${formatDay(votingUntil)} 为止`} error={submit.errorOf('votingUntil')}>
        <Choices options={Object.keys(lengths) as Length[]} chosen={[length]} onToggle={(l) => setLength(l)} />
      </Field>
      {submit.errorOf() ? <Text className="field-error">{submit.errorOf()}</Text> : null}
      <BusyButton id="topic-send" primary busy={submit.busy} label={opening ? '发起议题' : '提交提议'} onClick={() => void send()} />
    </PageShell>
  )
}
