import { Button, Image, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useContext, useRef, useState } from 'react'
import type { PhotoLink } from '../../../shared/domain/moderation'
import { messageOf, uploadPhoto } from '../api'
import { Field } from './form'
import { ReloadContext } from './status'

/** Full screen, with swiping between them: the thumbnails are too small to read a bill or a crack by. */
function preview(urls: readonly string[], current: string) {
  void Taro.previewImage({ urls: [...urls], current })
}

/** A photo chosen in a form: its file id to send, and the phone's own copy to show meanwhile. */
export interface ChosenPhoto {
  fileID: string
  /** chooseImage's temp path: shown without asking storage, which lets only the uploader read by id. */
  preview: string
}

/**
 * Optional photos for a form, up to `max`: each is uploaded as soon as it is chosen, so that
 * the form sends only file ids. Big targets to add and to take one away.
 */
export function PhotoPicker({
  id,
  label,
  hint,
  max,
  photos,
  error,
  onChange,
}: {
  id?: string
  label: string
  hint?: string
  max: number
  photos: readonly ChosenPhoto[]
  error?: string
  onChange(photos: ChosenPhoto[]): void
}) {
  const [uploading, setUploading] = useState(false)
  const [failure, setFailure] = useState('')

  const add = async () => {
    setFailure('')
    const room = max - photos.length
    let paths: string[]
    try {
      paths = (await Taro.chooseImage({ count: room, sizeType: ['compressed'], sourceType: ['album', 'camera'] })).tempFilePaths
    } catch (cause) {
      // Closing the album without choosing is no failure.
      if (!String((cause as { errMsg?: unknown }).errMsg).includes('cancel')) setFailure('没有选上照片，请再试一次')
      return
    }
    setUploading(true)
    // The browser's file picker does not hold to `count`: the first ones that fit are kept.
    const results = await Promise.allSettled(paths.slice(0, room).map(async (path) => ({ fileID: await uploadPhoto(path), preview: path })))
    setUploading(false)
    onChange([...photos, ...results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []))])
    const refused = results.find((r) => r.status === 'rejected')
    if (refused) setFailure(messageOf(refused.reason))
  }

  const previews = photos.map((p) => p.preview)
  return (
    <Field label={label} hint={hint} error={error ?? (failure || undefined)}>
      <View id={id} className="photos">
        {photos.map((photo) => (
          <View key={photo.fileID} className="photo">
            <Image
              className="photo-image"
              src={photo.preview}
              mode="aspectFill"
              nativeProps={{ alt: `第 ${photos.indexOf(photo) + 1} 张照片` }}
              onClick={() => preview(previews, photo.preview)}
            />
            <Button className="btn btn-plain photo-remove" onClick={() => onChange(photos.filter((p) => p.fileID !== photo.fileID))}>
              删掉
            </Button>
          </View>
        ))}
      </View>
      {uploading ? (
        <Text className="note">正在上传照片…</Text>
      ) : photos.length < max ? (
        <Button className="btn btn-plain btn-block" onClick={add}>
          {photos.length === 0 ? '添加照片' : '再加一张'}
        </Button>
      ) : null}
    </Field>
  )
}

/** Not more often than this does a broken photo load the page again, so that a file gone for good cannot loop. */
const RELOAD_AFTER_BROKEN_MS = 60 * 1000

/**
 * What a photo that does not load does: its link may have expired on a page left open (links last
 * minutes, docs/decisions/035), so the page's data is loaded again, which brings new links.
 */
export function useReloadOnBrokenPhoto(): () => void {
  const reload = useContext(ReloadContext)
  const last = useRef(0)
  return () => {
    if (!reload || Date.now() - last.current < RELOAD_AFTER_BROKEN_MS) return
    last.current = Date.now()
    reload()
  }
}

/** A need's or an activity's photos, by the links the function made; a tap shows one full screen. */
export function Photos({ photos }: { photos: readonly PhotoLink[] }) {
  const broken = useReloadOnBrokenPhoto()
  const urls = photos.map((p) => p.url)
  return (
    <View id="photos" className="photos">
      {urls.map((url) => (
        <Image
          key={url}
          className="photo-image"
          src={url}
          mode="aspectFill"
          nativeProps={{ alt: `第 ${urls.indexOf(url) + 1} 张照片` }}
          onError={broken}
          onClick={() => preview(urls, url)}
        />
      ))}
    </View>
  )
}
