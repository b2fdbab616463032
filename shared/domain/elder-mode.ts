import { z } from 'zod'

/** 长辈模式: the person's choice. `auto` follows the phone's font scale. */
export const elderModePreferenceSchema = z.enum(['auto', 'on', 'off'])
export type ElderModePreference = z.infer<typeof elderModePreferenceSchema>

/** WeChat's 字体大小 setting at or above this is taken as a wish for large text. */
export const ELDER_FONT_SCALE_THRESHOLD = 1.4

export function isElderModeOn(preference: ElderModePreference, fontSizeScaleFactor: number | undefined): boolean {
  if (preference === 'on') return true
  if (preference === 'off') return false
  return (fontSizeScaleFactor ?? 1) >= ELDER_FONT_SCALE_THRESHOLD
}
