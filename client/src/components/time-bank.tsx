import { Text, View } from '@tarojs/components'
import type { Certificate, HistoryEntry, LedgerEntry } from '../../../shared/contracts/timebank'
import { formatDateTime, formatDay, formatMinutes, formatMonth, formatSignedMinutes } from '../format'
import { Tags } from './list'

/**
 * Where an entry came from, in words: the need or activity served and its organisation, who gave
 * it or was given it, what it bought, why the committee granted or reversed it.
 */
export function entrySource(entry: HistoryEntry | LedgerEntry): string {
  switch (entry.kind) {
    case 'service':
    case 'review':
      return entry.service ? `${entry.service.kindLabel}「${entry.service.title}」· ${entry.service.organisationName}` : entry.title
    case 'gift':
      if ('from' in entry) return `${entry.from.name} 赠送给 ${entry.to.name}`
      return entry.minutes > 0 ? `${entry.counterpartyName ?? ''} 赠送给我` : `我赠送给 ${entry.counterpartyName ?? ''}`
    case 'grant':
      return `社区时间池发放：${entry.reason ?? ''}`
    case 'redeem':
      return `兑换「${entry.itemName ?? ''}」`
    case 'reversal':
      return `冲正：${entry.reason ?? ''}`
  }
}

/** One line of a person's own history: what, where from, when, and how much came in or went out. */
export function EntryRow({ entry }: { entry: HistoryEntry }) {
  return (
    <View className='entry'>
      <View className='entry-text'>
        <Text className='entry-kind'>{entry.kindLabel}</Text>
        <Text className='entry-source'>{entrySource(entry)}</Text>
        {entry.note ? <Text className='entry-meta'>留言：{entry.note}</Text> : null}
        <Text className='entry-meta'>{formatDateTime(entry.at)}</Text>
        {entry.reversal ? <Tags tags={[`已冲正：${entry.reversal.reason}`]} /> : null}
      </View>
      <Text className={entry.minutes > 0 ? 'entry-minutes entry-minutes-in' : 'entry-minutes'}>{formatSignedMinutes(entry.minutes)}</Text>
    </View>
  )
}

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
