import { Text, View } from '@tarojs/components'
import type { OrganisationRecord } from '../../../../../shared/contracts/organisations'
import type { OrganisationDecision, OrganisationStatus } from '../../../../../shared/domain/organisation'
import { api } from '../../../api'
import { CallButton } from '../../../components/call-button'
import { ConfirmAction } from '../../../components/confirm-action'
import { SectionHeader, Stats } from '../../../components/list'
import { OrganisationCard } from '../../../components/organisation-card'
import { PageShell } from '../../../components/page-shell'
import { TakeDownControls } from '../../../components/moderation'
import { Loaded } from '../../../components/status'
import { formatDateTime, formatRating } from '../../../format'
import { useLoad } from '../../../hooks/use-load'
import { usePageParams } from '../../../routes'
import { sitsOnCommittee, useRoles } from '../../../state/me'

/** An organisation as the committee sees it: the application, its record for 评估评议, and the decisions. */
export default function RecordPage() {
  const { id = '' } = usePageParams()
  const roles = useRoles()
  const load = useLoad(() => api.organisations.record({ organisationId: id }))
  return (
    <PageShell>
      <Loaded load={load}>
        {({ record }) => {
          const decide = async (decision: OrganisationDecision, reason?: string) => {
            await api.organisations.decide({ organisationId: id, decision, ...(reason ? { reason } : {}) })
            load.reload()
          }
          return (
            <View>
              <Application record={record} />
              {/* Civil affairs reads the record; only the community's committee decides. */}
              {sitsOnCommittee(roles, record.organisation.communityId) && (
                <View>
                  <Decisions status={record.organisation.status} decide={decide} />
                  <TakeDownControls
                    content={{ kind: 'organisation', organisationId: record.organisation.id }}
                    takenDown={record.organisation.takenDown}
                    what="个组织的介绍"
                    onChanged={load.reload}
                  />
                </View>
              )}
              <Evaluation record={record} />
            </View>
          )
        }}
      </Loaded>
    </PageShell>
  )
}

function Application({ record: { organisation } }: { record: OrganisationRecord }) {
  return (
    <OrganisationCard organisation={organisation}>
      <SectionHeader title="介绍" />
      <Text className="card-text">{organisation.description}</Text>
      <SectionHeader title="章程摘要" />
      <Text className="card-text">{organisation.charterSummary}</Text>
      <SectionHeader title="联系电话" />
      <CallButton phone={organisation.contactPhone} />
    </OrganisationCard>
  )
}

/** What may be decided from each status, worded as the applicant or lead will read it. */
function Decisions({
  status,
  decide,
}: {
  status: OrganisationStatus
  decide(decision: OrganisationDecision, reason?: string): Promise<void>
}) {
  if (status === 'rejected') return null
  return (
    <View className="card">
      <SectionHeader title="社区两委的决定" />
      {status === 'pending' && (
        <View>
          <ConfirmAction
            primary
            label="通过"
            question="通过后，这个组织就能接受求助、发布活动，申请人成为负责人。确定通过吗？"
            onConfirm={() => decide('approve')}
          />
          <ConfirmAction
            label="驳回"
            question="驳回这份申请？申请人会看到你写的理由。"
            reason={{ label: '驳回理由', required: true }}
            onConfirm={(reason) => decide('reject', reason)}
          />
        </View>
      )}
      {status === 'approved' && (
        <ConfirmAction
          label="暂停这个组织"
          question="暂停后，这个组织不再接到求助，也不能发布活动。负责人会看到你写的理由。"
          reason={{ label: '暂停理由', required: true }}
          onConfirm={(reason) => decide('suspend', reason)}
        />
      )}
      {status === 'suspended' && (
        <ConfirmAction
          primary
          label="恢复这个组织"
          question="恢复后，这个组织又能接受求助、发布活动。"
          reason={{ label: '恢复说明', required: false }}
          onConfirm={(reason) => decide('restore', reason)}
        />
      )}
    </View>
  )
}

function Evaluation({ record }: { record: OrganisationRecord }) {
  const { tasks, organisation, history } = record
  return (
    <View>
      <View className="card">
        <SectionHeader title="评估评议" hint="求助任务、居民评价和活动" />
        <Stats
          items={[
            { label: '派来的求助', value: tasks.offered },
            { label: '接下', value: tasks.accepted },
            { label: '没接', value: tasks.declined },
            { label: '已完成', value: tasks.completed },
            { label: '举办活动', value: organisation.activitiesHeld },
          ]}
        />
        <Text className="card-text">
          {tasks.medianResponseMinutes === null
            ? '响应时间：还没有接过求助'
            : `响应时间：一般 ${Math.round(tasks.medianResponseMinutes)} 分钟内接下`}
        </Text>
        <Text className="card-text">{formatRating(organisation.rating)}</Text>
      </View>
      <View className="card">
        <SectionHeader title="审批与变更" />
        {history.length === 0 ? <Text className="card-text">还没有记录</Text> : null}
        {history.map((entry) => (
          <View className="role" key={`${entry.at}:${entry.actionLabel}`}>
            <Text className="role-label">
              {entry.actionLabel}（{entry.actorName}）
            </Text>
            <Text className="role-scope">{formatDateTime(entry.at)}</Text>
            {entry.reason ? <Text className="card-text">理由：{entry.reason}</Text> : null}
          </View>
        ))}
      </View>
    </View>
  )
}
