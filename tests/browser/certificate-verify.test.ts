/**
 * 证明查验 in public on H5 (decision 047): the certificate's image carries a QR code of its public
 * verify link, and a stranger in a fresh browser, never signed in, opens that link and reads the
 * certificate with the holder's name masked, without being sent to sign in.
 */
import { readFileSync } from 'node:fs'
import type { Page } from 'playwright-core'
import { create } from 'qrcode/lib/core/qrcode'
import { demoIdentities, demoPerson as personOf } from '../../local/seed/demo-data'
import { VERIFY_PAGE } from '../../shared/domain/verification'
import { formatMinutes, inShanghai } from '../../shared/domain/time'
import { maskName } from '../../shared/domain/timebank'
import { openPage, shown, signInAs, tap, useBrowserSession } from '../support/browser'
import { callHostAs, serveANeed } from '../support/need-service'

const session = useBrowserSession()
const volunteer = personOf(demoIdentities.volunteer)

/** The image's code: 150 pixels square, 48 from the right edge, 240 from the foot (client/src/components/certificate-image.ts). */
const CODE = { size: 150, right: 48, fromBottom: 240 }

/** The QR modules (rows of 0 and 1, without the quiet zone) the encoder gives for `text`, as the app encodes it. */
function modulesOf(text: string): string[] {
  const { modules } = create([{ data: Array.from(text, (c) => c.charCodeAt(0)), mode: 'byte' }], { errorCorrectionLevel: 'M' })
  return Array.from({ length: modules.size }, (_, row) =>
    Array.from({ length: modules.size }, (_, col) => (modules.get(row, col) ? '1' : '0')).join(''),
  )
}

/**
 * The modules drawn in the image's code square, read at each module's centre, for a code of `size` modules:
 * the PNG decoded by the browser itself, on a canvas.
 */
function modulesDrawn(page: Page, png: Buffer, size: number): Promise<string[]> {
  return page.evaluate(
    async ({ dataUrl, size, code }) => {
      const image = new Image()
      image.src = dataUrl
      await image.decode()
      const canvas = document.createElement('canvas')
      canvas.width = image.width
      canvas.height = image.height
      const context = canvas.getContext('2d')!
      context.drawImage(image, 0, 0)
      const rows = size + 8
      const modulePx = Math.floor(code.size / rows)
      const offset = Math.floor((code.size - modulePx * rows) / 2)
      const left = image.width - code.right - code.size + offset + 4 * modulePx
      const top = image.height - code.fromBottom + offset + 4 * modulePx
      const dark = (x: number, y: number) => context.getImageData(x, y, 1, 1).data[0] < 128
      return Array.from({ length: size }, (_, row) =>
        Array.from({ length: size }, (_, col) =>
          dark(left + col * modulePx + Math.floor(modulePx / 2), top + row * modulePx + Math.floor(modulePx / 2)) ? '1' : '0',
        ).join(''),
      )
    },
    { dataUrl: `data:image/png;base64,${png.toString('base64')}`, size, code: CODE },
  )
}

it('the downloaded image carries the public verify link; a stranger’s fresh browser opens it and sees the masked name and hours', async () => {
  await serveANeed(session().host.url, {
    requesterOpenid: demoIdentities.elderResident,
    organisationId: 'org-qy-xiyanghong',
    volunteerOpenid: volunteer.openid,
    minutes: 60,
  })
  const today = inShanghai(await session().now())
  const { certificate } = await callHostAs(session().host.url, volunteer.openid, 'timebank', 'issueCertificate', {
    from: today.subtract(1, 'year').add(1, 'day').format('YYYY-MM-DD'),
    to: today.format('YYYY-MM-DD'),
    issuer: { kind: 'organisation', id: 'org-qy-xiyanghong' },
  })
  const link = `${session().host.url}/#/${VERIFY_PAGE}?number=${certificate.number}`

  // Registered already: the page goes straight to choosing the issuer (decision 044).
  await callHostAs(session().host.url, volunteer.openid, 'timebank', 'registerRealName', {
    name: volunteer.name,
    idNumber: '11010519491231002X',
    consent: true,
  })
  // The holder downloads the image from the certificate page: its QR code is the link, module for module.
  const { page: own } = await signInAs(session(), volunteer.openid)
  await openPage(session(), own, 'pages/time-bank/more/certificate/index')
  await tap(own, '近一年')
  await tap(own, '开具证明')
  await shown(own).locator('#certificate-number').waitFor()
  const number = (await shown(own).locator('#certificate-number').textContent())!
  const downloading = own.waitForEvent('download')
  await tap(own, '下载为图片')
  const png = readFileSync((await (await downloading).path())!)
  const expected = modulesOf(`${session().host.url}/#/${VERIFY_PAGE}?number=${number}`)
  expect(await modulesDrawn(own, png, expected.length)).toEqual(expected)

  // A stranger: a browser nobody ever signed in on opens the link of the first certificate.
  const { page, errors } = await session().newPage()
  await page.goto(link)
  const verified = shown(page).locator('#certificate')
  await verified.getByText(maskName(volunteer.name), { exact: true }).waitFor()
  expect(await verified.locator('#certificate-number').textContent()).toBe(certificate.number)
  expect(await verified.textContent()).toContain(`服务时长${formatMinutes(certificate.totalMinutes)}`)
  expect(await verified.textContent()).not.toContain(volunteer.name)
  expect(await shown(page).locator('#verified').textContent()).toContain('这份证明是真的')
  expect(page.url()).toBe(link)
  expect(errors).toEqual([])
})
