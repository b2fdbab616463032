/**
 * 下架: the committee takes down what people posted in its community (a need, a photo, an activity,
 * an activity's comment, an organisation's profile text) with a reason its author reads, and can put
 * it back. Both are audited in the same transaction as the change, and the author is told.
 */
import type { CommunityContract } from '../../shared/contracts/community'
import { AppError, ErrorCode } from '../../shared/errors'
import { ACTIVITY_PAGE } from '../../shared/domain/activity'
import { contentKindLabel, type ContentRef } from '../../shared/domain/moderation'
import { NEED_PAGE } from '../../shared/domain/need'
import { TOPIC_PAGE } from '../../shared/domain/deliberation'
import { PROFILE_PAGE } from '../../shared/domain/organisation'
import { iso } from '../../shared/domain/time'
import { activityById, ratingById } from '../data/activities'
import { topicById, topicCommentById } from '../data/deliberation'
import type { PhotoDoc, TakenDown } from '../data/documents'
import { closeOpenOffers, needById } from '../data/needs'
import { organisationById } from '../data/organisations'
import { photoDocId, photosByIds } from '../data/photos'
import type { Patch } from '../data/collections'
import { inTransaction, unset, whole } from '../data/transaction'
import { auditEntry, type AuditAction } from '../audit'
import type { ActionContext, ActionImplementations } from '../handler'
import { dispatchRound } from '../needs/matching'
import { authoriseOverCommunity } from '../scopes'
import { tellEach } from '../wechat'

type Action<A extends keyof CommunityContract['actions']> = ActionImplementations<CommunityContract>[A]

/** The collections whose documents can be taken down; only photos also carry a check. */
type ModeratedCollection = 'needs' | 'photos' | 'activities' | 'activity_ratings' | 'organisations' | 'topic_comments'

/** What a take-down or restore reads and changes, in any of them. */
interface Moderated {
  takenDown?: TakenDown
  check?: PhotoDoc['check']
  checkedAt?: Date
}

/** The document that holds the content's take-down, whom to tell, and what to call it. */
interface Target {
  communityId: string
  collection: ModeratedCollection
  id: string
  authorOpenids: string[]
  /** For the audit log and the author's message. */
  name: string
  page: string
  about: { needId?: string; activityId?: string; organisationId?: string }
}

const notFound = (message: string, field: string) => new AppError(ErrorCode.NOT_FOUND, message, `data.content.${field}`)

async function photoOf(owner: PhotoDoc['owner'], fileIds: readonly string[], fileId: string): Promise<PhotoDoc> {
  const id = photoDocId(owner, fileId)
  const photo = fileIds.includes(fileId) ? (await photosByIds([id])).get(id) : undefined
  if (!photo) throw notFound('没有这张照片', 'fileId')
  return photo
}

async function targetOf(content: ContentRef): Promise<Target> {
  const label = contentKindLabel[content.kind]
  switch (content.kind) {
    case 'need':
    case 'needPhoto': {
      const need = await needById(content.needId)
      if (!need) throw notFound('没有这条求助', 'needId')
      const photo = content.kind === 'needPhoto' ? await photoOf({ kind: 'need', id: need._id }, need.photos, content.fileId) : null
      return {
        communityId: need.communityId,
        collection: photo ? 'photos' : 'needs',
        id: photo?._id ?? need._id,
        authorOpenids: [need.requesterOpenid],
        name: `${label}：${need.helpKind}`,
        page: `${NEED_PAGE}?id=${need._id}`,
        about: { needId: need._id },
      }
    }
    case 'activity':
    case 'activityPhoto': {
      const activity = await activityById(content.activityId)
      const organisation = activity && (await organisationById(activity.organisationId))
      if (!activity || !organisation) throw notFound('没有这个活动', 'activityId')
      const photo =
        content.kind === 'activityPhoto' ? await photoOf({ kind: 'activity', id: activity._id }, activity.photos, content.fileId) : null
      return {
        communityId: activity.communityId,
        collection: photo ? 'photos' : 'activities',
        id: photo?._id ?? activity._id,
        authorOpenids: [organisation.leadOpenid],
        name: `${label}：${activity.title}`,
        page: `${ACTIVITY_PAGE}?id=${activity._id}`,
        about: { activityId: activity._id, organisationId: organisation._id },
      }
    }
    case 'comment': {
      const rating = await ratingById(content.commentId)
      const activity = rating?.comment ? await activityById(rating.activityId) : null
      if (!rating || !activity) throw notFound('没有这条评价', 'commentId')
      return {
        communityId: activity.communityId,
        collection: 'activity_ratings',
        id: rating._id,
        authorOpenids: [rating.openid],
        name: `${label}：${activity.title}`,
        page: `${ACTIVITY_PAGE}?id=${activity._id}`,
        about: { activityId: activity._id },
      }
    }
    case 'organisation': {
      const organisation = await organisationById(content.organisationId)
      if (!organisation) throw notFound('没有这个组织', 'organisationId')
      return {
        communityId: organisation.communityId,
        collection: 'organisations',
        id: organisation._id,
        authorOpenids: [organisation.leadOpenid],
        name: `${label}：${organisation.name}`,
        page: `${PROFILE_PAGE}?id=${organisation._id}`,
        about: { organisationId: organisation._id },
      }
    }
    case 'topicComment': {
      const comment = await topicCommentById(content.commentId)
      const topic = comment && (await topicById(comment.topicId))
      if (!comment || !topic) throw notFound('没有这条意见', 'commentId')
      return {
        communityId: topic.communityId,
        collection: 'topic_comments',
        id: comment._id,
        authorOpenids: [comment.openid],
        name: `${label}：${topic.title}`,
        page: `${TOPIC_PAGE}?id=${topic._id}`,
        about: {},
      }
    }
  }
}

