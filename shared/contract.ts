import { z } from 'zod'
import { appErrorSchema } from './errors'
import { issueMessage } from './issue-messages'

// Every contract imports this module, so the functions and the client both parse with Chinese messages.
z.config({ customError: issueMessage })

/** One action of a cloud function: what it takes and what it answers. */
export interface ActionContract<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  /** One line, in Chinese, for the API listing. */
  summary: string
  input: I
  output: O
}

export interface FunctionContract<A extends Record<string, ActionContract> = Record<string, ActionContract>> {
  /** The cloud function's name: its folder under cloudfunctions/ and the name `callFunction` uses. */
  name: string
  actions: A
}

export function defineFunction<const A extends Record<string, ActionContract>>(name: string, actions: A): FunctionContract<A> {
  return { name, actions }
}

export function action<I extends z.ZodType, O extends z.ZodType>(summary: string, input: I, output: O): ActionContract<I, O> {
  return { summary, input, output }
}

export type ActionName<F extends FunctionContract> = keyof F['actions'] & string
export type ActionInput<F extends FunctionContract, A extends ActionName<F>> = z.input<F['actions'][A]['input']>
export type ActionOutput<F extends FunctionContract, A extends ActionName<F>> = z.output<F['actions'][A]['output']>

/** What every function answers. */
export type Envelope<T> = { ok: true; data: T } | { ok: false; error: z.infer<typeof appErrorSchema> }

export const envelopeSchema = z.union([
  z.object({ ok: z.literal(true), data: z.unknown() }),
  z.object({ ok: z.literal(false), error: appErrorSchema }),
])

/**
 * The request body every function takes. `data` is checked against the action's own schema.
 * WeChat adds `userInfo` to every call's event; it is accepted and never read, because
 * anything in the event can be forged: identity comes from the platform context only.
 */
export const requestSchema = z.strictObject({
  action: z.string().max(64),
  data: z.unknown().optional(),
  userInfo: z.unknown().optional(),
})
