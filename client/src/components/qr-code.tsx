import { Image, View } from '@tarojs/components'
import { create } from 'qrcode/lib/core/qrcode'
import { useMemo } from 'react'

/** The blank margin a scanner needs around the code, in modules (ISO/IEC 18004). */
const QUIET_ZONE = 4

export interface Run {
  dark: boolean
  length: number
}

/**
 * Each row of the QR matrix for `text` as runs of light and dark modules, margin included.
 * The text is encoded as bytes given here, not as a string: the encoder's string path needs
 * TextEncoder, which not every WeChat runtime has. Check-in payloads and verify links are ASCII.
 */
export function qrRows(text: string): Run[][] {
  const { modules } = create([{ data: Array.from(text, (c) => c.charCodeAt(0)), mode: 'byte' }], { errorCorrectionLevel: 'M' })
  const margin = [{ dark: false, length: modules.size + 2 * QUIET_ZONE }]
  const rows: Run[][] = Array.from({ length: QUIET_ZONE }, () => margin)
  for (let row = 0; row < modules.size; row++) {
    const runs: Run[] = [{ dark: false, length: QUIET_ZONE }]
    for (let col = 0; col < modules.size; col++) {
      const dark = Boolean(modules.get(row, col))
      const last = runs[runs.length - 1]
      if (last.dark === dark) last.length++
      else runs.push({ dark, length: 1 })
    }
    const last = runs[runs.length - 1]
    if (last.dark) runs.push({ dark: false, length: QUIET_ZONE })
    else last.length += QUIET_ZONE
    rows.push(runs)
  }
  return [...rows, ...Array.from({ length: QUIET_ZONE }, () => margin)]
}

/**
 * A QR code drawn with Views, one per run of same-coloured modules in a row, so that it renders
 * the same in the mini-program (no canvas in the page's DOM there) and in the browser. Widths are
 * whole pixels per module so that the edges stay sharp for the scanner.
 */
export function QrCode({ id, text, widthPx }: { id?: string; text: string; widthPx: number }) {
  const rows = useMemo(() => qrRows(text), [text])
  const modulePx = Math.max(1, Math.floor(widthPx / rows.length))
  return (
    <View id={id} className="qr" style={{ width: `${modulePx * rows.length}px` }}>
      {rows.map((runs, y) => (
        <View className="qr-row" key={y} style={{ height: `${modulePx}px` }}>
          {runs.map((run, x) => (
            <View key={x} className={run.dark ? 'qr-run qr-dark' : 'qr-run'} style={{ width: `${run.length * modulePx}px` }} />
          ))}
        </View>
      ))}
    </View>
  )
}

/** A mini-program code made by WeChat for an invitation; a long press saves or scans it. */
export function InviteQr({ src }: { src: string }) {
  return <Image className="invite-qr" src={src} mode="aspectFit" nativeProps={{ alt: '邀请二维码' }} showMenuByLongpress />
}
