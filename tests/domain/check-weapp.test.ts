/** The weapp build checks, each run on a small fabricated output that breaks one WeChat rule. */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { weappCloudEnv } from '../../client/config/cloud-env'
import { checkAppJson, checkCloudEnv, checkEsLevel, checkSubpackageReferences, promisedEcmaVersion } from '../../scripts/check-weapp'

const page = { 'index.js': 'Page({})', 'index.json': '{}', 'index.wxml': '<view/>' }

/** Writes `files` (path → text) into a new folder and answers it. */
function output(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'weapp-'))
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true })
    writeFileSync(join(root, path), text)
  }
  return root
}

const pageFiles = (path: string) => Object.fromEntries(Object.entries(page).map(([file, text]) => [`${path}/${file}`, text]))

const app = (json: object, extra: Record<string, string> = {}) =>
  output({ 'app.json': JSON.stringify(json), 'app.js': 'App({})', ...pageFiles('pages/home'), ...pageFiles('pages/mine'), ...extra })

const valid = {
  pages: ['pages/home/index', 'pages/mine/index'],
  subPackages: [{ root: 'workbench', pages: ['team/index'] }],
  tabBar: { list: [{ pagePath: 'pages/home/index' }, { pagePath: 'pages/mine/index' }] },
}

describe('the ES level', () => {
  it('follows the project settings', () => {
    expect(promisedEcmaVersion({ es6: false, enhance: false })).toBe(5)
    expect(promisedEcmaVersion({ es6: true, enhance: true })).toBe(2020)
  })

  it('names each file with syntax above the promised level', () => {
    const root = output({ 'app.js': 'var a = 1', 'vendors.js': 'var b = a?.c ?? 2', 'common.js': 'const c = () => 1' })
    expect(checkEsLevel(root, 5)).toEqual([
      expect.stringMatching(/^common\.js is not ES5/),
      expect.stringMatching(/^vendors\.js is not ES5/),
    ])
    expect(checkEsLevel(root, 2020)).toEqual([])
    writeFileSync(join(root, 'vendors.js'), 'x ??= 1')
    expect(checkEsLevel(root, 2020)).toEqual([expect.stringMatching(/^vendors\.js is not ES2020/)])
  })
})

describe('app.json', () => {
  it('passes a valid mini-program', () => {
    expect(checkAppJson(app(valid, pageFiles('workbench/team'))).problems).toEqual([])
  })

  it('finds a listed page without its files', () => {
    expect(checkAppJson(app(valid, { 'workbench/team/index.js': 'Page({})' })).problems).toEqual([
      'page workbench/team/index has no .json, .wxml',
    ])
  })

  it('keeps tab pages in the main package, and 2 to 5 of them', () => {
    const inSubpackage = { ...valid, tabBar: { list: [{ pagePath: 'pages/home/index' }, { pagePath: 'workbench/team/index' }] } }
    expect(checkAppJson(app(inSubpackage, pageFiles('workbench/team'))).problems).toEqual([
      'tab bar page workbench/team/index is not a main package page',
    ])
    const one = { ...valid, tabBar: { list: [{ pagePath: 'pages/home/index' }] } }
    expect(checkAppJson(app(one, pageFiles('workbench/team'))).problems).toEqual(['the tab bar has 1 items; WeChat wants 2 to 5'])
  })

  it('refuses overlapping subpackage roots', () => {
    const overlapping = { ...valid, subPackages: [...valid.subPackages, { root: 'workbench/care', pages: ['index'] }] }
    const files = {
      ...pageFiles('workbench/team'),
      'workbench/care/index.js': '',
      'workbench/care/index.json': '{}',
      'workbench/care/index.wxml': '',
    }
    expect(checkAppJson(app(overlapping, files)).problems).toEqual(['subpackage roots workbench and workbench/care overlap'])
  })

  it('fails a main package over 1.5 MB but not a subpackage of the same size', () => {
    const big = 'x'.repeat(1.6 * 1024 * 1024)
    expect(checkAppJson(app(valid, { ...pageFiles('workbench/team'), 'workbench/big.txt': big })).problems).toEqual([])
    expect(checkAppJson(app(valid, { ...pageFiles('workbench/team'), 'big.txt': big })).problems).toEqual([
      expect.stringMatching(/^the main package is 1\d{3} KB, over 1536 KB/),
    ])
  })
})

describe('references across subpackages', () => {
  const subpackages = {
    ...valid,
    subPackages: [
      { root: 'workbench', pages: ['team/index'] },
      { root: 'care', pages: ['index'] },
      { root: 'share', pages: ['index'], independent: true },
    ],
  }

  it('allows a subpackage to use itself and the main package', () => {
    const root = app(subpackages, {
      'workbench/team/index.js': 'require("../common.js");require("../../vendors.js")',
      'workbench/common.js': '',
      'vendors.js': '',
    })
    expect(checkSubpackageReferences(root)).toEqual([])
  })

  it('finds requires, components and templates that reach into another subpackage', () => {
    const root = app(subpackages, {
      'workbench/team/index.js': 'require("../../care/common.js")',
      'pages/home/index.json': JSON.stringify({ usingComponents: { card: '/workbench/card' } }),
      'care/index.wxml': '<import src="../workbench/t.wxml"/>',
      'share/index.js': 'require("../vendors.js")',
    })
    expect(checkSubpackageReferences(root).sort()).toEqual([
      'care/index.wxml (care) uses workbench/t.wxml (workbench)',
      'pages/home/index.json (main package) uses workbench/card (workbench)',
      'share/index.js (share) uses vendors.js (main package)',
      'workbench/team/index.js (workbench) uses care/common.js (care)',
    ])
  })
})

describe('the CloudBase environment', () => {
  it('is local unless given, and required for a release', () => {
    expect(weappCloudEnv({})).toEqual({ env: 'local', release: false })
    expect(() => weappCloudEnv({ LINLI_RELEASE: '1' })).toThrow(/needs CLOUDBASE_ENV/)
    expect(weappCloudEnv({ LINLI_RELEASE: '1', CLOUDBASE_ENV: 'linli-1g2h3j' })).toEqual({ env: 'linli-1g2h3j', release: true })
  })

  it('must be the one the built app.js initialises', () => {
    const root = output({ 'app.js': 'i().cloud.init({env:"dev",traceUser:!0})' })
    expect(checkCloudEnv(root, { env: 'linli-1g2h3j', release: true })).toEqual([
      'app.js calls cloud.init with env "dev", but this build is for "linli-1g2h3j": rebuild',
    ])
    expect(checkCloudEnv(root, { env: 'dev', release: false })).toEqual([])
  })
})
