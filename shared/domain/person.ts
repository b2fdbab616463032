/**
 * What a person tells about themself, and the rules it must meet: the same for joining a community
 * and for correcting it later under 我的信息 (PIPL Art. 46), so a correction cannot store what
 * joining would refuse.
 */
import { z } from 'zod'
import { phoneSchema, textSchema } from './fields'

/** 汉字, letters, the middle dot of minority and foreign names, and spaces between words. */
export const personNameSchema = textSchema(20).regex(/^[\p{Script=Han}A-Za-z·• ]+$/u, '姓名只能包含汉字、字母和·')

export const personFields = {
  name: personNameSchema,
  phone: phoneSchema,
  /** 小区 / 村: the approximate place others may see. */
  neighbourhood: textSchema(40),
  /** Building, unit, room. */
  addressDetail: textSchema(100),
}

/** Shown instead of an erased person's name wherever a record of theirs is kept (docs/decisions/028). */
export const ERASED_NAME = '已注销用户'

/** Consents a person can withdraw from 我的信息. */
export const consentKindSchema = z.enum(['location', 'care'])
export type ConsentKind = z.infer<typeof consentKindSchema>

export const consentKindLabel: Record<ConsentKind, string> = {
  location: '保存我家的位置',
  care: '社区关爱对象登记',
}

/** What withdrawing does, said before the person confirms. */
export const consentWithdrawalEffect: Record<ConsentKind, string> = {
  location: '删除保存的家庭位置。以后求助、找活动和附近的组织时，没有另选地点就按社区中心计算。已经发起的求助不受影响。',
  care: '你将移出社区关爱对象名单：结对的志愿者不再定期上门或打电话探访，社区两委会在名单上看到“已撤回同意”。过去的探访记录按规定保留。如需恢复，请联系社区两委重新登记。',
}
