import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import type { InboxMessage } from '../../../../shared/contracts/messages'
import { api, messageOf } from '../../api'
import { appPages } from '../../app-pages'
import { BusyButton } from '../../components/busy-button'
import { Card, Fact, Tags } from '../../components/list'
import { PageShell } from '../../components/page-shell'
import { Empty, Loaded } from '../../components/status'
import { formatDateTime } from '../../format'
import { useLoad } from '../../hooks/use-load'
import { isTabPage, showUnread } from '../../state/unread'

const pages = new Set(appPages())

/** The page a message opens, when the mini-program has it: a message names it with its query. */
const openable = (page: string | undefined) => (page && pages.has(page.replace(/^\//, '').split('?')[0]) ? page : null)

/**
 * 消息: everything the product told the person, whether or not WeChat delivered it. Unread first,
 * the most urgent first among them; opening one marks it read and goes to its page.
 */
export default function MessagesPage() {
  const load = useLoad(async () => {
    const inbox = await api.messages.inbox()
    showUnread(inbox.unread)
    return inbox
  })
  const [notice, setNotice] = useState('')
  const [busy, setBusy] = useState(false)

  const open = async (message: InboxMessage) => {
    setNotice('')
    try {
      if (!message.read) showUnread((await api.messages.markRead({ ids: [message.id] })).unread)
      const page = openable(message.page)
      if (!page) {
        setNotice('这条消息没有可以打开的页面')
        load.reload()
        return
      }
      await (isTabPage(page) ? Taro.switchTab({ url: page.split('?')[0] }) : Taro.navigateTo({ url: page }))
    } catch (error) {
      setNotice(messageOf(error))
    }
  }

  const readAll = async () => {
    setBusy(true)
    try {
      showUnread((await api.messages.markRead({})).unread)
      load.reload()
    } catch (error) {
      setNotice(messageOf(error))
    } finally {
      setBusy(false)
    }
  }

  return (
    <PageShell>
      {notice ? (
        <Text id="messages-notice" className="note">
          {notice}
        </Text>
      ) : null}
      <Loaded load={load}>
        {({ messages, unread }) =>
          messages.length === 0 ? (
            <Empty title="还没有消息">求助有了进展、活动快开始、有新派单时，消息会出现在这里。</Empty>
          ) : (
            <View>
              {unread > 0 ? (
                <BusyButton id="messages-read-all" busy={busy} label={`全部标为已读（${unread} 条未读）`} onClick={() => void readAll()} />
              ) : null}
              {messages.map((message) => (
                <MessageCard key={message.id} message={message} onOpen={() => void open(message)} />
              ))}
            </View>
          )
        }
      </Loaded>
    </PageShell>
  )
}

function MessageCard({ message, onOpen }: { message: InboxMessage; onOpen(): void }) {
  const tags = [...(message.read ? [] : ['未读']), ...(message.urgencyLabel ? [message.urgencyLabel] : [])]
  return (
    <Card onClick={onOpen}>
      <View
        id={`message-${message.id}`}
        className={[message.urgency === 'life' ? 'need need-life' : 'need', message.read ? 'message-read' : 'message-unread'].join(' ')}
      >
        <Text className="card-title">
          {message.read ? '' : '● '}
          {message.title}
        </Text>
        {tags.length > 0 ? <Tags tags={tags} /> : null}
        {message.lines.map((line) => (
          <Fact key={line.title} label={line.title}>
            {line.value}
          </Fact>
        ))}
        <Text className="card-label">{formatDateTime(message.createdAt)}</Text>
      </View>
    </Card>
  )
}
