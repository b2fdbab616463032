import { Button, Text, View } from '@tarojs/components'
import { InviteQr } from '../../../components/qr-code'
import Taro from '@tarojs/taro'
import type { JoinRequest, Member } from '../../../../../shared/contracts/organisations'
import { roleLabel } from '../../../../../shared/domain/roles'
import { api } from '../../../api'
import { CallButton } from '../../../components/call-button'
import { BusyButton } from '../../../components/busy-button'
import { ConfirmAction } from '../../../components/confirm-action'
import { Handovers } from '../../../components/handovers'
import { ListItem, SectionHeader } from '../../../components/list'
import { PageShell } from '../../../components/page-shell'
import { Loaded } from '../../../components/status'
import { pauseText, StarsLine } from '../../../components/volunteer'
import { formatDate } from '../../../format'
import { useLoad } from '../../../hooks/use-load'
import { useSubmit } from '../../../hooks/use-submit'
import { go, paths, usePageParams } from '../../../routes'
import { useMe } from '../../../state/me'

/** The lead's page: requests to join first (they wait on the lead), the invite code to hand out, and the members. */
export default function TeamPage() {
  const { id = '' } = usePageParams()
  const me = useMe()
  const load = useLoad(async () => {
    const [{ organisation }, { members }, { requests }] = await Promise.all([
      api.organisations.profile({ organisationId: id }),
      api.organisations.members({ organisationId: id }),
      api.organisations.joinRequests({ organisationId: id }),
    ])
    return { organisation, members, requests }
  })

  return (
    <PageShell>
      <Loaded load={load}>
        {(team) => {
          const remove = async (member: Member) => {
            const { members } = await api.organisations.removeMember({ organisationId: id, memberId: member.memberId })
            load.replace((shown) => ({ ...shown, members }))
          }
          const handOver = async (member: Member) => {
            await api.organisations.handOverLead({ organisationId: id, memberId: member.memberId })
            // No longer the lead: this page is not theirs any more, and 我的 shows the new roles.
            me.reload()
            void Taro.redirectTo({ url: paths.mine() })
          }
          const decide = async (request: JoinRequest, decision: 'approve' | 'decline', reason?: string) => {
            const { requests, members } = await api.organisations.decideJoin({
              organisationId: id,
              requestId: request.requestId,
              decision,
              reason,
            })
            load.replace((shown) => ({ ...shown, requests, members }))
          }
          return (
            <View>
              <Text className="greeting">{team.organisation.name}</Text>
              {team.requests.length > 0 && (
                <View id="join-requests">
                  <SectionHeader title={`申请加入（${team.requests.length} 人）`} hint="同意后成为本组织的志愿者" />
                  {team.requests.map((request) => (
                    <View className="card join-request" key={request.requestId}>
                      <Text className="card-title">{request.name}</Text>
                      <Text className="card-label">
                        {request.communityName} · {formatDate(request.askedAt)} 申请
                      </Text>
                      <Approve onApprove={() => decide(request, 'approve')} />
                      <ConfirmAction
                        label="婉拒"
                        question={`婉拒 ${request.name} 的申请？理由会告诉对方。`}
                        reason={{ label: '婉拒的理由', required: true }}
                        onConfirm={(reason) => decide(request, 'decline', reason)}
                      />
                    </View>
                  ))}
                </View>
              )}
              <View className="card">
                <ListItem title="派单和任务" detail="派给组织的求助：接单、安排志愿者、标记完成" onClick={() => go(paths.offers())} />
                <ListItem
                  title="本组织的活动"
                  detail="发布活动、看报名名单、出示签到码、确认服务时长"
                  onClick={() => go(paths.manageActivities(team.organisation.id))}
                />
              </View>
              <Invitation organisationId={id} />
              <ProviderHandovers organisationId={id} />
              <SectionHeader title={`成员（${team.members.length} 人）`} />
              {team.members.map((member) => (
                <View className="card member" key={member.memberId}>
                  <Text className="card-title">{member.name}</Text>
                  <Text className="card-label">
                    {roleLabel[member.role]} · {formatDate(member.joinedAt)} 加入
                  </Text>
                  <StarsLine stars={member.stars} />
                  {member.paused ? <Text className="card-label">{pauseText(member.pause)}</Text> : null}
                  {member.phone ? <CallButton phone={member.phone} /> : null}
                  {member.role === 'volunteer' && (
                    <View>
                      <ConfirmAction
                        danger
                        label="设为负责人"
                        question={`把负责人交给 ${member.name}？交出后你成为志愿者，不能再管理成员。`}
                        onConfirm={() => handOver(member)}
                      />
                      <ConfirmAction
                        danger
                        label="移出组织"
                        question={`确定把 ${member.name} 移出组织吗？`}
                        onConfirm={() => remove(member)}
                      />
                    </View>
                  )}
                </View>
              ))}
            </View>
          )
        }}
      </Loaded>
    </PageShell>
  )
}

/** 同意 at once (a slip is undone by removing the member); why it failed, when it did, above it. */
function Approve({ onApprove }: { onApprove(): Promise<void> }) {
  const submit = useSubmit()
  return (
    <View>
      {submit.errorOf() ? <Text className="field-error">{submit.errorOf()}</Text> : null}
      <BusyButton primary busy={submit.busy} label="同意" onClick={() => submit.run(onApprove)} />
    </View>
  )
}

/** Loaded on its own: a failed invitation or mini-program code leaves the members and hand-overs in view. */
function Invitation({ organisationId }: { organisationId: string }) {
  const load = useLoad(() => api.organisations.invitation({ organisationId }))
  const renew = async () => load.replace(await api.organisations.renewInvitation({ organisationId }))
  return (
    <View className="card">
      <SectionHeader title="邀请志愿者" hint="请邻居打开邻里守望，在“我的 → 凭邀请码加入”输入这 6 位，或用微信扫下面的二维码" />
      <Loaded load={load}>
        {(invitation) => (
          <View>
            <Text id="invite-code" className="invite-code">
              {invitation.code}
            </Text>
            {invitation.qrImage ? (
              <InviteQr src={invitation.qrImage} />
            ) : (
              <View id="invite-qr-missing">
                <Text className="card-label">小程序码暂时无法生成</Text>
                <Button className="btn" onClick={load.reload}>
                  重试
                </Button>
              </View>
            )}
            <ConfirmAction label="换一个邀请码" question="换了以后，旧的邀请码和二维码就不能再用了。确定换吗？" onConfirm={renew} />
          </View>
        )}
      </Loaded>
    </View>
  )
}

/**
 * What residents redeemed from the catalogue that this organisation provides: the lead confirms
 * each hand-over. Only shown when something waits; most organisations provide nothing.
 */
function ProviderHandovers({ organisationId }: { organisationId: string }) {
  const load = useLoad(() => api.timebank.providerHandovers({ organisationId }))
  if (load.status === 'ready' && load.data.redemptions.length === 0) return null
  return (
    <View id="provider-handovers">
      <SectionHeader title="时间银行兑换待交付" hint="居民用时间兑换了本组织提供的服务或物品" />
      <Loaded load={load}>
        {({ redemptions }) => (
          <Handovers
            redemptions={redemptions}
            confirm={(redemptionId) => api.timebank.confirmHandoverAsProvider({ organisationId, redemptionId })}
            onConfirmed={load.reload}
          />
        )}
      </Loaded>
    </View>
  )
}
