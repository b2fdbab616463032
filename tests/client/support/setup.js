/** Runs before each client test file, inside the jsdom realm. */
process.env.TARO_ENV = 'h5'
process.env.TARO_PLATFORM = 'web'
process.env.FRAMEWORK = 'react'
process.env.SUPPORT_TARO_POLYFILL = 'disabled'
process.env.SUPPORT_DINGTALK_NAVIGATE = 'disabled'
// Taro's runtime and API modules import each other; loading the API first settles the cycle.
require('@tarojs/taro')
