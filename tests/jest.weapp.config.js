/**
 * The built mini-program (`client/dist/weapp`, from `taro build --type weapp`) run by
 * miniprogram-simulate with WeChat's own wxml compiler, calling a real local host.
 */
module.exports = {
  displayName: 'weapp',
  rootDir: '..',
  testEnvironment: '<rootDir>/tests/client/support/environment.js',
  testMatch: ['<rootDir>/tests/weapp/**/*.test.ts'],
  globalSetup: '<rootDir>/tests/support/global-setup.js',
  transform: { '^.+\\.tsx?$': ['babel-jest', { configFile: require.resolve('./client/support/babel.config.js') }] },
  // The build output is what runs on the phone: load it exactly as built.
  transformIgnorePatterns: ['/node_modules/', '<rootDir>/client/dist/'],
}
