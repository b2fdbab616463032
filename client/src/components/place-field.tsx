import { Button, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useEffect, useState } from 'react'
import { Field } from './form'

export interface Place {
  lngLat: [number, number]
  label: string
}

/**
 * A place: on the phone picked on WeChat's map. The browser demo has no map picker: it takes
 * where the browser says the person is, and says so.
 */
export function PlaceField({ label, shownAs, weappHint, place, error, onChange }: {
  label: string
  /** The line under the field names the place as this, e.g. 中心. */
  shownAs: string
  weappHint: string
  place: Place | null
  error?: string
  onChange(place: Place): void
}) {
  const [locating, setLocating] = useState('')

  const pick = async () => {
    setLocating('')
    try {
      if (process.env.TARO_ENV === 'weapp') {
        const chosen = await Taro.chooseLocation({})
        onChange({ lngLat: [chosen.longitude, chosen.latitude], label: chosen.name || chosen.address })
      } else {
        const here = await Taro.getLocation({ type: 'wgs84' })
        onChange({ lngLat: [here.longitude, here.latitude], label: '你现在的位置' })
      }
    } catch {
      setLocating('没有取到位置，请再试一次')
    }
  }

  useEffect(() => {
    if (process.env.TARO_ENV !== 'weapp' && !place) pick()
    // Only on arriving at this step: a refusal is not asked again until the person taps.
  }, [])

  return (
    <Field
      label={label}
      hint={process.env.TARO_ENV === 'weapp' ? weappHint : '网页演示版不能在地图上选点，用你现在所在的位置'}
      error={error ?? (locating || undefined)}
    >
      {place ? (
        <Text className='note'>
          {shownAs}：{place.label}
        </Text>
      ) : null}
      <Button className='btn btn-plain btn-block' onClick={pick}>
        {process.env.TARO_ENV === 'weapp' ? (place ? '在地图上换一个' : '在地图上选') : '重新取位置'}
      </Button>
    </Field>
  )
}
