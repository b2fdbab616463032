import { Image, Text, View } from '@tarojs/components'
import { takenDownText, type ContentRef, type PhotoStateView } from '../../../shared/domain/moderation'
import { api } from '../api'
import { ConfirmAction } from './confirm-action'
import { SectionHeader } from './list'
import { useReloadOnBrokenPhoto } from './photos'

/** What the author (and the committee) reads where taken-down content was. */
export function TakenDownNotice({ takenDown }: { takenDown?: { reason: string } }) {
  if (!takenDown) return null
  return (
    <View className="card">
      <Text className="field-error">{takenDownText(takenDown.reason)}</Text>
    </View>
  )
}

/** The committee's 下架 (with a reason the author reads) or, once taken down, 恢复. */
export function TakeDownControls({
  content,
  takenDown,
  what,
  onChanged,
}: {
  content: ContentRef
  takenDown?: { reason: string }
  what: string
  onChanged(): void
}) {
  if (takenDown) {
    return (
      <View>
        <TakenDownNotice takenDown={takenDown} />
        <ConfirmAction
          label="恢复"
          question={`恢复后，大家又能看到这${what}。`}
          onConfirm={async () => {
            await api.community.restore({ content })
            onChanged()
          }}
        />
      </View>
    )
  }
  return (
    <ConfirmAction
      danger
      label={`下架这${what}`}
      question="下架后，除社区两委和发布人外谁也看不到。发布人会收到通知，看到理由。"
      reason={{ label: '下架的理由', required: true }}
      onConfirm={async (reason) => {
        await api.community.takeDown({ content, reason: reason! })
        onChanged()
      }}
    />
  )
}

/** The author's photos that are not shown yet, and why: the photos themselves are not served until they pass. */
export function PhotoNotes({ states }: { states?: PhotoStateView[] }) {
  const notes = (states ?? []).filter((s) => !s.fileId)
  if (notes.length === 0) return null
  return (
    <View className="fact">
      <Text className="fact-label">照片</Text>
      {notes.map((s, i) => (
        <Text key={i} className={s.state === 'takenDown' ? 'field-error' : 'fact-value'}>
          第 {i + 1} 张：{s.stateLabel}
        </Text>
      ))}
    </View>
  )
}

/**
 * The committee's view of every photo and where its check stands: a flagged one waits for its word
 * (允许显示 or 下架), a shown one can be taken down, a taken-down one restored.
 */
export function PhotoReview({
  states,
  contentOf,
  onChanged,
}: {
  states?: PhotoStateView[]
  contentOf(fileId: string): ContentRef
  onChanged(): void
}) {
  const broken = useReloadOnBrokenPhoto()
  const photos = (states ?? []).filter((s): s is PhotoStateView & { fileId: string } => !!s.fileId)
  if (photos.length === 0) return null
  return (
    <View id="photo-review">
      <SectionHeader title="照片审核" hint="照片经微信内容安全检测通过后才给别人看" />
      {photos.map((photo) => (
        <View key={photo.fileId} className="card">
          {photo.photo ? (
            <Image className="photo-image" src={photo.photo.url} mode="aspectFill" nativeProps={{ alt: '待审核的照片' }} onError={broken} />
          ) : null}
          <Text className="fact-value">{photo.stateLabel}</Text>
          {photo.state === 'flagged' ? (
            <ConfirmAction
              label="允许显示"
              question="确认这张照片没有问题？允许后大家都能看到。"
              onConfirm={async () => {
                await api.community.restore({ content: contentOf(photo.fileId) })
                onChanged()
              }}
            />
          ) : null}
          {photo.state !== 'pending' ? (
            <TakeDownControls
              content={contentOf(photo.fileId)}
              takenDown={photo.reason ? { reason: photo.reason } : undefined}
              what="张照片"
              onChanged={onChanged}
            />
          ) : null}
        </View>
      ))}
    </View>
  )
}
