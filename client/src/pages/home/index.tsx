import { Button, Text, View } from '@tarojs/components'
import { CommunityCard } from '../../components/community-card'
import { ElderHome } from '../../components/elder-home'
import { ElderModeSwitch } from '../../components/elder-mode-switch'
import { PendingResidence, useResidence, Welcome } from '../../components/joining'
import { ListItem } from '../../components/list'
import { PageShell } from '../../components/page-shell'
import { LoadError, Loading } from '../../components/status'
import { go, paths } from '../../routes'
import { useElderMode } from '../../state/elder-mode'
import { useMe } from '../../state/me'

export default function HomePage() {
  const me = useMe()
  const residence = useResidence()
  // 长辈模式: a resident of a community gets the large-tile 首页 instead (decision 037); someone not yet in one, the welcome.
  const person = me.status === 'ready' ? me.person : null
  const elderHome =
    useElderMode().on && person?.community ? <ElderHome person={person} community={person.community} residence={residence} /> : null
  return (
    <PageShell>
      <ElderModeSwitch id="home-elder-mode-switch" compact />
      {me.status === 'loading' && <Loading />}
      {me.status === 'error' && <LoadError message={me.message} onRetry={me.reload} />}
      {elderHome}
      {me.status === 'ready' &&
        !elderHome &&
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
