import { Button, Text, View } from '@tarojs/components'
import { api } from '../../../api'
import { ActivityCard, reasonsText } from '../../../components/activity'
import { SectionHeader } from '../../../components/list'
import { PageShell } from '../../../components/page-shell'
import { Empty, Loaded } from '../../../components/status'
import { useLoad } from '../../../hooks/use-load'
import { go, paths, usePageParams } from '../../../routes'

/**
 * 本组织的活动, for its lead: each with where it stands (待审批 and why, 报名中, 已结束 …); a tap
 * opens its roster, where it is run. 发布活动 is the page's main action.
 */
export default function ManageActivitiesPage() {
  const { organisationId = '' } = usePageParams()
  const load = useLoad(() => api.activities.organisationActivities({ organisationId }))
  return (
    <PageShell>
      <Button
        id="publish-activity"
        className="btn btn-primary btn-block btn-hero"
        onClick={() => go(paths.publishActivity(organisationId))}
      >
        发布活动
      </Button>
      <SectionHeader title="本组织的活动" hint="点开看报名名单、出示签到码、确认服务时长" />
      <Loaded load={load}>
        {({ activities }) =>
          activities.length === 0 ? (
            <Empty title="还没有发布过活动">点上面的“发布活动”，居民就能在“活动”里看到并报名。</Empty>
          ) : (
            activities.map((activity) => (
              <ActivityCard key={activity.id} activity={activity} onClick={() => go(paths.roster(organisationId, activity.id))}>
                {activity.status === 'pending_approval' && (
                  <View className="note">
                    <Text className="role-label">待审批：</Text>
                    <Text>{reasonsText(activity.approvalReasons)}</Text>
                  </View>
                )}
              </ActivityCard>
            ))
          )
        }
      </Loaded>
    </PageShell>
  )
}
