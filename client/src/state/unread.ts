/**
 * Badges on the tab bar: the unread count of the 消息 centre on its tab, and what waits for the
 * person to act on (account.home) on 首页's.
 */
import Taro from '@tarojs/taro'
import { api } from '../api'
import { tabs } from '../app-pages'

export const HOME_TAB_PAGE = 'pages/home/index'
const MESSAGES_TAB_PAGE = 'pages/messages/index'

/** Shows `count` on the tab of `pagePath`, or takes the badge away at zero. */
function showTabBadge(pagePath: string, count: number): void {
  const index = tabs.findIndex((tab) => tab.pagePath === pagePath)
  const shown = count > 0 ? Taro.setTabBarBadge({ index, text: count > 99 ? '99+' : String(count) }) : Taro.removeTabBarBadge({ index })
  // Off a tab page WeChat refuses: the next tab page shown sets it again.
  void Promise.resolve(shown).catch(() => undefined)
}

export const showUnread = (unread: number) => showTabBadge(MESSAGES_TAB_PAGE, unread)

/** 首页's badge: the things waiting for the person to act on. */
export const showWaiting = (waiting: number) => showTabBadge(HOME_TAB_PAGE, waiting)

/** Asks for a count and shows it; a failure leaves the badge as it was, it is not worth a word. */
function refresh(count: () => Promise<number>, show: (n: number) => void): void {
  count().then(show, () => undefined)
}

export const refreshUnread = () => refresh(async () => (await api.messages.unreadCount()).unread, showUnread)

export const refreshWaiting = () => refresh(async () => (await api.account.home()).badge, showWaiting)

/** The tab page of a path (with or without its slash and query), if it is one. */
const tabPageOf = (path: string) => tabs.find((tab) => tab.pagePath === path.replace(/^\//, '').split('?')[0])?.pagePath

/** A page path (with or without its slash and query) is a tab's. */
export const isTabPage = (path: string) => tabPageOf(path) !== undefined

/**
 * A tab page came into view: both badges are asked for again, so that what an action on another page
 * changed shows on return. 首页 counts what waits from its own load, so it does not ask twice.
 */
export function refreshBadges(path: string): void {
  const tab = tabPageOf(path)
  if (!tab) return
  refreshUnread()
  if (tab !== HOME_TAB_PAGE) refreshWaiting()
}
