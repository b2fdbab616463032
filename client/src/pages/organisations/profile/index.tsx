import { Button, Text, View } from '@tarojs/components'
import type { OrganisationProfile } from '../../../../../shared/contracts/organisations'
import { api } from '../../../api'
import { CallButton } from '../../../components/call-button'
import { SectionHeader, Stats } from '../../../components/list'
import { OrganisationCard } from '../../../components/organisation-card'
import { PageShell } from '../../../components/page-shell'
import { TakenDownNotice } from '../../../components/moderation'
import { Loaded } from '../../../components/status'
import { formatDate, formatDistance, formatRating, walkingMinutes } from '../../../format'
import { useLoad } from '../../../hooks/use-load'
import { go, paths, usePageParams } from '../../../routes'
import { sitsOnCommittee, useRoles } from '../../../state/me'

export default function ProfilePage() {
  const { id = '' } = usePageParams()
  const load = useLoad(() => api.organisations.profile({ organisationId: id }))
  return (
    <PageShell>
      <Loaded load={load}>{({ organisation }) => <Profile organisation={organisation} />}</Loaded>
    </PageShell>
  )
}

function Profile({ organisation }: { organisation: OrganisationProfile }) {
  const { serviceArea } = organisation
  return (
    <View>
      <TakenDownNotice takenDown={organisation.takenDown} />
      <OrganisationCard organisation={organisation}>
        <Text className="card-text">{organisation.description}</Text>
        <Stats
          items={[
            { label: '完成求助', value: organisation.tasksCompleted },
            { label: '举办活动', value: organisation.activitiesHeld },
          ]}
        />
        <Text className="card-text">{formatRating(organisation.rating)}</Text>
      </OrganisationCard>
      <View className="card">
        <SectionHeader title="服务范围" />
        <Text className="card-text">
          {organisation.communityName}，方圆 {formatDistance(serviceArea.radiusM)}（{walkingMinutes(serviceArea.radiusM)}）
        </Text>
        <SectionHeader title="章程摘要" />
        <Text className="card-text">{organisation.charterSummary}</Text>
        {organisation.approvedAt ? <Text className="card-label">{formatDate(organisation.approvedAt)} 经社区两委备案</Text> : null}
      </View>
      <View className="card">
        <SectionHeader title="联系这个组织" />
        <CallButton phone={organisation.contactPhone} primary />
      </View>
      <CommitteeLink organisation={organisation} />
    </View>
  )
}

/** The committee over this organisation (and civil affairs) go on to its 评估 record from here. */
function CommitteeLink({ organisation }: { organisation: OrganisationProfile }) {
  const roles = useRoles()
  const oversees = sitsOnCommittee(roles, organisation.communityId) || roles.some((role) => role.role === 'civil_affairs')
  if (!oversees) return null
  return (
    <Button className="btn btn-plain btn-block" onClick={() => go(paths.record(organisation.id))}>
      查看评估记录（两委）
    </Button>
  )
}
