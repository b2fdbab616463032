import { Button, Text, View } from '@tarojs/components'
import { CallButton } from '../../../../components/call-button'
import { PageShell } from '../../../../components/page-shell'
import { LoadError, Loading } from '../../../../components/status'
import { useMe } from '../../../../state/me'

/**
 * 意见反馈 (decision 038): in WeChat, WeChat's own feedback page, which reaches the mini-program's
 * operator with the device's details and screenshots; the community's phone for what is theirs to answer.
 */
export default function FeedbackPage() {
  const me = useMe()
  const community = me.status === 'ready' ? me.person?.community : undefined
  return (
    <PageShell>
      <View className="card">
        <Text className="card-title">哪里不好用、哪里看不懂，告诉我们</Text>
        <Text className="card-text">写几句话，可以附上截图。我们会看每一条，改进小程序。</Text>
        {process.env.TARO_ENV === 'weapp' ? (
          <Button id="feedback" className="btn btn-primary btn-block" openType="feedback">
            写意见反馈
          </Button>
        ) : (
          <Text className="note" id="feedback-elsewhere">
            请在微信里打开邻里守望，到“我的 → 意见反馈”写给我们。
          </Text>
        )}
      </View>
      {me.status === 'loading' && <Loading />}
      {me.status === 'error' && <LoadError message={me.message} onRetry={me.reload} />}
      {community && (
        <View className="card">
          <Text className="card-title">急事、社区的事，直接打电话</Text>
          <Text className="card-text">
            {community.name}居委会：{community.committeePhone}
          </Text>
          <CallButton phone={community.committeePhone} label={`给社区打电话 ${community.committeePhone}`} />
        </View>
      )}
    </PageShell>
  )
}
