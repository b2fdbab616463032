/**
 * Babel for jest: Node's own syntax level (no preset-env targets), TSX with the automatic JSX
 * runtime, and the plugin Taro's H5 build uses to turn `Taro.getStorageSync` and the like into
 * named imports of the H5 API (the default `Taro` object does not carry them).
 */
const fromH5Platform = { paths: [require.resolve('@tarojs/plugin-platform-h5')] }

module.exports = {
  presets: [
    ['@babel/preset-env', { targets: { node: 'current' } }],
    ['@babel/preset-typescript', { allowDeclareFields: true }],
    ['@babel/preset-react', { runtime: 'automatic' }],
  ],
  plugins: [
    [
      require.resolve('babel-plugin-transform-taroapi', fromH5Platform),
      {
        packageName: '@tarojs/taro',
        definition: require(require.resolve('@tarojs/plugin-platform-h5/dist/definition.json', fromH5Platform)),
      },
    ],
  ],
}
