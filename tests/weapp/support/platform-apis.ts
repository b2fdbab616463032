/**
 * WeChat's device and open APIs that the simulator lacks, stood in for as WeChat answers them: each
 * checks its arguments against WeChat's documentation (developers.weixin.qq.com/miniprogram/dev/api)
 * and, on a bad one, fails as WeChat does (`<api>:fail parameter error: …`) and records the violation,
 * so that a test can assert there were none. When the arguments are right, a chooser answers with one
 * plausible choice, the scanner with what the test holds to it (`nextScan`), a subscribe request with
 * 'accept' for every template.
 */

type Options = Record<string, unknown> & {
  success?(result: object): void
  fail?(result: object): void
  complete?(result: object): void
}

/** An API called against WeChat's rules, and what was wrong. */
export interface Violation {
  api: string
  problem: string
}

const violations: Violation[] = []
const calls: { api: string; options: Record<string, unknown> }[] = []

/** The violations since the last call, and forgets them. */
export function takeViolations(): Violation[] {
  return violations.splice(0)
}

/** Every call made since the last time, with its options (callbacks left out), and forgets them. */
export function takeCalls(): { api: string; options: Record<string, unknown> }[] {
  return calls.splice(0)
}

const isString = (value: unknown): value is string => typeof value === 'string'
const isStringArray = (value: unknown): value is string[] => Array.isArray(value) && value.every(isString)
/** Every element of `value` (when given) is one of `allowed`. */
const within = (value: unknown, allowed: readonly string[]) =>
  value === undefined || (isStringArray(value) && value.every((v) => allowed.includes(v)))

/**
 * An async WeChat API: `check` answers what is wrong with the options (nothing: undefined), `answer`
 * what WeChat gives back. Callbacks run later, as WeChat's do; called without any, it answers a
 * promise, as WeChat's promise style (and `wx.cloud`) does.
 */
function api(name: string, check: (o: Options) => string | undefined, answer: (o: Options) => object | Promise<object> = () => ({})) {
  return (options: Options = {}) => {
    calls.push({ api: name, options: Object.fromEntries(Object.entries(options).filter(([, v]) => typeof v !== 'function')) })
    const problem = check(options)
    if (problem) violations.push({ api: name, problem })
    const settled = new Promise<void>((later) => setTimeout(later, 0)).then(async () => {
      if (problem) throw { errMsg: `${name}:fail parameter error: ${problem}` }
      return { errMsg: `${name}:ok`, ...(await answer(options)) }
    })
    if (!options.success && !options.fail && !options.complete) return settled
    void settled.then(
      (r) => {
        options.success?.(r)
        options.complete?.(r)
      },
      (r: object) => {
        options.fail?.(r)
        options.complete?.(r)
      },
    )
    return undefined
  }
}

/**
 * CloudBase storage's naming rule: letters, digits, Chinese and `! - _ . * /`, not starting with `/`,
 * no `//`, at most 850 bytes.
 */
function cloudPathProblem(path: unknown): string | undefined {
  if (!isString(path) || path === '') return 'parameter.cloudPath should be a non-empty String'
  if (path.startsWith('/') || path.includes('//')) return 'cloudPath may not start with / nor hold //'
  if (!/^[\w!\-.*/\u4e00-\u9fa5]+$/.test(path)) return `cloudPath ${path} has characters storage refuses`
  if (Buffer.byteLength(path) > 850) return 'cloudPath is longer than 850 bytes'
  return undefined
}

let files = 0
let scanned = ''

/** What the next scan reads, as if the camera were held to that code. */
export function nextScan(result: string): void {
  scanned = result
}

/** A tab bar holds 2 to 5 tabs: the index is one of them. */
const tabIndexProblem = (index: unknown) =>
  Number.isInteger(index) && (index as number) >= 0 && (index as number) < 5
    ? undefined
    : `parameter.index should be a tab's index, not ${String(index)}`

/** What each canvas (by canvasId) showed at its last `draw`: the texts, in order. */
const drawnCanvases = new Map<string, string[]>()
/** The images each canvas showed at its last `draw`: the file and where, `path@x,y,width×height`. */
const drawnImages = new Map<string, string[]>()
const canvasFiles = new Set<string>()
/** Image files on the phone that a canvas can draw: what getImageInfo downloaded. */
const imageFiles = new Set<string>()

/** The texts drawn on a canvas at its last `draw` (none: undefined). */
export function drawnOn(canvasId: string): string[] | undefined {
  return drawnCanvases.get(canvasId)
}

