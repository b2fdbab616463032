/**
 * Main package: the four tabs only, so that it stays small. Workbenches (organisation,
 * committee, civil affairs) come as subpackages: add an entry to `subPackages` with its
 * `root` under `src/` and its pages, and nothing else here changes.
 */
const tabs = [
  { pagePath: 'pages/home/index', text: '首页', icon: 'home' },
  { pagePath: 'pages/activities/index', text: '活动', icon: 'activities' },
  { pagePath: 'pages/time-bank/index', text: '时间银行', icon: 'time-bank' },
  { pagePath: 'pages/me/index', text: '我的', icon: 'me' },
]

// Roots under `pages/` keep each page's path what it would be in the main package: the invite
// QR code opens `pages/organisations/join/index` (shared/domain/organisation.ts JOIN_PAGE).
const subPackages: { root: string; pages: string[] }[] = [
  {
    root: 'pages/organisations',
    pages: ['nearby/index', 'profile/index', 'apply/index', 'mine/index', 'team/index', 'join/index'],
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
      // 居住核验 of newcomers, and the community's QR code to print.
      'newcomers/index',
    ],
  },
  // 入驻: finding one's community, the join form its link and QR code open, and the privacy policy.
  {
    root: 'pages/joining',
    pages: ['find/index', 'community/index', 'privacy/index'],
  },
  // 时间银行 beyond its tab. Not `pages/time-bank` itself: a subpackage's root may not hold a
  // main-package page, and tab pages must be in the main package.
  {
    root: 'pages/time-bank/more',
    pages: ['history/index', 'give/index', 'redeem/index', 'certificate/index', 'verify/index'],
  },
  // 求助: the raise form, my needs, a need's page, and the organisation's inbox and task page.
  {
    root: 'pages/needs',
    pages: ['raise/index', 'mine/index', 'detail/index', 'offers/index', 'task/index'],
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
]

export default defineAppConfig({
  pages: tabs.map((tab) => tab.pagePath),
  subPackages,
  // 登记新组织 and 我要求助 pick a place on WeChat's map; 找社区 lists the nearest, for which a fuzzy place is enough.
  requiredPrivateInfos: ['chooseLocation', 'getFuzzyLocation'],
  window: {
    backgroundTextStyle: 'dark',
    backgroundColor: '#f4f1ec',
    navigationBarBackgroundColor: '#ffffff',
    navigationBarTitleText: '邻里守望',
    navigationBarTextStyle: 'black',
  },
  tabBar: {
    color: '#474747',
    selectedColor: '#9e2a1f',
    backgroundColor: '#ffffff',
    borderStyle: 'black',
    list: tabs.map((tab) => ({
      pagePath: tab.pagePath,
      text: tab.text,
      iconPath: `assets/tab/${tab.icon}.png`,
      selectedIconPath: `assets/tab/${tab.icon}-active.png`,
    })),
  },
})
