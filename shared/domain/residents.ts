/**
 * People's relations to communities and to each other: moving house (搬家), people the committee
 * registers and acts for (代登记, 代办) and family links (亲友). Pure: the functions and the pages share it.
 */
import { z } from 'zod'

/**
 * A person the committee registered has no WeChat identity yet: their record carries a key of this
 * form where an OPENID would be, which no WeChat OPENID ever has (those are letters, digits, - and _).
 * Nothing is sent to it; the committee tells them by phone or SMS (decision 027).
 */
export const NO_APP_PREFIX = 'noapp:'
export const isNoAppKey = (openid: string) => openid.startsWith(NO_APP_PREFIX)

/** The resident's 搬家 page (their moves and the answers), 我的亲友, and the committee's 迁入、认领、代登记 page. */
export const MOVE_PAGE = 'pages/residents/move/index'
export const FAMILY_PAGE = 'pages/residents/family/index'
export const COMMITTEE_RESIDENTS_PAGE = 'pages/committee/residents/index'
export const committeeResidentsPath = (communityId: string) => `/${COMMITTEE_RESIDENTS_PAGE}?communityId=${communityId}`

export const moveStatusSchema = z.enum(['asked', 'confirmed', 'declined', 'withdrawn'])
export type MoveStatus = z.infer<typeof moveStatusSchema>
export const moveStatusLabel: Record<MoveStatus, string> = {
  asked: '等待新社区确认',
  confirmed: '已迁入',
  declined: '新社区未同意',
  withdrawn: '已撤回',
}

/** How a person who uses no smartphone agreed to be registered (PIPL: recorded with who witnessed it). */
export const proxyConsentMethodSchema = z.enum(['verbal', 'written'])
export type ProxyConsentMethod = z.infer<typeof proxyConsentMethodSchema>
export const proxyConsentMethodLabel: Record<ProxyConsentMethod, string> = { verbal: '口头同意', written: '书面同意' }

/** How the committee tells them what happens to their needs. */
export const tellBySchema = z.enum(['phone', 'sms'])
export type TellBy = z.infer<typeof tellBySchema>
export const tellByLabel: Record<TellBy, string> = { phone: '打电话告知', sms: '发短信告知' }

export const takeoverStatusSchema = z.enum(['asked', 'confirmed', 'declined'])
export type TakeoverStatus = z.infer<typeof takeoverStatusSchema>

/** Who made a family invitation: the elder inviting a relative to help, or a relative offering to. */
export const familySideSchema = z.enum(['elder', 'relative'])
export type FamilySide = z.infer<typeof familySideSchema>

/** `invited`: a code is out; `asked`: someone typed it and the inviter must confirm; `linked`: both did. */
export const familyStatusSchema = z.enum(['invited', 'asked', 'linked', 'ended'])
export type FamilyStatus = z.infer<typeof familyStatusSchema>
export const familyStatusLabel: Record<FamilyStatus, string> = {
  invited: '等待对方输入邀请码',
  asked: '等待确认',
  linked: '已关联',
  ended: '已解除',
}

/** A family invitation code: six digits, read aloud over the phone; valid for a day, and guesses are limited. */
export const FAMILY_CODE_DIGITS = 6
export const FAMILY_CODE_HOURS = 24
export const FAMILY_CODE_LIMIT = { attempts: 5, windowMinutes: 60 }
export const familyCodeSchema = z.string().regex(/^\d{6}$/, '邀请码是 6 位数字')

export const familyRelationSchema = z.enum(['child', 'spouse', 'grandchild', 'sibling', 'other'])
export type FamilyRelation = z.infer<typeof familyRelationSchema>
export const familyRelationLabel: Record<FamilyRelation, string> = {
  child: '子女',
  spouse: '配偶',
  grandchild: '孙辈',
  sibling: '兄弟姐妹',
  other: '其他亲属',
}
