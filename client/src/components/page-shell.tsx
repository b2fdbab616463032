import { View } from '@tarojs/components'
import type { ReactNode } from 'react'
import { useElderMode } from '../state/elder-mode'

/**
 * The root of every page. Sizes and colours are CSS custom properties on `.page-shell`;
 * `.elder` switches them to 长辈模式 values, so every page follows the mode.
 */
export function PageShell({ children }: { children: ReactNode }) {
  const { on } = useElderMode()
  return <View className={on ? 'page-shell elder' : 'page-shell'}>{children}</View>
}
