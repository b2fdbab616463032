import { View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import type { ReactNode } from 'react'
import { useElderMode } from '../state/elder-mode'
import { isTabPage, refreshUnread } from '../state/unread'

/**
 * The root of every page. Sizes and colours are CSS custom properties on `.page-shell`;
 * `.elder` switches them to 长辈模式 values, so every page follows the mode.
 */
export function PageShell({ children }: { children: ReactNode }) {
  const { on } = useElderMode()
  // Every tab shows the 消息 tab's unread count: each time one comes into view, it is asked for again.
  useDidShow(() => {
    if (isTabPage(Taro.getCurrentInstance().router?.path ?? '')) refreshUnread()
  })
  return <View className={on ? 'page-shell elder' : 'page-shell'}>{children}</View>
}