/** The content, after authorising the caller over its community: another community's committee is refused. */
async function authorisedTarget(context: ActionContext<{ content: ContentRef }>): Promise<Target> {
  const target = await targetOf(context.input.content)
  await authoriseOverCommunity(context, target.communityId)
  return target
}

/** Writes the change with its audit entry, after checking inside the transaction that it still applies. */
async function record(
  context: ActionContext<{ content: ContentRef }>,
  target: Target,
  action: AuditAction,
  change: (current: Moderated) => Patch<Pick<PhotoDoc, 'takenDown' | 'check' | 'checkedAt'>>,
  reason?: string,
): Promise<void> {
  const committee = await context.caller()
  await inTransaction(async (tx) => {
    const current: Moderated | null = await tx.get(target.collection, target.id)
    if (!current) throw notFound('没有这条内容', 'kind')
    const patch = change(current)
    // Only a photo has a check to change: the others take the take-down alone.
    if (target.collection === 'photos') await tx.update('photos', target.id, patch)
    else if (patch.takenDown) await tx.update(target.collection, target.id, { takenDown: patch.takenDown })
    await tx.add(
      'audit_log',
      auditEntry(
        committee,
        action,
        { communityId: target.communityId, ...target.about, target: { openid: target.authorOpenids[0], name: target.name }, reason },
        context.now,
      ),
    )
  })
}

export const takeDown: Action<'takeDown'> = async (context) => {
  const { input, now } = context
  const target = await authorisedTarget(context)
  const takenDown: TakenDown = { reason: input.reason, at: now, byOpenid: context.openid }
  await record(
    context,
    target,
    'content.takeDown',
    (current) => {
      if (current.takenDown) throw new AppError(ErrorCode.CONFLICT, '这条内容已经下架了')
      return { takenDown: whole(takenDown) }
    },
    input.reason,
  )
  // Nobody may take up a need they can no longer see; restoring it offers it again.
  if (input.content.kind === 'need') await closeOpenOffers(input.content.needId, 'withdrawn', now)
  await tellEach(target.authorOpenids, 'contentTakenDown', { content: target.name, result: '已下架', reason: input.reason }, target.page)
  return { takenDown: { reason: takenDown.reason, at: iso(now) } }
}

/**
 * Puts taken-down content back. For a photo it is also the committee's word that a flagged one may
 * be shown: looked at by a person, it passes.
 */
export const restore: Action<'restore'> = async (context) => {
  const { input, now } = context
  const target = await authorisedTarget(context)
  await record(context, target, 'content.restore', (current) => {
    const flagged = current.check === 'flagged'
    if (!current.takenDown && !flagged)
      throw new AppError(ErrorCode.CONFLICT, current.check === 'pending' ? '这张照片还在审核中' : '这条内容没有被下架')
    return { ...(current.takenDown ? { takenDown: unset() } : {}), ...(flagged ? { check: 'passed', checkedAt: now } : {}) }
  })
  if (input.content.kind === 'need') {
    const need = await needById(input.content.needId)
    if (need?.status === 'matching') await dispatchRound(need, now)
  }
  await tellEach(target.authorOpenids, 'contentRestored', { content: target.name, result: '已恢复' }, target.page)
  return {}
}
