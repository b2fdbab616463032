/**
 * The rotating check-in code the lead shows at an activity (decision 008). Each minute has its own
 * code: HMAC-SHA256 over (activity, purpose, minute) with a secret only the functions hold, so a
 * client can neither forge one nor make an old one live again. The QR payload carries the fields
 * and the signature; the 6-digit short code, for typing on H5, is cut from the same HMAC.
 *
 * One code is shared by everyone at the event, so the code alone cannot stop a person using it
 * twice: the function layer records each (activity, person, purpose) once and answers a repeat
 * with the first record. It must also limit short-code attempts per person, since six digits
 * can be guessed where a signature cannot.
 */
import { createHmac, timingSafeEqual } from 'node:crypto'

export type CheckInPurpose = 'check_in' | 'check_out'

/** The function environment variable that holds the secret in production. */
export const CHECK_IN_SECRET_ENV = 'LINLI_CHECKIN_SECRET'
/** 32 characters of random text at least: a short secret could be found from codes seen at events. */
const MIN_SECRET_LENGTH = 32

const WINDOW_MS = 60_000
/** The signature in the QR is cut to 128 bits: still unforgeable, and a sparser QR scans better off a phone screen. */
const SIGNATURE_BYTES = 16
const PAYLOAD_PREFIX = 'LLCI1'
/** How far back a typed short code is recognised as expired (rather than wrong), to tell the person why. */
const EXPIRED_LOOKBACK_MINUTES = 10

/** The secret from the environment; a missing or short one stops the function rather than signing weakly. */
export function checkInSecretFrom(env: Record<string, string | undefined>): string {
  const secret = env[CHECK_IN_SECRET_ENV]
  if (!secret || secret.length < MIN_SECRET_LENGTH)
    throw new Error(`${CHECK_IN_SECRET_ENV} must be set to at least ${MIN_SECRET_LENGTH} characters`)
  return secret
}

const windowOf = (now: Date) => Math.floor(now.getTime() / WINDOW_MS)

/** Document ids as CloudBase makes them: no dot (the payload's separator) and no newline (the MAC's). */
const ACTIVITY_ID = /^[A-Za-z0-9_-]{1,64}$/

function mac(secret: string, activityId: string, purpose: CheckInPurpose, window: number): Buffer {
  if (secret.length < MIN_SECRET_LENGTH) throw new Error('check-in secret too short')
  if (!ACTIVITY_ID.test(activityId)) throw new Error('activity id unfit for a check-in code')
  // Newline-separated fields that cannot hold a newline: no two inputs sign the same text.
  return createHmac('sha256', secret).update(`check-in\n${activityId}\n${purpose}\n${window}`).digest()
}

/** RFC 4226's dynamic truncation: six decimal digits spread evenly from the HMAC. */
function shortCodeOf(digest: Buffer): string {
  const offset = digest[digest.length - 1] & 0x0f
  return String((digest.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).padStart(6, '0')
}

const signatureOf = (digest: Buffer) => digest.subarray(0, SIGNATURE_BYTES).toString('base64url')

/** Equal strings, compared in constant time so a forger learns nothing from how long a refusal takes. */
function same(a: string, b: string): boolean {
  const x = Buffer.from(a)
  const y = Buffer.from(b)
  return x.length === y.length && timingSafeEqual(x, y)
}

interface CheckInCode {
  /** What the QR code encodes: `LLCI1.<activityId>.<purpose>.<minute>.<signature>`. */
  qrPayload: string
  shortCode: string
  /** When the lead's screen should show the next code. */
  rotatesAt: Date
  /** When this code stops being accepted: one minute after it rotates, for a scan begun just before. */
  expiresAt: Date
}

export function issueCheckInCode(input: { activityId: string; purpose: CheckInPurpose; secret: string; now: Date }): CheckInCode {
  const window = windowOf(input.now)
  const digest = mac(input.secret, input.activityId, input.purpose, window)
  return {
    qrPayload: [PAYLOAD_PREFIX, input.activityId, input.purpose, window, signatureOf(digest)].join('.'),
    shortCode: shortCodeOf(digest),
    rotatesAt: new Date((window + 1) * WINDOW_MS),
    expiresAt: new Date((window + 2) * WINDOW_MS),
  }
}

/**
 * `forged`: not signed with our secret, or not a code at all. `expired`: genuine but older than the
 * previous minute. `other_activity` / `other_purpose`: a genuine QR for another activity, or the
 * check-out code scanned to check in (or the reverse), so the page can say which.
 */
export type CheckInVerdict = { ok: true } | { ok: false; reason: 'forged' | 'expired' | 'other_activity' | 'other_purpose' }

type Presented = { payload: string; shortCode?: never } | { shortCode: string; payload?: never }

export function verifyCheckInCode(
  input: Presented & { activityId: string; purpose: CheckInPurpose; secret: string; now: Date },
): CheckInVerdict {
  const current = windowOf(input.now)
  return input.payload !== undefined ? verifyPayload(input.payload, input, current) : verifyShortCode(input.shortCode, input, current)
}

function verifyPayload(
  payload: string,
  expected: { activityId: string; purpose: CheckInPurpose; secret: string },
  current: number,
): CheckInVerdict {
  const parts = payload.trim().split('.')
  if (parts.length !== 5 || parts[0] !== PAYLOAD_PREFIX) return { ok: false, reason: 'forged' }
  const [, activityId, purpose, windowText, signature] = parts
  if (!ACTIVITY_ID.test(activityId) || (purpose !== 'check_in' && purpose !== 'check_out') || !/^\d{1,15}$/.test(windowText)) {
    return { ok: false, reason: 'forged' }
  }
  const window = Number(windowText)
  // The signature is checked against the payload's own fields first, so "another activity" is only
  // ever said of a code we really issued.
  if (!same(signature, signatureOf(mac(expected.secret, activityId, purpose, window)))) return { ok: false, reason: 'forged' }
  if (activityId !== expected.activityId) return { ok: false, reason: 'other_activity' }
  if (purpose !== expected.purpose) return { ok: false, reason: 'other_purpose' }
  // Both ends are our functions on one clock: a code from a later minute was never issued.
  if (window > current) return { ok: false, reason: 'forged' }
  return window >= current - 1 ? { ok: true } : { ok: false, reason: 'expired' }
}

function verifyShortCode(
  shortCode: string,
  expected: { activityId: string; purpose: CheckInPurpose; secret: string },
  current: number,
): CheckInVerdict {
  const typed = shortCode.replace(/\s/g, '')
  if (!/^\d{6}$/.test(typed)) return { ok: false, reason: 'forged' }
  const codeAt = (window: number) => shortCodeOf(mac(expected.secret, expected.activityId, expected.purpose, window))
  if (same(typed, codeAt(current)) || same(typed, codeAt(current - 1))) return { ok: true }
  for (let back = 2; back <= EXPIRED_LOOKBACK_MINUTES; back++) {
    if (same(typed, codeAt(current - back))) return { ok: false, reason: 'expired' }
  }
  return { ok: false, reason: 'forged' }
}