/** The images drawn on a canvas at its last `draw`, as `path@x,y,width×height` (none: undefined). */
export function imagesDrawnOn(canvasId: string): string[] | undefined {
  return drawnImages.get(canvasId)
}

/**
 * wx.createCanvasContext (synchronous): canvasId a string. The context keeps the texts and images it
 * is given and shows them at `draw`, as WeChat does; the other drawing calls are taken and not kept.
 * drawImage takes a file on the phone (a link is not drawn), at a size.
 */
function createCanvasContext(canvasId: unknown) {
  calls.push({ api: 'createCanvasContext', options: { canvasId } })
  if (!isString(canvasId) || canvasId === '')
    violations.push({ api: 'createCanvasContext', problem: 'parameter.canvasId should be a String' })
  let texts: string[] = []
  let images: string[] = []
  const ignore = () => undefined
  const shown = (kept: Map<string, string[]>, added: string[], reserve?: boolean) =>
    kept.set(String(canvasId), reserve ? [...(kept.get(String(canvasId)) ?? []), ...added] : added)
  return {
    setFillStyle: ignore,
    setFontSize: ignore,
    setTextAlign: ignore,
    fillRect: ignore,
    fillText(text: unknown) {
      texts.push(String(text))
    },
    drawImage(path: unknown, ...box: unknown[]) {
      if (!isString(path) || !imageFiles.has(path))
        violations.push({ api: 'drawImage', problem: `${String(path)} is not an image on the phone` })
      if (box.length !== 4 || !box.every((n) => typeof n === 'number'))
        violations.push({ api: 'drawImage', problem: 'x, y, width and height' })
      images.push(`${String(path)}@${box.slice(0, 2).join(',')},${box.slice(2).join('×')}`)
    },
    draw(reserve?: boolean, callback?: () => void) {
      shown(drawnCanvases, texts, reserve)
      shown(drawnImages, images, reserve)
      texts = []
      images = []
      setTimeout(() => callback?.(), 0)
    },
  }
}

/** WeChat's scopes a mini-program may ask for with wx.authorize. */
const scopes = [
  'scope.userLocation',
  'scope.userFuzzyLocation',
  'scope.record',
  'scope.camera',
  'scope.writePhotosAlbum',
  'scope.bluetooth',
]
/** What the person answered for each scope: asked once, WeChat keeps the answer until they change it in its settings. */
const authorised = new Map<string, boolean>()
/** What the person answers when WeChat first asks for a scope. */
let nextAnswer = true

/** The person taps 允许 (true) or 拒绝 (false) when WeChat next asks for a scope. */
export function answerScopes(allow: boolean): void {
  nextAnswer = allow
}

/** A phone where nobody has been asked for anything yet. */
export function forgetScopes(): void {
  authorised.clear()
  nextAnswer = true
}

/** The person turns the scope on or off in the mini-program's settings page. */
export function setScope(scope: string, allow: boolean): void {
  authorised.set(scope, allow)
}

/** Asked the first time, then the kept answer: the scope's state after asking. */
function ask(scope: string): boolean {
  if (!authorised.has(scope)) authorised.set(scope, nextAnswer)
  return authorised.get(scope)!
}

