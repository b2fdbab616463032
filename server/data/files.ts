/**
 * Files in CloudBase storage: the photos residents upload (from the phone, by the client) and the
 * files functions make (report exports). Locally there is no CloudBase storage: the local host and
 * the tests set LINLI_STORAGE_DIR, and files live in that folder under random names with
 * `cloud://local/` ids, served by the local host at /local/storage/<name> (docs/decisions/012).
 */
import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { cloudbase } from './cloudbase'

export const LOCAL_FILE_ID = 'cloud://local/'

const contentTypes: Record<string, string> = {
  jpg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
}
/** Exactly the names `save` hands out, so that no other path can be read. */
const storedName = /^[0-9a-f]{32}\.(jpg|png|webp|xlsx)$/

/** The local stand-in for storage: one folder, random names, never a name the caller chose. */
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
  }
}

export interface StoredFile {
  fileId: string
  /** Where a browser downloads it; on CloudBase a temporary link. */
  url: string
  expiresAt: Date
}

/** How long a download link of an export lasts: long enough to open it on a computer. */
const LINK_SECONDS = 2 * 60 * 60

/** Stores a file a function made at `cloudPath` (CloudBase) and answers its id and a download link. */
export async function storeFile(cloudPath: string, ext: 'xlsx', content: Buffer, now: Date): Promise<StoredFile> {
  const expiresAt = new Date(now.getTime() + LINK_SECONDS * 1000)
  const localDir = process.env.LINLI_STORAGE_DIR
  if (localDir) {
    const fileId = localFiles(localDir).save(ext, content)
    return { fileId, url: `/local/storage/${fileId.slice(LOCAL_FILE_ID.length)}`, expiresAt }
  }
  const app = cloudbase()
  const { fileID } = await app.uploadFile({ cloudPath, fileContent: content })
  const { fileList } = await app.getTempFileURL({ fileList: [{ fileID, maxAge: LINK_SECONDS }] })
  const link = fileList[0]
  if (link?.code !== 'SUCCESS') throw new Error(`no download link for ${fileID}: ${link?.code}`)
  return { fileId: fileID, url: link.tempFileURL, expiresAt }
}
