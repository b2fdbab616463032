import { ErrorCode } from '../../../shared/errors'

let baseUrl = ''
let extraHeaders: Record<string, string> = {}

/**
 * Tests run outside the host's origin: they point the transport at it and act as a demo
 * person with the host's `X-Demo-Openid` header. The app itself never calls this.
 */
export function configureTransport(options: { baseUrl: string; headers?: Record<string, string> }): void {
  baseUrl = options.baseUrl.replace(/\/$/, '')
  extraHeaders = options.headers ?? {}
}

export async function send(functionName: string, action: string, data: unknown): Promise<unknown> {
  const response = await fetch(`${baseUrl}/api/${functionName}`, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'application/json', ...extraHeaders },
    body: JSON.stringify({ action, data }),
  })
  const body: unknown = await response.json()
  if (isUnauthenticated(body)) {
    // Nobody is signed in to the local host: its sign-in page lists the demo people.
    window.location.assign('/local/sign-in')
  }
  return body
}

function isUnauthenticated(body: unknown): boolean {
  return (
    typeof body === 'object' &&
    body !== null &&
    (body as { error?: { code?: unknown } }).error?.code === ErrorCode.UNAUTHENTICATED
  )
}
