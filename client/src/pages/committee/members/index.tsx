import { Text, View } from '@tarojs/components'
import { api } from '../../../api'
import { ConfirmAction } from '../../../components/confirm-action'
import { SectionHeader } from '../../../components/list'
import { PageShell } from '../../../components/page-shell'
import { ResidentFinder } from '../../../components/resident-finder'
import { Loaded } from '../../../components/status'
import { formatDate } from '../../../format'
import { useLoad } from '../../../hooks/use-load'
import { usePageParams } from '../../../routes'
import { sitsOnCommittee, useRoles } from '../../../state/me'

/**
 * 两委成员. The community's committee appoints residents it finds by name; civil affairs may
 * revoke, with a reason (the permission table).
 */
export default function CommitteeMembersPage() {
  const { communityId = '' } = usePageParams()
  const roles = useRoles()
  const load = useLoad(() => api.community.committeeMembers({ communityId }))
  const mayRevoke = roles.some((role) => role.role === 'civil_affairs')

  return (
    <PageShell>
      {sitsOnCommittee(roles, communityId) && <Appoint communityId={communityId} onAppointed={load.reload} />}
      <SectionHeader title="现任两委成员" />
      <Loaded load={load}>
        {({ members }) => (
          <View>
            {members.map((member) => (
              <View className="card" key={member.memberId}>
                <Text className="card-title">{member.name}</Text>
                <Text className="card-label">
                  {formatDate(member.grantedAt)} 由 {member.grantedByName} 任命
                </Text>
                {mayRevoke && (
                  <ConfirmAction
                    label="撤销"
                    question={`撤销 ${member.name} 的两委成员身份？`}
                    reason={{ label: '撤销理由', required: true }}
                    onConfirm={async (reason) => {
                      await api.community.revokeCommittee({ communityId, memberId: member.memberId, reason: reason ?? '' })
                      load.reload()
                    }}
                  />
                )}
              </View>
            ))}
          </View>
        )}
      </Loaded>
    </PageShell>
  )
}

function Appoint({ communityId, onAppointed }: { communityId: string; onAppointed(): void }) {
  return (
    <View className="card">
      <SectionHeader title="任命两委成员" hint="先按姓名找到本社区的居民" />
      <ResidentFinder primary id="resident-name" communityId={communityId} label="居民姓名">
        {(resident, reset) => (
          <ConfirmAction
            label={`任命 ${resident.name}`}
            question={`任命 ${resident.name} 为本社区两委成员？这会记入审计记录。`}
            onConfirm={async () => {
              await api.community.appointCommittee({ communityId, personId: resident.personId })
              reset()
              onAppointed()
            }}
          />
        )}
      </ResidentFinder>
    </View>
  )
}
