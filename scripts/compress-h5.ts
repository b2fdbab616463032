/**
 * After `taro build --type h5`: writes `<file>.br` and `<file>.gz` beside each text file at the
 * highest quality, as a CDN's build step would, so the host sends them without compressing per visit.
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { extname, join, resolve } from 'node:path'
import { COMPRESSIBLE, precompressed } from '../local/host/static-files'

function textFilesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry)
    if (statSync(path).isDirectory()) return textFilesUnder(path)
    return COMPRESSIBLE.has(extname(entry)) ? [path] : []
  })
}

const root = resolve(__dirname, '../client/dist/h5')
let before = 0
let after = 0
for (const file of textFilesUnder(root)) {
  const body = readFileSync(file)
  const packed = precompressed(body)
  writeFileSync(`${file}.br`, packed.br)
  writeFileSync(`${file}.gz`, packed.gzip)
  before += body.length
  after += packed.br.length
}
console.log(`h5: text files ${(before / 1024).toFixed(0)} KB, ${(after / 1024).toFixed(0)} KB with brotli`)
