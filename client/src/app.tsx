import Taro from '@tarojs/taro'
import type { PropsWithChildren } from 'react'
import { AppProviders } from './app-providers'
import './app.scss'
import { makeButtonsAccessible } from './h5-accessibility'

if (process.env.TARO_ENV === 'weapp') {
  // Once, before any page calls a function.
  Taro.cloud.init({ env: CLOUDBASE_ENV, traceUser: true })
}
if (process.env.TARO_ENV === 'h5') makeButtonsAccessible(document)

export default function App({ children }: PropsWithChildren) {
  return <AppProviders>{children}</AppProviders>
}
