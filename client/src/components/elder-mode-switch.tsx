import { Button, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useElderMode } from '../state/elder-mode'

/**
 * 长辈模式 on or off, at the top of 首页 (`compact`: one line) and of 我的 (with what it does, and on
 * weapp the way back to following WeChat's font size). Decision 004, decision 037.
 */
export function ElderModeSwitch({ id, compact }: { id: string; compact?: boolean }) {
  const { preference, on, choose } = useElderMode()

  const save = (next: 'on' | 'off' | 'auto') => {
    choose(next).catch(() => {
      void Taro.showToast({ title: '没有保存成功，请再试一次', icon: 'none' })
    })
  }

  const toggle = (
    <Button id={id} className={compact ? 'toggle toggle-compact' : 'toggle'} onClick={() => save(on ? 'off' : 'on')}>
      <View className="toggle-text">
        <Text className="toggle-title">长辈模式</Text>
        {compact ? null : <Text className="toggle-hint">字更大，按钮更大</Text>}
      </View>
      <Text className={on ? 'toggle-state toggle-state-on' : 'toggle-state'}>{on ? '已开启' : '已关闭'}</Text>
    </Button>
  )
  if (compact) return <View className="elder-switch-compact">{toggle}</View>
  return (
    <View className="card">
      {toggle}
      {process.env.TARO_ENV === 'weapp' &&
        (preference === 'auto' ? (
          <Text className="card-text">现在跟随微信的字体大小。</Text>
        ) : (
          <Button className="btn btn-plain btn-block" onClick={() => save('auto')}>
            改为跟随微信字体大小
          </Button>
        ))}
    </View>
  )
}
