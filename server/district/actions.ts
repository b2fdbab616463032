/**
 * A district stood up in the app (decision 034): civil affairs adds its communities, one by one or
 * from a sheet, and invites each one's first committee members; whoever holds an invitation takes
 * the role it hands out.
 */
import { randomBytes } from 'node:crypto'
import type { CommunityContract } from '../../shared/contracts/community'
import { areaKm2Of, insideOutline, type NewCommunity } from '../../shared/domain/community'
import { readCommunitySheet } from '../../shared/domain/community-sheet'
import { INVITATION_CODE_LIMIT, INVITATION_PAGE, invitationPath, invitationScene } from '../../shared/domain/invitation'
import { PRIVACY_POLICY_VERSION } from '../../shared/domain/residence'
import { roleLabel } from '../../shared/domain/roles'
import { AppError, ErrorCode } from '../../shared/errors'
import { addAuditEntry } from '../data/audit'
import { addCommunity, communitiesOfOffices, communityIdOf, communityNamed } from '../data/communities'
import type { CommunityDoc, InvitationDoc, OfficeDoc, PersonDoc, RoleDoc } from '../data/documents'
import { readImportedSheet, storeFile } from '../data/files'
import { invitationByCode } from '../data/invitations'
import { roleDocId } from '../data/memberships'
import { communitiesByIds, officesByIds } from '../data/places'
import { inTransaction } from '../data/transaction'
import { auditEntry } from '../audit'
import { tryCode } from '../code-attempts'
import type { ActionContext, ActionImplementations } from '../handler'
import type { Caller } from '../principal'
import { authoriseOverCommunity } from '../scopes'
import { miniProgramCodeIfAny, refuseFlagged } from '../wechat'
import { newInvitation, refuseSpent } from './invitations'
import { communityTemplate as templateBook, readSheet } from './sheet'

type Action<A extends keyof CommunityContract['actions']> = ActionImplementations<CommunityContract>[A]

/** Only the office's own staff pass; then the office itself. */
async function authoriseOverOffice(context: ActionContext<unknown>, officeId: string): Promise<OfficeDoc> {
  await context.authorise({ kind: 'office', officeId })
  const office = (await officesByIds([officeId])).get(officeId)
  if (!office) throw new AppError(ErrorCode.NOT_FOUND, '没有这个民政部门', 'data.officeId')
  return office
}

export const office: Action<'office'> = async (context) => {
  const found = await authoriseOverOffice(context, context.input.officeId)
  return { officeId: found._id, name: found.name, city: found.city, district: found.district }
}

/** The community as stored: its city and district are its office's, its id follows from office, street and name. */
function communityDoc(office: OfficeDoc, input: NewCommunity): Omit<CommunityDoc, 'centre'> & { centre: [number, number] } {
  return {
    _id: communityIdOf(office._id, input.street, input.name),
    name: input.name,
    kind: input.kind,
    city: office.city,
    district: office.district,
    street: input.street,
    officeId: office._id,
    centre: input.centre,
    serviceArea: input.serviceArea,
    areaKm2: areaKm2Of(input.centre, input.serviceArea),
    committeePhone: input.committeePhone,
  }
}

const alreadyThere = (name: string, street: string) =>
  new AppError(ErrorCode.CONFLICT, `${street}已经有“${name}”了，不用再添加`, 'data.name')

export const addNewCommunity: Action<'addCommunity'> = async (context) => {
  const { input, now } = context
  const office = await authoriseOverOffice(context, input.officeId)
  if (input.serviceArea.kind === 'outline' && !insideOutline(input.serviceArea.outline, input.centre)) {
    throw new AppError(ErrorCode.INVALID_INPUT, '社区中心要在服务范围的边界以内', 'data.centre')
  }
  if (await communityNamed(office._id, input.street, input.name)) throw alreadyThere(input.name, input.street)
  const community = communityDoc(office, input)
  // Two taps of 添加 at once: the derived id lets only the first one in.
  if (!(await addCommunity(community))) throw alreadyThere(input.name, input.street)
  const officer = await context.caller()
  await addAuditEntry(auditEntry(officer, 'community.add', { communityId: community._id, target: { name: community.name } }, now))
  return { communityId: community._id }
}

export const communityTemplate: Action<'communityTemplate'> = async (context) => {
  await authoriseOverOffice(context, context.input.officeId)
  const { now } = context
  const fileName = '社区导入模板.xlsx'
  const cloudPath = `templates/${now.toISOString().slice(0, 10)}/communities-${randomBytes(16).toString('hex')}.xlsx`
  const file = await storeFile(cloudPath, 'xlsx', await templateBook(now))
  return { fileName, url: file.url, expiresAt: file.expiresAt.toISOString() }
}

/** Adds run a few at a time: a sheet of a whole district should not wait on each in turn, nor flood the database. */
const ADDS_AT_ONCE = 10