/** The stand-ins, to assign onto `wx` before the app loads (Taro looks each API up once, at start). */
export function platformApis(): Record<string, unknown> {
  return {
    createCanvasContext,
    // canvasToTempFilePath: canvasId of a canvas drawn on; fileType png|jpg; answers a temporary file.
    canvasToTempFilePath: api(
      'canvasToTempFilePath',
      (o) => {
        if (!isString(o.canvasId) || o.canvasId === '') return 'parameter.canvasId should be a String'
        if (!drawnCanvases.has(o.canvasId)) return `canvas ${o.canvasId} has not been drawn`
        if (o.fileType !== undefined && !['png', 'jpg'].includes(o.fileType as string)) return 'parameter.fileType takes png and jpg'
        return undefined
      },
      (o) => {
        const tempFilePath = `http://tmp/canvas-${++files}.${o.fileType === 'jpg' ? 'jpg' : 'png'}`
        canvasFiles.add(tempFilePath)
        return { tempFilePath }
      },
    ),
    // saveImageToPhotosAlbum: filePath a temporary file the phone holds (here: one canvasToTempFilePath made);
    // fails with auth deny when the person refused the album (WeChat asks on the first save).
    saveImageToPhotosAlbum: api(
      'saveImageToPhotosAlbum',
      (o) => {
        if (!isString(o.filePath) || o.filePath === '') return 'parameter.filePath should be a String'
        return canvasFiles.has(o.filePath) ? undefined : `${o.filePath} is not a file on the phone`
      },
      () => {
        if (!ask('scope.writePhotosAlbum')) throw { errMsg: 'saveImageToPhotosAlbum:fail auth deny' }
        return {}
      },
    ),
    // authorize: scope one of WeChat's; asks the person once, then answers what they chose (fail: auth deny).
    authorize: api(
      'authorize',
      (o) => (isString(o.scope) && scopes.includes(o.scope) ? undefined : `parameter.scope ${String(o.scope)} is not one of WeChat's`),
      (o) => {
        if (!ask(String(o.scope))) throw { errMsg: 'authorize:fail auth deny' }
        return {}
      },
    ),
    // chooseImage: count 1–9; sizeType original|compressed; sourceType album|camera.
    chooseImage: api(
      'chooseImage',
      (o) => {
        if (o.count !== undefined && !(Number.isInteger(o.count) && (o.count as number) >= 1 && (o.count as number) <= 9))
          return `parameter.count should be a whole number from 1 to 9, not ${String(o.count)}`
        if (!within(o.sizeType, ['original', 'compressed'])) return 'parameter.sizeType takes original and compressed'
        if (!within(o.sourceType, ['album', 'camera'])) return 'parameter.sourceType takes album and camera'
        return undefined
      },
      () => {
        const path = `http://tmp/photo-${++files}.jpg`
        return { tempFilePaths: [path], tempFiles: [{ path, size: 204800 }] }
      },
    ),
    // chooseLocation: latitude and longitude, when given, are numbers (where the map opens).
    chooseLocation: api(
      'chooseLocation',
      (o) =>
        ['latitude', 'longitude'].some((k) => o[k] !== undefined && typeof o[k] !== 'number')
          ? 'latitude and longitude should be Numbers'
          : undefined,
      () => ({ name: '沁园小区', address: '山东省淄博市张店区沁园小区', latitude: 36.8065, longitude: 118.0556 }),
    ),
    // getFuzzyLocation: type wgs84 or gcj02 (the map's); declared in app.json's requiredPrivateInfos.
    getFuzzyLocation: api(
      'getFuzzyLocation',
      (o) => (o.type !== undefined && !['wgs84', 'gcj02'].includes(o.type as string) ? 'parameter.type takes wgs84 or gcj02' : undefined),
      () => ({ latitude: 36.81, longitude: 118.05 }),
    ),
    // scanCode: onlyFromCamera a boolean; scanType barCode|qrCode|wxCode|datamatrix|pdf417. Reads what `nextScan` gave.
    scanCode: api(
      'scanCode',
      (o) => {
        if (o.onlyFromCamera !== undefined && typeof o.onlyFromCamera !== 'boolean') return 'parameter.onlyFromCamera should be a Boolean'
        if (!within(o.scanType, ['barCode', 'qrCode', 'wxCode', 'datamatrix', 'pdf417']))
          return 'parameter.scanType has a type WeChat does not scan'
        return undefined
      },
      () => ({ result: scanned, scanType: 'QR_CODE', charSet: 'utf-8' }),
    ),
    // openDocument: filePath a local path (from downloadFile); fileType one of WeChat's seven.
    openDocument: api('openDocument', (o) => {
      if (!isString(o.filePath) || !o.filePath.startsWith('http://tmp/')) return 'parameter.filePath should be a local temp file'
      if (o.fileType !== undefined && !['doc', 'docx', 'xls', 'xlsx', 'ppt', 'pptx', 'pdf'].includes(o.fileType as string))
        return `parameter.fileType ${String(o.fileType)} is not one WeChat opens`
      if (o.showMenu !== undefined && typeof o.showMenu !== 'boolean') return 'parameter.showMenu should be a Boolean'
      return undefined
    }),
    // previewImage: urls a non-empty array of strings; current, when given, one of them.
    previewImage: api('previewImage', (o) => {
      if (!isStringArray(o.urls) || o.urls.length === 0) return 'parameter.urls should be a non-empty Array of Strings'
      if (o.current !== undefined && !o.urls.includes(o.current as string)) return 'parameter.current should be one of urls'
      return undefined
    }),
    // requestSubscribeMessage: 1–3 template ids (the current docs allow 5; clients in use still stop at 3, errCode 20003).
    requestSubscribeMessage: api(
      'requestSubscribeMessage',
      (o) => {
        if (!isStringArray(o.tmplIds) || o.tmplIds.length === 0) return "TmplIds can't be empty"
        if (o.tmplIds.length > 3) return 'Templates count out of max bounds'
        if (o.tmplIds.some((id) => id.trim() === '')) return 'Invalid template id'
        return undefined
      },
      (o) => Object.fromEntries((o.tmplIds as string[]).map((id) => [id, 'accept'])),
    ),
    setKeepScreenOn: api('setKeepScreenOn', (o) =>
      typeof o.keepScreenOn === 'boolean' ? undefined : 'parameter.keepScreenOn should be a Boolean',
    ),
    makePhoneCall: api('makePhoneCall', (o) =>
      isString(o.phoneNumber) && o.phoneNumber !== '' ? undefined : 'parameter.phoneNumber should be a String',
    ),
    // setTabBarBadge: index a whole number of a tab (the app has five), text a String (WeChat cuts one over 4 characters).
    setTabBarBadge: api(
      'setTabBarBadge',
      (o) => tabIndexProblem(o.index) ?? (isString(o.text) ? undefined : 'parameter.text should be a String'),
    ),
    removeTabBarBadge: api('removeTabBarBadge', (o) => tabIndexProblem(o.index)),
    setNavigationBarTitle: api('setNavigationBarTitle', (o) => (isString(o.title) ? undefined : 'parameter.title should be a String')),
    setClipboardData: api('setClipboardData', (o) => (isString(o.data) ? undefined : 'parameter.data should be a String')),
    // The person agreed already: WeChat answers at once without asking.
    requirePrivacyAuthorize: api('requirePrivacyAuthorize', () => undefined),
    openPrivacyContract: api('openPrivacyContract', () => undefined),
  }
}

