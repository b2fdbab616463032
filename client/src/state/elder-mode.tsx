import Taro from '@tarojs/taro'
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react'
import { elderModePreferenceSchema, isElderModeOn, type ElderModePreference } from '../../../shared/domain/elder-mode'
import { ErrorCode } from '../../../shared/errors'
import { api, ApiError } from '../api'

/** Cached so that every page opens in the right size before `account.me` answers. */
const STORAGE_KEY = 'elderModePreference'

interface ElderModeValue {
  preference: ElderModePreference
  /** Whether large text is in force now, after `auto` has looked at the phone's font scale. */
  on: boolean
  /** The person changed the switch: apply at once, then save to their account. */
  choose(preference: ElderModePreference): Promise<void>
  /** The account answered with its saved preference. */
  adopt(preference: ElderModePreference): void
}

const ElderModeContext = createContext<ElderModeValue | null>(null)

function readCachedPreference(): ElderModePreference {
  const parsed = elderModePreferenceSchema.safeParse(Taro.getStorageSync(STORAGE_KEY))
  return parsed.success ? parsed.data : 'auto'
}

/** WeChat's 字体大小 setting; browsers have none, so `auto` stays off on H5. */
function readFontScale(): number | undefined {
  if (process.env.TARO_ENV !== 'weapp') return undefined
  type WithScale = { fontSizeScaleFactor?: number }
  try {
    return (Taro.getAppBaseInfo() as WithScale).fontSizeScaleFactor
  } catch {
    // Base libraries before 2.20.1 have no getAppBaseInfo.
    return (Taro.getSystemInfoSync() as WithScale).fontSizeScaleFactor
  }
}

export function ElderModeProvider({ children }: { children: ReactNode }) {
  const [preference, setPreference] = useState(readCachedPreference)
  const [fontScale] = useState(readFontScale)

  const apply = useCallback((next: ElderModePreference) => {
    setPreference(next)
    Taro.setStorageSync(STORAGE_KEY, next)
  }, [])

  const choose = useCallback(
    async (next: ElderModePreference) => {
      const previous = readCachedPreference()
      apply(next)
      try {
        const { preferences } = await api.account.updatePreferences({ elderMode: next })
        apply(preferences.elderMode)
      } catch (error) {
        // Someone not yet in a community has no account to keep it on: this phone keeps it (decision 037).
        if (error instanceof ApiError && error.code === ErrorCode.NOT_REGISTERED) return
        apply(previous)
        throw error
      }
    },
    [apply],
  )

  const on = isElderModeOn(preference, fontScale)
  // Taro's H5 tab bar is outside every page: the document carries the mode so that its labels follow (decision 037).
  useEffect(() => {
    if (process.env.TARO_ENV === 'h5') document.documentElement.classList.toggle('elder-mode', on)
  }, [on])

  const value = useMemo<ElderModeValue>(() => ({ preference, on, choose, adopt: apply }), [preference, on, choose, apply])
  return <ElderModeContext.Provider value={value}>{children}</ElderModeContext.Provider>
}

export function useElderMode(): ElderModeValue {
  const value = useContext(ElderModeContext)
  if (!value) throw new Error('useElderMode needs ElderModeProvider at the app root')
  return value
}
