import { Text, View } from '@tarojs/components'
import { api } from '../../../../api'
import { BusyButton } from '../../../../components/busy-button'
import { PageShell } from '../../../../components/page-shell'
import { Empty, Loaded } from '../../../../components/status'
import { EntryRow } from '../../../../components/time-bank'
import { useLoad } from '../../../../hooks/use-load'
import { useSubmit } from '../../../../hooks/use-submit'

/** 收支明细: every entry, newest first, a page at a time; each says where it came from. */
export default function HistoryPage() {
  const load = useLoad(() => api.timebank.history({}))
  const more = useSubmit()
  return (
    <PageShell>
      <Loaded load={load}>
        {(history) => {
          const next = () =>
            more.run(async () => {
              const page = await api.timebank.history({ cursor: history.nextCursor })
              load.replace({ entries: [...history.entries, ...page.entries], nextCursor: page.nextCursor })
            })
          return history.entries.length === 0 ? (
            <Empty title='还没有记录'>参加志愿服务的时长会存在这里，每一笔都有来历。</Empty>
          ) : (
            <View>
              <View id='history' className='card'>
                {history.entries.map((entry) => (
                  <EntryRow key={entry.id} entry={entry} />
                ))}
              </View>
              {more.errorOf() ? <Text className='field-error'>{more.errorOf()}</Text> : null}
              {history.nextCursor ? <BusyButton id='history-more' busy={more.busy} label='再看更早的' onClick={next} /> : null}
            </View>
          )
        }}
      </Loaded>
    </PageShell>
  )
}
