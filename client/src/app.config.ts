import { subPackages, tabs } from './app-pages'

// The pages themselves are listed in app-pages.ts, which the 消息 centre reads too.

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
    // On H5 Taro draws its navigation bar (title, back) only when told to; WeChat always does.
    navigationStyle: 'default',
  },
  tabBar: {
    color: '#474747',
    selectedColor: '#1f5fa8',
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
