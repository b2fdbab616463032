import { Button, Text, View } from '@tarojs/components'
import type { CommunityChoice, ResidenceView } from '../../../shared/contracts/joining'
import { api } from '../api'
import { formatDistance } from '../format'
import { useLoad } from '../hooks/use-load'
import { go, paths } from '../routes'
import { CallButton } from './call-button'
import { Card } from './list'

/**
 * What someone who has not joined sees first: in one screen what 邻里守望 does, and one way in.
 * `declined`: the committee's answer to their last request, with its reason.
 */
export function Welcome({ declined }: { declined?: ResidenceView }) {
  return (
    <View id="welcome">
      <Text className="greeting">邻里守望</Text>
      <View className="card">
        <Text className="card-title">邻居帮邻居，社区来守望</Text>
        <Text className="card-text">有急难愁盼，点一下就能求助，附近的社区组织和志愿者来帮忙。</Text>
        <Text className="card-text">参加社区活动；做志愿服务，时间存进时间银行。</Text>
        <Text className="card-text">住在哪个社区，就加入哪个社区，社区两委会确认。</Text>
      </View>
      {declined ? <Declined residence={declined} /> : null}
      <Button id="join-community" className="btn btn-primary btn-block btn-hero" onClick={() => go(paths.findCommunity())}>
        {declined ? '重新加入社区' : '加入我的社区'}
      </Button>
      <Text className="note">小区公告栏上有社区的二维码，用微信扫一扫也能加入。</Text>
    </View>
  )
}

function Declined({ residence }: { residence: ResidenceView }) {
  return (
    <View id="residence-declined" className="card">
      <Text className="card-label">{residence.community.name}</Text>
      <Text className="card-title">{residence.statusLabel}</Text>
      {residence.reason ? <Text className="card-text">原因：{residence.reason}</Text> : null}
      <Text className="card-text">有疑问，请打社区两委的电话。</Text>
      <CallButton label={`社区两委 ${residence.community.committeePhone}`} phone={residence.community.committeePhone} />
    </View>
  )
}

/** While the committee has not confirmed: what it means, so that a refusal elsewhere is no surprise. */
export function PendingResidence({ residence }: { residence: ResidenceView }) {
  return (
    <View id="residence-pending" className="card">
      <Text className="card-label">{residence.statusLabel}</Text>
      <Text className="card-text">
        {residence.community.name}两委会尽快确认你住在这里。现在就可以求助；确认以后，才能加入组织、转赠和兑换时间。
      </Text>
    </View>
  )
}

/** The caller's own 居住核验, for 首页 and 我的: nothing while it loads or fails, the pages work without it. */
export function useResidence(): ResidenceView | null {
  const load = useLoad(() => api.joining.mine())
  return load.status === 'ready' ? load.data.residence : null
}

/** One community found: its name, where it is and how far. */
export function CommunityChoiceCard({ community, onClick }: { community: CommunityChoice; onClick?(): void }) {
  return (
    <Card onClick={onClick}>
      <Text className="card-label">{community.kindLabel}</Text>
      <Text className="card-title">{community.name}</Text>
      <Text className="card-text">
        {community.city}
        {community.district}
        {community.street}
        {community.distanceM !== undefined ? ` · 离你约 ${formatDistance(community.distanceM)}` : ''}
      </Text>
    </Card>
  )
}
