import { useState } from 'react'
import { fieldOf, messageOf } from '../api'

interface Failure {
  message: string
  /** The input field it is about, when the function named one: shown beside that field. */
  field?: string
}

/**
 * One action of a page: working while it runs, and why it failed — beside its field when the
 * function names one of `fields` (the ones the form shows), else for the form as a whole.
 */
export function useSubmit(fields: readonly string[] = []) {
  const [busy, setBusy] = useState(false)
  const [failure, setFailure] = useState<Failure | null>(null)

  const run = async (action: () => Promise<unknown>): Promise<boolean> => {
    setBusy(true)
    setFailure(null)
    try {
      await action()
      return true
    } catch (error) {
      setFailure({ message: messageOf(error), field: fieldOf(error) })
      return false
    } finally {
      setBusy(false)
    }
  }

  /** `memberIds.0` is about the field `memberIds`. */
  const shownField = failure?.field?.split('.')[0]
  const onForm = shownField === undefined || !fields.includes(shownField)

  /** The message for `field`, or for the form as a whole when `field` is omitted. */
  const errorOf = (field?: string) => {
    if (!failure) return undefined
    return (field === undefined ? onForm : shownField === field) ? failure.message : undefined
  }

  return { busy, run, errorOf }
}
