import { Button, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { timebankContract } from '../../../../../../shared/contracts/timebank'
import { GIFT_ACCEPT_DAYS, MAX_GIFT_MINUTES } from '../../../../../../shared/domain/timebank'
import { api } from '../../../../api'
import { Field, StepFrame, Stepper, TextAreaField, TextField } from '../../../../components/form'
import { Outcome } from '../../../../components/outcome'
import { PageShell } from '../../../../components/page-shell'
import { Empty, Loaded } from '../../../../components/status'
import { formatMinutes } from '../../../../format'
import { useLoad } from '../../../../hooks/use-load'
import { useRequestId } from '../../../../hooks/use-request-id'
import { useSteppedForm } from '../../../../hooks/use-stepped-form'

const STEP_MINUTES = 30

interface Draft {
  toName: string
  toPhone: string
  minutes: number
  note: string
}

/** Who and how much, then exactly what will happen, then done: the gift waits for the recipient to accept it. */
const steps = [
  { title: '送给谁、送多少', fields: ['toName', 'toPhone', 'minutes', 'note'] },
  { title: '请确认', fields: [] },
]

type Given = { toName: string; minutes: number; balance: number }

/** 赠送: time for a parent or a neighbour, by name and phone; it reaches them when they accept it in the app. */
export default function GivePage() {
  const load = useLoad(() => api.timebank.account())
  const [given, setGiven] = useState<Given | null>(null)
  return (
    <PageShell>
      {given ? (
        <Gift given={given} />
      ) : (
        <Loaded load={load}>
          {({ total }) =>
            total <= 0 ? (
              <Empty title="时间余额为 0">参加志愿服务得到时间后，就可以赠送给家人和邻居。</Empty>
            ) : (
              <GiveForm balance={total} onGiven={setGiven} />
            )
          }
        </Loaded>
      )}
    </PageShell>
  )
}

function GiveForm({ balance, onGiven }: { balance: number; onGiven(given: Given): void }) {
  const [requestId] = useRequestId()
  const max = Math.min(balance, MAX_GIFT_MINUTES)
  const form = useSteppedForm({
    initial: { toName: '', toPhone: '', minutes: Math.min(2 * STEP_MINUTES, max), note: '' } as Draft,
    steps,
    schema: timebankContract.actions.give.input,
    toInput: (draft: Draft) => ({
      toName: draft.toName,
      toPhone: draft.toPhone.trim(),
      minutes: draft.minutes,
      note: draft.note.trim() || undefined,
      requestId,
    }),
  })
  const { draft, change, problems, step } = form

  const give = () =>
    form.submit(async (input) => {
      const { balance: left } = await api.timebank.give(input)
      onGiven({ toName: input.toName, minutes: input.minutes, balance: left })
    })

  return (
    <StepFrame form={form} submitLabel="确定赠送" onSubmit={give}>
      {step === 0 && (
        <View>
          <Text className="page-hint">
            您现在有 {formatMinutes(balance)}。请填对方在小程序里登记的姓名和手机号，两样都对上，对方才能收到。
          </Text>
          <TextField
            id="give-name"
            label="对方姓名"
            maxlength={20}
            value={draft.toName}
            error={problems.toName}
            onChange={(v) => change('toName', v)}
          />
          <TextField
            id="give-phone"
            type="number"
            label="对方手机号"
            maxlength={13}
            value={draft.toPhone}
            error={problems.toPhone}
            onChange={(v) => change('toPhone', v)}
          />
          <Field label="送多少时间" hint={`每点一下加减 ${STEP_MINUTES} 分钟`} error={problems.minutes}>
            <Stepper
              id="give-minutes"
              value={draft.minutes}
              min={Math.min(STEP_MINUTES, max)}
              max={max}
              step={STEP_MINUTES}
              unit={formatMinutes}
              onChange={(n) => change('minutes', n)}
            />
          </Field>
          <TextAreaField
            id="give-note"
            label="留言（可不填）"
            maxlength={100}
            value={draft.note}
            error={problems.note}
            onChange={(v) => change('note', v)}
          />
        </View>
      )}
      {step === 1 && (
        <View id="give-confirm">
          <Text className="confirm-question">
            赠送 {formatMinutes(draft.minutes)} 给 {draft.toName.trim()}
          </Text>
          <Text className="card-text">对方手机号：{draft.toPhone.trim()}</Text>
          {draft.note.trim() ? <Text className="card-text">留言：{draft.note.trim()}</Text> : null}
          <Text className="card-text">
            送出后，您的时间余额还剩 {formatMinutes(balance - draft.minutes)}。对方接收前，您可以在时间银行里取消。
          </Text>
        </View>
      )}
    </StepFrame>
  )
}

function Gift({ given }: { given: Given }) {
  return (
    <Outcome
      id="give-result"
      waiting
      title={`已送出 ${formatMinutes(given.minutes)} 给 ${given.toName}`}
      next={`对方在小程序中接收后到账。您的时间余额还有 ${formatMinutes(given.balance)}。`}
      when={`对方 ${GIFT_ACCEPT_DAYS} 天内未接收，时间会退回给您。`}
    >
      <Button className="btn btn-primary btn-block" onClick={() => Taro.navigateBack()}>
        回到时间银行
      </Button>
    </Outcome>
  )
}
