import Taro from '@tarojs/taro'
import type { PropsWithChildren } from 'react'
import { AppProviders } from './app-providers'
import './app.scss'

if (process.env.TARO_ENV === 'weapp') {
  // Once, before any page calls a function.
  Taro.cloud.init({ env: CLOUDBASE_ENV, traceUser: true })
}

export default function App({ children }: PropsWithChildren) {
  return <AppProviders>{children}</AppProviders>
}
