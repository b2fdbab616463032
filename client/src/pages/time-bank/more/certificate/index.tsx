import { Button, Canvas, Text, View } from '@tarojs/components'
import Taro, { useShareAppMessage } from '@tarojs/taro'
import { useState } from 'react'
import type { Certificate, IssuerView, ServiceHours } from '../../../../../../shared/contracts/timebank'
import { REAL_NAME_PURPOSE } from '../../../../../../shared/domain/timebank'
import { inShanghai } from '../../../../../../shared/domain/time'
import { api } from '../../../../api'
import { BusyButton } from '../../../../components/busy-button'
import { Choices, Field, TextField } from '../../../../components/form'
import { SectionHeader } from '../../../../components/list'
import { PageShell } from '../../../../components/page-shell'
import { Empty, Loaded } from '../../../../components/status'
import { serviceSource } from '../../../../components/time-bank'
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
import { formatDate, formatDay, formatMinutes } from '../../../../format'
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

/**
 * 志愿服务时长 and 证明: choose a period, see the hours by who recorded them and every service of the
 * period, register the real name once, pick the issuer, open the certificate with its number.
 */
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

type Period = { from: string; to: string }

function Hours({ period, onIssued }: { period: Period; onIssued(certificate: Certificate): void }) {
  const load = useLoad(() => api.timebank.serviceHours(period))
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
            {hours.byIssuer.map((row) => (
              <View className="fact" key={`${row.issuer.kind}:${row.issuer.id}`}>
                <Text className="fact-label">{row.issuer.name}</Text>
                <Text className="fact-value">{formatMinutes(row.minutes)}</Text>
              </View>
            ))}
            {hours.waitingMinutes > 0 ? (
              <Text className="note">还有 {formatMinutes(hours.waitingMinutes)} 正在入账或等社区审核，审核后才计入。</Text>
            ) : null}
          </View>
          {hours.totalMinutes === 0 ? (
            <Empty title="这段时间还没有志愿服务时长">换一段时间看看，或参加志愿服务后再来开具。</Empty>
          ) : hours.realName ? (
            <Issue hours={hours} period={period} onIssued={onIssued} />
          ) : (
            <RealNameForm onRegistered={(realName) => load.replace({ ...hours, realName })} />
          )}
          <ServiceList records={hours.records} />
        </View>
      )}
    </Loaded>
  )
}

const issuerKey = (issuer: IssuerView) => `${issuer.kind}:${issuer.id}`

/** 谁记录谁证明: the volunteer picks who certifies; each certificate states only what that issuer recorded. */
function Issue({ hours, period, onIssued }: { hours: ServiceHours; period: Period; onIssued(certificate: Certificate): void }) {
  const [chosen, setChosen] = useState(issuerKey(hours.byIssuer[0].issuer))
  const issue = useSubmit()
  const row = hours.byIssuer.find((r) => issuerKey(r.issuer) === chosen) ?? hours.byIssuer[0]
  return (
    <View id="certificate-issuer">
      <SectionHeader title="请哪个单位出具证明" />
      <Text className="page-hint">谁记录的服务由谁证明：每份证明只写这个单位记录的时长。</Text>
      <Choices
        wide
        options={hours.byIssuer.map((r) => issuerKey(r.issuer))}
        chosen={[issuerKey(row.issuer)]}
        labelOf={(key) => {
          const option = hours.byIssuer.find((r) => issuerKey(r.issuer) === key)!
          return `${option.issuer.name}（${formatMinutes(option.minutes)}）`
        }}
        onToggle={setChosen}
      />
      {issue.errorOf() ? <Text className="field-error">{issue.errorOf()}</Text> : null}
      <BusyButton
        id="issue-certificate"
        primary
        busy={issue.busy}
        label="开具证明"
        onClick={() =>
          issue.run(async () =>
            onIssued(
              (await api.timebank.issueCertificate({ ...period, issuer: { kind: row.issuer.kind, id: row.issuer.id } })).certificate,
            ),
          )
        }
      />
    </View>
  )
}

/** 实名登记, asked once, the first time a certificate is wanted, with its own consent beside its purpose. */
function RealNameForm({ onRegistered }: { onRegistered(realName: NonNullable<ServiceHours['realName']>): void }) {
  const [name, setName] = useState('')
  const [idNumber, setIdNumber] = useState('')
  const [agreed, setAgreed] = useState(false)
  const register = useSubmit({ name, idNumber, consent: agreed })
  return (
    <View id="real-name" className="card">
      <Text className="card-title">开具证明前，请先实名登记</Text>
      <Text className="card-text">按《志愿服务条例》，志愿服务证明要写明志愿者的真实姓名和身份证号。</Text>
      <TextField
        id="real-name-name"
        large
        label="真实姓名"
        maxlength={20}
        value={name}
        error={register.errorOf('name')}
        onChange={setName}
      />
      <TextField
        id="real-name-id"
        large
        label="身份证号"
        hint="18 位，最后一位可能是 X；证明上只显示后四位"
        maxlength={18}
        value={idNumber}
        error={register.errorOf('idNumber')}
        onChange={setIdNumber}
      />
      <Field label="用途" hint={REAL_NAME_PURPOSE} error={register.errorOf('consent')}>
        <Choices wide options={[AGREE]} chosen={agreed ? [AGREE] : []} onToggle={() => setAgreed(!agreed)} />
      </Field>
      {register.errorOf() ? <Text className="field-error">{register.errorOf()}</Text> : null}
      <BusyButton
        id="real-name-send"
        primary
        busy={register.busy}
        label="登记"
        onClick={() =>
          register.run(async () =>
            // Unticked, it is sent as it is: the function refuses it with its message beside the box.
            onRegistered((await api.timebank.registerRealName({ name: name.trim(), idNumber, consent: agreed as true })).realName),
          )
        }
      />
    </View>
  )
}
const AGREE = '我已阅读并同意以上用途'

/** Every service of the period, needs, activities and visits alike: minutes, what counted, and who confirmed it. */
function ServiceList({ records }: { records: ServiceHours['records'] }) {
  if (records.length === 0) return null
  return (
    <View id="service-records">
      <SectionHeader title="服务记录" />
      {records.map((r) => (
        <View key={r.id} className="card service-record">
          <Text className="card-title">{serviceSource(r.service)}</Text>
          <Text className="card-text">
            {formatDate(r.service.servedAt)} · 记录 {formatMinutes(r.recordedMinutes)} · 计入 {formatMinutes(r.countedMinutes)}
          </Text>
          <Text className="card-label">
            {r.statusLabel}
            {r.confirmedByName ? ` · 确认人：${r.confirmedByName}` : ''}
          </Text>
        </View>
      ))}
    </View>
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
