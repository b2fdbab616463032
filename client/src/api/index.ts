import { z } from 'zod'
import { envelopeSchema, type ActionInput, type ActionName, type ActionOutput } from '../../../shared/contract'
import type { contracts, FunctionName } from '../../../shared/contracts'
import { ErrorCode } from '../../../shared/errors'
import { ApiError } from './errors'
import { chooseSheet, openFile, send, upload } from './transport'

export { ApiError, fieldOf, messageOf } from './errors'

// WeChat forbids `new Function`; zod would otherwise probe for it before compiling a schema.
z.config({ jitless: true })

type Contracts = typeof contracts
type Fn<F extends FunctionName> = Contracts[F]
type Act<F extends FunctionName> = ActionName<Fn<F>>

/** Calls one action of one cloud function and returns its `data`, or throws `ApiError`. */
export async function call<F extends FunctionName, A extends Act<F>>(
  functionName: F,
  action: A,
  data: ActionInput<Fn<F>, A>,
): Promise<ActionOutput<Fn<F>, A>> {
  let raw: unknown
  try {
    raw = await send(functionName, action, data)
  } catch (cause) {
    throw new ApiError({ code: ErrorCode.INTERNAL, message: '网络不通，请稍后再试' }, { cause })
  }
  const envelope = envelopeSchema.safeParse(raw)
  if (!envelope.success) {
    throw new ApiError({ code: ErrorCode.INTERNAL, message: '服务返回了无法识别的内容' })
  }
  if (!envelope.data.ok) throw new ApiError(envelope.data.error)
  // The function checked its output against the same contract before answering.
  return envelope.data.data as ActionOutput<Fn<F>, A>
}

/** Actions whose input may be empty can be called without an argument. */
type Method<I, O> = Record<never, never> extends I ? (data?: I) => Promise<O> : (data: I) => Promise<O>

type Client = {
  [F in FunctionName]: {
    [A in Act<F>]: Method<ActionInput<Fn<F>, A>, ActionOutput<Fn<F>, A>>
  }
}

/**
 * Methods made on first use from the names alone: the contracts stay types here, so that the
 * schemas of every function are not in the first download (a page that checks a form imports its own).
 */
function buildClient(): Client {
  // Not `then`: a client or one function's methods must never pass for a promise.
  const named = (key: string | symbol): key is string => typeof key === 'string' && key !== 'then'
  const methods = (functionName: string) =>
    new Proxy({} as Record<string, (data?: unknown) => Promise<unknown>>, {
      get: (made, action) => {
        if (!named(action)) return undefined
        made[action] ??= (data = {}) => call(functionName as FunctionName, action as never, data as never)
        return made[action]
      },
    })
  const functions: Record<string, ReturnType<typeof methods>> = {}
  return new Proxy(functions, {
    get: (made, functionName) => (named(functionName) ? (made[functionName] ??= methods(functionName)) : undefined),
  }) as unknown as Client
}

/** `api.account.me()`: one method per action of every contract. */
export const api = buildClient()

/**
 * Uploads a photo chosen with `Taro.chooseImage` (its temp file path) and answers the file id
 * `needs.raise` takes in `photos`, or throws `ApiError` with what to tell the person.
 */
export async function uploadPhoto(localPath: string): Promise<string> {
  return uploaded(localPath, 'needs', '照片没有传上去，请再试一次')
}

async function uploaded(localPath: string, folder: 'needs' | 'imports', failed: string): Promise<string> {
  try {
    return await upload(localPath, folder)
  } catch (cause) {
    // The local host refuses with the same error body a function answers; WeChat with an errMsg nobody should read.
    const refused = envelopeSchema.safeParse(cause)
    if (refused.success && !refused.data.ok) throw new ApiError(refused.data.error)
    throw new ApiError({ code: ErrorCode.INTERNAL, message: failed }, { cause })
  }
}

/**
 * Lets the person pick an xlsx and uploads it: the file id `community.importCommunities` takes, or
 * null when they chose none. One way into the function from the phone and the browser alike.
 */
export async function chooseAndUploadSheet(): Promise<string | null> {
  let localPath: string | null
  try {
    localPath = await chooseSheet()
  } catch (cause) {
    throw new ApiError({ code: ErrorCode.INTERNAL, message: '没有选上文件，请再试一次' }, { cause })
  }
  return localPath === null ? null : uploaded(localPath, 'imports', '表格没有传上去，请再试一次')
}

/** Opens an export (`reports.export`) by its short-lived link on this device, or throws `ApiError` with what to tell the person. */
export async function openExport(file: { url: string; fileName: string }): Promise<void> {
  try {
    await openFile(file.url, file.fileName)
  } catch (cause) {
    throw new ApiError({ code: ErrorCode.INTERNAL, message: '文件没有打开，请再试一次' }, { cause })
  }
}
