import { LOCAL_FILE_ID, localFiles, LOCAL_FILE_PATH, type Served } from '../../local/storage'

/** An 8 × 8 red PNG: a real image (the browser decodes it) small enough to read in a test. */
export const tinyPng = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAgAAAAICAIAAABLbSncAAAAEUlEQVR4nGM4YKmNFTEMLQkAq6xJAUhOevcAAAAASUVORK5CYII=',
  'base64',
)

/** What the local host would answer, at `at`, for a link a function made to a file in `storageDir`. */
export function servedLink(storageDir: string, url: string, at: Date): Served {
  const link = new URL(url, 'http://local.host')
  expect(link.pathname.startsWith(LOCAL_FILE_PATH)).toBe(true)
  return localFiles(storageDir).serve(link.pathname.slice(LOCAL_FILE_PATH.length), link.searchParams, at)
}

/** The body behind a link that must work at `at`. */
export function linkedBody(storageDir: string, url: string, at: Date): Buffer {
  const served = servedLink(storageDir, url, at)
  if (served.status !== 200) throw new Error(`${url} answered ${served.status}`)
  return served.body
}

/** A photo as the phone's upload leaves it in `storageDir`; answers its file id. */
export const storedPhoto = (storageDir: string, ext: 'jpg' | 'png' = 'jpg') => localFiles(storageDir).save(ext, tinyPng)

/** The file ids behind links a function answered, each checked to serve its photo at `at`. */
export function filesBehind(storageDir: string, links: readonly { url: string }[] | undefined, at: Date): string[] {
  return (links ?? []).map(({ url }) => {
    expect(linkedBody(storageDir, url, at).equals(tinyPng)).toBe(true)
    return `${LOCAL_FILE_ID}${new URL(url, 'http://local.host').pathname.slice(LOCAL_FILE_PATH.length)}`
  })
}