export const importCommunities: Action<'importCommunities'> = async (context) => {
  const { input, now } = context
  const office = await authoriseOverOffice(context, input.officeId)
  const content = await readImportedSheet(input.fileId)
  if (!content) throw new AppError(ErrorCode.NOT_FOUND, '没有找到上传的表格，请重新选择文件', 'data.fileId')
  const sheet = await readSheet(content)
  if (!sheet)
    throw new AppError(ErrorCode.INVALID_INPUT, '这个文件不是 Excel 表格（.xlsx），请在 Excel 或 WPS 里另存为 .xlsx 再导入', 'data.fileId')
  const read = readCommunitySheet(sheet.header, sheet.rows)
  // Every row is checked before anything is added: one wrong row, and nothing is.
  if (read.problems) return { outcome: 'refused', problems: read.problems }

  const existing = await communitiesOfOffices([office._id])
  const officer = await context.caller()
  const rows: { row: number; name: string; street: string; communityId: string; added: boolean }[] = []
  for (let start = 0; start < read.communities.length; start += ADDS_AT_ONCE) {
    const batch = read.communities.slice(start, start + ADDS_AT_ONCE)
    rows.push(
      ...(await Promise.all(
        batch.map(async ({ row, community: input }) => {
          const said = { row, name: input.name, street: input.street }
          const there = existing.find((c) => c.street === input.street && c.name === input.name)
          if (there) return { ...said, communityId: there._id, added: false }
          const community = communityDoc(office, input)
          // Run again after a failure part-way, the rows added before it collide and are said as there already.
          const added = await addCommunity(community)
          if (added) {
            await addAuditEntry(auditEntry(officer, 'community.add', { communityId: community._id, target: { name: community.name } }, now))
          }
          return { ...said, communityId: community._id, added }
        }),
      )),
    )
  }
  return { outcome: 'imported', rows }
}

export const inviteCommittee: Action<'inviteCommittee'> = async (context) => {
  const { now } = context
  const community = await authoriseOverCommunity(context, context.input.communityId)
  const officer = await context.caller()
  const invitation = await newInvitation(
    { role: 'committee', officeId: community.officeId, communityId: community._id, createdBy: officer.openid },
    now,
  )
  await addAuditEntry(auditEntry(officer, 'committee.invite', { communityId: community._id }, now))
  const qrImage = await miniProgramCodeIfAny(INVITATION_PAGE, invitationScene(invitation._id))
  return {
    code: invitation._id,
    invitationPath: invitationPath(invitation._id),
    ...(qrImage ? { qrImage } : {}),
    expiresAt: invitation.expiresAt.toISOString(),
  }
}

/** The invitation under the code, counting a wrong code against the caller; a used or lapsed one is refused. */
async function openInvitation(me: Caller, code: string, now: Date): Promise<InvitationDoc> {
  const invitation = await tryCode('invitation', INVITATION_CODE_LIMIT, me.openid, await invitationByCode(code), now)
  refuseSpent(invitation, now)
  return invitation
}

/** What the role is held over, by name. */
async function scopeOf(invitation: InvitationDoc): Promise<{ name: string }> {
  const scope = invitation.communityId
    ? (await communitiesByIds([invitation.communityId])).get(invitation.communityId)
    : (await officesByIds([invitation.officeId])).get(invitation.officeId)
  if (!scope) throw new AppError(ErrorCode.NOT_FOUND, '邀请对应的社区或部门已不存在', 'data.code')
  return scope
}

export const invitationDetails: Action<'invitationDetails'> = async ({ input, now, caller }) => {
  const me = await caller()
  const invitation = await openInvitation(me, input.code, now)
  const scope = await scopeOf(invitation)
  return {
    role: invitation.role,
    roleLabel: roleLabel[invitation.role],
    scopeName: scope.name,
    expiresAt: new Date(invitation.expiresAt).toISOString(),
    needsDetails: !me.person,
  }
}

export const acceptInvitation: Action<'acceptInvitation'> = async ({ input, now, caller, openid }) => {
  const me = await caller()
  const invitation = await openInvitation(me, input.code, now)
  const scope = await scopeOf(invitation)
  let person: PersonDoc | null = null
  if (!me.person) {
    // Someone new to the app: the name and phone their colleagues and the residents will see.
    if (!input.name) throw new AppError(ErrorCode.INVALID_INPUT, '请填写姓名', 'data.name')
    if (!input.phone) throw new AppError(ErrorCode.INVALID_INPUT, '请填写手机号', 'data.phone')
    if (input.privacyVersion !== PRIVACY_POLICY_VERSION) {
      throw new AppError(ErrorCode.INVALID_INPUT, '请先阅读并同意隐私说明', 'data.privacyVersion')
    }
    await refuseFlagged(openid, { name: input.name }, 1)
    person = {
      _id: `p-${randomBytes(12).toString('hex')}`,
      openid,
      name: input.name,
      phone: input.phone,
      phoneSource: 'typed',
      communityId: null,
      privacyAgreed: { version: PRIVACY_POLICY_VERSION, at: now },
      preferences: { elderMode: 'auto' },
      createdAt: now,
    }
  }
  const scopeId = invitation.communityId ?? invitation.officeId
  const role: RoleDoc = {
    _id: roleDocId(scopeId, openid),
    openid,
    role: invitation.role,
    ...(invitation.communityId ? { communityId: invitation.communityId } : { officeId: invitation.officeId }),
    grantedBy: invitation.createdBy,
    grantedAt: now,
  }
  await inTransaction(async (tx) => {
    const current = await tx.get('invitations', invitation._id)
    if (!current) throw new AppError(ErrorCode.NOT_FOUND, '邀请码无效或已失效', 'data.code')
    // Two people opening the same link at once: only the first takes it.
    refuseSpent(current, now)
    if (await tx.get('roles', role._id)) throw new AppError(ErrorCode.CONFLICT, `你已经是${scope.name}的${roleLabel[invitation.role]}了`)
    await tx.update('invitations', invitation._id, { usedAt: now, usedBy: openid })
    if (person) await tx.add('people', person)
    await tx.add('roles', role)
    if (invitation.communityId) {
      const actor = { ...me, person: me.person ?? person }
      await tx.add(
        'audit_log',
        auditEntry(
          actor,
          'committee.accept',
          { communityId: invitation.communityId, target: { openid, name: actor.person?.name ?? '' } },
          now,
        ),
      )
    }
  })
  return { role: invitation.role, roleLabel: roleLabel[invitation.role], scopeName: scope.name }
}
