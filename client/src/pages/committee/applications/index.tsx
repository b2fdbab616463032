import { View } from '@tarojs/components'
import { api } from '../../../api'
import { ListItem } from '../../../components/list'
import { PageShell } from '../../../components/page-shell'
import { Empty, Loaded } from '../../../components/status'
import { formatDate } from '../../../format'
import { useLoad } from '../../../hooks/use-load'
import { go, paths, usePageParams } from '../../../routes'

/** The queue, oldest first: each application opens on its own page, where it is decided. */
export default function ApplicationsPage() {
  const { communityId = '' } = usePageParams()
  const load = useLoad(() => api.organisations.applications({ communityId }))
  return (
    <PageShell>
      <Loaded load={load}>
        {({ applications }) =>
          applications.length === 0 ? (
            <Empty title="没有待审核的申请">居民登记新组织后，会出现在这里。</Empty>
          ) : (
            <View className="card">
              {applications.map(({ organisation, applicantName, appliedAt, waitingDays }) => (
                <ListItem
                  key={organisation.id}
                  title={organisation.name}
                  detail={`${applicantName} ${formatDate(appliedAt)} 申请 · ${organisation.kind}`}
                  extra={waitingDays > 0 ? `已等 ${waitingDays} 天` : '今天'}
                  onClick={() => go(paths.record(organisation.id))}
                />
              ))}
            </View>
          )
        }
      </Loaded>
    </PageShell>
  )
}
