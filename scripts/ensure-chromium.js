/**
 * The browser tests drive a real Chromium through playwright-core, which downloads none. On a
 * Debian-like machine where we are root, install Debian's package; elsewhere say what to do.
 */
const { execSync } = require('node:child_process')
const { findChromium } = require('./chromium')

if (findChromium()) process.exit(0)

const canApt = process.platform === 'linux' && process.getuid?.() === 0 && hasCommand('apt-get')
if (canApt) {
  console.log("Chromium is missing: installing Debian's chromium package…")
  execSync('apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium', {
    stdio: ['ignore', 'ignore', 'inherit'],
  })
}
if (!findChromium()) {
  console.error('The browser tests need Chromium or Chrome. Install it (Debian: apt-get install chromium;')
  console.error('macOS: install Google Chrome), or set CHROMIUM_PATH to its executable.')
  process.exit(1)
}

function hasCommand(name) {
  try {
    execSync(`command -v ${name}`, { stdio: 'ignore', shell: '/bin/sh' })
    return true
  } catch {
    return false
  }
}
