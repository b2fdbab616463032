/**
 * CloudBase storage as the local host and the tests plug it in (local/replacements.ts): one folder,
 * files under random names with `cloud://local/` ids, served by the local host at
 * /local/storage/<name> only through a signed link that has not expired, as CloudBase serves a
 * private file only through a temporary link (local/host/storage.ts, docs/decisions/035). Never deployed.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { now } from '../server/clock'
import type { FileStorage } from '../server/data/files'

export const LOCAL_FILE_ID = 'cloud://local/'

/** Where the host serves a stored file. */
export const LOCAL_FILE_PATH = '/local/storage/'

const contentTypes: Record<string, string> = {
  jpg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
}
/** Exactly the names `save` hands out, so that no other path can be read. */
const storedName = /^[0-9a-f]{32}\.(jpg|png|webp|xlsx)$/

/** Signs the links; kept in the folder, so the host and the functions it runs (in any process) agree. */
const KEY_FILE = '.link-key'

export type Served = { status: 200; type: string; body: Buffer } | { status: 403 | 404 }

/** One folder, random names, never a name the caller chose. */
export function localFiles(dir: string) {
  mkdirSync(dir, { recursive: true })
  const keyPath = join(dir, KEY_FILE)
  try {
    writeFileSync(keyPath, randomBytes(32), { mode: 0o600, flag: 'wx' })
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
  }
  const key = readFileSync(keyPath)
  const signature = (name: string, t: string) => createHmac('sha256', key).update(`${name}\n${t}`).digest()
  const read = (name: string): Buffer | null =>
    storedName.test(name) && existsSync(join(dir, name)) ? readFileSync(join(dir, name)) : null

  return {
    /** Stores the content under a new random name and answers its file id. */
    save(ext: keyof typeof contentTypes, body: Buffer): string {
      const name = `${randomBytes(16).toString('hex')}.${ext}`
      writeFileSync(join(dir, name), body)
      return `${LOCAL_FILE_ID}${name}`
    },
    /**
     * A link to the file that works until `expiresAt` (CloudBase's `?sign=…&t=…` shape), or null when
     * no such file is stored, as getTempFileURL answers STORAGE_FILE_NONEXIST.
     */
    link(fileId: string, expiresAt: Date): string | null {
      const name = fileId.startsWith(LOCAL_FILE_ID) ? fileId.slice(LOCAL_FILE_ID.length) : ''
      if (!storedName.test(name) || !existsSync(join(dir, name))) return null
      const t = String(Math.floor(expiresAt.getTime() / 1000))
      return `${LOCAL_FILE_PATH}${name}?sign=${signature(name, t).toString('hex')}&t=${t}`
    },
    /**
     * The file `name` for a request with `query`, at `at`: 404 for a name `save` could not have given
     * out, 403 unless the link's signature is ours and it has not expired, 404 when the file is gone.
     */
    serve(name: string, query: URLSearchParams, at: Date): Served {
      const match = storedName.exec(name)
      if (!match) return { status: 404 }
      const t = query.get('t') ?? ''
      const given = Buffer.from(query.get('sign') ?? '', 'hex')
      const expected = signature(name, t)
      const signed = /^\d+$/.test(t) && given.length === expected.length && timingSafeEqual(given, expected)
      if (!signed || Number(t) * 1000 <= at.getTime()) return { status: 403 }
      const body = read(name)
      return body ? { status: 200, type: contentTypes[match[1]], body } : { status: 404 }
    },
    /** The content of the file `name`, when `save` gave it out and it is still there: for functions, which read as admin. */
    read,
    /** Deletes the file `name`, if `save` could have given it out. */
    remove(name: string): void {
      if (storedName.test(name)) rmSync(join(dir, name), { force: true })
    },
  }
}

/** The functions' view of the folder: links expire `seconds` after the one clock's now, as CloudBase's do after its own. Sheets to import are read from it. */
export function localFileStorage(dir: string): FileStorage {
  const files = localFiles(dir)
  return {
    async store(_cloudPath, ext, content) {
      return files.save(ext, content)
    },
    async links(fileIds, seconds) {
      const expiresAt = new Date(now().getTime() + seconds * 1000)
      return new Map(
        fileIds.flatMap((fileId) => {
          const url = files.link(fileId, expiresAt)
          return url ? [[fileId, url] as const] : []
        }),
      )
    },
    async remove(fileIds) {
      for (const fileId of fileIds) if (fileId.startsWith(LOCAL_FILE_ID)) files.remove(fileId.slice(LOCAL_FILE_ID.length))
    },
    // The browser demo posts a sheet to the host (local/host/storage.ts) as the phone uploads it: only an xlsx is read.
    async readImport(fileId) {
      if (!fileId.startsWith(LOCAL_FILE_ID) || !fileId.endsWith('.xlsx')) return null
      return files.read(fileId.slice(LOCAL_FILE_ID.length))
    },
  }
}
