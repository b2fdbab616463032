import { Text, View } from '@tarojs/components'
import { InviteQr } from '../../../components/qr-code'
import { useState } from 'react'
import type { CommitteeInvitation } from '../../../../../shared/contracts/community'
import { INVITATION_HOURS } from '../../../../../shared/domain/invitation'
import { api } from '../../../api'
import { BusyButton } from '../../../components/busy-button'
import { SectionHeader } from '../../../components/list'
import { PageShell } from '../../../components/page-shell'
import { formatDateTime } from '../../../format'
import { useSubmit } from '../../../hooks/use-submit'
import { usePageParams } from '../../../routes'

/**
 * 民政: an invitation for one person to join the community's committee (decision 034). Each tap makes
 * a new one: a code works once, so the office invites each member with a code of their own.
 */
export default function InviteCommitteePage() {
  const { communityId = '' } = usePageParams()
  const [invitation, setInvitation] = useState<CommitteeInvitation | null>(null)
  const submit = useSubmit()

  const invite = () => void submit.run(async () => setInvitation(await api.community.inviteCommittee({ communityId })))

  return (
    <PageShell>
      {invitation ? (
        <View className="card" id="committee-invitation">
          <SectionHeader title="请对方用微信扫码，或打开链接" hint={`只能用一次，${formatDateTime(invitation.expiresAt)} 前有效`} />
          {invitation.qrImage ? (
            <InviteQr src={invitation.qrImage} />
          ) : (
            <Text className="card-label">小程序码暂时无法生成；请对方在小程序“我的 → 接受工作邀请”里输入邀请码</Text>
          )}
          <Text className="card-label">邀请码</Text>
          <Text className="invite-code" id="invitation-code">
            {invitation.code}
          </Text>
          <Text className="note" id="invitation-link">
            链接：{invitation.invitationPath}
          </Text>
        </View>
      ) : (
        <View className="card">
          <SectionHeader
            title="邀请一位两委成员"
            hint={`生成一个邀请码和小程序码，发给这位成员；他用微信打开并接受后，就能管理本社区。${INVITATION_HOURS} 小时内有效，只能用一次`}
          />
        </View>
      )}
      {submit.errorOf() ? <Text className="field-error">{submit.errorOf()}</Text> : null}
      <BusyButton
        id="invite-committee"
        primary={!invitation}
        busy={submit.busy}
        label={invitation ? '再邀请一位' : '生成邀请'}
        onClick={invite}
      />
    </PageShell>
  )
}
