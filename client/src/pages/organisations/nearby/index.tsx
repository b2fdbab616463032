import { Text } from '@tarojs/components'
import { api } from '../../../api'
import { OrganisationCard } from '../../../components/organisation-card'
import { PageShell } from '../../../components/page-shell'
import { Empty, Loaded } from '../../../components/status'
import { useLoad } from '../../../hooks/use-load'
import { go, paths } from '../../../routes'

export default function NearbyPage() {
  const load = useLoad(() => api.organisations.nearby({}))
  return (
    <PageShell>
      <Text className="page-hint">服务范围覆盖你家的社区社会组织，由近到远。点一个看详情。</Text>
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
    </PageShell>
  )
}
