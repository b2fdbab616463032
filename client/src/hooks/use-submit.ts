import { useState } from 'react'
import { fieldOf, messageOf } from '../api'

export interface Failure {
  message: string
  /** The input field it is about, when the function named one: shown beside that field. */
  field?: string
}

/** One action of a page: working while it runs, and why it failed, beside its field when it names one. */
export function useSubmit() {
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

  /** The message for `field`, or for the form as a whole when `field` is omitted. */
  const errorOf = (field?: string) => (failure && failure.field === field ? failure.message : undefined)

  return { busy, failure, run, errorOf, setFailure }
}
