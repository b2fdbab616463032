/** The README's section on privacy APIs and open APIs is the one `npm run readme:apis` writes from the code today. */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { END, privacyUses, readmeSection, START, withSection } from '../../scripts/readme-apis'

const repo = resolve(__dirname, '../..')

describe('the README section on what the mini-program touches', () => {
  it('is up to date with the code (else: npm run readme:apis)', async () => {
    const readme = readFileSync(join(repo, 'README.md'), 'utf8')
    expect(withSection(readme, await readmeSection(repo))).toBe(readme)
  })

  it('finds a privacy API call, and a phone-number button among other open types', () => {
    const root = mkdtempSync(join(tmpdir(), 'linli-readme-'))
    try {
      mkdirSync(join(root, 'client', 'src', 'pages'), { recursive: true })
      writeFileSync(join(root, 'client', 'src', 'pages', 'here.tsx'), 'void Taro.getLocation({ type: "gcj02" })\n')
      writeFileSync(join(root, 'client', 'src', 'join.tsx'), '<Button openType="agreePrivacyAuthorization|getPhoneNumber" />\n')
      writeFileSync(join(root, 'client', 'src', 'quiet.tsx'), 'Taro.showToast({ title: "getLocation" })\n')
      expect(privacyUses(root)).toEqual([
        { item: '收集你的位置信息', uses: [{ api: 'wx.getLocation', files: ['client/src/pages/here.tsx'] }] },
        { item: '收集你的手机号', uses: [{ api: '<button open-type="getPhoneNumber">', files: ['client/src/join.tsx'] }] },
      ])
    } finally {
      rmSync(root, { recursive: true, force: true })
    }
  })

  it('refuses a README without the section', () => {
    expect(() => withSection('# 邻里守望\n', `${START}\n${END}`)).toThrow('README.md has no section')
  })

  it('lists every location API the client calls in app.config requiredPrivateInfos, as WeChat demands', () => {
    const config = readFileSync(join(repo, 'client', 'src', 'app.config.ts'), 'utf8')
    const declared = /requiredPrivateInfos:\s*\[([^\]]*)\]/.exec(config)?.[1] ?? ''
    const location = privacyUses(repo).filter((entry) => entry.item.includes('位置'))
    const apis = location.flatMap((entry) => entry.uses.map((use) => use.api.replace('wx.', '')))
    expect(apis.length).toBeGreaterThan(0)
    for (const api of apis) expect(declared).toContain(`'${api}'`)
  })
})
