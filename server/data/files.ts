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
  /**
   * The content of a sheet a person uploaded to import (`imports/…xlsx`), or null when there is no
   * such file, or the id names any other file: a caller cannot have a function read someone's export.
   */
  readImport(fileId: string): Promise<Buffer | null>
}

/** Where the mini-program uploads sheets to import (client/src/api/transport.weapp.ts). */
const IMPORT_FILE_ID = /^cloud:\/\/[^/]+\/imports\/[^?#]+\.xlsx$/

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
  async readImport(fileId) {
    if (!IMPORT_FILE_ID.test(fileId)) return null
    try {
      const { fileContent } = await cloudbase().downloadFile({ fileID: fileId })
      if (fileContent === undefined) return null
      return typeof fileContent === 'string' ? Buffer.from(fileContent, 'binary') : fileContent
    } catch (error) {
      // Gone or never there reads as no file; anything else is a fault worth seeing.
      if (String((error as { code?: unknown }).code ?? error).includes('NONEXIST')) return null
      throw error
    }
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

/** The sheet a person uploaded to import, or null (see `FileStorage.readImport`). */
export async function readImportedSheet(fileId: string): Promise<Buffer | null> {
  return storage.readImport(fileId)
}
