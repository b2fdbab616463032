import { View } from '@tarojs/components'
import { api } from '../../../../api'
import { MorePages } from '../../../../components/list'
import { PageShell } from '../../../../components/page-shell'
import { Empty, Loaded } from '../../../../components/status'
import { EntryRow } from '../../../../components/time-bank'
import { usePages } from '../../../../hooks/use-pages'

/** 收支明细: every entry, newest first, a page at a time; each says where it came from. */
export default function HistoryPage() {
  const { load, more } = usePages((cursor) => api.timebank.history({ cursor }))
  return (
    <PageShell>
      <Loaded load={load}>
        {(history) =>
          history.entries.length === 0 ? (
            <Empty title="还没有记录">参加志愿服务的时长会存在这里，每一笔都有来历。</Empty>
          ) : (
            <View>
              <View id="history" className="card">
                {history.entries.map((entry) => (
                  <EntryRow key={entry.id} entry={entry} />
                ))}
              </View>
              <MorePages id="history-more" more={more} />
            </View>
          )
        }
      </Loaded>
    </PageShell>
  )
}
