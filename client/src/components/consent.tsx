import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import type { ConsentMoment, MessageKind } from '../../../shared/domain/messages'
import { api, messageOf } from '../api'
import { askToSubscribe } from '../api/subscribe'
import { useLoad } from '../hooks/use-load'
import { BusyButton } from './busy-button'

/**
 * Asks, at the moment it matters, to be told through WeChat: one accepted request allows WeChat to
 * deliver one message of each template. With `counted`, says how many of that template the person
 * may still receive, and the button adds more. Every message is in the 消息 centre either way.
 */
export function ConsentPrompt({
  moment,
  title,
  purpose,
  counted,
}: {
  moment: ConsentMoment
  title: string
  /** What the person will be told, in the dialog's words. */
  purpose: string
  counted?: { template: MessageKind; what: string }
}) {
  const load = useLoad(async () => {
    const [{ templates }, held] = await Promise.all([
      api.messages.subscribeTemplates({ moment }),
      counted ? api.messages.consents() : Promise.resolve(null),
    ])
    return { templates, remaining: held?.consents.find((c) => c.template === counted?.template)?.remaining ?? 0 }
  })
  const [busy, setBusy] = useState(false)
  const [note, setNote] = useState('')
  if (load.status !== 'ready') return null
  const { templates, remaining } = load.data

  const ask = async () => {
    setBusy(true)
    setNote('')
    try {
      // First in the tap: WeChat shows its dialog only then.
      const accepted = await askToSubscribe(templates, purpose)
      if (accepted.length === 0) {
        setNote('没有开启提醒。有消息时仍会在“消息”里看到。')
        return
      }
      const { consents } = await api.messages.recordConsent({ templates: accepted })
      load.replace({ templates, remaining: consents.find((c) => c.template === counted?.template)?.remaining ?? remaining })
      setNote('已开启提醒')
    } catch (error) {
      setNote(messageOf(error))
    } finally {
      setBusy(false)
    }
  }

  return (
    <View className="card" id={`consent-${moment}`}>
      <Text className="card-title">{title}</Text>
      {counted ? (
        <Text className="card-text" id="consent-remaining">
          还能在微信里收到 {remaining} 条{counted.what}
        </Text>
      ) : null}
      <BusyButton id={`consent-${moment}-ask`} busy={busy} label={counted ? '增加提醒次数' : '在微信里提醒我'} onClick={() => void ask()} />
      {note ? <Text className="card-text">{note}</Text> : null}
    </View>
  )
}
