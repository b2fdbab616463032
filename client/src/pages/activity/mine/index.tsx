import { Button, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { MySignUp } from '../../../../../shared/contracts/activities'
import { api } from '../../../api'
import { ActivityCard } from '../../../components/activity'
import { PageShell } from '../../../components/page-shell'
import { Empty, Loaded } from '../../../components/status'
import { useLoad } from '../../../hooks/use-load'
import { go, paths } from '../../../routes'

/** 已报名, 候补第 2 位, 已签到 …: where the person stands in one role. */
function standing(signUp: MySignUp): string {
  if (signUp.status === 'waitlisted' && signUp.waitlistPosition) return `候补第 ${signUp.waitlistPosition} 位`
  if (signUp.checkedOutAt) return '已签退'
  if (signUp.checkedInAt) return '已签到'
  return signUp.statusLabel
}

/** 我的活动: what the person signed up for, waitlisted ones too, the coming ones first. */
export default function MyActivitiesPage() {
  const load = useLoad(() => api.activities.mine())
  return (
    <PageShell>
      <Loaded load={load}>
        {({ activities }) =>
          activities.length === 0 ? (
            <Empty title="您还没有报名活动">在“活动”里看看附近有什么活动，可以报名参加，也可以做志愿者。</Empty>
          ) : (
            activities.map((activity) => (
              <ActivityCard key={activity.id} activity={activity} onClick={() => go(paths.activity(activity.id))}>
                {activity.mySignUps
                  .filter((s) => s.status !== 'cancelled')
                  .map((signUp) => (
                    <View className="note" key={signUp.signUpId}>
                      <Text className="role-label">{signUp.roleLabel}</Text>
                      <Text>：{standing(signUp)}</Text>
                    </View>
                  ))}
              </ActivityCard>
            ))
          )
        }
      </Loaded>
      <Button className="btn btn-plain btn-block" onClick={() => Taro.switchTab({ url: '/pages/activities/index' })}>
        看附近的活动
      </Button>
    </PageShell>
  )
}