/**
 * wx.downloadFile: `url` a string naming an http(s) address (production: CloudBase's storage domain,
 * which must be a downloadFile domain). A link the local host made is its own path, resolved against
 * `hostUrl` as the phone resolves CloudBase's; the file is really fetched, so an expired or forged link
 * answers its 403 as statusCode, as WeChat passes on the server's status.
 */
export function networkApis(hostUrl: string): Record<string, unknown> {
  const absolute = (url: string) => (url.startsWith('/') ? `${hostUrl}${url}` : url)
  return {
    // getImageInfo: src a link (downloaded, as downloadFile; a refused one fails) or a file on the phone; answers a file a canvas can draw.
    getImageInfo: api(
      'getImageInfo',
      (o) => (isString(o.src) && /^https?:\/\/[^/]+/.test(absolute(o.src)) ? undefined : `invalid src ${String(o.src)}`),
      async (o) => {
        const response = await fetch(absolute(String(o.src)))
        const body = Buffer.from(await response.arrayBuffer())
        if (response.status !== 200) throw { errMsg: `getImageInfo:fail download ${response.status}` }
        if (!body.subarray(1, 4).equals(Buffer.from('PNG'))) throw { errMsg: 'getImageInfo:fail not an image' }
        const path = `http://tmp/image-${++files}.png`
        imageFiles.add(path)
        return { path, width: body.readUInt32BE(16), height: body.readUInt32BE(20), type: 'png' }
      },
    ),
    downloadFile: api(
      'downloadFile',
      (o) => {
        if (!isString(o.url) || o.url === '') return 'parameter.url should be a String'
        const absolute = o.url.startsWith('/') ? `${hostUrl}${o.url}` : o.url
        return /^https?:\/\/[^/]+/.test(absolute) ? undefined : `invalid url ${o.url}`
      },
      async (o) => {
        const url = String(o.url)
        const response = await fetch(url.startsWith('/') ? `${hostUrl}${url}` : url)
        await response.arrayBuffer()
        return { tempFilePath: `http://tmp/${new URL(url, hostUrl).pathname.split('/').pop()}`, statusCode: response.status }
      },
    ),
  }
}

/** `wx.cloud`'s storage: uploadFile needs cloudPath and a local filePath; downloadFile a cloud:// fileID. */
export function cloudStorageApis(envId: string): Record<string, unknown> {
  return {
    uploadFile: api(
      'cloud.uploadFile',
      (o) =>
        cloudPathProblem(o.cloudPath) ?? (isString(o.filePath) && o.filePath !== '' ? undefined : 'parameter.filePath should be a String'),
      (o) => ({ fileID: `cloud://${envId}.local/${String(o.cloudPath)}`, statusCode: 204 }),
    ),
    downloadFile: api(
      'cloud.downloadFile',
      (o) =>
        isString(o.fileID) && /^cloud:\/\/[^/]+\/.+/.test(o.fileID)
          ? undefined
          : `parameter.fileID should be a cloud:// file id, not ${String(o.fileID)}`,
      (o) => ({ tempFilePath: `http://tmp/${String(o.fileID).split('/').pop()}`, statusCode: 200 }),
    ),
  }
}
