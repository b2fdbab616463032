/**
 * 内容管理: what people post that the committee can take down (and put back), and where a photo's
 * content check stands. Pure: no I/O. docs/decisions/022.
 */
import { z } from 'zod'
import { idSchema, isoDateTimeSchema } from './fields'

/** A photo's CloudBase file id, uploaded before the form that attaches it is sent. */
export const photoFileIdSchema = z
  .string()
  .max(300)
  .regex(/^cloud:\/\//, '照片需先上传')

/** One piece of posted content, as the committee names it to take it down or restore it. */
export const contentRefSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('need'), needId: idSchema }),
  z.strictObject({ kind: z.literal('needPhoto'), needId: idSchema, fileId: photoFileIdSchema }),
  z.strictObject({ kind: z.literal('activity'), activityId: idSchema }),
  z.strictObject({ kind: z.literal('activityPhoto'), activityId: idSchema, fileId: photoFileIdSchema }),
  z.strictObject({ kind: z.literal('comment'), commentId: idSchema }),
  z.strictObject({ kind: z.literal('organisation'), organisationId: idSchema }),
  z.strictObject({ kind: z.literal('topicComment'), commentId: idSchema }),
])
export type ContentRef = z.infer<typeof contentRefSchema>
export type ContentKind = ContentRef['kind']

export const contentKindLabel: Record<ContentKind, string> = {
  need: '求助',
  needPhoto: '求助照片',
  activity: '活动',
  activityPhoto: '活动照片',
  comment: '活动评价',
  organisation: '组织介绍',
  topicComment: '议事意见',
}

/** What the author reads where their content was. */
export const takenDownText = (reason: string) => `已被社区下架：${reason}`

/**
 * A photo's state as the committee sees it: `pending` until WeChat's verdict arrives, `flagged` when
 * the verdict was not a pass and the committee has not decided, `passed` when shown, `takenDown`
 * when the committee removed it. Only `passed` is shown to anyone but the committee (and the author,
 * who is told where their photo stands).
 */
export const photoStates = ['pending', 'flagged', 'passed', 'takenDown'] as const
export type PhotoState = (typeof photoStates)[number]

export const photoStateLabel: Record<PhotoState, string> = {
  pending: '审核中',
  flagged: '被标记，等待社区决定',
  passed: '已通过',
  takenDown: '已被社区下架',
}

/**
 * A photo as a reader gets it: a link made for this request that stops working at `expiresAt`, never
 * the file id, which only its uploader can read by (docs/decisions/035).
 */
export const photoLinkSchema = z.object({ url: z.string(), expiresAt: isoDateTimeSchema })
export type PhotoLink = z.infer<typeof photoLinkSchema>

/**
 * A photo with where it stands. The committee gets the photo's link to look at, and its file id as the
 * name to take it down or restore it by (no use for reading: decision 035); the author only the state and reason.
 */
export const photoStateViewSchema = z.object({
  fileId: z.string().optional(),
  photo: photoLinkSchema.optional(),
  state: z.enum(photoStates),
  stateLabel: z.string(),
  reason: z.string().optional(),
})
export type PhotoStateView = z.infer<typeof photoStateViewSchema>

/** A take-down as the committee and the author see it. */
export const takenDownViewSchema = z.object({ reason: z.string(), at: z.string() })
