import { Button, View } from '@tarojs/components'
import { useState } from 'react'
import { organisationStatusLabel, organisationStatusSchema, type OrganisationStatus } from '../../../../../shared/domain/organisation'
import { api } from '../../../api'
import { Choices } from '../../../components/form'
import { ListItem } from '../../../components/list'
import { PageShell } from '../../../components/page-shell'
import { Empty, Loaded } from '../../../components/status'
import { useLoad } from '../../../hooks/use-load'
import { go, paths, usePageParams } from '../../../routes'

const ALL = '全部'
type Filter = typeof ALL | OrganisationStatus
const filters: readonly Filter[] = [ALL, ...organisationStatusSchema.options]

/** 本社区组织: every organisation of one community, by status; each opens its record, where it is decided on. */
export default function CommunityOrganisationsPage() {
  const { communityId = '' } = usePageParams()
  const [filter, setFilter] = useState<Filter>(ALL)
  return (
    <PageShell>
      <Choices<Filter>
        options={filters}
        chosen={[filter]}
        labelOf={(option) => (option === ALL ? ALL : organisationStatusLabel[option])}
        onToggle={setFilter}
      />
      {/* Keyed by the filter: each chip is its own list, loaded afresh. */}
      <OrganisationList key={filter} communityId={communityId} status={filter === ALL ? undefined : filter} />
      <Button className="btn btn-plain btn-block" onClick={() => go(paths.evaluationSettings(communityId))}>
        工作报告周期与居民评议期
      </Button>
    </PageShell>
  )
}

function OrganisationList({ communityId, status }: { communityId: string; status: OrganisationStatus | undefined }) {
  const load = useLoad(() => api.organisations.list({ communityId, ...(status ? { status } : {}) }))
  return (
    <Loaded load={load}>
      {({ organisations }) =>
        organisations.length === 0 ? (
          <Empty title={status ? `没有${organisationStatusLabel[status]}的组织` : '本社区还没有组织'} />
        ) : (
          <View className="card">
            {organisations.map((organisation) => (
              <ListItem
                key={organisation.id}
                title={organisation.name}
                detail={`${organisation.kind} · 成员 ${organisation.memberCount} 人`}
                extra={organisation.statusLabel}
                onClick={() => go(paths.record(organisation.id))}
              />
            ))}
          </View>
        )
      }
    </Loaded>
  )
}
