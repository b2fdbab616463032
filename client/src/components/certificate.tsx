import { Text, View } from '@tarojs/components'
import type { Certificate } from '../../../shared/contracts/timebank'
import { formatDateTime, formatDay, formatMinutes, formatMonth } from '../format'
import { Fact } from './list'

/** 志愿服务记录证明 as issued: the holder, the period, the issuer's hours by month, what the service was, who issues it, its number. */
export function CertificateView({ certificate }: { certificate: Certificate }) {
  return (
    <View id="certificate" className="card certificate">
      <Text className="certificate-title">志愿服务记录证明</Text>
      <Fact label="姓名">{certificate.holder.name}</Fact>
      {certificate.holder.maskedIdNumber ? <Fact label="身份证号">{certificate.holder.maskedIdNumber}</Fact> : null}
      <Fact label="手机">{certificate.holder.maskedPhone}</Fact>
      {certificate.starLabel ? <Fact label="星级">{certificate.starLabel}</Fact> : null}
      <Fact label="期间">{`${formatDay(certificate.period.from)} 至 ${formatDay(certificate.period.to)}`}</Fact>
      <Fact label="服务时长">{formatMinutes(certificate.totalMinutes)}</Fact>
      {certificate.byOrganisation.map((row) => (
        <Fact key={row.organisationId} label={row.organisationName}>
          {formatMinutes(row.minutes)}
        </Fact>
      ))}
      {certificate.byMonth.length > 0 ? (
        <Fact label="按月">{certificate.byMonth.map((row) => `${formatMonth(row.month)} ${formatMinutes(row.minutes)}`).join('；')}</Fact>
      ) : null}
      {certificate.services.length > 0 ? <Fact label="服务内容">{certificate.services.join('；')}</Fact> : null}
      <Fact label="出具单位">{certificate.issuer.name}</Fact>
      <Fact label="出具时间">{formatDateTime(certificate.issuedAt)}</Fact>
      <Text className="card-label">验证编号</Text>
      <Text id="certificate-number" className="certificate-number">
        {certificate.number}
      </Text>
    </View>
  )
}
