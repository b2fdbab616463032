import { View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import type { ReactNode } from 'react'
import { useElderMode } from '../state/elder-mode'
import { refreshBadges } from '../state/unread'

/**
 * The root of every page. Sizes and colours are CSS custom properties on `.page-shell`;
 * `.elder` switches them to 长辈模式 values, so every page follows the mode.
 */
export function PageShell({ children }: { children: ReactNode }) {
  const { on } = useElderMode()
  // Every tab shows the badges of 消息 and 首页: each time one comes into view, they are asked for again.
  useDidShow(() => refreshBadges(Taro.getCurrentInstance().router?.path ?? ''))
  return <View className={on ? 'page-shell elder' : 'page-shell'}>{children}</View>
}
