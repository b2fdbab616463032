/**
 * A stand-in for CloudBase storage, for the local host only: the phone uploads a photo with
 * `wx.cloud.uploadFile` and gets a `cloud://…` file id; the browser demo posts the image to the
 * host and gets a `cloud://local/…` id of the same shape, which the functions store as they would
 * in production. Files live under `<dataDir>/storage/`, named by a random id, never by the caller;
 * the functions' own files (report exports) are written to the same folder (local/storage.ts). A file
 * is served only through a signed link a function made, until it expires on the one clock (decision 035).
 */
import { join } from 'node:path'
import { localFiles } from '../storage'

/** Phones compress photos well under this; a bigger body is refused before it is stored. */
export const MAX_PHOTO_BYTES = 5 * 1024 * 1024

const extensionOf: Record<string, 'jpg' | 'png' | 'webp'> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp' }

/** The extension a photo of this content type is stored with, or undefined when it is no photo we take. */
export function photoExtension(contentType: string | undefined): 'jpg' | 'png' | 'webp' | undefined {
  return extensionOf[(contentType ?? '').split(';')[0].trim().toLowerCase()]
}

/** The folder the host keeps files in; the functions it runs are pointed at it too. */
export const storageDir = (dataDir: string) => join(dataDir, 'storage')

export const localStorage = (dataDir: string) => localFiles(storageDir(dataDir))
