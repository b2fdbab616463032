import { useState } from 'react'
import type { z } from 'zod'
import { fieldOf, messageOf } from '../api'

export type Problems = Partial<Record<string, string>>

export interface FormStep {
  title: string
  /** The fields this screen asks for, as problem keys (`fieldKey`). */
  fields: readonly string[]
}

interface SteppedFormOptions<Draft, Input> {
  initial: Draft
  steps: readonly FormStep[]
  /** The same schema the function checks, so a mistake shows beside its field before sending. */
  schema: z.ZodType<Input>
  toInput(draft: Draft): unknown
  /** Words for choices not made yet: the schema's own words for these are not for residents. */
  unchosen?: Problems
  /** Words for the bounds of number fields, which the schema leaves to zod's English; its own refinements keep theirs. */
  bounds?: Problems
  /** The problem key of a path in the input; by default its first part. */
  fieldKey?(path: readonly string[]): string
  /** Draft keys whose problem key differs from their own name. */
  problemKey?: Partial<Record<keyof Draft, string>>
  /** Checks the schema cannot make because they need the moment (a start already past), with the function's own rule. */
  checkAlso?(draft: Draft): Problems
}

/**
 * A form in a few short screens, each with one 下一步, rather than one long form. It checks each
 * screen before moving on, and on sending takes the person back to the screen of the first
 * problem, whether the schema or the function found it.
 */
export function useSteppedForm<Draft extends object, Input>(options: SteppedFormOptions<Draft, Input>) {
  const { steps, schema, toInput, unchosen = {}, bounds = {}, fieldKey = (path: readonly string[]) => path[0] } = options
  const problemKey: Partial<Record<keyof Draft, string>> = options.problemKey ?? {}
  const [draft, setDraft] = useState<Draft>(options.initial)
  const [step, setStep] = useState(0)
  const [problems, setProblems] = useState<Problems>({})
  const [failure, setFailure] = useState('')
  const [sending, setSending] = useState(false)

  const stepOf = (key: string) =>
    Math.max(
      0,
      steps.findIndex((s) => s.fields.includes(key)),
    )

  const check = (): { input: Input | null; problems: Problems } => {
    const parsed = schema.safeParse(toInput(draft))
    const found: Problems = {}
    for (const [key, problem] of Object.entries(options.checkAlso?.(draft) ?? {})) if (problem) found[key] = problem
    if (parsed.success) return Object.keys(found).length ? { input: null, problems: found } : { input: parsed.data, problems: {} }
    for (const issue of parsed.error.issues) {
      const key = fieldKey(issue.path.map(String))
      found[key] ??= unchosen[key] ?? (issue.code === 'custom' ? undefined : bounds[key]) ?? issue.message
    }
    return { input: null, problems: found }
  }

  const change = <K extends keyof Draft>(key: K, value: Draft[K]) => {
    setDraft((previous) => ({ ...previous, [key]: value }))
    setProblems((previous) => ({ ...previous, [problemKey[key] ?? String(key)]: undefined }))
  }

  const next = () => {
    const { problems: found } = check()
    const here = Object.fromEntries(steps[step].fields.filter((f) => found[f]).map((f) => [f, found[f]]))
    setProblems(here)
    if (Object.keys(here).length === 0) setStep(step + 1)
  }

  /** Checks every screen, then runs `send` with the input; a refusal shows beside its field. */
  const submit = async (send: (input: Input) => Promise<void>) => {
    const { input, problems: found } = check()
    if (!input) {
      setProblems(found)
      setStep(stepOf(Object.keys(found)[0]))
      return
    }
    setSending(true)
    setFailure('')
    try {
      await send(input)
    } catch (error) {
      const field = fieldOf(error)
      const key = field ? fieldKey(field.split('.')) : undefined
      if (key) {
        setProblems({ [key]: messageOf(error) })
        setStep(stepOf(key))
      } else {
        setFailure(messageOf(error))
      }
    } finally {
      setSending(false)
    }
  }

  return {
    draft,
    change,
    step,
    steps,
    last: step === steps.length - 1,
    back: () => setStep(step - 1),
    problems,
    failure,
    sending,
    next,
    submit,
  }
}
