/**
 * `npm run readme:apis`: writes the README's section on what the mini-program touches, read from the code:
 * the privacy APIs the client calls (each to declare in 用户隐私保护指引 under WeChat's item for it), and
 * the open APIs each function calls. tests/domain/readme-apis.test.ts fails while the README differs.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'
import { functionNames } from './build-functions'
import { analyseBundle } from './deploy/check'
import { isWeChatOpenApi, SMS_API } from './deploy/open-apis'

/** WeChat's items of the privacy guide and the APIs and components that need each (小程序用户隐私保护指引内容介绍). */
const PRIVACY_ITEMS: { item: string; apis?: string[]; openTypes?: string[]; inputTypes?: string[] }[] = [
  { item: '收集你的昵称、头像', openTypes: ['chooseAvatar'], inputTypes: ['nickname'] },
  { item: '收集你的位置信息', apis: ['getLocation', 'startLocationUpdate', 'startLocationUpdateBackground', 'getFuzzyLocation'] },
  { item: '收集你选择的位置信息', apis: ['choosePoi', 'chooseLocation'] },
  { item: '收集你的地址', apis: ['chooseAddress'] },
  { item: '收集你选中的照片或视频信息', apis: ['chooseImage', 'chooseMedia', 'chooseVideo'] },
  { item: '收集你选中的文件', apis: ['chooseMessageFile'] },
  { item: '收集你的手机号', openTypes: ['getPhoneNumber', 'getRealtimePhoneNumber'] },
  { item: '访问你的摄像头', apis: ['createVKSession'] },
  { item: '访问你的麦克风', apis: ['startRecord', 'getRecorderManager', 'joinVoIPChat'] },
  { item: '使用你的相册（仅写入）权限', apis: ['saveImageToPhotosAlbum', 'saveVideoToPhotosAlbum'] },
  { item: '读取你的剪切板', apis: ['setClipboardData', 'getClipboardData'] },
  { item: '收集你的微信运动步数', apis: ['getWeRunData'] },
]

export const START = '<!-- readme:apis start: written by `npm run readme:apis` from the code; do not edit -->'
export const END = '<!-- readme:apis end -->'

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return sourceFiles(path)
    return /\.(ts|tsx)$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [path] : []
  })
}

/** Each privacy item the client needs, with the APIs that need it and the files that call them. */
export function privacyUses(root: string): { item: string; uses: { api: string; files: string[] }[] }[] {
  const files = sourceFiles(join(root, 'client', 'src')).map((path) => ({ path: relative(root, path), text: readFileSync(path, 'utf8') }))
  const callers = (pattern: RegExp) => files.filter((file) => pattern.test(file.text)).map((file) => file.path)
  return PRIVACY_ITEMS.map(({ item, apis = [], openTypes = [], inputTypes = [] }) => ({
    item,
    uses: [
      ...apis.map((api) => ({ api: `wx.${api}`, files: callers(new RegExp(`\\b(Taro|wx)\\.${api}\\(`)) })),
      // openType="a|b" asks for several at once.
      ...openTypes.map((type) => ({
        api: `<button open-type="${type}">`,
        files: callers(new RegExp(`openType="([\\w|]+\\|)?${type}(\\|[\\w|]+)?"`)),
      })),
      ...inputTypes.map((type) => ({ api: `<input type="${type}">`, files: callers(new RegExp(`<Input[^>]*\\btype="${type}"`)) })),
    ].filter((use) => use.files.length > 0),
  })).filter((entry) => entry.uses.length > 0)
}

/** The README section, from the code as it is. */
export async function readmeSection(root: string): Promise<string> {
  const privacy = privacyUses(root)
  const names = functionNames(join(root, 'cloudfunctions'))
  const uses = await Promise.all(names.map(async (name) => ({ name, apis: (await analyseBundle(root, name)).openApis })))
  const list = (items: string[]) => (items.length > 0 ? items.map((i) => `\`${i}\``).join(', ') : '—')
  return [
    START,
    '',
    "**Privacy guide (用户隐私保护指引).** Declare each of these items, with its purpose, in the admin console's 用户隐私保护指引; WeChat disables an API whose item is missing. The client's privacy calls:",
    '',
    '| item to declare | API or component | called in |',
    '|---|---|---|',
    ...privacy.flatMap(({ item, uses: calls }) =>
      calls.map(({ api, files }) => `| ${item} | \`${api}\` | ${files.map((f) => `\`${f}\``).join(', ')} |`),
    ),
    '',
    "**Open APIs each function calls** (WeChat's in its `config.json` → `permissions.openapi`, checked by the deploy's dry run):",
    '',
    '| function | WeChat open APIs | Tencent Cloud |',
    '|---|---|---|',
    ...uses.map(
      ({ name, apis }) => `| \`${name}\` | ${list(apis.filter(isWeChatOpenApi))} | ${apis.includes(SMS_API) ? 'SMS `SendSms`' : '—'} |`,
    ),
    '',
    END,
  ].join('\n')
}

/** The README with its section replaced. */
export function withSection(readme: string, section: string): string {
  const start = readme.indexOf(START)
  const end = readme.indexOf(END)
  if (start < 0 || end < start) throw new Error(`README.md has no section between\n${START}\nand ${END}`)
  return readme.slice(0, start) + section + readme.slice(end + END.length)
}

if (process.argv[1] === __filename) {
  const root = resolve(__dirname, '..')
  const path = join(root, 'README.md')
  readmeSection(root)
    .then((section) => {
      writeFileSync(path, withSection(readFileSync(path, 'utf8'), section))
      console.log('README.md: privacy and open API section written')
    })
    .catch((error: unknown) => {
      console.error(error)
      process.exit(1)
    })
}
