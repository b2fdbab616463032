import { Button, Input, Picker, Text, Textarea, View } from '@tarojs/components'
import type { ReactNode } from 'react'
import { formatWeekday } from '../format'
import { BusyButton } from './busy-button'

/** A labelled field with its hint and, when the input was refused, why (in words, next to it). */
export function Field({ label, hint, error, children }: { label: string; hint?: string; error?: string; children: ReactNode }) {
  return (
    <View className={error ? 'field field-invalid' : 'field'}>
      <Text className="field-label">{label}</Text>
      {hint ? <Text className="field-hint">{hint}</Text> : null}
      {children}
      {error ? <Text className="field-error">{error}</Text> : null}
    </View>
  )
}

/** On H5 the <input> or <textarea> inside Taro's element carries its field's label (weapp ignores it). */
export const labelled = (label: string) => ({ 'aria-label': label })

interface TextInputProps {
  /** For tests and the weapp's tap targets. */
  id?: string
  label: string
  hint?: string
  error?: string
  value: string
  maxlength: number
  onChange(value: string): void
}

export function TextField({ type = 'text', large, ...props }: TextInputProps & { type?: 'text' | 'number'; large?: boolean }) {
  return (
    <Field label={props.label} hint={props.hint} error={props.error}>
      <Input
        id={props.id}
        className={large ? 'input input-large' : 'input'}
        type={type}
        value={props.value}
        maxlength={props.maxlength}
        nativeProps={labelled(props.label)}
        onInput={(event) => props.onChange(event.detail.value)}
      />
    </Field>
  )
}

/**
 * Where someone lives, asked the same way on every form: 小区 / 村 (which others may see) and the
 * building, unit and door (which only those helping see). Ids are `<idPrefix>-neighbourhood` and `<idPrefix>-address`.
 */
export function HomeAddressFields(props: {
  idPrefix: string
  neighbourhood: string
  addressDetail: string
  errors: { neighbourhood?: string; addressDetail?: string }
  onNeighbourhood(value: string): void
  onAddressDetail(value: string): void
  neighbourhoodHint?: string
  addressHint?: string
  large?: boolean
}) {
  return (
    <>
      <TextField
        id={`${props.idPrefix}-neighbourhood`}
        label="小区或村"
        hint={props.neighbourhoodHint}
        large={props.large}
        maxlength={40}
        value={props.neighbourhood}
        error={props.errors.neighbourhood}
        onChange={props.onNeighbourhood}
      />
      <TextField
        id={`${props.idPrefix}-address`}
        label="楼号、单元、门牌"
        hint={props.addressHint}
        large={props.large}
        maxlength={100}
        value={props.addressDetail}
        error={props.errors.addressDetail}
        onChange={props.onAddressDetail}
      />
    </>
  )
}

export function TextAreaField(props: TextInputProps) {
  return (
    <Field label={props.label} hint={props.hint} error={props.error}>
      <Textarea
        id={props.id}
        className="textarea"
        value={props.value}
        maxlength={props.maxlength}
        nativeProps={labelled(props.label)}
        onInput={(event) => props.onChange(event.detail.value)}
      />
      <Text className="field-count">
        {props.value.length}/{props.maxlength}
      </Text>
    </Field>
  )
}

/** Large buttons to choose from: one (a kind) or several (kinds of help). Easier than a wheel. */
export function Choices<T extends string>({
  options,
  chosen,
  onToggle,
  labelOf,
  detailOf,
  wide,
  extra,
}: {
  options: readonly T[]
  chosen: readonly T[]
  onToggle(option: T): void
  labelOf?(option: T): string
  /** A second, smaller line under the label: why this one fits, say. */
  detailOf?(option: T): string | undefined
  /** One choice per row, full width: for a few choices that matter, such as urgency. */
  wide?: boolean
  /** One more choice after the others that is not a plain button, e.g. a day on the calendar. */
  extra?: ReactNode
}) {
  return (
    <View className={wide ? 'choices choices-wide' : 'choices'}>
      {options.map((option) => {
        const on = chosen.includes(option)
        const detail = detailOf?.(option)
        return (
          <Button key={option} className={on ? 'choice choice-on' : 'choice'} onClick={() => onToggle(option)}>
            {on ? '✓ ' : ''}
            <Text>{labelOf ? labelOf(option) : option}</Text>
            {detail ? <Text className="choice-detail">{detail}</Text> : null}
          </Button>
        )
      })}
      {extra}
    </View>
  )
}

