import { Text, View } from '@tarojs/components'
import type { CommunityView } from '../../../shared/contracts/account'

export function CommunityCard({ community }: { community: CommunityView }) {
  return (
    <View className="card">
      <Text className="card-label">我的社区</Text>
      <Text className="card-title">{community.name}</Text>
      <View className="tag">
        <Text>{community.kindLabel}</Text>
      </View>
      <Text className="card-text">
        {community.city}
        {community.district}
        {community.street}
      </Text>
    </View>
  )
}
