/**
 * Component tests of the Taro client as it runs on H5: React + Taro's web components in jsdom,
 * talking to a real local host over HTTP.
 */
module.exports = {
  displayName: 'client',
  rootDir: '..',
  testEnvironment: '<rootDir>/tests/client/support/environment.js',
  testMatch: ['<rootDir>/tests/client/**/*.test.tsx'],
  setupFiles: ['<rootDir>/tests/client/support/setup.js'],
  globalSetup: '<rootDir>/tests/support/global-setup.js',
  // Taro's H5 packages ship ES modules (some as .mjs); babel compiles them like our own code.
  transform: { '^.+\\.(mjs|jsx?|tsx?)$': ['babel-jest', { configFile: require.resolve('./client/support/babel.config.js') }] },
  // Ignore node_modules except these packages (and whatever they bundle inside them).
  transformIgnorePatterns: [
    '^(?!.*/node_modules/(@tarojs|@stencil|lodash-es|nanoid|ics|swiper|query-string|decode-uri-component|split-on-first|filter-obj)/).*/node_modules/',
  ],
  moduleNameMapper: {
    // What Taro's H5 build aliases these to.
    '^@tarojs/taro$': '@tarojs/plugin-platform-h5/dist/runtime/apis',
    '^@tarojs/components$': '@tarojs/components/lib/react',
    // Taro's file-suffix resolution, as in the H5 build.
    '^(.*/)?transport$': '$1transport.h5',
    '^(.*/api/)subscribe$': '$1subscribe.h5',
    '^@shared/(.*)$': '<rootDir>/shared/$1',
    '\\.(css|scss)$': '<rootDir>/tests/client/support/style-stub.js',
  },
  // Constants Taro's H5 build defines (webpack5-runner's H5WebpackPlugin and runtime flags).
  globals: {
    DEPRECATED_ADAPTER_COMPONENT: false,
    ENABLE_INNER_HTML: true,
    ENABLE_ADJACENT_HTML: true,
    ENABLE_SIZE_APIS: true,
    ENABLE_TEMPLATE_CONTENT: true,
    ENABLE_CLONE_NODE: true,
    ENABLE_CONTAINS: true,
    ENABLE_MUTATION_OBSERVER: true,
  },
}
