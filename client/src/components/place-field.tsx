import { Button, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { Field } from './form'

export interface Place {
  lngLat: [number, number]
  label: string
}

/**
 * A place that is the person's home unless they choose another: `null` sends none, and the
 * function falls back to their home, else their community's centre. On the phone they may pick
 * one on WeChat's map, which returns GCJ-02 as we store it (docs/decisions/006). The browser demo
 * has no map picker, and asking the browser where it is would put a permission prompt before an
 * elderly person at a desktop (and give WGS-84), so there it stays at home.
 */
export function PlaceField({
  label,
  shownAs,
  home,
  weappHint,
  hint,
  place,
  error,
  onChange,
}: {
  label: string
  /** The line under the field names the place as this, e.g. 中心. */
  shownAs: string
  /** What no place means, in the person's words, e.g. 以您家为中心. */
  home: string
  weappHint: string
  /** The hint in the browser demo, where home is the only place. */
  hint: string
  place: Place | null
  error?: string
  onChange(place: Place | null): void
}) {
  const [failure, setFailure] = useState('')

  const pick = async () => {
    setFailure('')
    try {
      const chosen = await Taro.chooseLocation({})
      onChange({ lngLat: [chosen.longitude, chosen.latitude], label: chosen.name || chosen.address })
    } catch (cause) {
      // Closing the map without choosing keeps the place as it was; that is no failure.
      if (!String((cause as { errMsg?: unknown }).errMsg).includes('cancel')) setFailure('没有选上地点，请再试一次')
    }
  }

  return (
    <Field label={label} hint={process.env.TARO_ENV === 'weapp' ? weappHint : hint} error={error ?? (failure || undefined)}>
      <Text className="note">
        {shownAs}：{place ? place.label : home}
      </Text>
      {process.env.TARO_ENV === 'weapp' && (
        <View>
          <Button className="btn btn-plain btn-block" onClick={pick}>
            在地图上另选
          </Button>
          {place && (
            <Button className="btn btn-plain btn-block" onClick={() => onChange(null)}>
              改回{home}
            </Button>
          )}
        </View>
      )}
    </Field>
  )
}
