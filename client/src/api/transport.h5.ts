import { ErrorCode } from '../../../shared/errors'
import { publicPages } from '../app-pages'

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
  if (isUnauthenticated(body) && !onPublicPage()) {
    // Nobody is signed in to the local host: its sign-in page lists the demo people.
    window.location.assign('/local/sign-in')
  }
  return body
}

/** A public page (hash routing: `#/pages/…`) shows what it can to whoever opened it, signed in or not. */
const onPublicPage = () => publicPages.some((page) => window.location.hash.startsWith(`#/${page}`))

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

/**
 * The local host's stand-in for CloudBase storage (one place for photos and sheets alike: the
 * folder only matters in CloudBase). chooseImage and chooseSheet on H5 give a blob: URL for each
 * file, which holds the file's own content type; the host refuses what it does not take and says why.
 */
export async function upload(localPath: string, _folder: 'needs' | 'imports'): Promise<string> {
  const file = await (await fetch(localPath)).blob()
  const response = await fetch(`${baseUrl}/local/storage`, {
    method: 'POST',
    headers: { 'content-type': file.type, ...extraHeaders },
    body: file,
  })
  const body: unknown = await response.json()
  const fileID = (body as { fileID?: unknown }).fileID
  if (typeof fileID === 'string') return fileID
  throw body
}

/** A file input, as the browser has no WeChat chats to pick from; its blob: URL keeps the sheet's type for `upload`. */
export function chooseSheet(): Promise<string | null> {
  return new Promise((chosen) => {
    const input = document.createElement('input')
    input.type = 'file'
    input.accept = `.xlsx,${XLSX_TYPE}`
    input.style.display = 'none'
    input.addEventListener('change', () => {
      const file = input.files?.[0]
      input.remove()
      // Some systems give an xlsx no type: named .xlsx, it is sent as one, and the function reads whether it is.
      chosen(file ? URL.createObjectURL(file.type ? file : new Blob([file], { type: XLSX_TYPE })) : null)
    })
    input.addEventListener('cancel', () => {
      input.remove()
      chosen(null)
    })
    document.body.appendChild(input)
    input.click()
  })
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
