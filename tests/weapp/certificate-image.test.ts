/**
 * The certificate as an image in the built mini-program (miniprogram-simulate, WeChat's wcc compiler):
 * the page loads the issued certificate, asks for the album (and, refused, offers WeChat's settings),
 * draws the certificate with its mini-program code in the corner and 扫码验证 on the canvas, and saves
 * the canvas's file to the album. A stranger who scans that code reads the certificate, masked, with
 * nothing asking them to join or sign in first.
 */
import { demoIdentities, demoPerson } from '../../local/seed/demo-data'
import { VERIFY_PAGE } from '../../shared/domain/verification'
import { startTestHost, type TestHost } from '../client/support/local-host'
import { callHostAs, serveANeed } from '../support/need-service'
import { installPlatform, openPage, recordPageChanges, restartAppAs, until } from './support/mini-program'
import { answerScopes, drawnOn, imagesDrawnOn, setScope, takeCalls, takeViolations } from './support/platform-apis'

let host: TestHost
let changes: { navigatedTo: string[]; switchedTo: string[] }

beforeAll(async () => {
  host = await startTestHost()
  installPlatform({ hostUrl: host.url, openid: demoIdentities.volunteer })
  changes = recordPageChanges()
}, 60_000)

afterAll(async () => {
  await host?.close()
})

type Page = ReturnType<typeof openPage>
const text = (page: Page) => page.dom?.textContent ?? ''

/** The volunteer's certificate page with a certificate issued for the year gone by, which holds the service just done. */
async function issuedCertificate(): Promise<{ page: Page; number: string }> {
  await serveANeed(host.url, {
    requesterOpenid: demoIdentities.elderResident,
    organisationId: 'org-qy-xiyanghong',
    volunteerOpenid: demoIdentities.volunteer,
    minutes: 60,
  })
  // Registered already: the page goes straight to choosing the issuer (decision 044).
  await callHostAs(host.url, demoIdentities.volunteer, 'timebank', 'registerRealName', {
    name: '徐敏',
    idNumber: '11010519491231002X',
    consent: true,
  })
  restartAppAs(demoIdentities.volunteer)
  const page = openPage('pages/time-bank/more/certificate/index')
  await until(() => text(page).includes('近一年'))
  const choice = (page.querySelectorAll('.choice') as { dom: HTMLElement; dispatchEvent(name: string): void }[]).find(
    (c) => c.dom.textContent?.trim() === '近一年',
  )!
  choice.dispatchEvent('tap')
  // The figures are keyed by the period. Until the view shows 近一年 chosen, the button on it may be
  // 今年's, loaded already and already removed by React (the view catches up at Taro's next setData):
  // a tap on it is lost. The choice and the new figures reach the view in the same setData.
  await until(
    () =>
      page.querySelector('.choice-on')?.dom?.textContent?.includes('近一年') &&
      page.querySelector('#issue-certificate') &&
      !text(page).includes('正在加载'),
  )
  page.querySelector('#issue-certificate')?.dispatchEvent('tap')
  await until(() => page.querySelector('#certificate-number'))
  return { page, number: page.querySelector('#certificate-number')!.dom!.textContent!.trim() }
}

test('refused the album, the page offers WeChat’s settings; allowed, it draws the certificate with its code and saves it', async () => {
  const { page, number } = await issuedCertificate()
  takeCalls()

  answerScopes(false)
  page.querySelector('#save-certificate')?.dispatchEvent('tap')
  await until(() => page.querySelector('#album-refused'))
  expect(takeCalls().map((c) => c.api)).toEqual(['requirePrivacyAuthorize', 'authorize'])

  // In WeChat's settings the person allows the album; back on the page, the note goes.
  setScope('scope.writePhotosAlbum', true)
  page.querySelector('#album-settings')?.dispatchEvent('opensetting', { detail: { authSetting: { 'scope.writePhotosAlbum': true } } })
  await until(() => !page.querySelector('#album-refused'))

  page.querySelector('#save-certificate')?.dispatchEvent('tap')
  const calls: ReturnType<typeof takeCalls> = []
  await until(() => {
    calls.push(...takeCalls())
    return calls.some((c) => c.api === 'saveImageToPhotosAlbum')
  })
  const made = calls.filter((c) => c.api !== 'createCanvasContext')
  expect(made.map((c) => c.api)).toEqual([
    'requirePrivacyAuthorize',
    'authorize',
    'getImageInfo',
    'canvasToTempFilePath',
    'saveImageToPhotosAlbum',
  ])
  const [, authorize, imageInfo, canvasFile, album] = made
  expect(authorize.options).toEqual({ scope: 'scope.writePhotosAlbum' })
  // The code the function stored for this certificate, through its short-lived link.
  expect(imageInfo.options.src).toMatch(/^\/local\/storage\/[0-9a-f]{32}\.png\?sign=[0-9a-f]+&t=\d+$/)
  expect(canvasFile.options).toMatchObject({ canvasId: 'certificate-canvas', fileType: 'png' })
  expect(album.options).toEqual({ filePath: expect.stringMatching(/^http:\/\/tmp\/canvas-\d+\.png$/) })
  expect(drawnOn('certificate-canvas')).toEqual(expect.arrayContaining(['志愿服务记录证明', number, '扫码验证']))
  // The code in the foot's right corner of the 600-pixel-wide image, 150 pixels square.
  expect(imagesDrawnOn('certificate-canvas')).toEqual([expect.stringMatching(/^http:\/\/tmp\/image-\d+\.png@402,\d+,150×150$/)])
  expect(takeViolations()).toEqual([])

  // 转发 from the certificate: its verify page, with the number.
  const share = (page.instance as unknown as { onShareAppMessage(): { path: string } }).onShareAppMessage()
  expect(share.path).toBe(`/pages/time-bank/more/verify/index?number=${number}`)
  page.detach()
})

test('a stranger who scans the code reads the certificate, the name masked, and is sent nowhere', async () => {
  const { page: owner, number } = await issuedCertificate()
  owner.detach()
  changes.navigatedTo.length = 0
  changes.switchedTo.length = 0

  restartAppAs('o-stranger-scanning')
  // WeChat opens the code's page with its scene, URL-encoded.
  const page = openPage(VERIFY_PAGE, { scene: encodeURIComponent(`number=${number}`) })
  await until(() => page.querySelector('#verified'))
  expect(page.querySelector('#certificate-number')?.dom?.textContent?.trim()).toBe(number)
  const name = demoPerson(demoIdentities.volunteer).name
  expect(text(page)).toContain(`${name[0]}*`)
  expect(text(page)).not.toContain(name)
  expect(changes).toEqual({ navigatedTo: [], switchedTo: [] })
  expect(takeViolations()).toEqual([])
  page.detach()
})
