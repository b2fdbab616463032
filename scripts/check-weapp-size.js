/**
 * Fails the weapp build when the main package grows past 1.5 MB (WeChat refuses 2 MB), so
 * that growth is noticed while there is still room to move pages into subpackages.
 */
const { readdirSync, statSync } = require('node:fs')
const { join, resolve } = require('node:path')

const LIMIT_BYTES = 1.5 * 1024 * 1024
const root = resolve(__dirname, '../client/dist/weapp')
const appConfig = require(join(root, 'app.json'))
const subpackageRoots = (appConfig.subPackages ?? appConfig.subpackages ?? []).map((s) => s.root.replace(/\/$/, ''))

function sizeOf(dir, relative = '') {
  let total = 0
  for (const entry of readdirSync(join(dir, relative))) {
    const path = relative ? `${relative}/${entry}` : entry
    if (subpackageRoots.includes(path) || entry.endsWith('.map')) continue
    const stats = statSync(join(dir, path))
    total += stats.isDirectory() ? sizeOf(dir, path) : stats.size
  }
  return total
}

const size = sizeOf(root)
const kb = (bytes) => `${(bytes / 1024).toFixed(0)} KB`
console.log(`weapp main package: ${kb(size)} (limit ${kb(LIMIT_BYTES)})`)
if (size > LIMIT_BYTES) {
  console.error('the weapp main package is over 1.5 MB: move workbench pages into subpackages')
  process.exit(1)
}
