import { Button, Text, View } from '@tarojs/components'
import type { ReactNode } from 'react'
import { BusyButton } from './busy-button'

// Read out as a heading under the page's title (Taro's types know no ARIA; H5 passes it on, weapp ignores it).
const sectionHeading = { role: 'heading', 'aria-level': 2 } as object

export function SectionHeader({ title, hint }: { title: string; hint?: string }) {
  return (
    <View className="section-header">
      <Text className="section-title" {...sectionHeading}>
        {title}
      </Text>
      {hint ? <Text className="section-hint">{hint}</Text> : null}
    </View>
  )
}

/** One row that leads somewhere: the whole row is the touch target. */
export function ListItem({
  id,
  title,
  detail,
  extra,
  extraTone,
  onClick,
}: {
  id?: string
  title: string
  detail?: string
  extra?: string
  /** `met`: in 达标's green, as everywhere; `short`: in the amber of work to do. */
  extraTone?: 'met' | 'short'
  onClick(): void
}) {
  return (
    <Button id={id} className="list-item" onClick={onClick}>
      <View className="list-item-text">
        <Text className="list-item-title">{title}</Text>
        {detail ? <Text className="list-item-detail">{detail}</Text> : null}
      </View>
      {extra ? <Text className={extraTone ? `list-item-extra list-item-extra-${extraTone}` : 'list-item-extra'}>{extra}</Text> : null}
      <Text className="list-item-arrow">›</Text>
    </Button>
  )
}

/** Big figures side by side, e.g. 成员 12 · 完成任务 30. */
export function Stats({ items }: { items: { label: string; value: ReactNode }[] }) {
  return (
    <View className="stats">
      {items.map((item) => (
        <View className="stat" key={item.label}>
          <Text className="stat-value">{item.value}</Text>
          <Text className="stat-label">{item.label}</Text>
        </View>
      ))}
    </View>
  )
}

// The one tag that warns: in danger's red.
const dangerTags = new Set(['危及生命安全'])

export function Tags({ tags }: { tags: string[] }) {
  return (
    <View className="tags">
      {tags.map((tag) => (
        <View className={dangerTags.has(tag) ? 'tag tag-danger' : 'tag'} key={tag}>
          <Text>{tag}</Text>
        </View>
      ))}
    </View>
  )
}

/** One labelled line of details: a need's, a certificate's. */
export function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <View className="fact">
      <Text className="fact-label">{label}</Text>
      <Text className="fact-value">{children}</Text>
    </View>
  )
}

/** A card; with `onClick` the whole card is one touch target. */
export function Card({ id, onClick, children }: { id?: string; onClick?(): void; children: ReactNode }) {
  return onClick ? (
    <Button id={id} className="card card-button" onClick={onClick}>
      {children}
    </Button>
  ) : (
    <View id={id} className="card">
      {children}
    </View>
  )
}

/** Under a list read a page at a time (usePages): 再看更早的 while there is more, and why the next page did not come. */
export function MorePages({ id, more }: { id?: string; more: { hasMore: boolean; busy: boolean; failure?: string; next(): void } }) {
  return (
    <View>
      {more.failure ? <Text className="field-error">{more.failure}</Text> : null}
      {more.hasMore ? <BusyButton id={id} busy={more.busy} label="再看更早的" onClick={more.next} /> : null}
    </View>
  )
}
