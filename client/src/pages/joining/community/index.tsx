import { Button, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import type { ButtonProps } from '@tarojs/components'
import type { ResidenceView } from '../../../../../shared/contracts/joining'
import { joinInputSchema } from '../../../../../shared/contracts/joining'
import { PRIVACY_POLICY_VERSION } from '../../../../../shared/domain/residence'
import { api } from '../../../api'
import { ConsentPrompt } from '../../../components/consent'
import { StepFrame, TextField } from '../../../components/form'
import { CommunityChoiceCard } from '../../../components/joining'
import { PageShell } from '../../../components/page-shell'
import { usePrivacyConsent } from '../../../components/privacy-consent'
import { Loaded } from '../../../components/status'
import { useLoad } from '../../../hooks/use-load'
import { useSteppedForm } from '../../../hooks/use-stepped-form'
import { go, paths, usePageParams } from '../../../routes'
import { useMe } from '../../../state/me'

/** The community arrives as `?communityId=…` (a link, or 找社区), or as the whole `scene` of the committee's QR code. */
function communityIdFrom(params: Record<string, string | undefined>): string {
  return params.communityId ?? (params.scene ? decodeURIComponent(params.scene) : '')
}

interface Draft {
  name: string
  phone: string
  /** WeChat's one-time code for the number it knows, once the person tapped its button. */
  phoneCode: string
  neighbourhood: string
  building: string
  unit: string
  room: string
}

const steps = [
  { title: '您的姓名和电话', fields: ['name', 'phone'] },
  { title: '您住在哪里', fields: ['neighbourhood', 'building', 'unit', 'room', 'privacyVersion'] },
] as const

export default function JoinCommunityPage() {
  const communityId = communityIdFrom(usePageParams())
  const load = useLoad(() => api.joining.community({ communityId }))
  const [joined, setJoined] = useState<ResidenceView | null>(null)
  return (
    <PageShell>
      <Loaded load={load}>
        {({ community }) =>
          joined ? (
            <Joined residence={joined} />
          ) : (
            <View>
              <CommunityChoiceCard community={community} />
              <JoinForm communityId={community.id} communityName={community.name} onJoined={setJoined} />
            </View>
          )
        }
      </Loaded>
    </PageShell>
  )
}

function JoinForm({
  communityId,
  communityName,
  onJoined,
}: {
  communityId: string
  communityName: string
  onJoined(r: ResidenceView): void
}) {
  const me = useMe()
  const privacy = usePrivacyConsent('用微信绑定的手机号')
  const form = useSteppedForm({
    initial: { name: '', phone: '', phoneCode: '', neighbourhood: '', building: '', unit: '', room: '' } as Draft,
    steps,
    schema: joinInputSchema.refine((input) => input.phone !== undefined || input.phoneCode !== undefined, {
      message: '请填写手机号',
      path: ['phone'],
    }),
    toInput: (draft: Draft) => ({
      communityId,
      name: draft.name,
      neighbourhood: draft.neighbourhood,
      building: draft.building,
      unit: draft.unit,
      room: draft.room,
      ...(draft.phoneCode ? { phoneCode: draft.phoneCode } : draft.phone ? { phone: draft.phone.trim() } : {}),
      privacyVersion: PRIVACY_POLICY_VERSION,
    }),
  })
  const { draft, problems } = form

  const join = () =>
    form.submit(async (input) => {
      const { residence } = await api.joining.join(input)
      // 首页 and 我的 show the new resident from now on.
      me.reload()
      onJoined(residence)
    })

  const wechatPhone: ButtonProps['onGetPhoneNumber'] = (event) => {
    if (event.detail.code) form.change('phoneCode', event.detail.code)
  }

  return (
    <StepFrame form={form} submitLabel={`同意隐私说明，加入${communityName}`} onSubmit={join}>
      {form.step === 0 ? (
        <View>
          <TextField
            id="join-name"
            large
            label="姓名"
            hint="请写真实姓名，社区两委要核对"
            maxlength={20}
            value={draft.name}
            error={problems.name}
            onChange={(v) => form.change('name', v)}
          />
          {draft.phoneCode ? (
            <View className="field">
              <Text className="field-label">手机号</Text>
              <Text className="card-text">已取得微信绑定的手机号</Text>
              <Button className="btn btn-plain btn-block" onClick={() => form.change('phoneCode', '')}>
                改为自己填写
              </Button>
              {problems.phone ? <Text className="field-error">{problems.phone}</Text> : null}
            </View>
          ) : (
            <View>
              {process.env.TARO_ENV === 'weapp' && (
                <Button
                  id="wechat-phone"
                  className="btn btn-primary btn-block"
                  openType="getPhoneNumber|agreePrivacyAuthorization"
                  onGetPhoneNumber={wechatPhone}
                >
                  用微信绑定的手机号
                </Button>
              )}
              <TextField
                id="join-phone"
                large
                label="手机号"
                hint={process.env.TARO_ENV === 'weapp' ? '也可以自己填写' : '社区两委和帮忙的人用它联系您'}
                maxlength={13}
                value={draft.phone}
                error={problems.phone}
                onChange={(v) => form.change('phone', v)}
              />
            </View>
          )}
          {privacy.panel}
        </View>
      ) : (
        <View>
          <TextField
            id="join-neighbourhood"
            large
            label="小区 / 村民小组"
            hint="比如：柳泉花园、太河村三组"
            maxlength={30}
            value={draft.neighbourhood}
            error={problems.neighbourhood}
            onChange={(v) => form.change('neighbourhood', v)}
          />
          <TextField
            id="join-building"
            large
            label="几号楼"
            hint="平房、农村可不填"
            maxlength={10}
            value={draft.building}
            error={problems.building}
            onChange={(v) => form.change('building', v)}
          />
          <TextField
            id="join-unit"
            large
            label="几单元"
            hint="没有可不填"
            maxlength={10}
            value={draft.unit}
            error={problems.unit}
            onChange={(v) => form.change('unit', v)}
          />
          <TextField
            id="join-room"
            large
            label="门牌号 / 室"
            maxlength={10}
            value={draft.room}
            error={problems.room}
            onChange={(v) => form.change('room', v)}
          />
          <View id="privacy-summary" className="field">
            <Text className="field-label">隐私说明</Text>
            <Text className="card-text">您的电话和住址只给本社区两委、以及接您求助的组织在办理时看；别人只看到小区名。</Text>
            <Button id="open-privacy" className="btn btn-plain btn-block" onClick={() => go(paths.privacy())}>
              看完整的隐私说明
            </Button>
            {problems.privacyVersion ? <Text className="field-error">{problems.privacyVersion}</Text> : null}
          </View>
        </View>
      )}
    </StepFrame>
  )
}

function Joined({ residence }: { residence: ResidenceView }) {
  return (
    <View id="joined">
      <Text className="greeting">已加入{residence.community.name}</Text>
      <View className="card">
        <Text className="card-text">社区两委会尽快确认您住在这里，结果在首页和“消息”里看。</Text>
        <Text className="card-text">现在就可以求助，不用等确认。</Text>
      </View>
      <Button id="raise-after-join" className="btn btn-primary btn-block btn-hero" onClick={() => go(paths.raise())}>
        我要求助
      </Button>
      <Button className="btn btn-plain btn-block" onClick={() => void Taro.switchTab({ url: '/pages/home/index' })}>
        先看看首页
      </Button>
      <ConsentPrompt moment="joined" title="社区确认后提醒我" purpose="社区两委确认（或没有确认）您住在这里时，在微信里提醒您。" />
    </View>
  )
}
