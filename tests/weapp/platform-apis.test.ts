/**
 * The stand-ins for WeChat's device and open APIs (support/platform-apis.ts) refuse what WeChat
 * refuses, with WeChat's kind of errMsg, and record it; what WeChat accepts they answer.
 */
import { cloudStorageApis, platformApis, takeViolations } from './support/platform-apis'

type Api = (options?: object) => Promise<Record<string, unknown>> | undefined
const wx = platformApis() as Record<string, Api>
const cloud = cloudStorageApis('local') as Record<string, Api>

afterEach(() => takeViolations())

test.each([
  ['chooseImage', { count: 0 }],
  ['chooseImage', { count: 10 }],
  ['chooseImage', { sourceType: ['album', 'video'] }],
  ['chooseLocation', { latitude: '36.8' }],
  ['scanCode', { scanType: ['qrcode'] }],
  ['openDocument', { filePath: 'http://tmp/a.csv', fileType: 'csv' }],
  ['openDocument', { filePath: 'cloud://local.x/a.xlsx', fileType: 'xlsx' }],
  ['previewImage', { urls: [] }],
  ['previewImage', { urls: ['cloud://local.x/a.jpg'], current: 'cloud://local.x/b.jpg' }],
  ['requestSubscribeMessage', { tmplIds: [] }],
  ['requestSubscribeMessage', { tmplIds: ['a', 'b', 'c', 'd'] }],
  ['setKeepScreenOn', {}],
])('%s refuses %j', async (name, options) => {
  await expect(wx[name](options)).rejects.toEqual({ errMsg: expect.stringMatching(new RegExp(`^${name}:fail parameter error: `)) })
  expect(takeViolations()).toEqual([{ api: name, problem: expect.any(String) }])
})

test.each([
  ['uploadFile', { cloudPath: '/needs/a.jpg', filePath: 'http://tmp/a.jpg' }],
  ['uploadFile', { cloudPath: 'needs/a b.jpg', filePath: 'http://tmp/a.jpg' }],
  ['uploadFile', { cloudPath: 'needs/a.jpg' }],
  ['downloadFile', { fileID: 'https://example.com/a.xlsx' }],
])('cloud.%s refuses %j', async (name, options) => {
  await expect(cloud[name](options)).rejects.toEqual({ errMsg: expect.stringMatching(/^cloud\.\w+:fail parameter error: /) })
  expect(takeViolations()).toHaveLength(1)
})

test('what WeChat accepts is answered, through callbacks as through a promise', async () => {
  const { tempFilePaths } = (await wx.chooseImage({ count: 3, sizeType: ['compressed'], sourceType: ['album', 'camera'] }))!
  const { fileID } = (await cloud.uploadFile({ cloudPath: 'needs/2026-03-01/k3x9.jpg', filePath: (tempFilePaths as string[])[0] }))!
  expect(fileID).toBe('cloud://local.local/needs/2026-03-01/k3x9.jpg')
  await wx.previewImage({ urls: [fileID], current: fileID })
  const { tempFilePath } = (await cloud.downloadFile({ fileID: 'cloud://local.local/exports/report.xlsx' }))!
  await wx.openDocument({ filePath: tempFilePath, fileType: 'xlsx', showMenu: true })
  expect(await wx.requestSubscribeMessage({ tmplIds: ['tmpl-a', 'tmpl-b'] })).toMatchObject({ 'tmpl-a': 'accept', 'tmpl-b': 'accept' })
  const answered = await new Promise((resolve) => void wx.scanCode({ onlyFromCamera: true, scanType: ['qrCode'], success: resolve }))
  expect(answered).toMatchObject({ errMsg: 'scanCode:ok' })
  expect(takeViolations()).toEqual([])
})
