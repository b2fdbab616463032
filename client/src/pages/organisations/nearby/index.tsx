import { Text } from '@tarojs/components'
import { api } from '../../../api'
import { OrganisationCard } from '../../../components/organisation-card'
import { PageShell } from '../../../components/page-shell'
import { Empty, LoadError, Loaded, Loading } from '../../../components/status'
import { useLoad } from '../../../hooks/use-load'
import { go, paths } from '../../../routes'
import { useMe } from '../../../state/me'

export default function NearbyPage() {
  const me = useMe()
  return (
    <PageShell>
      <Text className="page-hint">服务范围覆盖你家的社区社会组织，由近到远。点一个看详情。</Text>
      {me.status === 'loading' && <Loading />}
      {me.status === 'error' && <LoadError message={me.message} onRetry={me.reload} />}
      {/* Near is near one's home or community: someone with neither (not joined yet, civil-affairs staff) has no list to ask for. */}
      {me.status === 'ready' &&
        (me.person?.community ? <Nearby /> : <Empty title="还没有加入社区">加入你住的社区以后，这里列出附近的组织。</Empty>)}
    </PageShell>
  )
}

function Nearby() {
  const load = useLoad(() => api.organisations.nearby({}))
  return (
    <Loaded load={load}>
      {({ organisations }) =>
        organisations.length === 0 ? (
          <Empty title="附近还没有组织">可以请社区两委帮忙联系，或者自己登记一个。</Empty>
        ) : (
          organisations.map((organisation) => (
            <OrganisationCard key={organisation.id} organisation={organisation} onClick={() => go(paths.profile(organisation.id))} />
          ))
        )
      }
    </Loaded>
  )
}
