import { Button, Canvas, Text, View } from '@tarojs/components'
import Taro, { useShareAppMessage } from '@tarojs/taro'
import { useState } from 'react'
import type { Certificate } from '../../../../../../shared/contracts/timebank'
import { inShanghai } from '../../../../../../shared/domain/time'
import { api } from '../../../../api'
import { BusyButton } from '../../../../components/busy-button'
import { Choices } from '../../../../components/form'
import { SectionHeader } from '../../../../components/list'
import { PageShell } from '../../../../components/page-shell'
import { Empty, Loaded } from '../../../../components/status'
import { CertificateView } from '../../../../components/certificate'
import {
  ALBUM_SCOPE,
  albumAllowed,
  CERTIFICATE_CANVAS,
  CERTIFICATE_WIDTH,
  certificateHeight,
  saveCertificateImage,
} from '../../../../components/certificate-image'
import { usePrivacyConsent } from '../../../../components/privacy-consent'
import { formatDay, formatMinutes } from '../../../../format'
import { useLoad } from '../../../../hooks/use-load'
import { useSubmit } from '../../../../hooks/use-submit'
import { go, paths } from '../../../../routes'

const DAY = 'YYYY-MM-DD'

/** The periods a certificate is asked for: a school or an employer wants a year, or the last twelve months. */
const periods = {
  今年: () => ({ from: inShanghai().startOf('year').format(DAY), to: inShanghai().format(DAY) }),
  去年: () => {
    const lastYear = inShanghai().subtract(1, 'year')
    return { from: lastYear.startOf('year').format(DAY), to: lastYear.endOf('year').format(DAY) }
  },
  近一年: () => ({ from: inShanghai().subtract(1, 'year').add(1, 'day').format(DAY), to: inShanghai().format(DAY) }),
} as const
type PeriodName = keyof typeof periods

/** 志愿服务证明: choose a period, see the hours by organisation, open the certificate with its number. */
export default function CertificatePage() {
  const [chosen, setChosen] = useState<PeriodName>('今年')
  const [certificate, setCertificate] = useState<Certificate | null>(null)
  // Forwarded, an issued certificate opens its verify page, which anyone may read with the number.
  useShareAppMessage(() => ({
    title: certificate ? `${certificate.holder.name}的志愿服务记录证明` : '志愿服务记录证明查验',
    path: paths.verify(certificate?.number),
  }))
  if (certificate) return <Issued certificate={certificate} onBack={() => setCertificate(null)} />
  return (
    <PageShell>
      <SectionHeader title="哪段时间" />
      <Choices<PeriodName> options={Object.keys(periods) as PeriodName[]} chosen={[chosen]} onToggle={setChosen} />
      {/* Keyed by the period: each is its own figures, loaded afresh. */}
      <Hours key={chosen} period={periods[chosen]()} onIssued={setCertificate} />
    </PageShell>
  )
}

function Hours({ period, onIssued }: { period: { from: string; to: string }; onIssued(certificate: Certificate): void }) {
  const load = useLoad(() => api.timebank.serviceHours(period))
  const issue = useSubmit()
  return (
    <Loaded load={load}>
      {(hours) => (
        <View>
          <View id="service-hours" className="card">
            <Text className="card-label">
              {formatDay(period.from)} 至 {formatDay(period.to)} 的志愿服务时长
            </Text>
            <Text id="hours-total" className="card-title">
              {formatMinutes(hours.totalMinutes)}
            </Text>
            {hours.byOrganisation.map((row) => (
              <View className="fact" key={row.organisationId}>
                <Text className="fact-label">{row.organisationName}</Text>
                <Text className="fact-value">{formatMinutes(row.minutes)}</Text>
              </View>
            ))}
            {hours.waitingMinutes > 0 ? (
              <Text className="note">还有 {formatMinutes(hours.waitingMinutes)} 正在入账或等社区审核，审核后才计入。</Text>
            ) : null}
          </View>
          {hours.totalMinutes === 0 ? (
            <Empty title="这段时间还没有志愿服务时长">换一段时间看看，或参加志愿服务后再来开具。</Empty>
          ) : (
            <View>
              {issue.errorOf() ? <Text className="field-error">{issue.errorOf()}</Text> : null}
              <BusyButton
                id="issue-certificate"
                primary
                busy={issue.busy}
                label="开具证明"
                onClick={() => issue.run(async () => onIssued((await api.timebank.issueCertificate(period)).certificate))}
              />
            </View>
          )}
        </View>
      )}
    </Loaded>
  )
}

function Issued({ certificate, onBack }: { certificate: Certificate; onBack(): void }) {
  const save = useSubmit()
  // Saving to the album is personal information WeChat guards twice: the privacy guide, then the album's own permission.
  const privacy = usePrivacyConsent('把证明图片保存到相册')
  const [albumRefused, setAlbumRefused] = useState(false)
  const saveImage = () =>
    save.run(async () => {
      if (process.env.TARO_ENV === 'weapp') {
        if (!(await privacy.ready())) return
        const allowed = await albumAllowed()
        setAlbumRefused(!allowed)
        if (!allowed) return
      }
      void Taro.showToast({ title: await saveCertificateImage(certificate), icon: 'success' })
    })
  return (
    <PageShell>
      {privacy.panel}
      <CertificateView certificate={certificate} />
      <Text className="page-hint">
        {process.env.TARO_ENV === 'weapp'
          ? '点右上角“···”转发给要查验的人，对方打开就是查验页面；也可以保存为图片，图片上的小程序码用微信一扫就能查验；或告诉对方验证编号。'
          : '把验证编号告诉要查验的人，在查验页面输入就能看到这份证明；也可以下载为图片，图片上的二维码一扫就打开查验页面。'}
      </Text>
      {save.errorOf() ? <Text className="field-error">{save.errorOf()}</Text> : null}
      <BusyButton
        id="save-certificate"
        primary
        busy={save.busy}
        label={process.env.TARO_ENV === 'weapp' ? '保存为图片' : '下载为图片'}
        onClick={saveImage}
      />
      {albumRefused ? (
        <View id="album-refused" className="note">
          <Text>没有允许保存到相册。点下面的按钮，在设置里打开“添加到相册”，再点“保存为图片”。</Text>
          <Button
            id="album-settings"
            className="btn btn-plain btn-block"
            openType="openSetting"
            onOpenSetting={(event) => setAlbumRefused(event.detail.authSetting[ALBUM_SCOPE] !== true)}
          >
            去设置里允许
          </Button>
        </View>
      ) : null}
      {process.env.TARO_ENV === 'weapp' && (
        // Drawn off screen at the image's own size: WeChat saves the canvas's pixels.
        <Canvas
          canvasId={CERTIFICATE_CANVAS}
          className="certificate-canvas"
          style={{ width: `${CERTIFICATE_WIDTH}px`, height: `${certificateHeight(certificate)}px` }}
        />
      )}
      <Button id="open-verify" className="btn btn-plain btn-block" onClick={() => go(paths.verify(certificate.number))}>
        打开查验页面
      </Button>
      <Button className="btn btn-plain btn-block" onClick={onBack}>
        换一段时间
      </Button>
    </PageShell>
  )
}
