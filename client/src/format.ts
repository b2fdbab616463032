import dayjs from 'dayjs'

/** People walk about 80 m a minute: the seeds' 15-minute circle is about 1 km. */
const WALK_M_PER_MINUTE = 80

export function formatDistance(metres: number): string {
  return metres < 1000 ? `${Math.round(metres)} 米` : `${(metres / 1000).toFixed(1)} 公里`
}

export function walkingMinutes(metres: number): string {
  return `步行约 ${Math.max(1, Math.round(metres / WALK_M_PER_MINUTE))} 分钟`
}

export function formatDate(iso: string): string {
  return dayjs(iso).format('YYYY年M月D日')
}

export function formatDateTime(iso: string): string {
  return dayjs(iso).format('YYYY年M月D日 HH:mm')
}

export function formatRating({ average, count }: { average: number | null; count: number }): string {
  return average === null ? '居民评价：还没有评价' : `居民评价：${average.toFixed(1)} 分（${count} 人评价）`
}
