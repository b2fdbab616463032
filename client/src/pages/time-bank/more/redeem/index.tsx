import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import type { ItemView, RedemptionView } from '../../../../../../shared/contracts/timebank'
import { api } from '../../../../api'
import { ConfirmAction } from '../../../../components/confirm-action'
import { SectionHeader, Tags } from '../../../../components/list'
import { PageShell } from '../../../../components/page-shell'
import { Empty, Loaded } from '../../../../components/status'
import { providerName } from '../../../../components/time-bank'
import { formatDateTime, formatMinutes } from '../../../../format'
import { useLoad } from '../../../../hooks/use-load'
import { useRequestId } from '../../../../hooks/use-request-id'

/** 兑换: the community's catalogue with prices and stock, and what I have redeemed and not collected yet. */
export default function RedeemPage() {
  const load = useLoad(async () => {
    const [catalogue, { redemptions }] = await Promise.all([api.timebank.catalogue(), api.timebank.myRedemptions()])
    return { ...catalogue, redemptions }
  })
  const [done, setDone] = useState<RedemptionView | null>(null)
  return (
    <PageShell>
      <Loaded load={load}>
        {(data) => {
          const waiting = data.redemptions.filter((r) => r.status === 'waiting')
          return (
            <View>
              <View className="card">
                <Text className="card-label">{data.communityName} · 我的时间余额</Text>
                <Text id="redeem-balance" className="card-title">
                  {formatMinutes(data.balance)}
                </Text>
              </View>
              <SectionHeader title="可以兑换的" hint="价格是用多少时间来换" />
              {data.items.length === 0 ? (
                <Empty title="社区还没有上架可兑换的服务和物品" />
              ) : (
                data.items.map((item) => (
                  <Item
                    key={item.id}
                    item={item}
                    balance={data.balance}
                    redeemed={done?.itemId === item.id ? done : null}
                    onRedeemed={(redemption) => {
                      setDone(redemption)
                      load.reload()
                    }}
                  />
                ))
              )}
              <SectionHeader title="等待领取" />
              {waiting.length === 0 ? (
                <Empty title="没有等待领取的" />
              ) : (
                <View id="waiting-redemptions" className="card">
                  {waiting.map((r) => (
                    <View className="fact" key={r.id}>
                      <Text className="fact-value">
                        {r.itemName}（{formatMinutes(r.priceMinutes)}）
                      </Text>
                      <Text className="entry-meta">
                        {formatDateTime(r.requestedAt)} 兑换 · 到{providerName(r)}领取
                      </Text>
                    </View>
                  ))}
                </View>
              )}
            </View>
          )
        }}
      </Loaded>
    </PageShell>
  )
}

/** `redeemed`: what the person has just redeemed of it, said where they tapped. */
function Item({
  item,
  balance,
  redeemed,
  onRedeemed,
}: {
  item: ItemView
  balance: number
  redeemed: RedemptionView | null
  onRedeemed(redemption: RedemptionView): void
}) {
  // One key per decision to redeem: a retry after a lost answer is the same redemption.
  const [requestId, renew] = useRequestId()
  const redeem = async () => {
    const { redemption } = await api.timebank.redeem({ itemId: item.id, requestId })
    renew()
    onRedeemed(redemption)
  }
  return (
    <View className="card item">
      <Text className="card-title">{item.name}</Text>
      <Tags tags={[item.kindLabel]} />
      {item.description ? <Text className="card-text">{item.description}</Text> : null}
      <Text className="card-text">
        价格 <Text className="item-price">{formatMinutes(item.priceMinutes)}</Text> · {item.stock > 0 ? `还有 ${item.stock} 份` : '已兑完'}
      </Text>
      <Text className="card-label">由{providerName(item)}提供</Text>
      {redeemed ? (
        <View id="redeemed" className="note">
          <Text>
            已兑换「{redeemed.itemName}」，请到{providerName(redeemed)}领取。
          </Text>
        </View>
      ) : null}
      {item.stock <= 0 ? null : item.priceMinutes > balance ? (
        <Text className="field-hint">时间余额不够，还差 {formatMinutes(item.priceMinutes - balance)}</Text>
      ) : (
        <ConfirmAction
          primary
          label="兑换"
          question={`用 ${formatMinutes(item.priceMinutes)} 兑换「${item.name}」？兑换后到${providerName(item)}领取。`}
          onConfirm={redeem}
        />
      )}
    </View>
  )
}
