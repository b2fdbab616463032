/** Runs before each client test file, inside the jsdom realm. */
process.env.TARO_ENV = 'h5'
process.env.TARO_PLATFORM = 'web'
process.env.FRAMEWORK = 'react'
process.env.SUPPORT_TARO_POLYFILL = 'disabled'
process.env.SUPPORT_DINGTALK_NAVIGATE = 'disabled'
// Taro's runtime and API modules import each other; loading the API first settles the cycle.
require('@tarojs/taro')
// What the H5 app's entry does before any page: the React framework runtime puts Taro's page
// hooks (useDidShow, useDidHide) on Taro and learns which React renders the pages.
const { hooks } = require('@tarojs/shared')
const { createH5NativeComponentConfig } = require('@tarojs/plugin-framework-react/dist/runtime')
hooks.call('initNativeApi', require('@tarojs/taro').default)
createH5NativeComponentConfig(null, require('react'), require('react-dom'))
// The pages call a real local host, which on a busy two-core machine can take more than the one
// second Testing Library waits by default for what an answer brings. (Set on the DOM library: loading
// the React one here, before jest's globals exist, would stop it cleaning up after each test.)
require('@testing-library/dom').configure({ asyncUtilTimeout: 10_000 })
