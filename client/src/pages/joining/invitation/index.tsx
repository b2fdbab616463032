import { Button, Text, View } from '@tarojs/components'
import { useEffect, useState } from 'react'
import type { InvitationView } from '../../../../../shared/contracts/community'
import { INVITATION_CODE_LENGTH, invitationCodeSchema } from '../../../../../shared/domain/invitation'
import { PRIVACY_POLICY_VERSION } from '../../../../../shared/domain/residence'
import { ErrorCode } from '../../../../../shared/errors'
import { api, ApiError } from '../../../api'
import { BusyButton } from '../../../components/busy-button'
import { TextField } from '../../../components/form'
import { PageShell } from '../../../components/page-shell'
import { formatDateTime } from '../../../format'
import { useSubmit } from '../../../hooks/use-submit'
import { go, paths, inviteCodeFrom, usePageParams } from '../../../routes'
import { useMe } from '../../../state/me'

/**
 * 接受邀请 (decision 034): whoever opens a committee member's or an office's first staff member's
 * invitation sees what it is for, gives their name and phone if new to the app, and takes the role.
 */
export default function InvitationPage() {
  const params = usePageParams()
  const me = useMe()
  const [code, setCode] = useState(() => inviteCodeFrom(params).toUpperCase())
  const [invitation, setInvitation] = useState<InvitationView | null>(null)
  const [name, setName] = useState('')
  const [phone, setPhone] = useState('')
  const [accepted, setAccepted] = useState<{ roleLabel: string; scopeName: string } | null>(null)
  const look = useSubmit({ code })
  const accept = useSubmit({ code, name, phone })

  const lookUp = (typed: string) =>
    void look.run(async () => {
      const checked = invitationCodeSchema.safeParse(typed)
      if (!checked.success)
        throw new ApiError({ code: ErrorCode.INVALID_INPUT, message: checked.error.issues[0].message, field: 'data.code' })
      setInvitation(await api.community.invitationDetails({ code: checked.data }))
    })

  // A link or a scanned code: what it is for, at once; only the code the page opened with.
  const [opened] = useState(code)
  useEffect(() => {
    if (opened.length === INVITATION_CODE_LENGTH) lookUp(opened)
  }, [opened])

  const take = () =>
    void accept.run(async () => {
      const answer = await api.community.acceptInvitation({
        code,
        ...(invitation?.needsDetails ? { name, phone, privacyVersion: PRIVACY_POLICY_VERSION } : {}),
      })
      setAccepted(answer)
      // The workbench and 我的 read the roles from here.
      me.reload()
    })

  if (accepted) {
    return (
      <PageShell>
        <View className="status" id="invitation-accepted">
          <Text className="status-title">
            你已是{accepted.scopeName}的{accepted.roleLabel}
          </Text>
          <Text className="status-text">社区工作台里有你要处理的事。</Text>
        </View>
        <BusyButton id="open-workbench" primary busy={false} label="打开社区工作台" onClick={() => go(paths.workbench())} />
      </PageShell>
    )
  }
  if (!invitation) {
    return (
      <PageShell>
        <Text className="page-hint">邀请码是 {INVITATION_CODE_LENGTH} 位字母或数字，由民政部门给你。</Text>
        <TextField
          id="invitation-code-input"
          large
          label="邀请码"
          maxlength={INVITATION_CODE_LENGTH}
          value={code}
          error={look.errorOf('code') ?? look.errorOf()}
          onChange={(value) => setCode(value.toUpperCase())}
        />
        <BusyButton id="look-up-invitation" primary busy={look.busy} label="查看邀请" onClick={() => lookUp(code)} />
      </PageShell>
    )
  }
  return (
    <PageShell>
      <View className="card" id="invitation-details">
        <Text className="card-label">邀请你成为</Text>
        <Text className="card-title">
          {invitation.scopeName} · {invitation.roleLabel}
        </Text>
        <Text className="card-text">{formatDateTime(invitation.expiresAt)} 前有效，只能用一次</Text>
      </View>
      {invitation.needsDetails ? (
        <View className="card">
          <Text className="card-text">第一次用邻里守望，请留下姓名和手机号：同事和居民联系你时看到。</Text>
          <TextField id="invitation-name" label="姓名" maxlength={20} value={name} error={accept.errorOf('name')} onChange={setName} />
          <TextField
            id="invitation-phone"
            label="手机号"
            maxlength={13}
            value={phone}
            error={accept.errorOf('phone')}
            onChange={setPhone}
          />
          <Text className="note">点“同意隐私说明，接受邀请”，就是同意按隐私说明保存和使用你的姓名和手机号。</Text>
          <Button id="open-privacy" className="btn btn-plain btn-block" onClick={() => go(paths.privacy())}>
            看隐私说明
          </Button>
        </View>
      ) : null}
      {(accept.errorOf('code') ?? accept.errorOf()) ? (
        <Text className="field-error">{accept.errorOf('code') ?? accept.errorOf()}</Text>
      ) : null}
      <BusyButton
        id="accept-invitation"
        primary
        busy={accept.busy}
        label={invitation.needsDetails ? '同意隐私说明，接受邀请' : '接受邀请'}
        onClick={take}
      />
    </PageShell>
  )
}
