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

const subPackages: { root: string; pages: string[] }[] = []

export default defineAppConfig({
  pages: tabs.map((tab) => tab.pagePath),
  subPackages,
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
