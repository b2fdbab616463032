import { Button, View } from '@tarojs/components'
import { api } from '../../../api'
import { ListItem } from '../../../components/list'
import { PageShell } from '../../../components/page-shell'
import { Empty, Loaded } from '../../../components/status'
import { formatDay } from '../../../format'
import { useLoad } from '../../../hooks/use-load'
import { go, paths, usePageParams } from '../../../routes'
import { sitsOnCommittee, useRoles } from '../../../state/me'

/** 议事协商: the community's topics and where each stands; one way to start one, the committee's or a resident's. */
export default function TopicsPage() {
  const { communityId = '' } = usePageParams()
  const committee = sitsOnCommittee(useRoles(), communityId)
  const load = useLoad(() => api.community.topics({ communityId }), [communityId])
  return (
    <PageShell>
      <Button
        id="topic-start"
        className="btn btn-primary btn-block"
        onClick={() => go(paths.newTopic(communityId, committee ? 'open' : 'propose'))}
      >
        {committee ? '发起议题' : '提议一个议题'}
      </Button>
      <Loaded load={load}>
        {({ topics }) =>
          topics.length === 0 ? (
            <Empty title="还没有议题">有事好商量：社区的事，大家一起议一议。</Empty>
          ) : (
            <View id="topics" className="card">
              {topics.map((t) => (
                <ListItem
                  key={t.topicId}
                  title={t.title}
                  detail={
                    t.status === 'proposed'
                      ? `已有 ${t.supporters} 人附议`
                      : `投票 ${formatDay(t.votingFrom)} 至 ${formatDay(t.votingUntil)}`
                  }
                  extra={t.statusLabel}
                  onClick={() => go(paths.topic(t.topicId))}
                />
              ))}
            </View>
          )
        }
      </Loaded>
    </PageShell>
  )
}
