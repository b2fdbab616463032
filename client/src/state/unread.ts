/** The unread count of the 消息 centre, as a badge on its tab. */
import Taro from '@tarojs/taro'
import { api } from '../api'
import { tabs } from '../app-pages'

const MESSAGES_TAB = tabs.findIndex((tab) => tab.pagePath === 'pages/messages/index')

export function showUnread(unread: number): void {
  const shown =
    unread > 0
      ? Taro.setTabBarBadge({ index: MESSAGES_TAB, text: unread > 99 ? '99+' : String(unread) })
      : Taro.removeTabBarBadge({ index: MESSAGES_TAB })
  // Off a tab page WeChat refuses: the next tab page shown sets it again.
  void Promise.resolve(shown).catch(() => undefined)
}

/** Asks for the count and shows it; a failure leaves the badge as it was, it is not worth a word. */
export function refreshUnread(): void {
  api.messages.unreadCount().then(
    ({ unread }) => showUnread(unread),
    () => undefined,
  )
}

/** A page path (with or without its slash and query) is a tab's. */
export const isTabPage = (path: string) => tabs.some((tab) => tab.pagePath === path.replace(/^\//, '').split('?')[0])
