/**
 * Every cloud function is the same few steps: identify the caller from the platform, parse
 * `{action, data}` against the contract, authorise against the permission table, run the
 * action, and answer `{ok: true, data}` or `{ok: false, error}`. Actions only do the middle.
 */
import type { z } from 'zod'
import type { ActionName, Envelope, FunctionContract } from '../shared/contract'
import { requestSchema } from '../shared/contract'
import { AppError, ErrorCode } from '../shared/errors'
import { UNCONFIRMED_MESSAGE } from '../shared/domain/residence'
import { isAllowed, permissionTable, type PermissionRule, type Scope } from '../shared/domain/permissions'
import { now } from './clock'
import { callerFromContext, type PlatformCaller } from './data/cloudbase'
import { loadCaller, type Caller } from './principal'

export interface ActionContext<I> {
  input: I
  /** The WeChat OPENID the platform vouches for; empty for a public action called from outside WeChat. */
  openid: string
  /**
   * Whom to count a public action's calls against: the openid, else `web:` and the browser's anonymous CloudBase
   * user id (decision 047). Both come from the platform context; a browser that clears its storage is a new one.
   */
  visitor: string
  /** The moment of this call, read once from the clock: every rule in the action uses it. */
  now: Date
  /** The caller's person record and roles, loaded once on first use. */
  caller(): Promise<Caller>
  /** Refuses unless the caller's roles allow this action over `scope`. */
  authorise(scope: Scope): Promise<void>
}

export type ActionImplementations<F extends FunctionContract> = {
  [A in ActionName<F>]: (context: ActionContext<z.output<F['actions'][A]['input']>>) => Promise<z.input<F['actions'][A]['output']>>
}

function fieldOf(issue: z.core.$ZodIssue): string | undefined {
  const path = issue.path.map(String)
  if (issue.code === 'unrecognized_keys') path.push(issue.keys[0])
  return path.length > 0 ? path.join('.') : undefined
}

/** The first thing wrong with the input, as the functions answer it; the local host's own routes answer the same way. */
export function invalidInput(error: z.ZodError, prefix?: string): AppError {
  const issue = error.issues[0]
  const field = fieldOf(issue)
  const qualified = prefix && field ? `${prefix}.${field}` : (field ?? prefix)
  return new AppError(ErrorCode.INVALID_INPUT, issue.message, qualified)
}

/** What a person's own call carries as its first source: a mini-program, WeChat DevTools, its local debugging. */
const personSources = ['wx_client', 'wx_devtools', 'wx_localdebug']

/**
 * WeChat's message push, as the platform context says: a source no person's call carries. The event
 * cannot say so (anyone can send any event); docs/decisions/022.
 */
function isMessagePush(caller: PlatformCaller): boolean {
  const first = caller.source?.split(',')[0]
  return first !== undefined && !personSources.includes(first)
}

/** A browser's anonymous CloudBase user as `ActionContext.visitor` names it: never an openid. */
const webVisitorKey = (uid: string) => `web:${uid}`

/** Whether `visitor` is a browser's rather than a WeChat user's. */
export const isWebVisitor = (visitor: string) => visitor.startsWith(webVisitorKey(''))

function ruleFor(functionName: string, action: string): PermissionRule | undefined {
  return (permissionTable as Record<string, PermissionRule>)[`${functionName}.${action}`]
}

export function defineHandler<F extends FunctionContract>(contract: F, implementations: ActionImplementations<F>) {
  return async function main(event: unknown, context: unknown): Promise<Envelope<unknown>> {
    // Before the first await: the runtime swaps the per-call environment between invocations.
    const caller = callerFromContext(context)
    const calledAt = now()
    try {
      const request = requestSchema.safeParse(event)
      if (!request.success) throw invalidInput(request.error)
      const { action } = request.data
      const actionContract = Object.hasOwn(contract.actions, action) ? contract.actions[action] : undefined
      const rule = ruleFor(contract.name, action)
      if (!actionContract || !rule) {
        throw new AppError(ErrorCode.UNKNOWN_ACTION, `${contract.name} 没有 ${action} 这个操作`, 'action')
      }
      const input = actionContract.input.safeParse(request.data.data ?? {})
      if (!input.success) throw invalidInput(input.error, 'data')

      const forPush = rule.who.includes('message_push')
      // Public: no person is read, so nobody is sent to join or sign in first; the action limits each visitor.
      const forAnyone = rule.who.includes('anyone')
      if (forPush && !isMessagePush(caller)) throw new AppError(ErrorCode.FORBIDDEN, '只接受微信的消息推送')
      const identified = forAnyone ? caller.openid !== null || caller.visitor !== null : forPush || caller.openid !== null
      if (!identified) throw new AppError(ErrorCode.UNAUTHENTICATED, '请在微信中打开')
      const openid = caller.openid ?? ''
      let loaded: Promise<Caller> | undefined
      let authorised = false
      const actionContext: ActionContext<unknown> = {
        input: input.data,
        openid,
        visitor: caller.openid ?? webVisitorKey(caller.visitor ?? ''),
        now: calledAt,
        caller: () => (loaded ??= loadCaller(openid)),
        authorise: async (scope) => {
          const who = await actionContext.caller()
          const forResidents = rule.who.includes('resident') || rule.who.includes('confirmed_resident')
          if (forResidents && !who.isResident && scope.kind === 'self') {
            throw new AppError(ErrorCode.NOT_REGISTERED, '请先加入你所在的社区')
          }
          if (!isAllowed(rule, who, scope)) {
            if (rule.who.includes('confirmed_resident') && who.isResident && !who.residenceConfirmed) {
              throw new AppError(ErrorCode.RESIDENCE_UNCONFIRMED, UNCONFIRMED_MESSAGE)
            }
            throw new AppError(ErrorCode.FORBIDDEN, '你没有权限进行这个操作')
          }
          authorised = true
        },
      }
      if (forPush || forAnyone) authorised = true
      else if (rule.over === 'self') await actionContext.authorise({ kind: 'self' })

      const implementation = implementations[action as ActionName<F>] as (c: ActionContext<unknown>) => Promise<unknown>
      const result = await implementation(actionContext)
      if (!authorised) throw new Error(`${contract.name}.${action} answered without authorising`)
      // The output schema is the contract: it also strips anything the action should not reveal.
      return { ok: true, data: actionContract.output.parse(result) }
    } catch (error) {
      if (error instanceof AppError) return { ok: false, error: error.toBody() }
      console.error(`[${contract.name}] internal error`, error)
      return { ok: false, error: { code: ErrorCode.INTERNAL, message: '系统繁忙，请稍后再试' } }
    }
  }
}
