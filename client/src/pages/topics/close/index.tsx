import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import type { TopicView } from '../../../../../shared/contracts/deliberation'
import { api } from '../../../api'
import { BusyButton } from '../../../components/busy-button'
import { Fact, SectionHeader } from '../../../components/list'
import { TextAreaField } from '../../../components/form'
import { PageShell } from '../../../components/page-shell'
import { Loaded } from '../../../components/status'
import { useLoad } from '../../../hooks/use-load'
import { useSubmit } from '../../../hooks/use-submit'
import { paths, usePageParams } from '../../../routes'

/** The committee's result: the decision and the minutes once; after that, what was done about it. */
export default function CloseTopicPage() {
  const { id = '' } = usePageParams()
  const load = useLoad(() => api.community.topic({ topicId: id }), [id])
  return (
    <PageShell>
      <Loaded load={load}>{(topic) => (topic.status === 'decided' ? <FollowUp topic={topic} /> : <Close topic={topic} />)}</Loaded>
    </PageShell>
  )
}

const backToTopic = (topicId: string) => Taro.redirectTo({ url: paths.topic(topicId) })

function Close({ topic }: { topic: TopicView }) {
  const [decision, setDecision] = useState('')
  const [minutes, setMinutes] = useState('')
  const submit = useSubmit({ decision, minutes })
  const close = () =>
    void submit.run(async () => {
      await api.community.closeTopic({ topicId: topic.topicId, decision, minutes })
      await backToTopic(topic.topicId)
    })
  return (
    <View>
      <View className="card">
        <Text className="card-title">{topic.title}</Text>
        <Fact label="已投票">{topic.votes} 人</Fact>
        {topic.tally?.map((t) => (
          <Fact key={t.option} label={t.option}>
            {t.count} 票
          </Fact>
        ))}
        {topic.status !== 'counted' && <Text className="field-hint">结束后不能再投票，各选项票数随即公布。</Text>}
      </View>
      <TextAreaField
        id="topic-decision"
        label="决定"
        maxlength={500}
        value={decision}
        error={submit.errorOf('decision')}
        onChange={setDecision}
      />
      <TextAreaField
        id="topic-minutes"
        label="议事纪要"
        hint="时间、参加的人、各方意见、表决情况"
        maxlength={5000}
        value={minutes}
        error={submit.errorOf('minutes')}
        onChange={setMinutes}
      />
      {submit.errorOf() ? <Text className="field-error">{submit.errorOf()}</Text> : null}
      <BusyButton id="topic-close-send" primary busy={submit.busy} label="结束议题，公布结果" onClick={close} />
    </View>
  )
}

function FollowUp({ topic }: { topic: TopicView }) {
  const [text, setText] = useState('')
  const submit = useSubmit({ text })
  const add = () =>
    void submit.run(async () => {
      await api.community.addFollowUp({ topicId: topic.topicId, text })
      await backToTopic(topic.topicId)
    })
  return (
    <View>
      <View className="card">
        <Text className="card-title">{topic.title}</Text>
        <Fact label="决定">{topic.decision}</Fact>
      </View>
      <SectionHeader title="落实情况" hint="做了什么、做到哪一步，居民都能看到" />
      <TextAreaField
        id="topic-follow-up-text"
        label="这次补充"
        maxlength={1000}
        value={text}
        error={submit.errorOf('text')}
        onChange={setText}
      />
      {submit.errorOf() ? <Text className="field-error">{submit.errorOf()}</Text> : null}
      <BusyButton id="topic-follow-up-send" primary busy={submit.busy} label="补充落实情况" onClick={add} />
    </View>
  )
}
