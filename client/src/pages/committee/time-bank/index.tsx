import { View } from '@tarojs/components'
import { api } from '../../../api'
import { ListItem, Stats } from '../../../components/list'
import { PageShell } from '../../../components/page-shell'
import { Loaded } from '../../../components/status'
import { formatMinutes } from '../../../format'
import { useLoad } from '../../../hooks/use-load'
import { go, paths, usePageParams } from '../../../routes'

/** 时间银行 for one community's committee: what waits for it, and where each job is done. */
export default function CommitteeTimeBankPage() {
  const { communityId = '' } = usePageParams()
  const load = useLoad(async () => {
    const [{ redemptions }, { held }, { outstandingMinutes }] = await Promise.all([
      api.timebank.handovers({ communityId }),
      api.timebank.heldCredits({ communityId }),
      api.timebank.ledger({ communityId, limit: 1 }),
    ])
    return { handovers: redemptions.length, held: held.length, outstandingMinutes }
  })
  return (
    <PageShell>
      <Loaded load={load}>
        {(figures) => (
          <View>
            <Stats
              items={[
                { label: '待交付', value: figures.handovers },
                { label: '超上限待审核', value: figures.held },
                { label: '居民持有', value: formatMinutes(figures.outstandingMinutes) },
              ]}
            />
            <View className="card">
              <ListItem
                title="待交付的兑换"
                detail="居民兑换了，确认已交给他们"
                extra={figures.handovers > 0 ? `${figures.handovers} 件` : undefined}
                onClick={() => go(paths.handovers(communityId))}
              />
              <ListItem
                title="超上限待审核"
                detail="一天服务超过上限的时间，入账或不予入账"
                extra={figures.held > 0 ? `${figures.held} 笔` : undefined}
                onClick={() => go(paths.heldCredits(communityId))}
              />
              <ListItem title="兑换目录" detail="上架、修改、补货、下架" onClick={() => go(paths.catalogue(communityId))} />
              <ListItem title="收支明细和冲正" detail="社区的每一笔；记错的冲正" onClick={() => go(paths.ledger(communityId))} />
              <ListItem title="发放时间" detail="从社区时间池发给困难居民" onClick={() => go(paths.grant(communityId))} />
            </View>
          </View>
        )}
      </Loaded>
    </PageShell>
  )
}
