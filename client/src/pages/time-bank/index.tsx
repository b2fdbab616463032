import { Button, Text, View } from '@tarojs/components'
import type { GiftView } from '../../../../shared/contracts/timebank'
import { api } from '../../api'
import { AsResident } from '../../components/as-resident'
import { BusyButton } from '../../components/busy-button'
import { ConfirmAction } from '../../components/confirm-action'
import { ListItem, SectionHeader } from '../../components/list'
import { PageShell } from '../../components/page-shell'
import { Empty, Loaded } from '../../components/status'
import { EntryRow } from '../../components/time-bank'
import { formatDate, formatMinutes } from '../../format'
import { useLoad } from '../../hooks/use-load'
import { useSubmit } from '../../hooks/use-submit'
import { go, paths } from '../../routes'

/**
 * 时间银行: gifts waiting to be accepted first (the one thing to do now, when there is one), then
 * the balance, big, what came in this month, the latest entries with where each came from, and
 * the three things one does with time. Everything else is in the subpackage.
 */
export default function TimeBankPage() {
  return (
    <PageShell>
      <AsResident why="时间银行的账户开在你所在的社区。">{() => <Account />}</AsResident>
    </PageShell>
  )
}

function Account() {
  const load = useLoad(() => Promise.all([api.timebank.account(), api.timebank.gifts()]))
  return (
    <Loaded load={load}>
      {([account, gifts]) => (
        <View>
          {gifts.incoming.map((gift) => (
            <IncomingGift key={gift.id} gift={gift} onAccepted={load.reload} />
          ))}
          <View id="balance-card" className="card balance-card">
            <Text className="card-label">我的时间余额</Text>
            <Text id="balance" className="balance">
              {formatMinutes(account.total)}
            </Text>
            {/* Time earned in one community is spent there: with more than one, say how much is where. */}
            {account.accounts.length > 1
              ? account.accounts.map((a) => (
                  <Text key={a.communityId} className="card-text">
                    {a.communityName}：{formatMinutes(a.balance)}
                  </Text>
                ))
              : null}
            <Text id="month-earned" className="card-text">
              本月志愿服务获得 {formatMinutes(account.monthEarned)}
            </Text>
          </View>
          <Button id="go-redeem" className="btn btn-primary btn-block" onClick={() => go(paths.redeem())}>
            兑换服务和物品
          </Button>
          <View className="actions-row">
            <Button id="go-give" className="btn btn-plain" onClick={() => go(paths.give())}>
              赠送给家人
            </Button>
            <Button id="go-certificate" className="btn btn-plain" onClick={() => go(paths.certificate())}>
              服务证明
            </Button>
          </View>
          {gifts.outgoing
            .filter((gift) => gift.status === 'waiting')
            .map((gift) => (
              <OutgoingGift key={gift.id} gift={gift} onCancelled={load.reload} />
            ))}
          <SectionHeader title="最近的记录" />
          {account.recent.length === 0 ? (
            <Empty title="还没有记录">参加志愿服务的时长会存在这里，每一笔都有来历。</Empty>
          ) : (
            <View id="recent" className="card">
              {account.recent.map((entry) => (
                <EntryRow key={entry.id} entry={entry} />
              ))}
              <ListItem title="全部明细" onClick={() => go(paths.timeBankHistory())} />
            </View>
          )}
        </View>
      )}
    </Loaded>
  )
}

/** 待接收: a gift is the recipient's only once she takes it, here, with one tap. */
function IncomingGift({ gift, onAccepted }: { gift: GiftView; onAccepted(): void }) {
  const accept = useSubmit()
  return (
    <View className="card gift-incoming">
      <Text className="card-label">待接收</Text>
      <Text className="card-title">
        {gift.fromName} 送给您 {formatMinutes(gift.minutes)}
      </Text>
      {gift.note ? <Text className="card-text">留言：{gift.note}</Text> : null}
      <Text className="card-text">
        记在{gift.communityName}的账户里。{formatDate(gift.expiresAt)}前不接收，就退回给{gift.fromName}。
      </Text>
      {accept.errorOf() ? <Text className="field-error">{accept.errorOf()}</Text> : null}
      <BusyButton
        primary
        busy={accept.busy}
        label="接收"
        onClick={() => void accept.run(async () => api.timebank.acceptGift({ giftId: gift.id })).then((done) => done && onAccepted())}
      />
    </View>
  )
}

/** 待对方接收: the giver may still take it back. */
function OutgoingGift({ gift, onCancelled }: { gift: GiftView; onCancelled(): void }) {
  const minutes = formatMinutes(gift.minutes)
  return (
    <View className="card gift-outgoing">
      <Text className="card-title">
        送给 {gift.toName}（{gift.toPhoneMasked}）{minutes}
      </Text>
      <Text className="card-text">
        {gift.statusLabel}：{formatDate(gift.expiresAt)}前对方不接收，时间自动退回给您。
      </Text>
      <ConfirmAction
        danger
        label="取消赠送"
        question={`取消送给 ${gift.toName} 的 ${minutes}？时间会退回给您。`}
        onConfirm={async () => {
          await api.timebank.cancelGift({ giftId: gift.id })
          onCancelled()
        }}
      />
    </View>
  )
}