/**
 * A day on the calendar (WeChat's date picker) as one more choice beside named ones such as
 * 今天: chosen, it shows the day it names. `day` and `from` are YYYY-MM-DD in Shanghai.
 */
export function CalendarDayChoice({ day, from, onPick }: { day: string | null; from: string; onPick(day: string): void }) {
  return (
    <Picker mode="date" value={day ?? from} start={from} onChange={(event) => onPick(event.detail.value)}>
      <View className={day ? 'choice choice-on' : 'choice'}>{day ? `✓ ${formatWeekday(`${day}T12:00:00+08:00`)}` : '选日期'}</View>
    </Picker>
  )
}

/** A time of day (HH:mm) chosen on WeChat's time picker, shown as large as an input. */
export function TimeField({
  id,
  label,
  hint,
  value,
  error,
  onChange,
}: {
  id?: string
  label: string
  hint?: string
  value: string
  error?: string
  onChange(value: string): void
}) {
  return (
    <Field label={label} hint={hint} error={error}>
      <Picker mode="time" value={value} onChange={(event) => onChange(event.detail.value)}>
        <View id={id} className="input input-picker">
          {value}
        </View>
      </Picker>
    </Field>
  )
}

/** 1 to 5 stars as five big buttons; the chosen count is written out too. */
export function StarRating({ value, onChange }: { value: number; onChange(value: number): void }) {
  return (
    <View className="stars">
      {[1, 2, 3, 4, 5].map((n) => (
        <Button key={n} id={`star-${n}`} className={n <= value ? 'star star-on' : 'star'} onClick={() => onChange(n)}>
          ★
        </Button>
      ))}
      <Text className="stars-value">{value > 0 ? `${value} 星` : '请点星星'}</Text>
    </View>
  )
}

/**
 * A number changed with − and + (no keyboard), kept within its bounds. `disabled` is left out
 * rather than false: Taro's H5 button styles any `disabled` attribute as disabled.
 */
export function Stepper({
  id,
  value,
  min,
  max,
  step = 1,
  unit,
  onChange,
}: {
  id?: string
  value: number
  min: number
  max: number
  /** How much one tap changes it, e.g. 10 minutes. */
  step?: number
  /** Written after the number (分钟), or the words for the whole value (formatMinutes: 1 小时 30 分钟). */
  unit: string | ((value: number) => string)
  onChange(value: number): void
}) {
  return (
    <View id={id} className="stepper">
      <Button
        className="btn btn-plain stepper-button"
        disabled={value <= min || undefined}
        onClick={() => onChange(Math.max(min, value - step))}
      >
        −
      </Button>
      <Text className="stepper-value">{typeof unit === 'string' ? `${value} ${unit}` : unit(value)}</Text>
      <Button
        className="btn btn-plain stepper-button"
        disabled={value >= max || undefined}
        onClick={() => onChange(Math.min(max, value + step))}
      >
        +
      </Button>
    </View>
  )
}

/**
 * The frame of a form in steps (useSteppedForm): where the person is, this screen's fields in a
 * card, and one main button — 下一步, or on the last screen the form's own action.
 */
export function StepFrame({
  form,
  submitLabel,
  onSubmit,
  whenSendingFails,
  children,
}: {
  form: { step: number; steps: readonly { title: string }[]; last: boolean; failure: string; sending: boolean; next(): void; back(): void }
  submitLabel: string
  onSubmit(): void
  /** Another way to get the thing done, shown with a failure that no field explains (e.g. the committee's phone). */
  whenSendingFails?: ReactNode
  children: ReactNode
}) {
  return (
    <View>
      <Text className="steps">
        第 {form.step + 1} 步，共 {form.steps.length} 步
      </Text>
      <Text className="greeting">{form.steps[form.step].title}</Text>
      <View className="card">{children}</View>
      {form.failure ? (
        <View id="step-failure">
          <Text className="field-error">{form.failure}</Text>
          {whenSendingFails}
        </View>
      ) : null}
      <BusyButton
        id="step-main"
        primary
        busy={form.sending}
        label={form.last ? submitLabel : '下一步'}
        onClick={form.last ? onSubmit : form.next}
      />
      {form.step > 0 && (
        <Button className="btn btn-plain btn-block" onClick={form.back}>
          上一步
        </Button>
      )}
    </View>
  )
}
