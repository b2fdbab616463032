/**
 * 证明查验 in public (decision 047): anyone with a certificate's number reads what it states, the
 * holder's name masked, whether or not they signed in or joined a community; each caller a few
 * looks at a time. And the mini-program code drawn on the certificate's image, which opens that page.
 */
import { iso } from '../../shared/domain/time'
import { formatCertificateNumber } from '../../shared/domain/timebank'
import { VERIFY_LOOK_LIMIT, VERIFY_MISS_LIMIT, VERIFY_PAGE, WEB_VISITORS_MISS_LIMIT, verifyScene } from '../../shared/domain/verification'
import { AppError, ErrorCode } from '../../shared/errors'
import { countTry, type TryCounter } from '../code-attempts'
import { storeFile } from '../data/files'
import { certificateById } from '../data/timebank'
import { isWebVisitor, type ActionImplementations } from '../handler'
import { miniProgramCodeIfAny } from '../wechat'
import { certificateView } from './hours'
import type { TimebankContract } from '../../shared/contracts/timebank'

type Action<A extends keyof TimebankContract['actions']> = ActionImplementations<TimebankContract>[A]

/** All web visitors' misses are counted under this one key as well (no visitor's key is just this). */
const WEB_VISITORS = 'web'

/** The code's width: WeChat's default, sharp enough printed at a few centimetres. */
const CODE_WIDTH_PX = 430

/**
 * Counts the look against the caller (every look, and a miss stricter) and, from outside WeChat, against all
 * web visitors' misses; refused while any is spent, for a known number too, so that waiting is the only way on.
 */
async function countLook(visitor: string, found: boolean, now: Date): Promise<void> {
  const counters: TryCounter[] = [
    { purpose: 'verify', key: visitor, limit: VERIFY_LOOK_LIMIT, counts: true },
    { purpose: 'verify-miss', key: visitor, limit: VERIFY_MISS_LIMIT, counts: !found },
  ]
  if (isWebVisitor(visitor)) {
    counters.push({ purpose: 'verify-miss', key: WEB_VISITORS, limit: WEB_VISITORS_MISS_LIMIT, counts: !found })
  }
  await countTry(counters, now, (wait) => new AppError(ErrorCode.RATE_LIMITED, `查验次数太多，请 ${wait} 分钟后再试`, 'data.number'))
}

export const verifyCertificate: Action<'verifyCertificate'> = async (context) => {
  const certificate = await certificateById(context.input.number)
  await countLook(context.visitor, certificate !== null, context.now)
  if (!certificate) throw new AppError(ErrorCode.NOT_FOUND, '没有这个验证编号的证明', 'data.number')
  return { certificate: certificateView(certificate, true) }
}

/** The PNG inside the data: URL WeChat's code comes as. */
const pngOf = (dataUrl: string) => Buffer.from(dataUrl.slice(dataUrl.indexOf(',') + 1), 'base64')

export const certificateCode: Action<'certificateCode'> = async (context) => {
  const certificate = await certificateById(context.input.number)
  // Someone else's answers as a number that does not exist.
  if (!certificate || certificate.openid !== context.openid) {
    throw new AppError(ErrorCode.NOT_FOUND, '没有这个验证编号的证明', 'data.number')
  }
  const image = await miniProgramCodeIfAny(VERIFY_PAGE, verifyScene(formatCertificateNumber(certificate._id)), CODE_WIDTH_PX)
  if (!image) return {}
  // One path per certificate: asked again, CloudBase overwrites it rather than keeping another copy.
  const stored = await storeFile(`certificate-codes/${certificate._id}.png`, 'png', pngOf(image))
  return { code: { url: stored.url, expiresAt: iso(stored.expiresAt) } }
}
