import Taro from '@tarojs/taro'
import { useMemo } from 'react'
import { CARE_VISITS_PAGE } from '../../shared/domain/care'
import { ACTIVITY_PAGE } from '../../shared/domain/activity'
import { TOPIC_PAGE } from '../../shared/domain/deliberation'
import { INVITATION_PAGE } from '../../shared/domain/invitation'
import { NEED_PAGE, OFFERS_PAGE, taskPath } from '../../shared/domain/need'
import { JOIN_PAGE, PROFILE_PAGE } from '../../shared/domain/organisation'
import { joinCommunityPath, newcomersPath } from '../../shared/domain/residence'
import { committeeResidentsPath, FAMILY_PAGE, MOVE_PAGE } from '../../shared/domain/residents'
import { VOLUNTEER_PAGE } from '../../shared/domain/volunteer-profile'
import { VERIFY_PAGE } from '../../shared/domain/verification'
import { SURVEY_ANSWER_PAGE, surveyResultsPath, surveysPath } from '../../shared/domain/survey'
import { activityApprovalsPath, applicationsPath, carePersonPath, committeeNeedPath, heldCreditsPath } from '../../shared/domain/workbench'

/**
 * Every page outside the tabs, in one place. The workbenches are subpackages (app.config.ts)
 * whose roots sit under `pages/`, so that a page's path is the same whether or not it is in a
 * subpackage: the invite QR code names `pages/organisations/join/index`.
 */
