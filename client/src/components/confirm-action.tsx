import { Button, Text, View } from '@tarojs/components'
import { useState } from 'react'
import { fieldOf, messageOf } from '../api'
import { BusyButton } from './busy-button'
import { TextAreaField } from './form'

interface ConfirmActionProps {
  /** The button, e.g. 移除. */
  label: string
  /** Asked before anything happens, e.g. 确定把 张三 移出组织吗？ */
  question: string
  /** Ask for a reason (驳回, 暂停); `required` refuses an empty one before calling. */
  reason?: { label: string; required: boolean }
  primary?: boolean
  /** Destructive (取消求助, 隐藏, 移出组织, 设为负责人, 注销): in danger's red, apart from calls and the main action. */
  danger?: boolean
  onConfirm(reason: string | undefined): Promise<unknown>
}

/**
 * A button whose action is asked about first, in the page itself, in the page's own large
 * sizes: a slip of a finger must not remove a member or reject an application.
 */
export function ConfirmAction({ label, question, reason, primary, danger, onConfirm }: ConfirmActionProps) {
  const [asking, setAsking] = useState(false)
  const [working, setWorking] = useState(false)
  const [text, setText] = useState('')
  const [error, setError] = useState<{ message: string; onReason: boolean } | null>(null)

  const cancel = () => {
    setAsking(false)
    setText('')
    setError(null)
  }

  const confirm = async () => {
    const given = text.trim()
    if (reason?.required && !given) {
      setError({ message: '请写明理由', onReason: true })
      return
    }
    setWorking(true)
    setError(null)
    try {
      await onConfirm(given || undefined)
      cancel()
    } catch (failure) {
      setError({ message: messageOf(failure), onReason: fieldOf(failure) === 'reason' })
    } finally {
      setWorking(false)
    }
  }

  const buttonClass = danger ? 'btn btn-danger btn-block' : primary ? 'btn btn-primary btn-block' : 'btn btn-plain btn-block'
  if (!asking) {
    return (
      <Button className={buttonClass} onClick={() => setAsking(true)}>
        {label}
      </Button>
    )
  }
  return (
    <View className={danger ? 'confirm confirm-danger' : 'confirm'}>
      <Text className="confirm-question">{question}</Text>
      {reason ? (
        <TextAreaField
          label={reason.required ? reason.label : `${reason.label}（可不填）`}
          value={text}
          maxlength={200}
          onChange={setText}
          error={error?.onReason ? error.message : undefined}
        />
      ) : null}
      {error && !error.onReason ? <Text className="field-error">{error.message}</Text> : null}
      <BusyButton primary={!danger} danger={danger} busy={working} label={`确定${label}`} onClick={confirm} />
      <Button className="btn btn-plain btn-block" onClick={cancel}>
        取消
      </Button>
    </View>
  )
}
