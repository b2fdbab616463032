import { Button, Image, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { messageOf, photoSrc, uploadPhoto } from '../api'
import { Field } from './form'

/** Full screen, with swiping between them: the thumbnails are too small to read a bill or a crack by. */
function preview(photos: readonly string[], fileID: string) {
  const urls = photos.map(photoSrc)
  void Taro.previewImage({ urls, current: photoSrc(fileID) })
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
  photos: readonly string[]
  error?: string
  onChange(photos: string[]): void
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
    const results = await Promise.allSettled(paths.slice(0, room).map(uploadPhoto))
    setUploading(false)
    onChange([...photos, ...results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []))])
    const refused = results.find((r) => r.status === 'rejected')
    if (refused) setFailure(messageOf(refused.reason))
  }

  return (
    <Field label={label} hint={hint} error={error ?? (failure || undefined)}>
      <View id={id} className="photos">
        {photos.map((fileID) => (
          <View key={fileID} className="photo">
            <Image className="photo-image" src={photoSrc(fileID)} mode="aspectFill" onClick={() => preview(photos, fileID)} />
            <Button className="btn btn-plain photo-remove" onClick={() => onChange(photos.filter((p) => p !== fileID))}>
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

/** A need's photos; a tap shows one full screen. */
export function Photos({ photos }: { photos: readonly string[] }) {
  return (
    <View id="photos" className="photos">
      {photos.map((fileID) => (
        <Image key={fileID} className="photo-image" src={photoSrc(fileID)} mode="aspectFill" onClick={() => preview(photos, fileID)} />
      ))}
    </View>
  )
}
