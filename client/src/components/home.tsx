/**
 * 首页's parts: the emergency numbers, what waits for the person (one list for all their roles,
 * harm first, each item one tap from where it is acted on), and each role's own standing.
 */
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { Home, HomeItem } from '../../../shared/contracts/account'
import { NEARBY_DAYS } from '../../../shared/domain/home'
import { EMERGENCY_NUMBERS, urgencyLabel } from '../../../shared/domain/need'
import { api } from '../api'
import { formatActivityTime, formatDate, formatDateTime, formatHours, formatMinutes, formatTimeLeft } from '../format'
import { useLoad } from '../hooks/use-load'
import { useNow } from '../hooks/use-now'
import { go, paths } from '../routes'
import { CallButton } from './call-button'
import { Card, ListItem, SectionHeader, Stats } from './list'
import { Empty } from './status'
import { showWaiting } from '../state/unread'

/** What waits for the caller in all their roles (account.home); 首页's tab badge is set from it. */
export function useHome() {
  return useLoad(async () => {
    const home = await api.account.home()
    showWaiting(home.badge)
    return home
  })
}

/** A countdown in minutes needs no faster tick. */
const TICK_MS = 15_000

/** 110 / 120 / 119 and the committee, always on a resident's 首页: one tap to the dialler. */
export function EmergencyStrip({ committeePhone }: { committeePhone: string }) {
  return (
    <View id="emergency-strip" className="home-calls">
      <Text className="home-calls-title">紧急电话</Text>
      <View className="home-calls-grid">
        {EMERGENCY_NUMBERS.map(({ number, label }) => (
          <View className="home-call" key={number}>
            <CallButton emergency phone={number} label={`${label} ${number}`} />
          </View>
        ))}
        {/* A whole row: a landline with its area code does not fit beside another button. */}
        <View className="home-call home-call-wide">
          <CallButton phone={committeePhone} label={`社区两委 ${committeePhone}`} />
        </View>
      </View>
    </View>
  )
}

/** When it lapses, as the reader needs it: an offer counts down, a task says by when, a visit since when. */
function dueLine(item: HomeItem, now: number): string | null {
  if (!item.deadline) return null
  if (item.kind === 'offer') return formatTimeLeft(item.deadline, now)
  if (item.kind === 'task') return `${formatDateTime(item.deadline)} 前办完`
  if (item.kind === 'visits') return `最早一位 ${formatDate(item.deadline)} 该探访`
  return null
}

function WaitingCard({ item, now }: { item: HomeItem; now: number }) {
  const due = dueLine(item, now)
  return (
    <Card id={`home-${item.kind}-${item.id}`} onClick={() => go(item.page)}>
      <View className={item.urgency === 'life' ? 'home-item need-life' : 'home-item'}>
        <View className="home-item-tags">
          <Text className="home-kind">{item.kindLabel}</Text>
          {item.urgency ? <Text className={`home-urgency home-urgency-${item.urgency}`}>{urgencyLabel[item.urgency]}</Text> : null}
        </View>
        <Text className="card-title">{item.title}</Text>
        {item.detail ? <Text className="card-text">{item.detail}</Text> : null}
        {due ? <Text className={item.kind === 'offer' ? 'countdown' : 'card-label'}>{due}</Text> : null}
      </View>
    </Card>
  )
}

/** Everything waiting for the person, whatever role it comes from, in the server's order (harm first). */
export function WaitingList({ items }: { items: HomeItem[] }) {
  const now = useNow(TICK_MS)
  return (
    <View id="home-waiting">
      <SectionHeader title={items.length > 0 ? `等您办的事（${items.length}）` : '等您办的事'} />
      {items.length === 0 ? (
        <Empty title="暂时没有等您办的事">有新的事情，会在这里和底部“首页”上提醒您。</Empty>
      ) : (
        items.map((item) => <WaitingCard key={`${item.kind}:${item.id}`} item={item} now={now} />)
      )}
    </View>
  )
}

/** A resident's own: the next activity, what is on nearby this week, their time. */
export function ResidentPart({ resident }: { resident: NonNullable<Home['resident']> }) {
  const { nextActivity, nearby } = resident
  return (
    <View id="home-resident" className="card">
      <SectionHeader title="我的活动和时间" />
      {nextActivity ? (
        <ListItem
          title={`下一个活动：${nextActivity.title}`}
          detail={formatActivityTime(nextActivity.startAt, nextActivity.endAt)}
          extra={nextActivity.waitlisted ? '候补中' : undefined}
          onClick={() => go(paths.activity(nextActivity.id))}
        />
      ) : null}
      <ListItem
        title={nearby.count > 0 ? `附近 ${NEARBY_DAYS} 天内有 ${nearby.count} 个活动` : `附近 ${NEARBY_DAYS} 天内还没有活动`}
        detail={nearby.first.map((a) => a.title).join('、') || '看看以后的活动'}
        onClick={() => void Taro.switchTab({ url: '/pages/activities/index' })}
      />
      <ListItem
        title={`我的时间：${formatMinutes(resident.balanceMinutes)}`}
        detail="时间银行里存的志愿服务时间"
        onClick={() => void Taro.switchTab({ url: '/pages/time-bank/index' })}
      />
    </View>
  )
}

/** A lead's day: tasks under way, and today's activities with their check-in code one tap away. */
export function LeadPart({ lead }: { lead: NonNullable<Home['lead']> }) {
  return (
    <View id="home-lead" className="card">
      <SectionHeader title="我负责的组织" />
      <ListItem title={`正在做的任务：${lead.tasksInProgress} 件`} detail="派单、任务和安排志愿者" onClick={() => go(paths.offers())} />
      {lead.today.map((a) => (
        <ListItem
          key={a.id}
          title={`今天：${a.title}`}
          detail={`${formatActivityTime(a.startAt, a.endAt)} · ${a.organisationName}`}
          extra="签到码"
          onClick={() => go(paths.checkInCode(a.organisationId, a.id))}
        />
      ))}
    </View>
  )
}

/** Each community whose committee the person sits on: how much waits, and the workbench. */
export function CommitteePart({ committee }: { committee: Home['committee'] }) {
  return (
    <View id="home-committee" className="card">
      <SectionHeader title="社区两委" />
      {committee.map((c) => (
        <ListItem
          key={c.communityId}
          title={`${c.communityName}：${c.total > 0 ? `${c.total} 件待办` : '没有待办'}`}
          detail="社区工作台：待办、统计与报表、关爱对象"
          onClick={() => go(paths.workbench())}
        />
      ))}
    </View>
  )
}

/** Civil affairs: this month's figures of each office's communities, a tap from the whole report. */
export function OfficePart({ offices }: { offices: Home['offices'] }) {
  return (
    <View id="home-offices">
      {offices.map((o) => (
        <Card key={o.officeId} onClick={() => go(paths.officeFigures())}>
          <Text className="card-label">本月（{formatDate(`${o.period.from}T00:00:00+08:00`)} 起）</Text>
          <Text className="card-title">{o.name}</Text>
          <Stats
            items={[
              { label: `个社区，其中 ${o.communitiesMet} 个组织数达标`, value: o.communities },
              { label: '求助', value: o.needsRaised },
              { label: '办完', value: o.needsCompleted },
              { label: '志愿服务', value: formatHours(o.serviceMinutes) },
            ]}
          />
          <Text className="card-text">看各社区的统计与报表 ›</Text>
        </Card>
      ))}
    </View>
  )
}
