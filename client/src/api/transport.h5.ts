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

/**
 * The local host's stand-in for CloudBase storage. chooseImage on H5 gives a blob: URL for each
 * file, which holds the file's own content type; the host refuses what is not a photo and says why.
 */
export async function upload(localPath: string): Promise<string> {
  const image = await (await fetch(localPath)).blob()
  const response = await fetch(`${baseUrl}/local/storage`, {
    method: 'POST',
    headers: { 'content-type': image.type, ...extraHeaders },
    body: image,
  })
  const body: unknown = await response.json()
  const fileID = (body as { fileID?: unknown }).fileID
  if (typeof fileID === 'string') return fileID
  throw body
}

export async function openFile(url: string, fileName: string): Promise<void> {
  const link = document.createElement('a')
  // The local host's links are its own paths.
  link.href = url.startsWith('/') ? `${baseUrl}${url}` : url
  link.download = fileName
  document.body.appendChild(link)
  link.click()
  link.remove()
}

function isUnauthenticated(body: unknown): boolean {
  return typeof body === 'object' && body !== null && (body as { error?: { code?: unknown } }).error?.code === ErrorCode.UNAUTHENTICATED
}
