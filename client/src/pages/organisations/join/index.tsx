import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import type { OrganisationSummary } from '../../../../../shared/contracts/organisations'
import { INVITE_CODE_LENGTH, inviteCodeSchema } from '../../../../../shared/domain/organisation'
import { api, fieldOf, messageOf } from '../../../api'
import { BusyButton } from '../../../components/busy-button'
import { TextField } from '../../../components/form'
import { OrganisationOutcome } from '../../../components/organisation-card'
import { PageShell } from '../../../components/page-shell'
import { usePageParams } from '../../../routes'
import { useMe } from '../../../state/me'

/**
 * The invite code arrives as `?code=…` (a link, or the page opened from 我的), or inside `scene`
 * when WeChat opens the page from the organisation's mini-program code (`scene=code%3D…`).
 */
function codeFrom(params: Record<string, string | undefined>): string {
  if (params.code) return params.code
  const scene = params.scene ? decodeURIComponent(params.scene) : ''
  return /(?:^|&)code=([^&]*)/.exec(scene)?.[1] ?? ''
}

export default function JoinPage() {
  const params = usePageParams()
  const me = useMe()
  const [code, setCode] = useState(() => codeFrom(params).toUpperCase())
  const [problem, setProblem] = useState<{ message: string; onCode: boolean } | null>(null)
  const [sending, setSending] = useState(false)
  const [joined, setJoined] = useState<OrganisationSummary | null>(null)

  const join = async () => {
    const checked = inviteCodeSchema.safeParse(code)
    if (!checked.success) {
      setProblem({ message: checked.error.issues[0].message, onCode: true })
      return
    }
    setSending(true)
    setProblem(null)
    try {
      const { organisation } = await api.organisations.join({ code: checked.data })
      setJoined(organisation)
      me.reload()
    } catch (error) {
      setProblem({ message: messageOf(error), onCode: fieldOf(error) === 'code' })
    } finally {
      setSending(false)
    }
  }

  return (
    <PageShell>
      {joined ? (
        <OrganisationOutcome title='你已加入' text='你现在是这个组织的志愿者。负责人会联系你参加服务。' organisation={joined} />
      ) : (
        <View>
          <Text className='page-hint'>邀请码是 {INVITE_CODE_LENGTH} 位字母或数字，请向组织负责人要。</Text>
          <TextField
            id='invite-code-input'
            large
            label='邀请码'
            maxlength={INVITE_CODE_LENGTH}
            value={code}
            error={problem?.onCode ? problem.message : undefined}
            onChange={(value) => setCode(value.toUpperCase())}
          />
          {problem && !problem.onCode ? <Text className='field-error'>{problem.message}</Text> : null}
          <BusyButton id='join-button' primary busy={sending} label='加入' onClick={join} />
        </View>
      )}
    </PageShell>
  )
}
