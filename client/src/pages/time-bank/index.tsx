import { Button, Text, View } from '@tarojs/components'
import { api } from '../../api'
import { AsResident } from '../../components/as-resident'
import { ListItem, SectionHeader } from '../../components/list'
import { PageShell } from '../../components/page-shell'
import { Empty, Loaded } from '../../components/status'
import { EntryRow } from '../../components/time-bank'
import { formatMinutes } from '../../format'
import { useLoad } from '../../hooks/use-load'
import { go, paths } from '../../routes'

/**
 * 时间银行: the balance, big, what came in this month, the latest entries with where each came
 * from, and the three things one does with time. Everything else is in the subpackage.
 */
export default function TimeBankPage() {
  return (
    <PageShell>
      <AsResident why='时间银行的账户开在你所在的社区。'>{() => <Account />}</AsResident>
    </PageShell>
  )
}

function Account() {
  const load = useLoad(() => api.timebank.account())
  return (
    <Loaded load={load}>
      {(account) => (
        <View>
          <View id='balance-card' className='card balance-card'>
            <Text className='card-label'>我的时间余额</Text>
            <Text id='balance' className='balance'>
              {formatMinutes(account.total)}
            </Text>
            {/* Time earned in one community is spent there: with more than one, say how much is where. */}
            {account.accounts.length > 1
              ? account.accounts.map((a) => (
                  <Text key={a.communityId} className='card-text'>
                    {a.communityName}：{formatMinutes(a.balance)}
                  </Text>
                ))
              : null}
            <Text id='month-earned' className='card-text'>
              本月志愿服务获得 {formatMinutes(account.monthEarned)}
            </Text>
          </View>
          <Button id='go-redeem' className='btn btn-primary btn-block' onClick={() => go(paths.redeem())}>
            兑换服务和物品
          </Button>
          <View className='actions-row'>
            <Button id='go-give' className='btn btn-plain' onClick={() => go(paths.give())}>
              赠送给家人
            </Button>
            <Button id='go-certificate' className='btn btn-plain' onClick={() => go(paths.certificate())}>
              服务证明
            </Button>
          </View>
          <SectionHeader title='最近的记录' />
          {account.recent.length === 0 ? (
            <Empty title='还没有记录'>参加志愿服务的时长会存在这里，每一笔都有来历。</Empty>
          ) : (
            <View id='recent' className='card'>
              {account.recent.map((entry) => (
                <EntryRow key={entry.id} entry={entry} />
              ))}
              <ListItem title='全部明细' onClick={() => go(paths.timeBankHistory())} />
            </View>
          )}
        </View>
      )}
    </Loaded>
  )
}
