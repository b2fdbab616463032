import { Text, View } from '@tarojs/components'
import type { HistoryEntry, LedgerEntry, ServiceSource } from '../../../shared/contracts/timebank'
import { formatDateTime, formatSignedMinutes } from '../format'
import { Tags } from './list'

/** Who hands over what was redeemed: the organisation that provides it, else the committee. */
export const providerName = (thing: { provider?: { name: string } }) => thing.provider?.name ?? '社区两委'

/** The need or activity served, and for which organisation. */
export const serviceSource = (service: ServiceSource) => `${service.kindLabel}「${service.title}」· ${service.organisationName}`

/**
 * Where an entry came from, in words: the need or activity served and its organisation, who gave
 * it or was given it, what it bought, why the committee granted or reversed it.
 */
export function entrySource(entry: HistoryEntry | LedgerEntry): string {
  switch (entry.kind) {
    case 'service':
    case 'review':
      return entry.service ? serviceSource(entry.service) : entry.title
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
