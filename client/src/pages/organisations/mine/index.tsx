import { Button, Text, View } from '@tarojs/components'
import { roleLabel } from '../../../../../shared/domain/roles'
import { api } from '../../../api'
import { OrganisationCard } from '../../../components/organisation-card'
import { PageShell } from '../../../components/page-shell'
import { Empty, Loaded } from '../../../components/status'
import { useLoad } from '../../../hooks/use-load'
import { go, paths } from '../../../routes'

type Entry = Awaited<ReturnType<typeof api.organisations.mine>>['organisations'][number]

const myRoleLabel: Record<Entry['myRole'], string> = {
  organisation_lead: roleLabel.organisation_lead,
  volunteer: roleLabel.volunteer,
  applicant: '申请人',
  joining: '申请加入',
  declined: '申请加入',
}

/** What the person should know next about this organisation, in one line. */
function standing({ organisation, myRole, decisionReason }: Entry): string {
  if (myRole === 'joining') return '已提交申请，等负责人同意'
  if (myRole === 'declined') return `负责人婉拒了：${decisionReason ?? '没有写理由'}`
  switch (organisation.status) {
    case 'pending':
      return '等待社区两委审核'
    case 'rejected':
      return `未通过：${decisionReason ?? '两委没有写理由'}`
    case 'suspended':
      return `已暂停：${decisionReason ?? '两委没有写理由'}`
    case 'approved':
      return myRole === 'organisation_lead' ? '点开管理成员、邀请志愿者' : '点开看组织信息'
  }
}

export default function MinePage() {
  const load = useLoad(() => api.organisations.mine())
  return (
    <PageShell>
      <Loaded load={load}>
        {({ organisations }) =>
          organisations.length === 0 ? (
            <Empty title="你还没有参加组织">有邻居给你邀请码，就能加入他们的组织；也可以自己登记一个。</Empty>
          ) : (
            organisations.map((entry) => (
              <OrganisationCard
                key={entry.organisation.id}
                organisation={entry.organisation}
                onClick={() =>
                  go(entry.myRole === 'organisation_lead' ? paths.team(entry.organisation.id) : paths.profile(entry.organisation.id))
                }
              >
                <View className="note">
                  <Text className="role-label">{myRoleLabel[entry.myRole]}</Text>
                  <Text>：{standing(entry)}</Text>
                </View>
              </OrganisationCard>
            ))
          )
        }
      </Loaded>
      <Button className="btn btn-plain btn-block" onClick={() => go(paths.join())}>
        凭邀请码加入
      </Button>
      <Button className="btn btn-plain btn-block" onClick={() => go(paths.apply())}>
        登记新组织
      </Button>
    </PageShell>
  )
}
