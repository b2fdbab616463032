/**
 * CloudBase storage as the local host and the tests plug it in (local/replacements.ts): one folder,
 * files under random names with `cloud://local/` ids, served by the local host at
 * /local/storage/<name> (local/host/storage.ts). Never deployed.
 */
import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { FileStorage } from '../server/data/files'

export const LOCAL_FILE_ID = 'cloud://local/'

const contentTypes: Record<string, string> = {
  jpg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
}
/** Exactly the names `save` hands out, so that no other path can be read. */
const storedName = /^[0-9a-f]{32}\.(jpg|png|webp|xlsx)$/

/** One folder, random names, never a name the caller chose. */
export function localFiles(dir: string) {
  mkdirSync(dir, { recursive: true })
  return {
    /** Stores the content under a new random name and answers its file id. */
    save(ext: keyof typeof contentTypes, body: Buffer): string {
      const name = `${randomBytes(16).toString('hex')}.${ext}`
      writeFileSync(join(dir, name), body)
      return `${LOCAL_FILE_ID}${name}`
    },
    /** The file named `name`, or null for any name `save` could not have given out. */
    read(name: string): { type: string; body: Buffer } | null {
      const match = storedName.exec(name)
      if (!match || !existsSync(join(dir, name))) return null
      return { type: contentTypes[match[1]], body: readFileSync(join(dir, name)) }
    },
    /** Deletes the file `name`, if `save` could have given it out. */
    remove(name: string): void {
      if (storedName.test(name)) rmSync(join(dir, name), { force: true })
    },
  }
}

/** The functions' files (report exports) in the folder, downloaded from the local host; links do not expire. Sheets to import are read from it. */
export function localFileStorage(dir: string): FileStorage {
  const files = localFiles(dir)
  return {
    async store(_cloudPath, ext, content) {
      const fileId = files.save(ext, content)
      return { fileId, url: `/local/storage/${fileId.slice(LOCAL_FILE_ID.length)}` }
    },
    async remove(fileIds) {
      for (const fileId of fileIds) if (fileId.startsWith(LOCAL_FILE_ID)) files.remove(fileId.slice(LOCAL_FILE_ID.length))
    },
    // The browser demo posts a sheet to the host (local/host/storage.ts) as the phone uploads it: only an xlsx is read.
    async readImport(fileId) {
      if (!fileId.startsWith(LOCAL_FILE_ID) || !fileId.endsWith('.xlsx')) return null
      return files.read(fileId.slice(LOCAL_FILE_ID.length))?.body ?? null
    },
  }
}
