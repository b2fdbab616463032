/**
 * A stand-in for CloudBase storage, for the local host only: the phone uploads a photo (or a sheet
 * to import) with `wx.cloud.uploadFile` and gets a `cloud://…` file id; the browser demo posts the
 * file to the host and gets a `cloud://local/…` id of the same shape, which the functions store as they would
 * in production. Files live under `<dataDir>/storage/`, named by a random id, never by the caller;
 * the functions' own files (report exports) are written to the same folder (local/storage.ts). A file
 * is served only through a signed link a function made, until it expires on the one clock (decision 035).
 */
import { join } from 'node:path'
import { localFiles } from '../storage'

/** Phones compress photos well under this, and an office's list of communities is far smaller; a bigger body is refused before it is stored. */
export const MAX_UPLOAD_BYTES = 5 * 1024 * 1024

/** Photos of needs, and sheets of communities to import (decision 034): nothing else is taken. */
const extensionOf: Record<string, 'jpg' | 'png' | 'webp' | 'xlsx'> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
}

/** The extension an upload of this content type is stored with, or undefined when it is nothing we take. */
export function uploadExtension(contentType: string | undefined): 'jpg' | 'png' | 'webp' | 'xlsx' | undefined {
  return extensionOf[(contentType ?? '').split(';')[0].trim().toLowerCase()]
}

/** The folder the host keeps files in; the functions it runs are pointed at it too. */
export const storageDir = (dataDir: string) => join(dataDir, 'storage')

export const localStorage = (dataDir: string) => localFiles(storageDir(dataDir))
