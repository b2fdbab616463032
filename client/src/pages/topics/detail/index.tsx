import { Button, Text, View } from '@tarojs/components'
import { useState } from 'react'
import type { TopicView } from '../../../../../shared/contracts/deliberation'
import { api } from '../../../api'
import { BusyButton } from '../../../components/busy-button'
import { Choices, TextAreaField } from '../../../components/form'
import { Fact, SectionHeader } from '../../../components/list'
import { TakeDownControls } from '../../../components/moderation'
import { PageShell } from '../../../components/page-shell'
import { Loaded } from '../../../components/status'
import { formatDateTime, formatDay } from '../../../format'
import { useLoad } from '../../../hooks/use-load'
import { useSubmit } from '../../../hooks/use-submit'
import { go, paths, usePageParams } from '../../../routes'
import { sitsOnCommittee, useRoles } from '../../../state/me'

/** One topic: what is to be decided, then the one thing the person can do now (附议, vote, speak), the result, the discussion. */
export default function TopicPage() {
  const { id = '' } = usePageParams()
  const load = useLoad(() => api.community.topic({ topicId: id }), [id])
  const roles = useRoles()
  return (
    <PageShell>
      <Loaded load={load}>
        {(topic) => (
          <View>
            <Facts topic={topic} />
            {topic.canSupport && <Support topic={topic} onDone={load.reload} />}
            {topic.canVote && <Vote topic={topic} onDone={load.reload} />}
            {topic.voted && !topic.tally && (
              <View id="topic-voted" className="status">
                <Text className="status-title">您已投票</Text>
                <Text className="status-text">投票结束后公布各选项票数；谁投了什么，谁也看不到。</Text>
              </View>
            )}
            <Result topic={topic} />
            {topic.canClose && (
              <Button id="topic-close" className="btn btn-primary btn-block" onClick={() => go(paths.closeTopic(topic.topicId))}>
                结束议题，写下决定和纪要
              </Button>
            )}
            {topic.status === 'decided' && sitsOnCommittee(roles, topic.communityId) && (
              <Button id="topic-follow-up" className="btn btn-plain btn-block" onClick={() => go(paths.closeTopic(topic.topicId))}>
                补充落实情况
              </Button>
            )}
            <Discussion topic={topic} onChanged={load.reload} />
          </View>
        )}
      </Loaded>
    </PageShell>
  )
}

function Facts({ topic }: { topic: TopicView }) {
  return (
    <View className="card">
      <Text className="card-label">{topic.statusLabel}</Text>
      <Text id="topic-title" className="card-title">
        {topic.title}
      </Text>
      <Fact label="要决定的事">{topic.question}</Fact>
      <Text className="card-text">{topic.background}</Text>
      <Fact label="选项">{topic.options.join('、')}</Fact>
      <Fact label="投票时间">
        {formatDay(topic.votingFrom)} 至 {formatDay(topic.votingUntil)}
      </Fact>
      {topic.status === 'proposed' ? (
        <Fact label="附议">
          已有 {topic.supporters} 人，满 {topic.supportersNeeded} 人开始讨论
        </Fact>
      ) : (
        <Fact label="已投票">{topic.votes} 人</Fact>
      )}
    </View>
  )
}

function Support({ topic, onDone }: { topic: TopicView; onDone(): void }) {
  const submit = useSubmit()
  return (
    <View className="card">
      <SectionHeader title="您也赞成议一议这件事吗？" hint={`满 ${topic.supportersNeeded} 人附议，议题就开始讨论`} />
      {submit.errorOf() ? <Text className="field-error">{submit.errorOf()}</Text> : null}
      <BusyButton
        id="topic-support"
        primary
        busy={submit.busy}
        label="我附议"
        onClick={() => void submit.run(() => api.community.supportTopic({ topicId: topic.topicId })).then((ok) => ok && onDone())}
      />
    </View>
  )
}

function Vote({ topic, onDone }: { topic: TopicView; onDone(): void }) {
  const [choice, setChoice] = useState<string | null>(null)
  const [missing, setMissing] = useState('')
  const submit = useSubmit(['choice'])
  const vote = async () => {
    setMissing(choice === null ? '请先选一项' : '')
    if (choice === null) return
    const ok = await submit.run(() => api.community.voteOnTopic({ topicId: topic.topicId, choice: topic.options.indexOf(choice) }))
    if (ok) onDone()
  }
  return (
    <View id="topic-vote" className="card">
      <SectionHeader title="请投票" hint="每人一票，投了就不能改；谁投了什么，谁也看不到" />
      <Choices wide options={topic.options} chosen={choice === null ? [] : [choice]} onToggle={setChoice} />
      {missing || submit.errorOf('choice') || submit.errorOf() ? (
        <Text className="field-error">{missing || submit.errorOf('choice') || submit.errorOf()}</Text>
      ) : null}
      <BusyButton id="topic-vote-send" primary busy={submit.busy} label="投这一票" onClick={() => void vote()} />
    </View>
  )
}

function Result({ topic }: { topic: TopicView }) {
  if (!topic.tally && !topic.decision) return null
  return (
    <View id="topic-result" className="card">
      <SectionHeader title="结果" />
      {topic.tally?.map((t) => (
        <Fact key={t.option} label={t.option}>
          {t.count} 票
        </Fact>
      ))}
      {topic.decision ? <Fact label="决定">{topic.decision}</Fact> : null}
      {topic.minutes ? <Fact label="议事纪要">{topic.minutes}</Fact> : null}
      {topic.followUps.map((f) => (
        <Fact key={f.at} label={`落实情况（${formatDateTime(f.at)}）`}>
          {f.text}
        </Fact>
      ))}
    </View>
  )
}

function Discussion({ topic, onChanged }: { topic: TopicView; onChanged(): void }) {
  const committee = sitsOnCommittee(useRoles(), topic.communityId)
  const [text, setText] = useState('')
  const submit = useSubmit({ text })
  const send = async () => {
    const ok = await submit.run(() => api.community.commentOnTopic({ topicId: topic.topicId, text }))
    if (ok) {
      setText('')
      onChanged()
    }
  }
  return (
    <View>
      <SectionHeader title="大家的意见" hint={topic.comments.length === 0 ? '还没有人发表意见' : undefined} />
      {topic.comments.length > 0 && (
        <View id="topic-comments" className="card">
          {topic.comments.map((c) => (
            <View className="timeline-event" key={c.commentId}>
              <Text className="timeline-text">{c.text}</Text>
              <Text className="timeline-meta">
                {c.shownName} · {formatDateTime(c.at)}
              </Text>
              {committee && (
                <TakeDownControls
                  content={{ kind: 'topicComment', commentId: c.commentId }}
                  takenDown={c.takenDown}
                  what="条意见"
                  onChanged={onChanged}
                />
              )}
            </View>
          ))}
        </View>
      )}
      {topic.canComment && (
        <View className="card">
          <TextAreaField
            id="topic-comment"
            label="说说您的意见"
            maxlength={300}
            value={text}
            error={submit.errorOf('text')}
            onChange={setText}
          />
          {submit.errorOf() ? <Text className="field-error">{submit.errorOf()}</Text> : null}
          <BusyButton id="topic-comment-send" busy={submit.busy} label="发表意见" onClick={() => void send()} />
        </View>
      )}
    </View>
  )
}
