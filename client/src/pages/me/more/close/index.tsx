import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { Closing } from '../../../../../../shared/contracts/account'
import { api } from '../../../../api'
import { ConfirmAction } from '../../../../components/confirm-action'
import { SectionHeader } from '../../../../components/list'
import { PageShell } from '../../../../components/page-shell'
import { Loaded } from '../../../../components/status'
import { formatMinutes } from '../../../../format'
import { useLoad } from '../../../../hooks/use-load'
import { useMe } from '../../../../state/me'

/** What goes, and why the rest stays (docs/decisions/028): said in full before the one action. */
const erased = [
  '姓名、电话、住址和家庭位置',
  '你上传的照片',
  '你发起的求助里的描述、地址和联系电话',
  '你在社区关爱登记里的姓名、电话、住址、需求和紧急联系人',
  '你的身份（志愿者、两委成员等）和加入组织的申请',
]
const kept: [string, string][] = [
  ['时间银行的每一笔记录', '改为匿名编号保留，社区的时间账目才能对得上；余额随账号作废，不能再使用'],
  ['志愿服务记录', '改为匿名编号保留，组织和社区的服务时长统计、别人的服务证明要用到'],
  ['审计记录', '法律要求保留谁在何时处理过个人信息，记录保留，但不再有你的姓名'],
  ['求助的类型、时间和结果', '不含姓名、电话和地址，用于社区的统计'],
]

/** 注销: what will be erased and what is kept, what it means for me now, then one confirmed action. */
export default function CloseAccountPage() {
  const load = useLoad(() => api.account.closing())
  return (
    <PageShell>
      <Loaded load={load}>{(closing) => <CloseAccount closing={closing} />}</Loaded>
    </PageShell>
  )
}

function CloseAccount({ closing }: { closing: Closing }) {
  const me = useMe()
  const close = async () => {
    await api.account.close({ confirm: true })
    me.reload()
    await Taro.showModal({
      title: '账号已注销',
      content: '你的信息已经删除。再次打开小程序就是新用户。',
      showCancel: false,
      confirmColor: '#1f5fa8',
    })
    void Taro.reLaunch({ url: '/pages/home/index' })
  }
  const forMe = [
    closing.balanceMinutes > 0 ? `时间余额 ${formatMinutes(closing.balanceMinutes)} 将作废，可以先转赠给家人或兑换` : null,
    closing.openNeeds > 0 ? `${closing.openNeeds} 条还没有组织接单的求助会被撤回` : null,
    closing.upcomingActivities > 0 ? `${closing.upcomingActivities} 个还没开始的活动会取消报名` : null,
    closing.onCareRegister ? '你会退出社区关爱对象名单，志愿者不再定期探访' : null,
    closing.roles.length > 0 ? `你的身份会结束：${closing.roles.join('、')}` : null,
  ].filter((line): line is string => line !== null)

  return (
    <View>
      <View className="card">
        <SectionHeader title="注销后会删除" />
        {erased.map((line) => (
          <Text key={line} className="card-text">
            · {line}
          </Text>
        ))}
      </View>
      <View className="card">
        <SectionHeader title="注销后会保留（不含你的姓名、电话和住址）" />
        {kept.map(([what, why]) => (
          <Text key={what} className="card-text">
            · {what}：{why}
          </Text>
        ))}
      </View>
      {forMe.length > 0 ? (
        <View className="card">
          <SectionHeader title="对你来说" />
          {forMe.map((line) => (
            <Text key={line} className="card-text">
              · {line}
            </Text>
          ))}
        </View>
      ) : null}
      {closing.blockers.length > 0 ? (
        <View className="card">
          <SectionHeader title="现在还不能注销" />
          {closing.blockers.map((line) => (
            <Text key={line} className="field-error">
              {line}
            </Text>
          ))}
        </View>
      ) : (
        <ConfirmAction danger label="注销账号" question="注销后不能恢复，以上信息会被删除。确定注销吗？" onConfirm={close} />
      )}
    </View>
  )
}
