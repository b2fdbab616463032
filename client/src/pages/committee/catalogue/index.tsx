import { Button, Text } from '@tarojs/components'
import { api } from '../../../api'
import { Card, Tags } from '../../../components/list'
import { PageShell } from '../../../components/page-shell'
import { Empty, Loaded } from '../../../components/status'
import { providerName } from '../../../components/time-bank'
import { formatMinutes } from '../../../format'
import { useLoad } from '../../../hooks/use-load'
import { go, paths, usePageParams } from '../../../routes'

/** 兑换目录: every item of the community, retired ones too; each opens its page, where it is changed. */
export default function CataloguePage() {
  const { communityId = '' } = usePageParams()
  const load = useLoad(() => api.timebank.items({ communityId }))
  return (
    <PageShell>
      <Button id="new-item" className="btn btn-primary btn-block" onClick={() => go(paths.catalogueItem(communityId))}>
        上架新的一项
      </Button>
      <Loaded load={load}>
        {({ items }) =>
          items.length === 0 ? (
            <Empty title="目录还是空的">上架居民可以用时间兑换的服务或爱心超市物品。</Empty>
          ) : (
            items.map((item) => (
              <Card key={item.id} onClick={() => go(paths.catalogueItem(communityId, item.id))}>
                <Text className="card-title">{item.name}</Text>
                <Tags tags={item.status === 'active' ? [item.kindLabel] : [item.kindLabel, item.statusLabel]} />
                <Text className="card-text">
                  价格 {formatMinutes(item.priceMinutes)} · 库存 {item.stock} 份
                </Text>
                <Text className="card-label">由{providerName(item)}提供</Text>
              </Card>
            ))
          )
        }
      </Loaded>
    </PageShell>
  )
}
