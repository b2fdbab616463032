/// <reference types="@tarojs/taro" />

declare module '*.png' {
  const src: string
  export default src
}
declare module '*.scss'

/** Injected by defineConstants in config/index.ts. */
declare const CLOUDBASE_ENV: string

declare namespace NodeJS {
  interface ProcessEnv {
    NODE_ENV: 'development' | 'production' | 'test'
    TARO_ENV: 'weapp' | 'h5'
  }
}

/**
 * The QR encoder alone, without qrcode's canvas and file renderers: the check-in code page
 * draws the modules itself (docs/decisions/013).
 */
declare module 'qrcode/lib/core/qrcode' {
  interface Segment {
    data: ArrayLike<number>
    mode: 'byte'
  }
  export function create(
    data: Segment[],
    options?: { errorCorrectionLevel?: 'L' | 'M' | 'Q' | 'H' },
  ): { version: number; modules: { size: number; get(row: number, col: number): number | boolean } }
}
