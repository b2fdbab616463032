import { Button, View } from '@tarojs/components'
import { api } from '../../../api'
import { visitWanted } from '../../../../../shared/domain/care'
import { PersonCard } from '../../../components/care'
import { SectionHeader } from '../../../components/list'
import { PageShell } from '../../../components/page-shell'
import { Empty, Loaded } from '../../../components/status'
import { useLoad } from '../../../hooks/use-load'
import { go, paths } from '../../../routes'

/** 我的探访: the people paired with me, the one due soonest first, each with 记录探访. */
export default function MyVisitsPage() {
  const load = useLoad(() => api.care.myVisits())
  return (
    <PageShell>
      <Loaded load={load}>
        {({ people }) => {
          if (people.length === 0) return <Empty title="还没有和您结对的居民">社区两委安排结对后，要探访的居民会出现在这里。</Empty>
          const sorted = [...people].sort((a, b) => Date.parse(a.nextDueAt) - Date.parse(b.nextDueAt))
          const due = sorted.filter((p) => visitWanted(p.standing)).length
          return (
            <View id="my-visits">
              <SectionHeader title={due > 0 ? `${due} 位该去探访了` : '都按时探访了'} hint={`和您结对的共 ${people.length} 位`} />
              {sorted.map((person) => (
                <PersonCard key={person.entryId} person={person}>
                  <Button className="btn btn-primary btn-block" onClick={() => go(paths.visit(person.entryId))}>
                    记录探访
                  </Button>
                </PersonCard>
              ))}
            </View>
          )
        }}
      </Loaded>
    </PageShell>
  )
}
