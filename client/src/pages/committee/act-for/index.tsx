import { Text, View } from '@tarojs/components'
import { api } from '../../../api'
import { SectionHeader } from '../../../components/list'
import { NeedCard } from '../../../components/need'
import { NeedForSomeoneForm } from '../../../components/need-for-someone'
import { PageShell } from '../../../components/page-shell'
import { Empty, Loaded } from '../../../components/status'
import { useLoad } from '../../../hooks/use-load'
import { go, paths, usePageParams } from '../../../routes'

/** 代办: a resident's needs, how to tell them, and raising one for them (theirs, at their home). */
export default function ActForPage() {
  const { personId = '' } = usePageParams()
  const load = useLoad(() => api.residents.needsOf({ personId }))
  return (
    <PageShell>
      <Loaded load={load}>
        {({ person, needs }) => (
          <View>
            <View className="card" id="acting-for">
              <Text className="card-title">{person.name}</Text>
              {person.phone ? <Text className="card-text">电话：{person.phone}</Text> : null}
              {person.tellByLabel ? <Text className="card-text">有进展时请{person.tellByLabel}</Text> : null}
              {person.consent ? (
                <Text className="card-text">
                  {person.consent.methodLabel}，见证人 {person.consent.witnessName}
                </Text>
              ) : null}
            </View>
            <NeedForSomeoneForm
              whose={person.name}
              onRaise={async (need) => {
                const raised = await api.residents.raiseFor({ personId, need })
                load.reload()
                return raised.need
              }}
            />
            <SectionHeader title={`${person.name}的求助`} />
            {needs.length === 0 ? (
              <Empty title="还没有求助" />
            ) : (
              needs.map((need) => <NeedCard key={need.id} need={need} onClick={() => go(paths.committeeNeed(need.id))} />)
            )}
          </View>
        )}
      </Loaded>
    </PageShell>
  )
}
