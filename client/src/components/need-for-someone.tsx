import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import type { NeedView } from '../../../shared/contracts/needs'
import { urgencyLabel, urgencySchema, type Urgency } from '../../../shared/domain/need'
import { helpKinds, type HelpKind } from '../../../shared/domain/vocabulary'
import { ApiError } from '../api'
import { useSubmit } from '../hooks/use-submit'
import { BusyButton } from './busy-button'
import { Choices, Field, TextAreaField, TextField } from './form'

export interface NeedForSomeone {
  helpKind: HelpKind
  urgency: Urgency
  description: string
  contactPhone?: string
}

/**
 * 代办 and a relative's request: a need raised for someone else, at their home. Only what the
 * person would say: the kind, how urgent, what is wrong, and a phone if not theirs.
 */
export function NeedForSomeoneForm({
  whose,
  onRaise,
}: {
  /** Whose need it is, e.g. 王桂兰. */
  whose: string
  onRaise(need: NeedForSomeone): Promise<NeedView>
}) {
  const [helpKind, setHelpKind] = useState<HelpKind | null>(null)
  const [urgency, setUrgency] = useState<Urgency>('normal')
  const [description, setDescription] = useState('')
  const [phone, setPhone] = useState('')
  const [raised, setRaised] = useState<NeedView | null>(null)
  const submit = useSubmit({ helpKind, description, contactPhone: phone })

  const raise = () =>
    void submit.run(async () => {
      if (!helpKind) throw new ApiError({ code: 'INVALID_INPUT', message: '请选择求助类型', field: 'data.helpKind' })
      try {
        setRaised(await onRaise({ helpKind, urgency, description, ...(phone.trim() ? { contactPhone: phone.trim() } : {}) }))
      } catch (error) {
        // The functions name the need's fields under `need.`; shown beside the fields here.
        if (error instanceof ApiError && error.field?.startsWith('data.need.')) {
          throw new ApiError({ code: error.code, message: error.message, field: `data.${error.field.slice('data.need.'.length)}` })
        }
        throw error
      }
    })

  if (raised) {
    return (
      <View className="status" id="raised-for">
        <Text className="status-title">已替{whose}发起求助</Text>
        <Text className="status-text">
          {raised.helpKind} · {raised.statusLabel}
        </Text>
      </View>
    )
  }
  return (
    <View className="card">
      <Field label="需要哪方面的帮助" error={submit.errorOf('helpKind')}>
        <Choices<HelpKind> options={helpKinds} chosen={helpKind ? [helpKind] : []} onToggle={setHelpKind} />
      </Field>
      <Field label="有多急">
        <Choices<Urgency> wide options={urgencySchema.options} chosen={[urgency]} onToggle={setUrgency} labelOf={(u) => urgencyLabel[u]} />
      </Field>
      <TextAreaField
        id="for-description"
        label={`${whose}遇到了什么困难`}
        maxlength={500}
        value={description}
        error={submit.errorOf('description')}
        onChange={setDescription}
      />
      <TextField
        id="for-phone"
        label="联系电话"
        hint={`不填就用${whose}本人的电话`}
        maxlength={13}
        value={phone}
        error={submit.errorOf('contactPhone')}
        onChange={setPhone}
      />
      {submit.errorOf() ? <Text className="field-error">{submit.errorOf()}</Text> : null}
      <BusyButton id="raise-for" primary busy={submit.busy} label={`替${whose}发起求助`} onClick={raise} />
    </View>
  )
}
