/**
 * Draws the tab bar icons into src/assets/tab/*.png with Node's built-in modules only.
 * Run from client/: `node scripts/make-tab-icons.mjs`. The PNGs it writes are committed.
 */
import { writeFileSync, mkdirSync } from 'node:fs'
import { deflateSync } from 'node:zlib'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const SIZE = 81 // WeChat recommends 81 × 81 px tab icons.
const SAMPLES = 4 // Supersampling per axis, for smooth edges.
const COLORS = { normal: [0x47, 0x47, 0x47], active: [0x1f, 0x5f, 0xa8] }

// Shapes in a 0..1 square: each returns whether a point is painted.
const inCircle = (cx, cy, r) => (x, y) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r
const inRing = (cx, cy, r, w) => (x, y) => {
  const d = Math.hypot(x - cx, y - cy)
  return d <= r && d >= r - w
}
const inRect = (x0, y0, x1, y1) => (x, y) => x >= x0 && x <= x1 && y >= y0 && y <= y1
const inTriangle = (ax, ay, bx, by, cx, cy) => (x, y) => {
  const s = (px, py, qx, qy) => (x - qx) * (py - qy) - (px - qx) * (y - qy)
  const d1 = s(ax, ay, bx, by)
  const d2 = s(bx, by, cx, cy)
  const d3 = s(cx, cy, ax, ay)
  return !((d1 < 0 || d2 < 0 || d3 < 0) && (d1 > 0 || d2 > 0 || d3 > 0))
}
const union =
  (...shapes) =>
  (x, y) =>
    shapes.some((f) => f(x, y))
const minus = (a, b) => (x, y) => a(x, y) && !b(x, y)

const icons = {
  home: union(inTriangle(0.5, 0.12, 0.08, 0.5, 0.92, 0.5), minus(inRect(0.2, 0.45, 0.8, 0.88), inRect(0.42, 0.62, 0.58, 0.88))),
  activities: union(
    minus(inRect(0.12, 0.2, 0.88, 0.88), inRect(0.19, 0.4, 0.81, 0.81)),
    inRect(0.28, 0.1, 0.36, 0.28),
    inRect(0.64, 0.1, 0.72, 0.28),
    inRect(0.28, 0.5, 0.42, 0.62),
    inRect(0.58, 0.5, 0.72, 0.62),
    inRect(0.28, 0.67, 0.42, 0.76),
  ),
  'time-bank': union(inRing(0.5, 0.5, 0.4, 0.08), inRect(0.46, 0.24, 0.54, 0.54), inRect(0.46, 0.46, 0.72, 0.54)),
  me: union(inCircle(0.5, 0.32, 0.18), minus(inCircle(0.5, 0.98, 0.4), inRect(0, 0.9, 1, 1))),
}

function crc32(bytes) {
  let c = ~0
  for (const b of bytes) {
    c ^= b
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1
  }
  return ~c >>> 0
}

function chunk(type, data) {
  const length = Buffer.alloc(4)
  length.writeUInt32BE(data.length)
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(body))
  return Buffer.concat([length, body, crc])
}

function png(shape, [r, g, b]) {
  const rows = []
  for (let y = 0; y < SIZE; y++) {
    const row = Buffer.alloc(1 + SIZE * 4) // filter byte 0, then RGBA
    for (let x = 0; x < SIZE; x++) {
      let hits = 0
      for (let sy = 0; sy < SAMPLES; sy++)
        for (let sx = 0; sx < SAMPLES; sx++) if (shape((x + (sx + 0.5) / SAMPLES) / SIZE, (y + (sy + 0.5) / SAMPLES) / SIZE)) hits++
      row.set([r, g, b, Math.round((255 * hits) / SAMPLES ** 2)], 1 + x * 4)
    }
    rows.push(row)
  }
  const header = Buffer.alloc(13)
  header.writeUInt32BE(SIZE, 0)
  header.writeUInt32BE(SIZE, 4)
  header.set([8, 6, 0, 0, 0], 8) // 8-bit RGBA, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ])
}

const outDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'src', 'assets', 'tab')
mkdirSync(outDir, { recursive: true })
for (const [name, shape] of Object.entries(icons)) {
  writeFileSync(join(outDir, `${name}.png`), png(shape, COLORS.normal))
  writeFileSync(join(outDir, `${name}-active.png`), png(shape, COLORS.active))
}
