/**
 * Files in CloudBase storage: the photos residents upload (from the phone, by the client) and the
 * files functions make (report exports). Nobody but a photo's uploader reads a file by its id
 * (storage-rule.json): everyone else gets a short-lived link, made per request by a function that
 * checked access (docs/decisions/035). Where the functions are assembled outside CloudBase (the
 * local host, the tests), `useStorage` plugs in a local folder instead (local/storage.ts,
 * docs/decisions/012); the functions themselves never choose.
 */
import { now } from '../clock'
import { cloudbase } from './cloudbase'

/** What functions make: report exports, and certificates' mini-program codes. */
export type StoredExtension = 'xlsx' | 'png'

/** A link to a stored file, good until `expiresAt`. */
export interface FileLink {
  url: string
  expiresAt: Date
}

export interface StoredFile extends FileLink {
  fileId: string
}

export interface FileStorage {
  /** Stores `content` at `cloudPath` and answers its file id. */
  store(cloudPath: string, ext: StoredExtension, content: Buffer): Promise<string>
  /** A link per file id that works for `seconds`; a file that is not stored gets none. */
  links(fileIds: readonly string[], seconds: number): Promise<Map<string, string>>
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

/** getTempFileURL takes at most this many files a call. */
const LINKS_PER_CALL = 50

const cloudStorage: FileStorage = {
  async store(cloudPath, _ext, content) {
    const { fileID } = await cloudbase().uploadFile({ cloudPath, fileContent: content })
    return fileID
  },
  async links(fileIds, seconds) {
    const links = new Map<string, string>()
    for (let i = 0; i < fileIds.length; i += LINKS_PER_CALL) {
      const fileList = fileIds.slice(i, i + LINKS_PER_CALL).map((fileID) => ({ fileID, maxAge: seconds }))
      const answer = await cloudbase().getTempFileURL({ fileList })
      for (const link of answer.fileList) {
        if (link.code === 'SUCCESS' && link.tempFileURL) links.set(link.fileID, link.tempFileURL)
        else console.error(`[files] no link for ${link.fileID}: ${link.code}`)
      }
    }
    return links
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
const EXPORT_LINK_SECONDS = 2 * 60 * 60

/**
 * How long a photo's link lasts: a page is looked at for minutes, and each load (also on coming
 * back to the page) makes new links, so access taken away holds within this time.
 */
export const PHOTO_LINK_SECONDS = 10 * 60

/** Links to `fileIds` that work for `seconds`, by file id; a file no longer stored has none. */
export async function fileLinks(fileIds: readonly string[], seconds: number): Promise<Map<string, FileLink>> {
  const unique = [...new Set(fileIds)]
  if (unique.length === 0) return new Map()
  const expiresAt = new Date(now().getTime() + seconds * 1000)
  const urls = await storage.links(unique, seconds)
  return new Map([...urls].map(([fileId, url]) => [fileId, { url, expiresAt }]))
}

/** Stores a file a function made at `cloudPath` and answers its id and a download link. */
export async function storeFile(cloudPath: string, ext: StoredExtension, content: Buffer): Promise<StoredFile> {
  const fileId = await storage.store(cloudPath, ext, content)
  const link = (await fileLinks([fileId], EXPORT_LINK_SECONDS)).get(fileId)
  if (!link) throw new Error(`no download link for ${fileId}`)
  return { fileId, ...link }
}

/** Deletes files from storage: the photos of a person who closes their account. */
export async function removeFiles(fileIds: string[]): Promise<void> {
  await storage.remove(fileIds)
}

/** The sheet a person uploaded to import, or null (see `FileStorage.readImport`). */
export async function readImportedSheet(fileId: string): Promise<Buffer | null> {
  return storage.readImport(fileId)
}
