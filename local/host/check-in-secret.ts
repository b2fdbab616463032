/**
 * The check-in secret locally (decision 008). Generated once per data folder and kept in it, not a
 * fixed value in the repository: a known secret could be copied into a deployment by mistake, and
 * one kept with the data lets a lead's code on screen survive a restart of the host.
 */
import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { CHECK_IN_SECRET_ENV } from '../../server/activities/check-in-code'

export function localCheckInSecret(dataDir: string): Record<typeof CHECK_IN_SECRET_ENV, string> {
  const file = join(dataDir, 'check-in-secret')
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true })
    // wx: never overwrite a secret another process wrote first.
    try {
      writeFileSync(file, randomBytes(32).toString('base64url'), { mode: 0o600, flag: 'wx' })
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
    }
  }
  return { [CHECK_IN_SECRET_ENV]: readFileSync(file, 'utf8').trim() }
}
