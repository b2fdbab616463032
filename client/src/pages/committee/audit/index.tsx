import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import { api, messageOf } from '../../../api'
import { BusyButton } from '../../../components/busy-button'
import { PageShell } from '../../../components/page-shell'
import { Empty, Loaded } from '../../../components/status'
import { formatDateTime } from '../../../format'
import { useLoad } from '../../../hooks/use-load'
import { usePageParams } from '../../../routes'

/** 审计记录, newest first, a page at a time. */
export default function AuditPage() {
  const { communityId = '' } = usePageParams()
  const load = useLoad(() => api.community.auditLog({ communityId }))
  const [more, setMore] = useState({ loading: false, failure: '' })

  return (
    <PageShell>
      <Loaded load={load}>
        {(log) => {
          const loadMore = async () => {
            setMore({ loading: true, failure: '' })
            try {
              const next = await api.community.auditLog({ communityId, cursor: log.nextCursor })
              load.replace((shown) => ({ entries: [...shown.entries, ...next.entries], nextCursor: next.nextCursor }))
              setMore({ loading: false, failure: '' })
            } catch (error) {
              setMore({ loading: false, failure: messageOf(error) })
            }
          }
          return log.entries.length === 0 ? (
            <Empty title="还没有审计记录">审批组织、任命两委成员等操作都会记在这里。</Empty>
          ) : (
            <View>
              <View className="card">
                {log.entries.map((entry) => (
                  <View className="role" key={entry.id}>
                    <Text className="role-label">
                      {entry.actorName} {entry.actionLabel}
                      {entry.organisationName ? `「${entry.organisationName}」` : ''}
                      {entry.targetName ? ` ${entry.targetName}` : ''}
                    </Text>
                    <Text className="role-scope">{formatDateTime(entry.at)}</Text>
                    {entry.reason ? <Text className="card-text">理由：{entry.reason}</Text> : null}
                  </View>
                ))}
              </View>
              {more.failure ? <Text className="field-error">{more.failure}</Text> : null}
              {log.nextCursor ? <BusyButton busy={more.loading} label="再看更早的" onClick={loadMore} /> : null}
            </View>
          )
        }}
      </Loaded>
    </PageShell>
  )
}
