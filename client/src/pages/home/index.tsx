import { Button, Text, View } from '@tarojs/components'
import { CommunityCard } from '../../components/community-card'
import { PendingResidence, useResidence, Welcome } from '../../components/joining'
import { ListItem } from '../../components/list'
import { PageShell } from '../../components/page-shell'
import { LoadError, Loading } from '../../components/status'
import { go, paths } from '../../routes'
import { useMe } from '../../state/me'

export default function HomePage() {
  const me = useMe()
  const residence = useResidence()
  return (
    <PageShell>
      {me.status === 'loading' && <Loading />}
      {me.status === 'error' && <LoadError message={me.message} onRetry={me.reload} />}
      {me.status === 'ready' &&
        (me.person?.community ? (
          <View>
            <Text className="greeting">{me.person.name}，您好</Text>
            {/* The page's one main action: asking for help, whether or not the committee has confirmed them yet. */}
            <Button id="raise-need" className="btn btn-primary btn-block btn-hero" onClick={() => go(paths.raise())}>
              我要求助
            </Button>
            {residence?.status === 'pending' ? <PendingResidence residence={residence} /> : null}
            <CommunityCard community={me.person.community} />
            <View className="card">
              <ListItem title="我的求助" detail="看求助的进展，帮得好不好说一说" onClick={() => go(paths.myNeeds())} />
              <ListItem title="附近的组织" detail="身边能帮忙的社区社会组织" onClick={() => go(paths.nearby())} />
            </View>
          </View>
        ) : (
          <Welcome declined={residence?.status === 'declined' ? residence : undefined} />
        ))}
    </PageShell>
  )
}
