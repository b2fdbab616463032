import { Text, View } from '@tarojs/components'
import type { HistoryEntry, LedgerEntry, ServiceSource } from '../../../shared/contracts/timebank'
import { formatDateTime, formatSignedMinutes } from '../format'
import { Tags } from './list'

/** Who hands over what was redeemed: the organisation that provides it, else the committee. */
export const providerName = (thing: { provider?: { name: string } }) => thing.provider?.name ?? '社区两委'

/** The need or activity served, and for which organisation. */
export const serviceSource = (service: ServiceSource) => `${service.kindLabel}「${service.title}」· ${service.organisationName}`

/**
 * What an entry's title (志愿服务：…, 转赠给…, 兑换：…) leaves out: whether it was a need or an
 * activity and which organisation, the giver's note, the committee's reason.
 */
function entryDetails(entry: HistoryEntry | LedgerEntry): string[] {
  return [
    entry.service ? `${entry.service.kindLabel} · ${entry.service.organisationName}` : '',
    entry.note ? `留言：${entry.note}` : '',
    entry.reason ? `理由：${entry.reason}` : '',
  ].filter(Boolean)
}

/** An entry's lines: its title, what the title leaves out, `meta` (when, between whom), and whether it was reversed. */
export function EntryText({ entry, meta }: { entry: HistoryEntry | LedgerEntry; meta: string }) {
  return (
    <View className="entry-text">
      <Text className="entry-title">{entry.title}</Text>
      {entryDetails(entry).map((line) => (
        <Text key={line} className="entry-detail">
          {line}
        </Text>
      ))}
      <Text className="entry-meta">{meta}</Text>
      {entry.reversal ? <Tags tags={[`已冲正：${entry.reversal.reason}`]} /> : null}
    </View>
  )
}

/** One line of a person's own history: where it came from, when, and how much came in or went out. */
export function EntryRow({ entry }: { entry: HistoryEntry }) {
  return (
    <View className="entry">
      <EntryText entry={entry} meta={formatDateTime(entry.at)} />
      <Text className={entry.minutes > 0 ? 'entry-minutes entry-minutes-in' : 'entry-minutes'}>{formatSignedMinutes(entry.minutes)}</Text>
    </View>
  )
}