export const paths = {
  // 入驻: find one's community, join it (the committee's link and QR code open it too), the privacy policy.
  findCommunity: () => '/pages/joining/find/index',
  joinCommunity: (communityId: string) => `/${joinCommunityPath(communityId)}`,
  privacy: () => '/pages/joining/privacy/index',
  /** 我的 → 设置与帮助: plain answers, and 意见反馈 where WeChat's own is not there (decision 038). */
  help: () => '/pages/me/more/help/index',
  feedback: () => '/pages/me/more/feedback/index',
  /** 居住核验: the workbench's waiting items open it too (shared/domain/residence.ts). */
  newcomers: newcomersPath,
  nearby: () => '/pages/organisations/nearby/index',
  profile: (organisationId: string) => `/${PROFILE_PAGE}?id=${organisationId}`,
  apply: () => '/pages/organisations/apply/index',
  mine: () => '/pages/organisations/mine/index',
  team: (organisationId: string) => `/pages/organisations/team/index?id=${organisationId}`,
  // 评估评议 and 信息公开 (decisions 051, 052): the lead's report and money, a resident's 评议, the committee's grade.
  orgReport: (organisationId: string) => `/pages/organisations/report/index?id=${organisationId}`,
  orgMoney: (organisationId: string) => `/pages/organisations/money/index?id=${organisationId}`,
  orgCharges: (organisationId: string) => `/pages/organisations/charges/index?id=${organisationId}`,
  orgReview: (organisationId: string) => `/pages/organisations/review/index?id=${organisationId}`,
  orgEvaluation: (organisationId: string) => `/pages/committee/evaluation/index?id=${organisationId}`,
  evaluationSettings: (communityId: string) => `/pages/committee/evaluation-settings/index?communityId=${communityId}`,
  join: () => `/${JOIN_PAGE}`,
  /** 我的志愿者资料 and 星级; a new star's message opens it. */
  volunteer: () => `/${VOLUNTEER_PAGE}`,
  workbench: () => '/pages/committee/workbench/index',
  applications: applicationsPath,
  communityOrganisations: (communityId: string) => `/pages/committee/organisations/index?communityId=${communityId}`,
  record: (organisationId: string) => `/pages/committee/record/index?id=${organisationId}`,
  audit: (communityId: string) => `/pages/committee/audit/index?communityId=${communityId}`,
  committee: (communityId: string) => `/pages/committee/members/index?communityId=${communityId}`,
  raise: () => '/pages/needs/raise/index',
  myNeeds: () => '/pages/needs/mine/index',
  /** Subscribe messages open it too (shared/domain/need.ts NEED_PAGE). */
  need: (needId: string) => `/${NEED_PAGE}?id=${needId}`,
  /** Every organisation the person leads: subscribe messages open it without a query. */
  offers: () => `/${OFFERS_PAGE}`,
  /** The reminder of a task's expected finish opens it too (shared/domain/need.ts). */
  task: taskPath,
  needsQueue: (communityId: string) => `/pages/committee/needs/index?communityId=${communityId}`,
  committeeNeed: committeeNeedPath,
  communityNeeds: (communityId: string) => `/pages/committee/community-needs/index?communityId=${communityId}`,
  figures: (communityId: string) => `/pages/committee/figures/index?communityId=${communityId}`,
  /** Civil affairs: every community of their office. */
  officeFigures: () => '/pages/committee/office/index',
  // Civil affairs stands up its district (decision 034): communities one by one or from a sheet, their first committee members.
  addCommunity: (officeId: string) => `/pages/committee/add-community/index?officeId=${officeId}`,
  importCommunities: (officeId: string) => `/pages/committee/import-communities/index?officeId=${officeId}`,
  inviteCommittee: (communityId: string) => `/pages/committee/invite-committee/index?communityId=${communityId}`,
  /** An invitation to a role: its link and mini-program code open it with the code; 我的 without, to type it. */
  invitation: (code?: string) => `/${INVITATION_PAGE}${code ? `?code=${code}` : ''}`,
  // 时间银行: the tab is pages/time-bank/index; the rest is its subpackage (app.config.ts).
  timeBankHistory: () => '/pages/time-bank/more/history/index',
  give: () => '/pages/time-bank/more/give/index',
  redeem: () => '/pages/time-bank/more/redeem/index',
  certificate: () => '/pages/time-bank/more/certificate/index',
  /** Anyone with a certificate's number, signed in or not (decision 047): the certificate links here with it. */
  verify: (number?: string) => `/${VERIFY_PAGE}${number ? `?number=${number}` : ''}`,
  committeeTimeBank: (communityId: string) => `/pages/committee/time-bank/index?communityId=${communityId}`,
  catalogue: (communityId: string) => `/pages/committee/catalogue/index?communityId=${communityId}`,
  /** Without `itemId`: a new item. */
  catalogueItem: (communityId: string, itemId?: string) =>
    `/pages/committee/item/index?communityId=${communityId}${itemId ? `&id=${itemId}` : ''}`,
  handovers: (communityId: string) => `/pages/committee/handovers/index?communityId=${communityId}`,
  heldCredits: heldCreditsPath,
  ledger: (communityId: string) => `/pages/committee/ledger/index?communityId=${communityId}`,
  grant: (communityId: string) => `/pages/committee/grant/index?communityId=${communityId}`,
  careRegister: (communityId: string) => `/pages/committee/care/index?communityId=${communityId}`,
  careAdd: (communityId: string) => `/pages/committee/care-add/index?communityId=${communityId}`,
  /** Escalations and the workbench's waiting list open it too (shared/domain/workbench.ts). */
  carePerson: carePersonPath,
  careEdit: (entryId: string) => `/pages/committee/care-edit/index?id=${entryId}`,
  carePair: (entryId: string, communityId: string) => `/pages/committee/care-pair/index?id=${entryId}&communityId=${communityId}`,
  careOverview: (communityId: string) => `/pages/committee/care-overview/index?communityId=${communityId}`,
  /** Reminders of a visit due open it too (shared/domain/care.ts CARE_VISITS_PAGE). */
  myVisits: () => `/${CARE_VISITS_PAGE}`,
  visit: (entryId: string) => `/pages/care/visit/index?id=${entryId}`,
  // 社区活动: the 活动 tab is in the main package; everything else in the `pages/activity` subpackage.
  /** Subscribe messages open it too (shared/domain/activity.ts ACTIVITY_PAGE). */
  activity: (activityId: string) => `/${ACTIVITY_PAGE}?id=${activityId}`,
  myActivities: () => '/pages/activity/mine/index',
  manageActivities: (organisationId: string) => `/pages/activity/manage/index?organisationId=${organisationId}`,
  publishActivity: (organisationId: string) => `/pages/activity/publish/index?organisationId=${organisationId}`,
  roster: (organisationId: string, activityId: string) => `/pages/activity/roster/index?organisationId=${organisationId}&id=${activityId}`,
  checkInCode: (organisationId: string, activityId: string) =>
    `/pages/activity/check-in-code/index?organisationId=${organisationId}&id=${activityId}`,
  activityApprovals: activityApprovalsPath,
  // People's relations (the residents function): 搬家, 亲友, 认领账号; the committee's 迁入、代登记、代办.
  move: () => `/${MOVE_PAGE}`,
  family: () => `/${FAMILY_PAGE}`,
  elderNeeds: (linkId: string) => `/pages/residents/elder/index?linkId=${linkId}`,
  takeover: () => '/pages/residents/takeover/index',
  committeeResidents: committeeResidentsPath,
  registerPerson: (communityId: string) => `/pages/committee/register-person/index?communityId=${communityId}`,
  actFor: (personId: string) => `/pages/committee/act-for/index?personId=${personId}`,
  // 我的信息 beyond the 我的 tab (PIPL): see, correct, withdraw, export, close.
  myData: () => '/pages/me/more/data/index',
  editMyData: () => '/pages/me/more/edit/index',
  consents: () => '/pages/me/more/consents/index',
  exportMyData: () => '/pages/me/more/export/index',
  closeAccount: () => '/pages/me/more/close/index',
  // 需求调查 (decision 049): the committee's list, building one (a new one without `surveyId`), its results; the resident's answering.
  surveys: surveysPath,
  surveyEdit: (communityId: string, surveyId?: string) =>
    `/pages/committee/survey-edit/index?communityId=${communityId}${surveyId ? `&id=${surveyId}` : ''}`,
  surveyResults: surveyResultsPath,
  answerSurveys: () => `/${SURVEY_ANSWER_PAGE}`,
  // 议事协商 (decision 050): the community's topics, one topic, starting one, and the committee's result.
  topics: (communityId: string) => `/pages/topics/index/index?communityId=${communityId}`,
  /** Messages about a topic open it too (shared/domain/deliberation.ts TOPIC_PAGE). */
  topic: (topicId: string) => `/${TOPIC_PAGE}?id=${topicId}`,
  newTopic: (communityId: string, mode: 'open' | 'propose') => `/pages/topics/new/index?communityId=${communityId}&mode=${mode}`,
  closeTopic: (topicId: string) => `/pages/topics/close/index?id=${topicId}`,
}

export function go(url: string): void {
  void Taro.navigateTo({ url })
}

/** The query of the page's own URL (ids are slugs, codes letters and digits: nothing to decode). */
export function usePageParams(): Record<string, string | undefined> {
  return useMemo(() => Taro.getCurrentInstance().router?.params ?? {}, [])
}

/**
 * An invite code from the page's query: `?code=…` (a link, or typed in and passed on), or inside
 * `scene` when WeChat opens the page from its mini-program code (`scene=code%3D…`).
 */
export function inviteCodeFrom(params: Record<string, string | undefined>): string {
  if (params.code) return params.code
  const scene = params.scene ? decodeURIComponent(params.scene) : ''
  return /(?:^|&)code=([^&]*)/.exec(scene)?.[1] ?? ''
}
