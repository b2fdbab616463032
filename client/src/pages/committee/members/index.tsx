import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import { api, messageOf } from '../../../api'
import { BusyButton } from '../../../components/busy-button'
import { ConfirmAction } from '../../../components/confirm-action'
import { TextField } from '../../../components/form'
import { SectionHeader } from '../../../components/list'
import { PageShell } from '../../../components/page-shell'
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
      <SectionHeader title='现任两委成员' />
      <Loaded load={load}>
        {({ members }) => (
          <View>
            {members.map((member) => (
              <View className='card' key={member.memberId}>
                <Text className='card-title'>{member.name}</Text>
                <Text className='card-label'>
                  {formatDate(member.grantedAt)} 由 {member.grantedByName} 任命
                </Text>
                {mayRevoke && (
                  <ConfirmAction
                    label='撤销'
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

type Resident = Awaited<ReturnType<typeof api.community.residents>>['residents'][number]

function Appoint({ communityId, onAppointed }: { communityId: string; onAppointed(): void }) {
  const [name, setName] = useState('')
  const [found, setFound] = useState<Resident[] | null>(null)
  const [search, setSearch] = useState({ loading: false, failure: '' })

  const find = async () => {
    setSearch({ loading: true, failure: '' })
    try {
      const { residents } = await api.community.residents({ communityId, ...(name.trim() ? { nameContains: name.trim() } : {}) })
      setFound(residents)
      setSearch({ loading: false, failure: '' })
    } catch (error) {
      setSearch({ loading: false, failure: messageOf(error) })
    }
  }

  return (
    <View className='card'>
      <SectionHeader title='任命两委成员' hint='先按姓名找到本社区的居民' />
      <TextField id='resident-name' label='居民姓名' maxlength={20} value={name} error={search.failure || undefined} onChange={setName} />
      <BusyButton primary busy={search.loading} label='查找' onClick={find} />
      {found?.length === 0 ? <Text className='card-text'>没有找到这个名字的居民</Text> : null}
      {found?.map((resident) => (
        <View className='role' key={resident.personId}>
          <Text className='role-label'>{resident.name}</Text>
          {resident.neighbourhood ? <Text className='role-scope'>{resident.neighbourhood}</Text> : null}
          <ConfirmAction
            label={`任命 ${resident.name}`}
            question={`任命 ${resident.name} 为本社区两委成员？这会记入审计记录。`}
            onConfirm={async () => {
              await api.community.appointCommittee({ communityId, personId: resident.personId })
              setFound(null)
              setName('')
              onAppointed()
            }}
          />
        </View>
      ))}
    </View>
  )
}
