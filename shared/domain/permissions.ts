/**
 * Who may call what: one table for every action of every function. The handler refuses an
 * action that has no row, so a new action cannot ship without deciding who may use it.
 */
import type { RoleGrant, RoleName } from './roles'

/**
 * `anyone`: also someone outside WeChat who never signed in (a browser's anonymous CloudBase user), for
 * public reads the handler limits per caller (docs/decisions/047); `signed_in`: any WeChat user; `resident`: has joined a community; `confirmed_resident`: a resident
 * whose committee has confirmed they live there (docs/decisions/024); `message_push`: WeChat's own
 * message push (a verdict it sends back), never a person (docs/decisions/022). Other names are granted roles.
 */
export type Audience = 'anyone' | 'signed_in' | 'resident' | 'confirmed_resident' | 'message_push' | RoleName

/**
 * `self`: the action only touches the caller's own data.
 * `community` / `organisation`: the role must be held over the community or organisation the
 * action targets (a civil-affairs office holds its communities).
 * `office`: the role must be held over the civil-affairs office the action targets.
 */
export type Over = 'self' | 'community' | 'organisation' | 'office'

export interface PermissionRule {
  who: readonly Audience[]
  over: Over
}

export const permissionTable = {
  'account.me': { who: ['signed_in'], over: 'self' },
  // Each part only over what the caller's own grants hold, found from them (server/home.ts).
  'account.home': { who: ['signed_in'], over: 'self' },
  'account.updatePreferences': { who: ['resident'], over: 'self' },
  // Only the caller's own record, found from their openid; anyone with a person record (civil-affairs
  // staff have no community), checked inside.
  'account.myData': { who: ['signed_in'], over: 'self' },
  'account.correct': { who: ['signed_in'], over: 'self' },
  'account.withdrawConsent': { who: ['signed_in'], over: 'self' },
  'account.exportData': { who: ['signed_in'], over: 'self' },
  'account.closing': { who: ['signed_in'], over: 'self' },
  'account.close': { who: ['signed_in'], over: 'self' },

  // Only the caller's own messages and consents: the openid is the filter.
  'messages.inbox': { who: ['signed_in'], over: 'self' },
  'messages.unreadCount': { who: ['signed_in'], over: 'self' },
  'messages.markRead': { who: ['signed_in'], over: 'self' },
  'messages.subscribeTemplates': { who: ['signed_in'], over: 'self' },
  'messages.recordConsent': { who: ['signed_in'], over: 'self' },
  'messages.consents': { who: ['signed_in'], over: 'self' },

  // Standing for the community (an organisation, a member, time given or spent) waits for 居住核验 (decision 024).
  'organisations.apply': { who: ['confirmed_resident'], over: 'self' },
  'organisations.mine': { who: ['signed_in'], over: 'self' },
  'organisations.nearby': { who: ['signed_in'], over: 'self' },
  // Public information; a pending or rejected one is shown only to its applicant and the committee.
  'organisations.profile': { who: ['signed_in'], over: 'self' },
  'organisations.applications': { who: ['committee'], over: 'community' },
  'organisations.list': { who: ['committee', 'civil_affairs'], over: 'community' },
  'organisations.decide': { who: ['committee'], over: 'organisation' },
  'organisations.record': { who: ['committee', 'civil_affairs'], over: 'organisation' },
  'organisations.members': { who: ['organisation_lead', 'committee'], over: 'organisation' },
  'organisations.invitation': { who: ['organisation_lead'], over: 'organisation' },
  'organisations.renewInvitation': { who: ['organisation_lead'], over: 'organisation' },
  // The invite code lets a resident of a community the organisation serves ask; the lead decides (decision 019).
  'organisations.join': { who: ['confirmed_resident'], over: 'self' },
  'organisations.joinRequests': { who: ['organisation_lead'], over: 'organisation' },
  'organisations.decideJoin': { who: ['organisation_lead'], over: 'organisation' },
  'organisations.removeMember': { who: ['organisation_lead'], over: 'organisation' },
  'organisations.handOverLead': { who: ['organisation_lead'], over: 'organisation' },
  // One profile per person, whatever organisations they serve with (decision 045).
  'organisations.myProfile': { who: ['signed_in'], over: 'self' },
  'organisations.saveProfile': { who: ['signed_in'], over: 'self' },
  // A need must be the organisation's task, a person on the register the caller's committee's: checked inside.
  'organisations.candidates': { who: ['organisation_lead', 'committee'], over: 'organisation' },

  // For the caller's own communities: those they sit on the committee of, or their office oversees.
  'community.coverage': { who: ['committee', 'civil_affairs'], over: 'self' },
  'community.committeeMembers': { who: ['committee', 'civil_affairs'], over: 'community' },
  'community.appointCommittee': { who: ['committee', 'civil_affairs'], over: 'community' },
  'community.revokeCommittee': { who: ['civil_affairs'], over: 'community' },
  'community.residents': { who: ['committee'], over: 'community' },
  'community.auditLog': { who: ['committee', 'civil_affairs'], over: 'community' },
  // Over the content's community, found from the content: only its own committee.
  'community.takeDown': { who: ['committee'], over: 'community' },
  'community.restore': { who: ['committee'], over: 'community' },
  // A district stood up in the app (decision 034): only the office's own staff add its communities
  // and invite their first committee members; whoever holds a code may read and take it.
  'community.office': { who: ['civil_affairs'], over: 'office' },
  'community.addCommunity': { who: ['civil_affairs'], over: 'office' },
  'community.communityTemplate': { who: ['civil_affairs'], over: 'office' },
  'community.importCommunities': { who: ['civil_affairs'], over: 'office' },
  'community.inviteCommittee': { who: ['civil_affairs'], over: 'community' },
  'community.invitationDetails': { who: ['signed_in'], over: 'self' },
  'community.acceptInvitation': { who: ['signed_in'], over: 'self' },
  // WeChat's verdict on a photo; the handler refuses every caller that is not its message push.
  'community.mediaVerdict': { who: ['message_push'], over: 'self' },
  // 议事协商 (decision 050): over the community, given or found from the topic; only the committee opens
  // and closes; 附议 and votes wait for 居住核验, so that one vote is one neighbour.
  'community.topics': { who: ['resident', 'committee'], over: 'community' },
  'community.topic': { who: ['resident', 'committee'], over: 'community' },
  'community.openTopic': { who: ['committee'], over: 'community' },
  'community.proposeTopic': { who: ['confirmed_resident'], over: 'community' },
  'community.supportTopic': { who: ['confirmed_resident'], over: 'community' },
  'community.commentOnTopic': { who: ['confirmed_resident', 'committee'], over: 'community' },
  'community.voteOnTopic': { who: ['confirmed_resident'], over: 'community' },
  'community.closeTopic': { who: ['committee'], over: 'community' },
  'community.addFollowUp': { who: ['committee'], over: 'community' },

  'needs.checkDuplicates': { who: ['resident'], over: 'self' },
  'needs.raise': { who: ['resident'], over: 'self' },
  'needs.mine': { who: ['signed_in'], over: 'self' },
  // Who sees how much of a need is decided inside, from the caller's relation to it.
  'needs.detail': { who: ['signed_in'], over: 'self' },
  // Only the requester, checked inside.
  'needs.cancel': { who: ['resident'], over: 'self' },
  'needs.confirm': { who: ['resident'], over: 'self' },
  'needs.offers': { who: ['organisation_lead'], over: 'organisation' },
  'needs.accept': { who: ['organisation_lead'], over: 'organisation' },
  'needs.decline': { who: ['organisation_lead'], over: 'organisation' },
  'needs.tasks': { who: ['organisation_lead', 'volunteer'], over: 'organisation' },
  'needs.assignVolunteers': { who: ['organisation_lead'], over: 'organisation' },
  'needs.postProgress': { who: ['organisation_lead', 'volunteer'], over: 'organisation' },
  'needs.markDone': { who: ['organisation_lead'], over: 'organisation' },
  'needs.queue': { who: ['committee'], over: 'community' },
  'needs.communityNeeds': { who: ['committee'], over: 'community' },
  'needs.moderate': { who: ['committee'], over: 'community' },
  'needs.assign': { who: ['committee'], over: 'community' },
  'needs.matchDetails': { who: ['committee'], over: 'community' },
  'needs.settings': { who: ['committee'], over: 'community' },

  // Anyone may look; a pending or rejected activity only its organisation and the committee (checked inside).
  'activities.browse': { who: ['signed_in'], over: 'self' },
  'activities.detail': { who: ['signed_in'], over: 'self' },
  'activities.mine': { who: ['signed_in'], over: 'self' },
  // Any resident may join any published activity, in their community or the next.
  'activities.signUp': { who: ['resident'], over: 'self' },
  'activities.cancelSignUp': { who: ['resident'], over: 'self' },
  // The rotating code is the proof of presence; only the caller's own sign-up is touched.
  'activities.checkIn': { who: ['resident'], over: 'self' },
  // Only someone who took part, checked inside.
  'activities.rate': { who: ['resident'], over: 'self' },
  'activities.publish': { who: ['organisation_lead'], over: 'organisation' },
  'activities.organisationActivities': { who: ['organisation_lead', 'volunteer'], over: 'organisation' },
  'activities.roster': { who: ['organisation_lead'], over: 'organisation' },
  'activities.checkInCode': { who: ['organisation_lead'], over: 'organisation' },
  'activities.markAttendance': { who: ['organisation_lead'], over: 'organisation' },
  'activities.confirmHours': { who: ['organisation_lead'], over: 'organisation' },
  'activities.cancel': { who: ['organisation_lead'], over: 'organisation' },
  'activities.approvals': { who: ['committee'], over: 'community' },
  // Over the activity's community, found from the activity.
  'activities.decide': { who: ['committee'], over: 'community' },
  'activities.setPolicy': { who: ['committee'], over: 'community' },
  // The register is the committee's alone; entry-based actions are authorised over the entry's community.
  'care.register': { who: ['committee'], over: 'community' },
  'care.update': { who: ['committee'], over: 'community' },
  'care.withdrawConsent': { who: ['committee'], over: 'community' },
  'care.registerList': { who: ['committee'], over: 'community' },
  'care.entry': { who: ['committee'], over: 'community' },
  'care.pair': { who: ['committee'], over: 'community' },
  'care.overview': { who: ['committee'], over: 'community' },
  // Only people paired with the caller (or with the organisation the caller leads), checked inside:
  // anyone else's entry answers NOT_FOUND, so nobody can tell who is on the register.
  'care.myVisits': { who: ['volunteer', 'organisation_lead'], over: 'self' },
  'care.recordVisit': { who: ['volunteer', 'organisation_lead'], over: 'self' },
  // The caller's own accounts, history, gifts and redemptions; the catalogue of their own community.
  'timebank.account': { who: ['resident'], over: 'self' },
  'timebank.history': { who: ['resident'], over: 'self' },
  'timebank.give': { who: ['confirmed_resident'], over: 'self' },
  // Only gifts to or from the caller, checked inside: anyone else's answers NOT_FOUND.
  'timebank.gifts': { who: ['resident'], over: 'self' },
  'timebank.acceptGift': { who: ['confirmed_resident'], over: 'self' },
  'timebank.cancelGift': { who: ['resident'], over: 'self' },
  'timebank.catalogue': { who: ['resident'], over: 'self' },
  'timebank.redeem': { who: ['confirmed_resident'], over: 'self' },
  'timebank.myRedemptions': { who: ['resident'], over: 'self' },
  'timebank.serviceHours': { who: ['resident'], over: 'self' },
  'timebank.registerRealName': { who: ['resident'], over: 'self' },
  'timebank.issueCertificate': { who: ['resident'], over: 'self' },
  // The unguessable number is the authorisation; the holder's name is shown partly masked. Public: whoever scans
  // the certificate's code, in WeChat or a browser, signed in or not; limited per caller (decision 047).
  'timebank.verifyCertificate': { who: ['anyone'], over: 'self' },
  // Only the caller's own certificate, checked inside: anyone else's answers NOT_FOUND.
  'timebank.certificateCode': { who: ['resident'], over: 'self' },
  'timebank.items': { who: ['committee'], over: 'community' },
  'timebank.saveItem': { who: ['committee'], over: 'community' },
  // Over the item's, redemption's, held credit's or entry's community, found from it.
  'timebank.restockItem': { who: ['committee'], over: 'community' },
  'timebank.retireItem': { who: ['committee'], over: 'community' },
  'timebank.handovers': { who: ['committee'], over: 'community' },
  'timebank.confirmHandover': { who: ['committee'], over: 'community' },
  // Only redemptions of items the organisation provides, checked inside.
  'timebank.providerHandovers': { who: ['organisation_lead'], over: 'organisation' },
  'timebank.confirmHandoverAsProvider': { who: ['organisation_lead'], over: 'organisation' },
  'timebank.heldCredits': { who: ['committee'], over: 'community' },
  'timebank.reviewHeldCredit': { who: ['committee'], over: 'community' },
  'timebank.grant': { who: ['committee'], over: 'community' },
  'timebank.ledger': { who: ['committee'], over: 'community' },
  'timebank.reverse': { who: ['committee'], over: 'community' },
  'timebank.settings': { who: ['committee'], over: 'community' },

  // 入驻: anyone in WeChat finds a community and joins it; its committee confirms (decision 024).
  'joining.find': { who: ['signed_in'], over: 'self' },
  'joining.community': { who: ['signed_in'], over: 'self' },
  'joining.join': { who: ['signed_in'], over: 'self' },
  'joining.mine': { who: ['signed_in'], over: 'self' },
  'joining.newcomers': { who: ['committee'], over: 'community' },
  // Over the person's community, found from the person: only its own committee, and never for oneself.
  'joining.confirm': { who: ['committee'], over: 'community' },
  'joining.decline': { who: ['committee'], over: 'community' },
  'joining.invitation': { who: ['committee'], over: 'community' },

  // 评估评议 and 信息公开 (decisions 051, 052). The settings and grades are the community's committee's; reports,
  // charges and money the organisation's lead's; 评议 only from a resident it served, checked inside.
  'evaluation.settings': { who: ['committee'], over: 'community' },
  'evaluation.saveSettings': { who: ['committee'], over: 'community' },
  'evaluation.reportDraft': { who: ['organisation_lead'], over: 'organisation' },
  'evaluation.submitReport': { who: ['organisation_lead'], over: 'organisation' },
  'evaluation.review': { who: ['resident'], over: 'self' },
  'evaluation.sheet': { who: ['committee', 'civil_affairs'], over: 'organisation' },
  'evaluation.grade': { who: ['committee'], over: 'organisation' },
  'evaluation.saveCharges': { who: ['organisation_lead'], over: 'organisation' },
  'evaluation.addLedgerEntry': { who: ['organisation_lead'], over: 'organisation' },
  // Public like the profile; the ledger only to the residents it serves, checked inside.
  'evaluation.openness': { who: ['signed_in'], over: 'self' },

  'reports.waiting': { who: ['committee'], over: 'community' },
  'reports.figures': { who: ['committee', 'civil_affairs'], over: 'community' },
  // For the communities of the caller's own office(s), found from their grants.
  'reports.officeFigures': { who: ['civil_affairs'], over: 'self' },
  'reports.export': { who: ['committee', 'civil_affairs'], over: 'community' },
  'reports.exportOffice': { who: ['civil_affairs'], over: 'self' },

  // 需求调查 (decision 049): only the committee builds and reads; a resident answers once, for their own community (and 小区, checked inside).
  'surveys.save': { who: ['committee'], over: 'community' },
  'surveys.publish': { who: ['committee'], over: 'community' },
  'surveys.close': { who: ['committee'], over: 'community' },
  'surveys.list': { who: ['committee'], over: 'community' },
  'surveys.results': { who: ['committee'], over: 'community' },
  'surveys.export': { who: ['committee'], over: 'community' },
  'surveys.open': { who: ['resident'], over: 'self' },
  'surveys.answer': { who: ['confirmed_resident'], over: 'community' },

  // 搬家 (decision 026): the caller's own moves; only the committee of the community moved to decides.
  'residents.destinations': { who: ['resident'], over: 'self' },
  'residents.askMove': { who: ['resident'], over: 'self' },
  'residents.myMoves': { who: ['resident'], over: 'self' },
  'residents.withdrawMove': { who: ['resident'], over: 'self' },
  'residents.moveRequests': { who: ['committee'], over: 'community' },
  // Over the move's destination, found from the move.
  'residents.decideMove': { who: ['committee'], over: 'community' },
  // 代登记 and 代办 (decision 027); person-based actions are authorised over the person's community.
  'residents.registerPerson': { who: ['committee'], over: 'community' },
  'residents.registeredPeople': { who: ['committee'], over: 'community' },
  'residents.raiseFor': { who: ['committee'], over: 'community' },
  'residents.needsOf': { who: ['committee'], over: 'community' },
  // Anyone in WeChat may ask; it answers the same whatever was typed, and only the committee confirms.
  'residents.askTakeover': { who: ['signed_in'], over: 'self' },
  'residents.myTakeover': { who: ['signed_in'], over: 'self' },
  'residents.takeovers': { who: ['committee'], over: 'community' },
  'residents.decideTakeover': { who: ['committee'], over: 'community' },
  // 亲友: only links the caller is on, checked inside; anyone else's answers NOT_FOUND.
  'residents.family': { who: ['resident'], over: 'self' },
  'residents.inviteFamily': { who: ['resident'], over: 'self' },
  'residents.enterFamilyCode': { who: ['resident'], over: 'self' },
  'residents.answerFamily': { who: ['resident'], over: 'self' },
  'residents.unlinkFamily': { who: ['resident'], over: 'self' },
  'residents.shareUpdates': { who: ['resident'], over: 'self' },
  'residents.elderNeeds': { who: ['resident'], over: 'self' },
  'residents.raiseForElder': { who: ['resident'], over: 'self' },
} as const satisfies Record<string, PermissionRule>

