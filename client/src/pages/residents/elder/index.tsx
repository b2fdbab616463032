import { View } from '@tarojs/components'
import { api } from '../../../api'
import { SectionHeader } from '../../../components/list'
import { NeedCard } from '../../../components/need'
import { NeedForSomeoneForm } from '../../../components/need-for-someone'
import { PageShell } from '../../../components/page-shell'
import { Empty, Loaded } from '../../../components/status'
import { useLoad } from '../../../hooks/use-load'
import { go, paths, usePageParams } from '../../../routes'

/** A linked relative: the elder's needs, and raising one for her (hers, at her home). */
export default function ElderPage() {
  const { linkId = '' } = usePageParams()
  const name = '长辈'
  const load = useLoad(() => api.residents.elderNeeds({ linkId }))
  return (
    <PageShell>
      <NeedForSomeoneForm
        whose={name}
        onRaise={async (need) => {
          const raised = await api.residents.raiseForElder({ linkId, need })
          load.reload()
          return raised.need
        }}
      />
      <SectionHeader title={`${name}的求助`} />
      <Loaded load={load}>
        {({ needs }) =>
          needs.length === 0 ? (
            <Empty title="还没有求助" />
          ) : (
            <View>
              {needs.map((need) => (
                <NeedCard key={need.id} need={need} onClick={() => go(paths.need(need.id))} />
              ))}
            </View>
          )
        }
      </Loaded>
    </PageShell>
  )
}
