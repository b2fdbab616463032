/**
 * Every page of the mini-program, for app.config.ts and for whatever must know a page exists (a
 * message opens only a page listed here). Main package: the tabs only, so that it stays small.
 * Workbenches (organisation, committee, civil affairs) come as subpackages: add an entry to
 * `subPackages` with its `root` under `src/` and its pages, and nothing else changes.
 */
import { VERIFY_PAGE } from '../../shared/domain/verification'

export const tabs = [
  { pagePath: 'pages/home/index', text: '首页', icon: 'home' },
  { pagePath: 'pages/activities/index', text: '活动', icon: 'activities' },
  { pagePath: 'pages/time-bank/index', text: '时间银行', icon: 'time-bank' },
  // 消息 carries the unread count as its badge, 首页 what waits for the person (client/src/state/unread.ts).
  { pagePath: 'pages/messages/index', text: '消息', icon: 'messages' },
  { pagePath: 'pages/me/index', text: '我的', icon: 'me' },
]

// Roots under `pages/` keep each page's path what it would be in the main package: the invite
// QR code opens `pages/organisations/join/index` (shared/domain/organisation.ts JOIN_PAGE).
export const subPackages: { root: string; pages: string[] }[] = [
  {
    root: 'pages/organisations',
    pages: [
      'nearby/index',
      'profile/index',
      'apply/index',
      'mine/index',
      'team/index',
      'join/index',
      'volunteer/index',
      // 评估评议 and 信息公开 (decisions 051, 052).
      'report/index',
      'money/index',
      'charges/index',
      'review/index',
    ],
  },
  {
    root: 'pages/committee',
    pages: [
      'workbench/index',
      'applications/index',
      'organisations/index',
      'record/index',
      'audit/index',
      'members/index',
      'needs/index',
      'need/index',
      'community-needs/index',
      'figures/index',
      'office/index',
      // 关爱对象: the register, 登记, a person, 修改, 结对, and 探访情况.
      'care/index',
      'care-add/index',
      'care-person/index',
      'care-edit/index',
      'care-pair/index',
      'care-overview/index',
      // 时间银行 for the committee: the catalogue, hand-overs, credits over the daily cap, the ledger, grants.
      'time-bank/index',
      'catalogue/index',
      'item/index',
      'handovers/index',
      'held/index',
      'ledger/index',
      'grant/index',
      // 重大活动 approvals and the community's rule.
      'activities/index',
      // 迁入, 认领 and 代登记; 代办 for one resident.
      'residents/index',
      'register-person/index',
      'act-for/index',
      // 居住核验 of newcomers, and the community's QR code to print.
      'newcomers/index',
      // 民政: 添加社区, 从表格导入, 邀请两委成员 (decision 034).
      'add-community/index',
      'import-communities/index',
      'invite-committee/index',
      // 年度评估评议 of an organisation (decision 051).
      'evaluation/index',
      'evaluation-settings/index',
      // 需求调查 (decision 049): the list, building one, its results.
      'surveys/index',
      'survey-edit/index',
      'survey-results/index',
    ],
  },
  // 需求调查: a resident answers the surveys open to them.
  {
    root: 'pages/surveys',
    pages: ['answer/index'],
  },
  // 入驻: finding one's community, the join form its link and QR code open, and the privacy policy;
  // taking a role one is invited to (decision 034), which anyone may open.
  {
    root: 'pages/joining',
    pages: ['find/index', 'community/index', 'privacy/index', 'invitation/index'],
  },
  // 时间银行 beyond its tab. Not `pages/time-bank` itself: a subpackage's root may not hold a
  // main-package page, and tab pages must be in the main package.
  {
    root: 'pages/time-bank/more',
    pages: ['history/index', 'give/index', 'redeem/index', 'certificate/index', 'verify/index'],
  },
  // 我的信息 (PIPL): what is stored about me, 修改, 撤回同意, 导出, 注销. Not `pages/me`: the 我的 tab is there.
  {
    root: 'pages/me/more',
    pages: ['data/index', 'edit/index', 'consents/index', 'export/index', 'close/index', 'help/index', 'feedback/index'],
  },
  // 求助: the raise form, my needs, a need's page, and the organisation's inbox and task page.
  {
    root: 'pages/needs',
    pages: ['raise/index', 'mine/index', 'detail/index', 'offers/index', 'task/index'],
  },
  // 搬家, 我的亲友 (and an elder's needs for a relative), 认领账号.
  {
    root: 'pages/residents',
    pages: ['move/index', 'family/index', 'elder/index', 'takeover/index'],
  },
  // 我的探访 for volunteers and leads paired with people on the register, and the visit form.
  {
    root: 'pages/care',
    pages: ['visits/index', 'visit/index'],
  },
  // 社区活动 beyond the tab. Not `pages/activities`: a subpackage's root may not hold a main-package
  // page, and the 活动 tab is `pages/activities/index`.
  {
    root: 'pages/activity',
    pages: ['detail/index', 'mine/index', 'manage/index', 'publish/index', 'roster/index', 'check-in-code/index'],
  },
  // 议事协商 (decision 050): the list, a topic (discussion, vote, result), starting one, and the committee's result.
  {
    root: 'pages/topics',
    pages: ['index/index', 'detail/index', 'new/index', 'close/index'],
  },
]

/**
 * Pages for anyone, also someone who never signed in (decision 047): 证明查验, which a certificate's code
 * opens. Nothing on them sends the person to sign in, join or consent first.
 */
export const publicPages = [VERIFY_PAGE]

/** Every page's path, without the leading slash. */
export function appPages(): string[] {
  return [...tabs.map((tab) => tab.pagePath), ...subPackages.flatMap((p) => p.pages.map((page) => `${p.root}/${page}`))]
}
