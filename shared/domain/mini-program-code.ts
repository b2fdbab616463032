/**
 * What wxacode.getUnlimited (小程序码, unlimited) refuses, as WeChat documents it: the local outbox answers
 * with these refusals, so that a code a function asks for is checked before it ever reaches WeChat.
 */

/** The scene: 1 to 32 visible characters, each a digit, a letter or one of !#$&'()*+,/:;=?@-._~ (no %: nothing URL-encoded). */
const SCENE_MAX = 32
const SCENE_CHARACTER = /^[0-9A-Za-z!#$&'()*+,/:;=?@\-._~]*$/

/** The code's width in pixels: WeChat takes 280 to 1280. */
export const CODE_WIDTH = { min: 280, max: 1280 } as const

export interface CodeRequest {
  /** A page of the mini-program, without a leading slash or a query. */
  page: string
  scene: string
  width?: number
}

/** WeChat's errcode and message for a request it would refuse, or null when it would make the code. */
export function miniProgramCodeRefusal(request: CodeRequest, pages: readonly string[]): { errcode: number; errmsg: string } | null {
  const { scene } = request
  if (scene.length === 0 || scene.length > SCENE_MAX) return { errcode: 40169, errmsg: `invalid length for scene: ${scene.length}` }
  if (!SCENE_CHARACTER.test(scene)) return { errcode: 40129, errmsg: `invalid scene: ${scene}` }
  // 41030: a page the mini-program does not have (a leading slash or a query included).
  if (!pages.includes(request.page)) return { errcode: 41030, errmsg: `invalid page: ${request.page}` }
  const { width } = request
  if (width !== undefined && !(Number.isInteger(width) && width >= CODE_WIDTH.min && width <= CODE_WIDTH.max)) {
    return { errcode: 40097, errmsg: `invalid width: ${width}` }
  }
  return null
}
