import { Text, View } from '@tarojs/components'
import type { LedgerEntry } from '../../../../../shared/contracts/timebank'
import { api } from '../../../api'
import { ConfirmAction } from '../../../components/confirm-action'
import { MorePages } from '../../../components/list'
import { PageShell } from '../../../components/page-shell'
import { Empty, Loaded } from '../../../components/status'
import { EntryText } from '../../../components/time-bank'
import { formatDateTime, formatMinutes } from '../../../format'
import { usePages } from '../../../hooks/use-pages'
import { usePageParams } from '../../../routes'

/**
 * 社区收支明细: every movement of the community, newest first. A mistake is corrected by
 * reversing it, with a reason: a reversing entry is added and the original stays as it was.
 */
export default function LedgerPage() {
  const { communityId = '' } = usePageParams()
  const { load, more } = usePages((cursor) => api.timebank.ledger({ communityId, cursor }))
  return (
    <PageShell>
      <Loaded load={load}>
        {(ledger) => (
          <View>
            <View className="card">
              <Text className="card-label">本社区居民持有的时间</Text>
              <Text id="outstanding" className="card-title">
                {formatMinutes(ledger.outstandingMinutes)}
              </Text>
            </View>
            {ledger.entries.length === 0 ? (
              <Empty title="还没有收支" />
            ) : (
              ledger.entries.map((entry) => <Entry key={entry.id} entry={entry} onReversed={load.reload} />)
            )}
            <MorePages more={more} />
          </View>
        )}
      </Loaded>
    </PageShell>
  )
}

function Entry({ entry, onReversed }: { entry: LedgerEntry; onReversed(): void }) {
  return (
    <View className="card ledger-entry">
      <View className="entry">
        <EntryText entry={entry} meta={`${entry.from.name} → ${entry.to.name} · ${formatDateTime(entry.at)}`} />
        <Text className="entry-minutes">{formatMinutes(entry.minutes)}</Text>
      </View>
      {entry.reversible && (
        <ConfirmAction
          label="冲正"
          question={`冲正这笔 ${formatMinutes(entry.minutes)}（${entry.from.name} → ${entry.to.name}）？会加一笔反向记录，这笔原样保留。`}
          reason={{ label: '冲正的理由', required: true }}
          onConfirm={async (reason) => {
            await api.timebank.reverse({ entryId: entry.id, reason: reason ?? '' })
            onReversed()
          }}
        />
      )}
    </View>
  )
}
