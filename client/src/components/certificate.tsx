import { Text, View } from '@tarojs/components'
import type { Certificate } from '../../../shared/contracts/timebank'
import { formatDateTime, formatDay, formatMinutes, formatMonth } from '../format'

/** A labelled line of a certificate. */
function Line({ label, children }: { label: string; children: string }) {
  return (
    <View className='fact'>
      <Text className='fact-label'>{label}</Text>
      <Text className='fact-value'>{children}</Text>
    </View>
  )
}

/** 志愿服务记录证明 as issued: the holder, the period, hours by organisation and by month, who issues it, its number. */
export function CertificateView({ certificate }: { certificate: Certificate }) {
  return (
    <View id='certificate' className='card certificate'>
      <Text className='certificate-title'>志愿服务记录证明</Text>
      <Line label='姓名'>{certificate.holder.name}</Line>
      <Line label='手机'>{certificate.holder.maskedPhone}</Line>
      <Line label='期间'>{`${formatDay(certificate.period.from)} 至 ${formatDay(certificate.period.to)}`}</Line>
      <Line label='服务时长'>{formatMinutes(certificate.totalMinutes)}</Line>
      {certificate.byOrganisation.map((row) => (
        <Line key={row.organisationId} label={row.organisationName}>
          {formatMinutes(row.minutes)}
        </Line>
      ))}
      {certificate.byMonth.length > 0 ? (
        <Line label='按月'>{certificate.byMonth.map((row) => `${formatMonth(row.month)} ${formatMinutes(row.minutes)}`).join('；')}</Line>
      ) : null}
      <Line label='出具单位'>{certificate.issuer.name}</Line>
      <Line label='出具时间'>{formatDateTime(certificate.issuedAt)}</Line>
      <Text className='card-label'>验证编号</Text>
      <Text id='certificate-number' className='certificate-number'>
        {certificate.number}
      </Text>
    </View>
  )
}
