import Taro from '@tarojs/taro'
import type { Certificate } from '../../../shared/contracts/timebank'
import { formatDateTime, formatDay, formatMinutes } from '../format'

/** The few drawing calls the certificate needs, in the form both WeChat's canvas context and ours below take. */
export interface Painter {
  setFillStyle(colour: string): void
  setFontSize(px: number): void
  setTextAlign(align: 'left' | 'center'): void
  fillRect(x: number, y: number, width: number, height: number): void
  fillText(text: string, x: number, y: number): void
}

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

/** The image's height for this certificate: a line each, the title and the number. */
export function certificateHeight(certificate: Certificate): number {
  return 200 + LINE * linesOf(certificate).length + 120
}

/** Draws the certificate black on white, its number large at the foot, for saving or printing. */
export function drawCertificate(painter: Painter, certificate: Certificate) {
  const height = certificateHeight(certificate)
  painter.setFillStyle('#ffffff')
  painter.fillRect(0, 0, CERTIFICATE_WIDTH, height)
  painter.setFillStyle('#1f1f1f')
  painter.setTextAlign('center')
  painter.setFontSize(36)
  painter.fillText('志愿服务记录证明', CERTIFICATE_WIDTH / 2, 90)
  painter.setTextAlign('left')
  painter.setFontSize(24)
  linesOf(certificate).forEach((line, index) => painter.fillText(line, 48, 180 + index * LINE))
  const foot = 180 + linesOf(certificate).length * LINE + 40
  painter.setTextAlign('center')
  painter.setFontSize(22)
  painter.fillText('验证编号（在邻里守望“证明查验”中输入即可查验）', CERTIFICATE_WIDTH / 2, foot)
  painter.setFontSize(32)
  painter.fillText(certificate.number, CERTIFICATE_WIDTH / 2, foot + 50)
}

export const CERTIFICATE_CANVAS = 'certificate-canvas'

/**
 * Saves the certificate to the phone's album (weapp: the page's hidden canvas, `CERTIFICATE_CANVAS`)
 * or downloads it as a PNG (H5). Answers what to tell the person.
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
    )
    const link = document.createElement('a')
    link.href = canvas.toDataURL('image/png')
    link.download = `志愿服务证明-${certificate.number}.png`
    link.click()
    return '图片已下载'
  }
  const context = Taro.createCanvasContext(CERTIFICATE_CANVAS)
  drawCertificate(context, certificate)
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
