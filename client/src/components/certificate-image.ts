import Taro from '@tarojs/taro'
import type { Certificate } from '../../../shared/contracts/timebank'
import { VERIFY_PAGE } from '../../../shared/domain/verification'
import { api } from '../api'
import { formatDateTime, formatDay, formatMinutes } from '../format'
import { qrRows } from './qr-code'

/** The few drawing calls the certificate needs, in the form both WeChat's canvas context and ours below take. */
export interface Painter {
  setFillStyle(colour: string): void
  setFontSize(px: number): void
  setTextAlign(align: 'left' | 'center'): void
  fillRect(x: number, y: number, width: number, height: number): void
  fillText(text: string, x: number, y: number): void
  /** WeChat's canvas: an image file the phone holds (it draws no link), the mini-program code. */
  drawImage?(path: string, x: number, y: number, width: number, height: number): void
}

/**
 * The code in the corner that opens the certificate's verify page: in the mini-program WeChat's
 * mini-program code (an image file), on H5 a QR code of the public verify link, drawn module by module.
 */
export type VerifyCode = { image: string } | { link: string }

export const CERTIFICATE_WIDTH = 600
const LINE = 44

/** The certificate's lines, as on the page: what a school or an employer reads. */
function linesOf(certificate: Certificate): string[] {
  return [
    `姓名：${certificate.holder.name}`,
    ...(certificate.holder.maskedIdNumber ? [`身份证号：${certificate.holder.maskedIdNumber}`] : []),
    `手机：${certificate.holder.maskedPhone}`,
    ...(certificate.starLabel ? [`星级：${certificate.starLabel}`] : []),
    `期间：${formatDay(certificate.period.from)} 至 ${formatDay(certificate.period.to)}`,
    `服务时长：${formatMinutes(certificate.totalMinutes)}`,
    ...certificate.byOrganisation.map((row) => `${row.organisationName}：${formatMinutes(row.minutes)}`),
    ...certificate.services.map((line) => `服务内容：${line}`),
    `出具单位：${certificate.issuer.name}`,
    `出具时间：${formatDateTime(certificate.issuedAt)}`,
  ]
}

/** The code's side and the margin around it, in the foot's right corner. */
const CODE_SIZE = 150
const MARGIN = 48

/** Where the foot starts: below the last line. */
const footOf = (certificate: Certificate) => 180 + linesOf(certificate).length * LINE

/** The image's height for this certificate: a line each, the title, and the foot with the number and the code. */
export function certificateHeight(certificate: Certificate): number {
  return footOf(certificate) + CODE_SIZE + 90
}

/** A QR code of `link` in the square at (x, y), each dark run of modules one rectangle, in whole pixels so that it scans. */
function drawQr(painter: Painter, link: string, x: number, y: number) {
  const rows = qrRows(link)
  const modulePx = Math.floor(CODE_SIZE / rows.length)
  const offset = Math.floor((CODE_SIZE - modulePx * rows.length) / 2)
  rows.forEach((runs, row) => {
    let column = 0
    for (const run of runs) {
      if (run.dark) painter.fillRect(x + offset + column * modulePx, y + offset + row * modulePx, run.length * modulePx, modulePx)
      column += run.length
    }
  })
}

/**
 * Draws the certificate black on white for saving or printing: its number large at the foot, and in
 * the foot's right corner the code that opens its verify page, with 扫码验证 beneath, when there is one.
 */
