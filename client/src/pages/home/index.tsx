import { Button, Text, View } from '@tarojs/components'
import { CommunityCard } from '../../components/community-card'
import { ListItem } from '../../components/list'
import { PageShell } from '../../components/page-shell'
import { Empty, LoadError, Loading } from '../../components/status'
import { go, paths } from '../../routes'
import { useMe } from '../../state/me'

export default function HomePage() {
  const me = useMe()
  return (
    <PageShell>
      {me.status === 'loading' && <Loading />}
      {me.status === 'error' && <LoadError message={me.message} onRetry={me.reload} />}
      {me.status === 'ready' &&
        (me.person ? (
          <View>
            <Text className="greeting">{me.person.name}，您好</Text>
            {me.person.community ? (
              <View>
                {/* The page's one main action: asking for help. */}
                <Button id="raise-need" className="btn btn-primary btn-block btn-hero" onClick={() => go(paths.raise())}>
                  我要求助
                </Button>
                <CommunityCard community={me.person.community} />
                <View className="card">
                  <ListItem title="我的求助" detail="看求助的进展，帮得好不好说一说" onClick={() => go(paths.myNeeds())} />
                  <ListItem title="附近的组织" detail="身边能帮忙的社区社会组织" onClick={() => go(paths.nearby())} />
                </View>
              </View>
            ) : null}
          </View>
        ) : (
          <Empty title="你还没有加入社区">加入社区后，就能向邻里求助、参加社区活动。</Empty>
        ))}
    </PageShell>
  )
}
