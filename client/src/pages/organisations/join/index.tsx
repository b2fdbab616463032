import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import type { OrganisationSummary } from '../../../../../shared/contracts/organisations'
import { INVITE_CODE_LENGTH, inviteCodeSchema } from '../../../../../shared/domain/organisation'
import { api, fieldOf, messageOf } from '../../../api'
import { BusyButton } from '../../../components/busy-button'
import { TextField } from '../../../components/form'
import { OrganisationOutcome } from '../../../components/organisation-card'
import { PageShell } from '../../../components/page-shell'
import { inviteCodeFrom, usePageParams } from '../../../routes'

export default function JoinPage() {
  const params = usePageParams()
  const [code, setCode] = useState(() => inviteCodeFrom(params).toUpperCase())
  const [problem, setProblem] = useState<{ message: string; onCode: boolean } | null>(null)
  const [sending, setSending] = useState(false)
  const [asked, setAsked] = useState<OrganisationSummary | null>(null)

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
      setAsked(organisation)
    } catch (error) {
      setProblem({ message: messageOf(error), onCode: fieldOf(error) === 'code' })
    } finally {
      setSending(false)
    }
  }

  return (
    <PageShell>
      {asked ? (
        <OrganisationOutcome
          title="已提交申请，等负责人同意"
          text="负责人同意后，你就是这个组织的志愿者了。结果在“我的组织”里看。"
          when="负责人一般在几天内答复。"
          organisation={asked}
        />
      ) : (
        <View>
          <Text className="page-hint">邀请码是 {INVITE_CODE_LENGTH} 位字母或数字，请向组织负责人要。</Text>
          <TextField
            id="invite-code-input"
            large
            label="邀请码"
            maxlength={INVITE_CODE_LENGTH}
            value={code}
            error={problem?.onCode ? problem.message : undefined}
            onChange={(value) => setCode(value.toUpperCase())}
          />
          {problem && !problem.onCode ? <Text className="field-error">{problem.message}</Text> : null}
          <BusyButton id="join-button" primary busy={sending} label="申请加入" onClick={join} />
        </View>
      )}
    </PageShell>
  )
}