export function drawCertificate(painter: Painter, certificate: Certificate, code?: VerifyCode) {
  const height = certificateHeight(certificate)
  painter.setFillStyle('#ffffff')
  painter.fillRect(0, 0, CERTIFICATE_WIDTH, height)
  painter.setFillStyle('#1f1f1f')
  painter.setTextAlign('center')
  painter.setFontSize(36)
  painter.fillText('志愿服务记录证明', CERTIFICATE_WIDTH / 2, 90)
  painter.setTextAlign('left')
  painter.setFontSize(24)
  linesOf(certificate).forEach((line, index) => painter.fillText(line, MARGIN, 180 + index * LINE))
  const foot = footOf(certificate)
  painter.setFontSize(22)
  painter.fillText('验证编号', MARGIN, foot + 40)
  painter.fillText('在邻里守望“证明查验”中输入', MARGIN, foot + 72)
  painter.setFontSize(30)
  painter.fillText(certificate.number, MARGIN, foot + 122)
  if (!code) return
  const codeX = CERTIFICATE_WIDTH - MARGIN - CODE_SIZE
  if ('image' in code) painter.drawImage?.(code.image, codeX, foot, CODE_SIZE, CODE_SIZE)
  else drawQr(painter, code.link, codeX, foot)
  painter.setTextAlign('center')
  painter.setFontSize(22)
  painter.fillText('扫码验证', codeX + CODE_SIZE / 2, foot + CODE_SIZE + 30)
}

export const CERTIFICATE_CANVAS = 'certificate-canvas'

/** The public verify page of a certificate on H5, for anyone's browser: this site, the page, the number. */
const verifyLink = (number: string) => `${window.location.href.split('#')[0]}#/${VERIFY_PAGE}?number=${number}`

/**
 * The certificate's mini-program code as a file on the phone, or none when WeChat gave none or it did
 * not download: the number printed beside it verifies the certificate all the same.
 */
async function miniProgramCode(number: string): Promise<VerifyCode | undefined> {
  try {
    const { code } = await api.timebank.certificateCode({ number })
    return code ? { image: (await Taro.getImageInfo({ src: code.url })).path } : undefined
  } catch {
    return undefined
  }
}

/** The album's scope: WeChat asks once; refused, it answers at once until the person allows it in its settings. */
export const ALBUM_SCOPE = 'scope.writePhotosAlbum'

/** Whether the mini-program may save to the album: asks the first time, answers from before after that. */
export async function albumAllowed(): Promise<boolean> {
  try {
    await Taro.authorize({ scope: ALBUM_SCOPE })
    return true
  } catch {
    return false
  }
}

/**
 * Saves the certificate to the phone's album (weapp: the page's hidden canvas, `CERTIFICATE_CANVAS`;
 * the page has asked for the album first) or downloads it as a PNG (H5). Answers what to tell the person.
 */
export async function saveCertificateImage(certificate: Certificate): Promise<string> {
  if (process.env.TARO_ENV === 'h5') {
    const canvas = document.createElement('canvas')
    canvas.width = CERTIFICATE_WIDTH
    canvas.height = certificateHeight(certificate)
    const context = canvas.getContext('2d')
    if (!context) throw new Error('这台设备画不出图片')
    drawCertificate(
      {
        setFillStyle: (colour) => (context.fillStyle = colour),
        setFontSize: (px) => (context.font = `${px}px sans-serif`),
        setTextAlign: (align) => (context.textAlign = align),
        fillRect: (x, y, width, height) => context.fillRect(x, y, width, height),
        fillText: (text, x, y) => context.fillText(text, x, y),
      },
      certificate,
      { link: verifyLink(certificate.number) },
    )
    const link = document.createElement('a')
    link.href = canvas.toDataURL('image/png')
    link.download = `志愿服务证明-${certificate.number}.png`
    link.click()
    return '图片已下载'
  }
  const code = await miniProgramCode(certificate.number)
  const context = Taro.createCanvasContext(CERTIFICATE_CANVAS)
  drawCertificate(context, certificate, code)
  await new Promise<void>((drawn) => {
    void context.draw(false, () => drawn())
  })
  const { tempFilePath } = await Taro.canvasToTempFilePath({
    canvasId: CERTIFICATE_CANVAS,
    width: CERTIFICATE_WIDTH,
    height: certificateHeight(certificate),
    fileType: 'png',
  })
  await Taro.saveImageToPhotosAlbum({ filePath: tempFilePath })
  return '已保存到相册'
}
