import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useEffect, useState } from 'react'
import { CHECK_IN_OPENS_MINUTES } from '../../../../../shared/domain/activity'
import { api } from '../../../api'
import { Choices } from '../../../components/form'
import { PageShell } from '../../../components/page-shell'
import { QrCode } from '../../../components/qr-code'
import { Empty, Loaded } from '../../../components/status'
import { formatClock, formatDateTime } from '../../../format'
import { useLoad } from '../../../hooks/use-load'
import { usePageParams } from '../../../routes'

const purposes = { 签到: 'check_in', 签退: 'check_out' } as const
type Purpose = keyof typeof purposes

/** Asking a moment after the minute turns makes sure the function's clock has turned too. */
const AFTER_ROTATION_MS = 500
const QR_WIDTH_PX = 280

/**
 * The lead holds this up at the door: a big QR code to scan and its 6 digits to type, for
 * 签到 or 签退. Both change every minute; the page fetches the new ones as each minute turns.
 */
export default function CheckInCodePage() {
  const { organisationId = '', id = '' } = usePageParams()
  const [purpose, setPurpose] = useState<Purpose>('签到')
  // The answer carries its purpose: while the other one loads, the page still says what it shows.
  const load = useLoad(
    async () => ({ purpose, ...(await api.activities.checkInCode({ organisationId, activityId: id, purpose: purposes[purpose] })) }),
    [purpose],
  )

  // The phone is held up at the door for a while: its screen must not go dark.
  useEffect(() => {
    if (process.env.TARO_ENV !== 'weapp') return undefined
    void Taro.setKeepScreenOn({ keepScreenOn: true })
    return () => void Taro.setKeepScreenOn({ keepScreenOn: false })
  }, [])

  // The next moment the page changes by itself: the minute's code turns, or the codes open.
  const changesAt =
    load.status !== 'ready'
      ? null
      : load.data.state === 'open'
        ? load.data.rotatesAt
        : load.data.state === 'notYet'
          ? load.data.opensAt
          : null
  useEffect(() => {
    if (!changesAt) return undefined
    const timer = setTimeout(load.reload, Math.max(0, new Date(changesAt).getTime() - Date.now()) + AFTER_ROTATION_MS)
    return () => clearTimeout(timer)
  }, [changesAt])

  return (
    <PageShell>
      <Choices<Purpose> options={['签到', '签退']} chosen={[purpose]} onToggle={setPurpose} />
      <Loaded load={load}>
        {(code) =>
          code.state === 'notYet' ? (
            <Empty title={`${code.purpose}码 ${formatDateTime(code.opensAt)} 开放`}>
              活动开始前 {CHECK_IN_OPENS_MINUTES} 分钟开放。到时这里自动显示二维码和 6 位数字，不用刷新。
            </Empty>
          ) : code.state === 'closed' ? (
            <Empty title={`${code.purpose}码已关闭`}>
              活动已结束。没{code.purpose}上的人，请回到名单为他们手动{code.purpose}。
            </Empty>
          ) : (
            <View className="card check-in-code">
              <Text className="card-title">请来{code.purpose}的人扫一扫</Text>
              <QrCode id="check-in-qr" text={code.qrPayload} widthPx={QR_WIDTH_PX} />
              <Text className="card-label">不能扫码的，输入这 6 位数字：</Text>
              <Text id="short-code" className="short-code">
                {code.shortCode}
              </Text>
              <Text className="card-label">每分钟自动更换，{formatClock(code.rotatesAt)} 换新码</Text>
            </View>
          )
        }
      </Loaded>
    </PageShell>
  )
}
