import { Text } from '@tarojs/components'
import type { Stars } from '../../../shared/contracts/organisations'
import { formatDate, formatMinutes } from '../format'

/** 二星志愿者, or nothing below the first star. */
export function StarsLine({ stars }: { stars: Stars }) {
  return stars.label ? <Text className="card-label stars">{`${'★'.repeat(stars.stars)} ${stars.label}`}</Text> : null
}

/** 再服务 20 小时 可成为 一星志愿者: what the next star takes. */
export function nextStarText(stars: Stars): string | null {
  return stars.minutesToNext === undefined ? null : `再服务 ${formatMinutes(stars.minutesToNext)} 可成为 ${stars.nextLabel}`
}

/** 暂停接单（至 3月8日 · 住院）: the pause as the volunteer and their lead read it. */
export function pauseText(pause: { until?: string; reason?: string } | null | undefined): string {
  const details = [pause?.until ? `至 ${formatDate(`${pause.until}T12:00:00+08:00`)}` : null, pause?.reason].filter(Boolean)
  return details.length > 0 ? `暂停接单（${details.join(' · ')}）` : '暂停接单'
}
