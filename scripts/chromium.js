/** Where the browser tests find Chromium: CHROMIUM_PATH, else the usual install locations. */
const { existsSync } = require('node:fs')

const candidates = [
  process.env.CHROMIUM_PATH,
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
]

function findChromium() {
  return candidates.find((path) => path && existsSync(path)) ?? null
}

module.exports = { findChromium }
