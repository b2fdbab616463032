/**
 * Files in CloudBase storage: the photos residents upload (from the phone, by the client) and the
 * files functions make (report exports). Where the functions are assembled outside CloudBase (the
 * local host, the tests), `useStorage` plugs in a local folder instead (local/storage.ts,
 * docs/decisions/012); the functions themselves never choose.
 */
import { cloudbase } from './cloudbase'

export interface StoredFile {
  fileId: string
  /** Where a browser downloads it; on CloudBase a temporary link. */
  url: string
  expiresAt: Date
}

export interface FileStorage {
  /** Stores `content` at `cloudPath` and answers its id and a link to download it for `linkSeconds`. */
  store(cloudPath: string, ext: 'xlsx', content: Buffer, linkSeconds: number): Promise<Omit<StoredFile, 'expiresAt'>>
  /** Deletes the files; one already gone is no error. */
  remove(fileIds: string[]): Promise<void>
}

const cloudStorage: FileStorage = {
  async store(cloudPath, _ext, content, linkSeconds) {
    const app = cloudbase()
    const { fileID } = await app.uploadFile({ cloudPath, fileContent: content })
    const { fileList } = await app.getTempFileURL({ fileList: [{ fileID, maxAge: linkSeconds }] })
    const link = fileList[0]
    if (link?.code !== 'SUCCESS') throw new Error(`no download link for ${fileID}: ${link?.code}`)
    return { fileId: fileID, url: link.tempFileURL }
  },
  async remove(fileIds) {
    if (fileIds.length === 0) return
    const { fileList } = await cloudbase().deleteFile({ fileList: fileIds })
    const failed = fileList.filter((f) => f.code !== 'SUCCESS' && f.code !== 'STORAGE_FILE_NONEXIST')
    if (failed.length > 0) throw new Error(`could not delete ${failed.map((f) => `${f.fileID}: ${f.code}`).join(', ')}`)
  },
}

let storage: FileStorage = cloudStorage

/** Only where the functions are assembled outside CloudBase: the local host and the tests. */
export function useStorage(replacement: FileStorage): void {
  storage = replacement
}

/** How long a download link of an export lasts: long enough to open it on a computer. */
const LINK_SECONDS = 2 * 60 * 60

/** Stores a file a function made at `cloudPath` and answers its id and a download link. */
export async function storeFile(cloudPath: string, ext: 'xlsx', content: Buffer, now: Date): Promise<StoredFile> {
  const expiresAt = new Date(now.getTime() + LINK_SECONDS * 1000)
  return { ...(await storage.store(cloudPath, ext, content, LINK_SECONDS)), expiresAt }
}

/** Deletes files from storage: the photos of a person who closes their account. */
export async function removeFiles(fileIds: string[]): Promise<void> {
  await storage.remove(fileIds)
}
