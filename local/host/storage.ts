/**
 * A stand-in for CloudBase storage, for the local host only: the phone uploads a photo with
 * `wx.cloud.uploadFile` and gets a `cloud://…` file id; the browser demo posts the image to the
 * host and gets a `cloud://local/…` id of the same shape, which the functions store as they would
 * in production. Files live under `<dataDir>/storage/`, named by a random id, never by the caller.
 */
import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

/** Phones compress photos well under this; a bigger body is refused before it is stored. */
export const MAX_PHOTO_BYTES = 5 * 1024 * 1024

const extensionOf: Record<string, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp' }
const typeOf: Record<string, string> = Object.fromEntries(Object.entries(extensionOf).map(([type, ext]) => [ext, type]))
/** Exactly the names `save` hands out, so that no other path can be read. */
const storedName = /^[0-9a-f]{32}\.(jpg|png|webp)$/

/** The extension a photo of this content type is stored with, or undefined when it is no photo we take. */
export function photoExtension(contentType: string | undefined): string | undefined {
  return extensionOf[(contentType ?? '').split(';')[0].trim().toLowerCase()]
}

export function localStorage(dataDir: string) {
  const dir = join(dataDir, 'storage')
  mkdirSync(dir, { recursive: true })
  return {
    /** Stores the photo under a new random name and answers its file id. */
    save(ext: string, body: Buffer): string {
      const name = `${randomBytes(16).toString('hex')}.${ext}`
      writeFileSync(join(dir, name), body)
      return `cloud://local/${name}`
    },
    /** The file named `name`, or null for any name `save` could not have given out. */
    read(name: string): { type: string; body: Buffer } | null {
      const match = storedName.exec(name)
      if (!match || !existsSync(join(dir, name))) return null
      return { type: typeOf[match[1]], body: readFileSync(join(dir, name)) }
    },
  }
}
