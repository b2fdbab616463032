import { Text, View } from '@tarojs/components'
import { InviteQr } from '../../../components/qr-code'
import { useState } from 'react'
import type { Newcomer } from '../../../../../shared/contracts/joining'
import { api } from '../../../api'
import { BusyButton } from '../../../components/busy-button'
import { CallButton } from '../../../components/call-button'
import { ConfirmAction } from '../../../components/confirm-action'
import { TextField } from '../../../components/form'
import { SectionHeader } from '../../../components/list'
import { PageShell } from '../../../components/page-shell'
import { Empty, Loaded } from '../../../components/status'
import { formatDate } from '../../../format'
import { useLoad } from '../../../hooks/use-load'
import { useSubmit } from '../../../hooks/use-submit'
import { usePageParams } from '../../../routes'

/**
 * 居住核验: everyone who joined the community by themself and waits, longest first. The committee
 * calls them if it must, then confirms (correcting the 小区) or declines with a reason they read.
 * Below, the community's QR code to print for the notice boards.
 */
export default function NewcomersPage() {
  const { communityId = '' } = usePageParams()
  const load = useLoad(() => api.joining.newcomers({ communityId }))
  return (
    <PageShell>
      <Loaded load={load}>
        {({ newcomers }) =>
          newcomers.length === 0 ? (
            <Empty title="没有等确认的新居民">居民自己加入社区后，会出现在这里。</Empty>
          ) : (
            <View id="newcomers">
              <Text className="page-hint">确认前他们已经可以求助；确认后才能加入组织、转赠和兑换时间。</Text>
              {newcomers.map((newcomer) => (
                <NewcomerCard key={newcomer.personId} newcomer={newcomer} onAnswered={load.reload} />
              ))}
            </View>
          )
        }
      </Loaded>
      <CommunityCode communityId={communityId} />
    </PageShell>
  )
}

function NewcomerCard({ newcomer, onAnswered }: { newcomer: Newcomer; onAnswered(): void }) {
  const [neighbourhood, setNeighbourhood] = useState(newcomer.neighbourhood)
  const submit = useSubmit(['neighbourhood'])
  const confirm = async () => {
    const corrected = neighbourhood.trim() !== newcomer.neighbourhood ? { neighbourhood: neighbourhood.trim() } : {}
    if (await submit.run(() => api.joining.confirm({ personId: newcomer.personId, ...corrected }))) onAnswered()
  }
  return (
    <View className="card newcomer">
      <Text className="card-title">{newcomer.name}</Text>
      <Text className="card-text">
        {newcomer.addressDetail} · {formatDate(newcomer.askedAt)} 申请
      </Text>
      <Text className="card-text">
        电话 {newcomer.phone}（{newcomer.phoneSource === 'wechat' ? '微信验证过' : '本人填写'}）
      </Text>
      <CallButton phone={newcomer.phone} />
      <TextField
        label="小区 / 村民小组"
        hint="写得不对，改好再确认"
        maxlength={30}
        value={neighbourhood}
        error={submit.errorOf('neighbourhood')}
        onChange={setNeighbourhood}
      />
      {submit.errorOf() ? <Text className="field-error">{submit.errorOf()}</Text> : null}
      <BusyButton primary busy={submit.busy} label="确认住在本社区" onClick={confirm} />
      <ConfirmAction
        label="不予确认"
        question={`确定不确认 ${newcomer.name} 住在本社区吗？他会看到你写的原因。`}
        reason={{ label: '原因', required: true }}
        onConfirm={async (reason) => {
          await api.joining.decline({ personId: newcomer.personId, reason: reason ?? '' })
          onAnswered()
        }}
      />
    </View>
  )
}

/** Loaded on its own: a failed mini-program code leaves the newcomers in view. */
function CommunityCode({ communityId }: { communityId: string }) {
  const load = useLoad(() => api.joining.invitation({ communityId }))
  return (
    <View id="community-code" className="card">
      <SectionHeader title="社区入驻二维码" hint="长按图片保存，打印贴在小区公告栏；居民用微信扫一扫就能加入本社区" />
      <Loaded load={load}>
        {(invitation) => (
          <View>
            {invitation.qrImage ? (
              <InviteQr src={invitation.qrImage} />
            ) : (
              <Text className="card-label">小程序码暂时无法生成，请稍后再来</Text>
            )}
            <Text className="note">链接：{invitation.joinPath}</Text>
          </View>
        )}
      </Loaded>
    </View>
  )
}
