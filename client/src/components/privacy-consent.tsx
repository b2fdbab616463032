import { Button, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useEffect, useState, type ReactNode } from 'react'

type Answer = (option: { event: 'exposureAuthorization' | 'agree' | 'disagree'; buttonId?: string }) => void

/** WeChat checks that the agree button it is told of was tapped. */
const AGREE_ID = 'agree-privacy'

/**
 * WeChat's privacy consent (用户隐私保护指引, required since September 2023) before an API that reads
 * personal information, on the phone only. When the person has not agreed yet, WeChat asks through
 * `onNeedPrivacyAuthorization`; the page answers with its own panel, in its own large sizes, whose
 * agree button (`agreePrivacyAuthorization`) WeChat checks was tapped. `ready` asks before such an API
 * (`requirePrivacyAuthorize`) and answers whether the person agreed.
 */
export function usePrivacyConsent(purpose: string): { panel: ReactNode; ready(): Promise<boolean> } {
  const [answer, setAnswer] = useState<Answer | null>(null)

  useEffect(() => {
    if (process.env.TARO_ENV !== 'weapp') return
    Taro.onNeedPrivacyAuthorization((resolve) => {
      resolve({ event: 'exposureAuthorization' })
      setAnswer(() => resolve)
    })
  }, [])

  const ready = () =>
    process.env.TARO_ENV === 'weapp'
      ? new Promise<boolean>((resolve) => Taro.requirePrivacyAuthorize({ success: () => resolve(true), fail: () => resolve(false) }))
      : Promise.resolve(true)

  const reply = (agree: boolean) => {
    answer?.(agree ? { event: 'agree', buttonId: AGREE_ID } : { event: 'disagree' })
    setAnswer(null)
  }

  const panel = answer ? (
    <View id="privacy-consent" className="card">
      <Text className="card-title">请先看隐私保护指引</Text>
      <Text className="card-text">{purpose}需要你同意《邻里守望隐私保护指引》。</Text>
      <Button className="btn btn-plain btn-block" onClick={() => Taro.openPrivacyContract({})}>
        看隐私保护指引
      </Button>
      <Button
        id={AGREE_ID}
        className="btn btn-primary btn-block"
        openType="agreePrivacyAuthorization"
        onAgreePrivacyAuthorization={() => reply(true)}
      >
        同意
      </Button>
      <Button className="btn btn-plain btn-block" onClick={() => reply(false)}>
        不同意
      </Button>
    </View>
  ) : null

  return { panel, ready }
}
