/**
 * 入驻 and 居住核验: anyone in WeChat joins a community, and its committee confirms that they live
 * there (docs/decisions/024). Until then they may raise needs but not what the rows marked
 * `confirmed_resident` in shared/domain/permissions.ts allow.
 */
import { z } from 'zod'
import { textSchema } from './fields'

export const residenceStatuses = ['pending', 'confirmed', 'declined'] as const
export type ResidenceStatus = (typeof residenceStatuses)[number]

export const residenceStatusLabel: Record<ResidenceStatus, string> = {
  pending: '等社区确认',
  confirmed: '社区已确认',
  declined: '社区没有确认',
}

/** What the committee's answer and a person's own page say while it waits; the UI explains it in these words. */
export const UNCONFIRMED_MESSAGE = '社区还没有确认你住在这里，确认后才能这样做。求助不受影响，随时可以发。'

/** The page a community's link and QR code open: the join form with the community chosen. */
export const JOIN_COMMUNITY_PAGE = 'pages/joining/community/index'
/**
 * The QR code's scene is the community's id alone: `wxacode.getUnlimited` takes at most 32
 * characters, which a CloudBase id (32 hex) fills.
 */
export const joinCommunityScene = (communityId: string) => communityId
export const joinCommunityPath = (communityId: string) => `${JOIN_COMMUNITY_PAGE}?communityId=${communityId}`

/** 首页 (and 我的) show the committee's answer: a decline with its reason, the committee's phone and joining again. */
export const HOME_PAGE = 'pages/home/index'

/** The committee's 居住核验 list; the workbench's waiting items open it. */
export const NEWCOMERS_PAGE = 'pages/committee/newcomers/index'
export const newcomersPath = (communityId: string) => `/${NEWCOMERS_PAGE}?communityId=${communityId}`

/** 小区 / 村民小组, building, unit and room as a person types them. */
export const residenceAddressSchema = z.strictObject({
  neighbourhood: textSchema(30),
  /** A bungalow or a village house has neither building nor unit: its door number is the room. */
  building: z.string().trim().max(10, '不能超过 10 个字'),
  unit: z.string().trim().max(10, '不能超过 10 个字'),
  room: textSchema(10),
})

/** 12号楼1单元1502, 三组17号: a bare number is given its 号楼 / 单元, words stay as typed. */
export function addressDetailOf(address: { building: string; unit: string; room: string }): string {
  const named = (text: string, unit: string) => (/^\d+$/.test(text) ? `${text}${unit}` : text)
  return `${named(address.building, '号楼')}${named(address.unit, '单元')}${address.room}`
}

/**
 * The privacy policy a person agrees to when joining. The version agreed and the moment are kept on
 * the person; a new version is a new date here, and the text below is what that version says.
 */
export const PRIVACY_POLICY_VERSION = '2026-12-01'

export const privacyPolicy: { title: string; paragraphs: string[] }[] = [
  {
    title: '我们保存什么',
    paragraphs: [
      '你的微信身份编号（不是微信号，也不是昵称）、姓名、手机号，住在哪个社区、哪个小区或村民小组、几号楼几单元几室。',
      '你发的求助、报名的活动、时间银行的记录，以及你同意本说明的版本和时间。',
      '只有你在求助时选择用当前位置，我们才保存那个位置，用来找附近能帮忙的组织。',
    ],
  },
  {
    title: '谁能看到',
    paragraphs: [
      '你所在社区的两委（居委会或村委会）能看到你的姓名、电话和住址，用来确认你住在这里、在你求助时找到你。',
      '你求助时，接单的组织负责人和派去的志愿者在办理期间能看到你的姓名、电话和住址；办完以后就看不到了。',
      '其他人只能看到大概的位置（小区名），看不到你的电话和门牌号。每次有人查看你的电话和住址都会留下记录。',
    ],
  },
  {
    title: '保存多久',
    paragraphs: [
      '你在社区期间一直保存。你注销或搬离社区后，你的电话和住址会删除；求助和服务记录去掉姓名后保存 3 年，用于社区向民政部门报告。',
    ],
  },
  {
    title: '你的权利',
    paragraphs: ['你可以在“我的”里查看和更正自己的信息，也可以注销。不想用了，也可以打社区两委的电话，请他们帮你办。'],
  },
]
