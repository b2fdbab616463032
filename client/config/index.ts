import path from 'node:path'
import { defineConfig, type UserConfigExport } from '@tarojs/cli'
import { weappCloudEnv } from './cloud-env'

/**
 * The repo's shared contracts and domain code live outside `client/`. Taro compiles only its own
 * source root by default, so the shared folder is added to the compile list and aliased.
 */
const sharedRoot = path.resolve(__dirname, '..', '..', 'shared')

export default defineConfig<'webpack5'>(async (merge) => {
  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'linli-shouwang',
    date: '2026-11-23',
    // Design at 375 px so that `16px` in a stylesheet is 16 px on a 375-px-wide phone:
    // 32rpx on weapp, 0.8rem on H5 (root font-size 20px at 375 px).
    designWidth: 375,
    deviceRatio: { 375: 2, 640: 2.34 / 2, 750: 1, 828: 1.81 / 2 },
    sourceRoot: 'src',
    outputRoot: `dist/${process.env.TARO_ENV}`,
    plugins: [],
    defineConstants: {
      // The CloudBase environment the weapp calls: 'local' unless CLOUDBASE_ENV is set; a release build requires it.
      CLOUDBASE_ENV: JSON.stringify(weappCloudEnv(process.env).env),
    },
    alias: {
      '@shared': sharedRoot,
    },
    copy: { patterns: [], options: {} },
    framework: 'react',
    compiler: 'webpack5',
    cache: { enable: false },
    mini: {
      compile: { include: [sharedRoot] },
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false },
      },
    },
    h5: {
      compile: { include: [sharedRoot] },
      // The H5 build is served only by the local host, never to phones: webpack's web size hints are noise.
      webpackChain(chain) {
        chain.performance.hints(false)
      },
      // Relative so the same files work wherever the local host mounts them.
      publicPath: './',
      staticDirectory: 'static',
      router: { mode: 'hash' },
      output: {
        filename: 'js/[name].[contenthash:8].js',
        chunkFilename: 'js/[name].[chunkhash:8].js',
      },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[contenthash:8].css',
        chunkFilename: 'css/[name].[chunkhash:8].css',
      },
      postcss: {
        // The root font-size stays 20px at any width, so a stylesheet's 16px is 16 CSS px in
        // every browser, as on a 375-px phone (otherwise a desktop window doubles everything).
        pxtransform: { enable: true, config: { maxRootSize: 20 } },
        autoprefixer: { enable: true, config: {} },
        cssModules: { enable: false },
      },
    },
  }
  return merge({}, baseConfig)
})
