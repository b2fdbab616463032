import { Text, View } from '@tarojs/components'
import { useShareAppMessage } from '@tarojs/taro'
import { useEffect, useState } from 'react'
import type { Certificate } from '../../../../../../shared/contracts/timebank'
import { certificateNumberSchema } from '../../../../../../shared/domain/timebank'
import { api } from '../../../../api'
import { BusyButton } from '../../../../components/busy-button'
import { TextField } from '../../../../components/form'
import { PageShell } from '../../../../components/page-shell'
import { CertificateView } from '../../../../components/certificate'
import { useSubmit } from '../../../../hooks/use-submit'
import { paths, usePageParams } from '../../../../routes'
import { verifyNumberFrom } from '../../../../../../shared/domain/verification'

/**
 * 证明查验, for anyone, signed in or not, in WeChat or a browser (decision 047): a certificate's number,
 * typed, in the link or in the mini-program code scanned, shows what the certificate says as it was
 * issued (the holder's name partly hidden). Nothing here asks the person to join or sign in.
 */
export default function VerifyPage() {
  const opened = verifyNumberFrom(usePageParams())
  const [number, setNumber] = useState(opened)
  const [problem, setProblem] = useState('')
  const [certificate, setCertificate] = useState<Certificate | null>(null)
  const check = useSubmit()

  const verify = async (typed: string) => {
    const parsed = certificateNumberSchema.safeParse(typed)
    if (!parsed.success) {
      setProblem(parsed.error.issues[0].message)
      return
    }
    setProblem('')
    setCertificate(null)
    await check.run(async () => setCertificate((await api.timebank.verifyCertificate({ number: parsed.data })).certificate))
  }

  // Opened from the certificate's link or code: check it at once.
  useEffect(() => {
    if (opened) void verify(opened)
  }, [])

  useShareAppMessage(() => ({ title: '志愿服务记录证明查验', path: paths.verify(certificate?.number ?? (opened || undefined)) }))

  return (
    <PageShell>
      <Text className="page-hint">验证编号是 16 位字母和数字，印在志愿服务记录证明上。</Text>
      <TextField
        id="verify-number"
        label="验证编号"
        maxlength={40}
        value={number}
        // The number is all there is to get wrong: every refusal is about it.
        error={problem || check.errorOf()}
        onChange={(v) => setNumber(v.toUpperCase())}
      />
      <BusyButton id="verify" primary busy={check.busy} label="查验" onClick={() => verify(number)} />
      {certificate ? (
        <View>
          <View className="note">
            <Text id="verified">这份证明是真的：下面是出具时的内容。</Text>
          </View>
          <CertificateView certificate={certificate} />
        </View>
      ) : null}
    </PageShell>
  )
}
