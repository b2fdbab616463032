import { Map, View } from '@tarojs/components'
import { useState } from 'react'
import type { ActivitySummary } from '../../../../shared/contracts/activities'
import { activityKindLabel, activityKindSchema, type ActivityKind } from '../../../../shared/domain/activity'
import { inShanghai } from '../../../../shared/domain/time'
import { api } from '../../api'
import { ActivityCard } from '../../components/activity'
import { AsResident } from '../../components/as-resident'
import { CalendarDayChoice, Choices } from '../../components/form'
import { ListItem } from '../../components/list'
import { PageShell } from '../../components/page-shell'
import { Empty, Loaded } from '../../components/status'
import { useLoad } from '../../hooks/use-load'
import { go, paths } from '../../routes'

const ALL_KINDS = '全部'
type KindChoice = ActivityKind | typeof ALL_KINDS

/** 本周 runs to Sunday, as a Chinese calendar week does. */
const dateChoices = {
  今天: () => ({ fromDate: today(), toDate: today() }),
  本周: () => ({
    fromDate: today(),
    toDate: inShanghai()
      .add((7 - inShanghai().day()) % 7, 'day')
      .format('YYYY-MM-DD'),
  }),
  全部: () => ({}),
} as const
type DateChoice = keyof typeof dateChoices

function today(): string {
  return inShanghai().format('YYYY-MM-DD')
}

interface Filter {
  kind: KindChoice
  /** A named range, or one day picked on the calendar (YYYY-MM-DD). */
  when: DateChoice | { day: string }
}

function browse(filter: Filter) {
  const dates = typeof filter.when === 'string' ? dateChoices[filter.when]() : { fromDate: filter.when.day, toDate: filter.when.day }
  return api.activities.browse({ ...dates, kind: filter.kind === ALL_KINDS ? undefined : filter.kind })
}

/** 社区活动: what is on near the person, by kind and day, with the places left; 我的活动 one tap away. */
export default function ActivitiesPage() {
  return (
    <PageShell>
      <AsResident why="加入社区后，就能看到附近的活动，报名参加或做志愿者。">{() => <NearbyActivities />}</AsResident>
    </PageShell>
  )
}

function NearbyActivities() {
  const [filter, setFilter] = useState<Filter>({ kind: ALL_KINDS, when: '全部' })
  const [onMap, setOnMap] = useState(false)
  const load = useLoad(() => browse(filter), [filter])

  const pickedDay = typeof filter.when === 'string' ? null : filter.when.day
  return (
    <View>
      <View className="card">
        <ListItem title="我的活动" detail="我报名的、候补的活动，签到和评价" onClick={() => go(paths.myActivities())} />
      </View>
      <View id="activity-kinds" className="filter">
        <Choices
          options={[ALL_KINDS, ...activityKindSchema.options] as KindChoice[]}
          chosen={[filter.kind]}
          labelOf={(kind) => (kind === ALL_KINDS ? '全部类型' : activityKindLabel[kind])}
          onToggle={(kind) => setFilter({ ...filter, kind })}
        />
      </View>
      <View id="activity-dates" className="filter">
        <Choices
          options={Object.keys(dateChoices) as DateChoice[]}
          chosen={typeof filter.when === 'string' ? [filter.when] : []}
          onToggle={(when) => setFilter({ ...filter, when })}
          extra={<CalendarDayChoice day={pickedDay} from={today()} onPick={(day) => setFilter({ ...filter, when: { day } })} />}
        />
      </View>
      {process.env.TARO_ENV === 'weapp' && (
        <Choices options={['列表', '地图']} chosen={[onMap ? '地图' : '列表']} onToggle={(shown) => setOnMap(shown === '地图')} />
      )}
      <Loaded load={load}>
        {({ activities }) =>
          activities.length === 0 ? (
            <Empty title="附近暂时没有这样的活动">换个类型或日期看看；社区组织发布活动后，会在这里显示。</Empty>
          ) : (
            <View>
              {process.env.TARO_ENV === 'weapp' && onMap && <ActivitiesMap activities={activities} onFailed={() => setOnMap(false)} />}
              {activities.map((activity) => (
                <ActivityCard key={activity.id} activity={activity} onClick={() => go(paths.activity(activity.id))} />
              ))}
            </View>
          )
        }
      </Loaded>
    </View>
  )
}

/** The tab bar's own icon, which the build copies to the package root for the tab bar. */
const MARKER_ICON = '/assets/tab/activities-active.png'

/** WeChat's map with one marker per activity (GCJ-02, as stored); a tap on one opens it. */
function ActivitiesMap({
  activities,
  onFailed,
}: {
  activities: ActivitySummary[]
  /** The map would not load: back to the list. */
  onFailed(): void
}) {
  const [longitude, latitude] = activities[0].location
  const markers = activities.map((activity, index) => ({
    id: index,
    longitude: activity.location[0],
    latitude: activity.location[1],
    iconPath: MARKER_ICON,
    width: 36,
    height: 36,
    callout: {
      content: activity.title,
      color: '#1f1f1f',
      fontSize: 16,
      anchorX: 0,
      anchorY: 0,
      borderRadius: 8,
      borderWidth: 1,
      borderColor: '#1f5fa8',
      bgColor: '#ffffff',
      padding: 8,
      display: 'ALWAYS' as const,
      textAlign: 'center' as const,
    },
  }))
  const open = (index: number) => go(paths.activity(activities[index].id))
  return (
    <Map
      id="activities-map"
      className="activities-map"
      longitude={longitude}
      latitude={latitude}
      scale={15}
      markers={markers}
      includePoints={activities.map((a) => ({ longitude: a.location[0], latitude: a.location[1] }))}
      onMarkerTap={(event) => open(Number(event.detail.markerId))}
      onCalloutTap={(event) => open(Number(event.detail.markerId))}
      onError={onFailed}
    />
  )
}