export type QualifiedAction = keyof typeof permissionTable

/** What the server knows of the caller when it decides. */
export interface Principal {
  openid: string
  /** The caller's community, when they have joined one. */
  communityId: string | null
  isResident: boolean
  /** Their committee has confirmed they live there, or registered them itself (docs/decisions/024). */
  residenceConfirmed: boolean
  grants: RoleGrant[]
}

/** The community or organisation an action targets, with what is needed to match grants. */
export type Scope =
  | { kind: 'self' }
  | { kind: 'community'; communityId: string; officeId: string }
  | { kind: 'organisation'; organisationId: string; communityId: string; officeId: string }
  | { kind: 'office'; officeId: string }

function grantCovers(grant: RoleGrant, scope: Scope): boolean {
  if (scope.kind === 'self') return true
  if (grant.role === 'civil_affairs') return grant.officeId === scope.officeId
  if (scope.kind === 'office') return false
  if (scope.kind === 'community') return grant.communityId === scope.communityId
  return 'organisationId' in grant ? grant.organisationId === scope.organisationId : grant.communityId === scope.communityId
}

export function isAllowed(rule: PermissionRule, principal: Principal, scope: Scope): boolean {
  if (rule.over !== scope.kind) return false
  return rule.who.some((audience) => {
    if (audience === 'anyone' || audience === 'signed_in') return true
    // No grant makes a person the message push: the handler decides it from the platform context.
    if (audience === 'message_push') return false
    if (audience === 'resident' || audience === 'confirmed_resident') {
      const confirmed = audience === 'resident' || principal.residenceConfirmed
      if (scope.kind === 'office') return false
      return principal.isResident && confirmed && (scope.kind === 'self' || principal.communityId === scope.communityId)
    }
    return principal.grants.some((grant) => grant.role === audience && grantCovers(grant, scope))
  })
}
