import { Button, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { CommunityView, PersonView } from '../../../shared/contracts/account'
import type { ResidenceView } from '../../../shared/contracts/joining'
import { formatMinutes } from '../format'
import { go, paths } from '../routes'
import { CallButton } from './call-button'
import { EmergencyStrip, useHome, WaitingList } from './home'
import { PendingResidence } from './joining'

/** A tile: a big word for where it goes, and one short line under it. */
function Tile({ id, title, hint, main, onClick }: { id: string; title: string; hint: string; main?: boolean; onClick(): void }) {
  return (
    <Button id={id} className={main ? 'elder-tile elder-tile-main' : 'elder-tile'} onClick={onClick}>
      <TileText title={title} hint={hint} />
    </Button>
  )
}

function TileText({ title, hint }: { title: string; hint: string }) {
  return (
    <View className="elder-tile-text">
      <Text className="elder-tile-title">{title}</Text>
      <Text className="elder-tile-hint">{hint}</Text>
    </View>
  )
}

/**
 * 长辈版首页 (decision 037): a few big tiles instead of the usual page, for a resident in 长辈模式.
 * Asking for help comes first and widest; the committee is one tap away by phone.
 */
export function ElderHome({
  person,
  community,
  residence,
}: {
  person: PersonView
  community: CommunityView
  residence: ResidenceView | null
}) {
  const home = useHome()
  // The balance comes with what waits (account.home); until it does, what the tile is for.
  const balance =
    home.status === 'ready' && home.data.resident ? `余额 ${formatMinutes(home.data.resident.balanceMinutes)}` : '看余额、兑换服务'
  return (
    <View id="elder-home">
      <Text className="greeting">{person.name}，您好</Text>
      {residence?.status === 'pending' ? <PendingResidence residence={residence} /> : null}
      {/* 等您确认 and the like come before the tiles; when nothing waits, the tiles are the page. */}
      {home.status === 'ready' && home.data.items.length > 0 ? <WaitingList items={home.data.items} /> : null}
      <View className="elder-tiles">
        <Tile id="raise-need" main title="我要求助" hint="有难处，点这里" onClick={() => go(paths.raise())} />
        <CallButton id="elder-call-committee" className="elder-tile" phone={community.committeePhone}>
          <TileText title="给社区打电话" hint={`${community.name} ${community.committeePhone}`} />
        </CallButton>
        <Tile id="elder-my-needs" title="我的求助" hint="看进展" onClick={() => go(paths.myNeeds())} />
        <Tile
          id="elder-activities"
          title="活动"
          hint="附近的活动"
          onClick={() => void Taro.switchTab({ url: '/pages/activities/index' })}
        />
        <Tile id="elder-my-time" title="我的时间" hint={balance} onClick={() => void Taro.switchTab({ url: '/pages/time-bank/index' })} />
        <Tile id="elder-nearby" title="附近的组织" hint="身边能帮忙的" onClick={() => go(paths.nearby())} />
      </View>
      <EmergencyStrip committeePhone={community.committeePhone} />
    </View>
  )
}
