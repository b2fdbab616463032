import { resultOfErrcode, type MessageKind, type SendResult } from '../../shared/domain/messages'
import { subscribeTemplateId } from './template-ids'
import { sendTencentSms } from './tencent-sms'
import type { SubscribeMessage, TextScene, TextVerdict, WeChatOpenApi } from './index'

/** wx-server-sdk is loaded on first use so that local runs never need its native parts. */
function cloud() {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded lazily, see above
  const sdk = require('wx-server-sdk')
  sdk.init({ env: sdk.DYNAMIC_CURRENT_ENV })
  return sdk
}

function templateId(template: MessageKind): string {
  const id = subscribeTemplateId(template)
  if (!id) throw new Error(`no WeChat template id configured for ${template}`)
  return id
}

/** Which version a scanned code opens: `develop` or `trial` while testing, `release` (the default) once published. */
function miniProgramEnvVersion(): 'develop' | 'trial' | 'release' {
  const version = process.env.LINLI_MINIPROGRAM_ENV_VERSION ?? 'release'
  if (version !== 'develop' && version !== 'trial' && version !== 'release') {
    throw new Error(`LINLI_MINIPROGRAM_ENV_VERSION must be develop, trial or release, not ${version}`)
  }
  return version
}

export const cloudOpenApi: WeChatOpenApi = {
  async checkText({ openid, text, scene }: { openid: string; text: string; scene: TextScene }): Promise<TextVerdict> {
    const answer = await cloud().openapi.security.msgSecCheck({ version: 2, openid, scene, content: text })
    const suggest = answer?.result?.suggest
    return suggest === 'pass' || suggest === 'review' || suggest === 'risky' ? suggest : 'review'
  },

  async checkMedia({ openid, fileId, scene }) {
    const sdk = cloud()
    // WeChat downloads the photo itself, so it needs a link; a cloud:// id is ours alone.
    const { fileList } = await sdk.getTempFileURL({ fileList: [fileId] })
    const mediaUrl = fileList?.[0]?.tempFileURL
    if (!mediaUrl) throw new Error(`no download link for ${fileId}`)
    // media_type 2: an image. A cloud call answers traceId (the HTTPS API says trace_id).
    const answer = await sdk.openapi.security.mediaCheckAsync({ mediaUrl, mediaType: 2, version: 2, openid, scene })
    const traceId = answer?.traceId ?? answer?.trace_id
    if (typeof traceId !== 'string' || traceId === '') throw new Error('mediaCheckAsync answered no trace id')
    return { traceId }
  },

  async sendSubscribeMessage(message: SubscribeMessage): Promise<SendResult> {
    try {
      await cloud().openapi.subscribeMessage.send({
        touser: message.toOpenid,
        templateId: templateId(message.template),
        page: message.page,
        data: message.data,
      })
      return { status: 'sent' }
    } catch (error) {
      // wx-server-sdk throws WeChat's errcode as errCode (47003, 43101, …).
      const { errCode, errMsg } = error as { errCode?: unknown; errMsg?: unknown }
      if (typeof errCode === 'number') return resultOfErrcode(errCode, String(errMsg))
      throw error
    }
  },

  sendSms: sendTencentSms,

  async miniProgramCode({ page, scene, width }) {
    // getUnlimited: no limit on how many codes, which matters because every renewed invite code needs one.
    // checkPath false: before the first release WeChat knows no published page and would answer 41030.
    const answer = await cloud().openapi.wxacode.getUnlimited({
      page,
      scene,
      checkPath: false,
      envVersion: miniProgramEnvVersion(),
      ...(width ? { width } : {}),
    })
    return `data:${answer.contentType ?? 'image/png'};base64,${Buffer.from(answer.buffer).toString('base64')}`
  },

  async phoneNumber({ code }) {
    try {
      const answer = await cloud().openapi.phonenumber.getPhoneNumber({ code })
      const number = answer?.phoneInfo?.purePhoneNumber
      return typeof number === 'string' && number !== '' ? number : null
    } catch (error) {
      // 40029: the code is not valid (used, expired or made up); anything else is WeChat failing.
      if ((error as { errCode?: unknown }).errCode === 40029) return null
      throw error
    }
  },
}
