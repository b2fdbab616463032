import { Button, Input, Text, Textarea, View } from '@tarojs/components'
import type { ReactNode } from 'react'

/** A labelled field with its hint and, when the input was refused, why (in words, next to it). */
export function Field({ label, hint, error, children }: { label: string; hint?: string; error?: string; children: ReactNode }) {
  return (
    <View className={error ? 'field field-invalid' : 'field'}>
      <Text className='field-label'>{label}</Text>
      {hint ? <Text className='field-hint'>{hint}</Text> : null}
      {children}
      {error ? <Text className='field-error'>{error}</Text> : null}
    </View>
  )
}

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
        onInput={(event) => props.onChange(event.detail.value)}
      />
    </Field>
  )
}

export function TextAreaField(props: TextInputProps) {
  return (
    <Field label={props.label} hint={props.hint} error={props.error}>
      <Textarea
        id={props.id}
        className='textarea'
        value={props.value}
        maxlength={props.maxlength}
        onInput={(event) => props.onChange(event.detail.value)}
      />
      <Text className='field-count'>
        {props.value.length}/{props.maxlength}
      </Text>
    </Field>
  )
}

/** Large buttons to choose from: one (a kind) or several (kinds of help). Easier than a wheel. */
export function Choices<T extends string>({ options, chosen, onToggle, labelOf }: {
  options: readonly T[]
  chosen: readonly T[]
  onToggle(option: T): void
  labelOf?(option: T): string
}) {
  return (
    <View className='choices'>
      {options.map((option) => {
        const on = chosen.includes(option)
        return (
          <Button key={option} className={on ? 'choice choice-on' : 'choice'} onClick={() => onToggle(option)}>
            {on ? '✓ ' : ''}
            {labelOf ? labelOf(option) : option}
          </Button>
        )
      })}
    </View>
  )
}

/**
 * A number changed with − and + (no keyboard), kept within its bounds. `disabled` is left out
 * rather than false: Taro's H5 button styles any `disabled` attribute as disabled.
 */
export function Stepper({ value, min, max, unit, onChange }: { value: number; min: number; max: number; unit: string; onChange(value: number): void }) {
  return (
    <View className='stepper'>
      <Button className='btn btn-plain stepper-button' disabled={value <= min || undefined} onClick={() => onChange(value - 1)}>
        −
      </Button>
      <Text className='stepper-value'>
        {value} {unit}
      </Text>
      <Button className='btn btn-plain stepper-button' disabled={value >= max || undefined} onClick={() => onChange(value + 1)}>
        +
      </Button>
    </View>
  )
}
