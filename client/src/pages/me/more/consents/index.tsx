import { Text, View } from '@tarojs/components'
import { api } from '../../../../api'
import { ConfirmAction } from '../../../../components/confirm-action'
import { SectionHeader } from '../../../../components/list'
import { PageShell } from '../../../../components/page-shell'
import { Empty, Loaded } from '../../../../components/status'
import { useLoad } from '../../../../hooks/use-load'

/** 撤回同意: each consent with what withdrawing it does, said before the person confirms (PIPL Art. 15). */
export default function ConsentsPage() {
  const load = useLoad(() => api.account.myData().then((data) => ({ consents: data.consents })))
  return (
    <PageShell>
      <Loaded load={load}>
        {({ consents }) => (
          <View>
            {consents.length === 0 ? <Empty title="没有可以撤回的同意">你没有保存家庭位置，也不在社区关爱对象名单上。</Empty> : null}
            {consents.map((consent) => (
              <View className="card" key={consent.kind}>
                <SectionHeader title={consent.label} hint={consent.detail} />
                <Text className="card-text">撤回后：{consent.effect}</Text>
                <ConfirmAction
                  label="撤回同意"
                  question={`确定撤回“${consent.label}”吗？${consent.effect}`}
                  onConfirm={async () => load.replace(await api.account.withdrawConsent({ consent: consent.kind }))}
                />
              </View>
            ))}
            <View className="card">
              <Text className="card-text">
                订阅消息的授权在微信“设置 → 订阅消息”中关闭。要撤回对隐私政策的同意，就是不再使用本小程序：请到“我的信息 → 注销账号”。
              </Text>
            </View>
          </View>
        )}
      </Loaded>
    </PageShell>
  )
}
