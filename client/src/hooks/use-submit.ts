import { useState } from 'react'
import { fieldOf, messageOf } from '../api'

interface Failure {
  message: string
  /** The input field it is about, when the function named one: shown beside that field. */
  field?: string
  /** What that field held when it was sent (as JSON), to tell when the person has changed it. */
  sent?: string
}

/** `memberIds.0` is about the field `memberIds`. */
const formField = (path: string | undefined) => path?.split('.')[0]

/**
 * One action of a page: working while it runs, and why it failed — beside its field when the
 * function names one of `fields` (the ones the form shows), else for the form as a whole. Given as
 * the form's current values (`{ name, phone }`) rather than names, a field's error goes as soon as
 * the person changes what was sent, as it should once they have fixed it.
 */
export function useSubmit(fields: readonly string[] | Readonly<Record<string, unknown>> = []) {
  const names: readonly string[] = Array.isArray(fields) ? fields : Object.keys(fields)
  const values = Array.isArray(fields) ? undefined : (fields as Readonly<Record<string, unknown>>)
  const [busy, setBusy] = useState(false)
  const [failure, setFailure] = useState<Failure | null>(null)

  const run = async (action: () => Promise<unknown>): Promise<boolean> => {
    setBusy(true)
    setFailure(null)
    try {
      await action()
      return true
    } catch (error) {
      const field = fieldOf(error)
      const shown = formField(field)
      const sent = values && shown !== undefined && shown in values ? JSON.stringify(values[shown]) : undefined
      setFailure({ message: messageOf(error), field, sent })
      return false
    } finally {
      setBusy(false)
    }
  }

  const shownField = formField(failure?.field)
  const onForm = shownField === undefined || !names.includes(shownField)
  const fixed =
    failure?.sent !== undefined && values !== undefined && shownField !== undefined && JSON.stringify(values[shownField]) !== failure.sent

  /** The message for `field`, or for the form as a whole when `field` is omitted. */
  const errorOf = (field?: string) => {
    if (!failure || fixed) return undefined
    return (field === undefined ? onForm : shownField === field) ? failure.message : undefined
  }

  return { busy, run, errorOf }
}
