import { createHmac } from 'node:crypto'
import {
  CHECK_IN_SECRET_ENV,
  checkInSecretFrom,
  issueCheckInCode,
  verifyCheckInCode,
  type CheckInPurpose,
} from '../../server/activities/check-in-code'

const secret = 'test-secret-0123456789abcdef0123456789abcdef'
const otherSecret = 'another-secret-0123456789abcdef0123456789'
const activityId = 'act001'
/** 10:00:15 Shanghai: a quarter of the way into its minute. */
const issuedAt = new Date('2026-05-01T10:00:15+08:00')
const later = (ms: number) => new Date(issuedAt.getTime() + ms)

const issue = (purpose: CheckInPurpose = 'check_in', now = issuedAt, id = activityId) =>
  issueCheckInCode({ activityId: id, purpose, secret, now })
const verifyPayload = (payload: string, now: Date, purpose: CheckInPurpose = 'check_in', id = activityId) =>
  verifyCheckInCode({ payload, activityId: id, purpose, secret, now })
const verifyShort = (shortCode: string, now: Date, purpose: CheckInPurpose = 'check_in', id = activityId) =>
  verifyCheckInCode({ shortCode, activityId: id, purpose, secret, now })

describe('issueCheckInCode', () => {
  it('carries activity, purpose, minute and signature, with a 6-digit short code', () => {
    const code = issue()
    const minute = Math.floor(issuedAt.getTime() / 60_000)
    expect(code.qrPayload).toMatch(new RegExp(`^LLCI1\\.act001\\.check_in\\.${minute}\\.[A-Za-z0-9_-]{22}$`))
    expect(code.shortCode).toMatch(/^\d{6}$/)
  })

  it('rotates at the next minute and stops being accepted a minute after that', () => {
    const code = issue()
    expect(code.rotatesAt).toEqual(new Date('2026-05-01T10:01:00+08:00'))
    expect(code.expiresAt).toEqual(new Date('2026-05-01T10:02:00+08:00'))
  })

  it('is the same throughout a minute and different in the next, for each purpose and activity', () => {
    expect(issue('check_in', later(40_000))).toEqual(issue())
    const codes = [issue(), issue('check_in', later(60_000)), issue('check_out'), issue('check_in', issuedAt, 'act002')]
    expect(new Set(codes.map((c) => c.qrPayload)).size).toBe(4)
    expect(new Set(codes.map((c) => c.shortCode)).size).toBe(4)
  })

  it('refuses a short secret and an id that would not survive the payload', () => {
    expect(() => issueCheckInCode({ activityId, purpose: 'check_in', secret: 'short', now: issuedAt })).toThrow()
    expect(() => issue('check_in', issuedAt, 'a.b')).toThrow()
    expect(() => issue('check_in', issuedAt, 'a\nb')).toThrow()
  })
})

describe('verifyCheckInCode with the QR payload', () => {
  it('accepts the code in its own minute and the next (a scan begun just before it rotated)', () => {
    const { qrPayload } = issue()
    expect(verifyPayload(qrPayload, issuedAt)).toEqual({ ok: true })
    expect(verifyPayload(qrPayload, later(44_999))).toEqual({ ok: true }) // 10:00:59.999
    expect(verifyPayload(qrPayload, later(104_999))).toEqual({ ok: true }) // 10:01:59.999
  })

  it('calls it expired from two minutes on', () => {
    const { qrPayload, expiresAt } = issue()
    expect(verifyPayload(qrPayload, expiresAt)).toEqual({ ok: false, reason: 'expired' })
    expect(verifyPayload(qrPayload, later(3600_000))).toEqual({ ok: false, reason: 'expired' })
  })

  it('calls a changed signature, minute, activity or purpose forged', () => {
    const { qrPayload } = issue()
    const [prefix, id, purpose, minute, signature] = qrPayload.split('.')
    const flipped = (signature[0] === 'A' ? 'B' : 'A') + signature.slice(1)
    expect(verifyPayload([prefix, id, purpose, minute, flipped].join('.'), issuedAt)).toEqual({ ok: false, reason: 'forged' })
    // Moving an old code into the current minute does not make it live again.
    const old = issue('check_in', later(-5 * 60_000)).qrPayload.split('.')
    expect(verifyPayload([...old.slice(0, 3), minute, old[4]].join('.'), issuedAt)).toEqual({ ok: false, reason: 'forged' })
    // Relabelling a genuine code for another activity or purpose breaks its signature.
    expect(verifyPayload([prefix, 'act002', purpose, minute, signature].join('.'), issuedAt, 'check_in', 'act002')).toEqual({
      ok: false,
      reason: 'forged',
    })
    expect(verifyPayload([prefix, id, 'check_out', minute, signature].join('.'), issuedAt, 'check_out')).toEqual({
      ok: false,
      reason: 'forged',
    })
  })

  it('calls a code signed with another secret forged, even in the right shape', () => {
    const { qrPayload } = issueCheckInCode({ activityId, purpose: 'check_in', secret: otherSecret, now: issuedAt })
    expect(verifyPayload(qrPayload, issuedAt)).toEqual({ ok: false, reason: 'forged' })
  })

  it('calls a full-length HMAC over the fields forged: only our 128-bit cut in our format is a code', () => {
    const minute = Math.floor(issuedAt.getTime() / 60_000)
    const full = createHmac('sha256', secret).update(`check-in\n${activityId}\ncheck_in\n${minute}`).digest('base64url')
    expect(verifyPayload(`LLCI1.${activityId}.check_in.${minute}.${full}`, issuedAt)).toEqual({ ok: false, reason: 'forged' })
  })

  it('calls a code from a later minute forged: no function has issued it yet', () => {
    const { qrPayload } = issue('check_in', later(60_000))
    expect(verifyPayload(qrPayload, issuedAt)).toEqual({ ok: false, reason: 'forged' })
  })

  it('says when a genuine code is for another activity or the other purpose', () => {
    expect(verifyPayload(issue('check_in', issuedAt, 'act002').qrPayload, issuedAt)).toEqual({ ok: false, reason: 'other_activity' })
    expect(verifyPayload(issue('check_out').qrPayload, issuedAt, 'check_in')).toEqual({ ok: false, reason: 'other_purpose' })
    expect(verifyPayload(issue('check_in').qrPayload, issuedAt, 'check_out')).toEqual({ ok: false, reason: 'other_purpose' })
  })

  it.each([
    '',
    'hello',
    'LLCI1.act001.check_in.1.x.y',
    'LLCI2.act001.check_in.1.abc',
    'LLCI1.act001.sign.1.abc',
    'LLCI1.act001.check_in.-1.abc',
    'LLCI1..check_in.1.abc',
  ])('calls %j forged', (payload) => expect(verifyPayload(payload, issuedAt)).toEqual({ ok: false, reason: 'forged' }))
})

describe('verifyCheckInCode with the typed short code', () => {
  it('accepts it in its own minute and the next, with spaces typed around or inside it', () => {
    const { shortCode } = issue()
    expect(verifyShort(shortCode, issuedAt)).toEqual({ ok: true })
    expect(verifyShort(` ${shortCode.slice(0, 3)} ${shortCode.slice(3)} `, later(60_000))).toEqual({ ok: true })
  })

  it('calls it expired from two minutes on, and forged long after (it is no longer recognised)', () => {
    const { shortCode } = issue()
    expect(verifyShort(shortCode, later(105_000))).toEqual({ ok: false, reason: 'expired' })
    expect(verifyShort(shortCode, later(9 * 60_000))).toEqual({ ok: false, reason: 'expired' })
    expect(verifyShort(shortCode, later(24 * 3600_000))).toEqual({ ok: false, reason: 'forged' })
  })

  it('refuses the code of a later minute, of another activity and of the other purpose', () => {
    expect(verifyShort(issue('check_in', later(60_000)).shortCode, issuedAt)).toEqual({ ok: false, reason: 'forged' })
    expect(verifyShort(issue('check_in', issuedAt, 'act002').shortCode, issuedAt)).toEqual({ ok: false, reason: 'forged' })
    expect(verifyShort(issue('check_out').shortCode, issuedAt, 'check_in')).toEqual({ ok: false, reason: 'forged' })
  })

  it('refuses a code made with another secret and anything that is not six digits', () => {
    const foreign = issueCheckInCode({ activityId, purpose: 'check_in', secret: otherSecret, now: issuedAt }).shortCode
    expect(verifyShort(foreign, issuedAt)).toEqual({ ok: false, reason: 'forged' })
    for (const typed of ['', '12345', '1234567', '12a456', '１２３４５６'])
      expect(verifyShort(typed, issuedAt)).toEqual({ ok: false, reason: 'forged' })
  })

  it('spreads short codes over the six digits (no obvious bias a guesser could use)', () => {
    const codes = Array.from({ length: 2000 }, (_, i) => issue('check_in', later(i * 60_000)).shortCode)
    expect(new Set(codes).size).toBeGreaterThan(1990)
    const firstDigits = new Map<string, number>()
    for (const c of codes) firstDigits.set(c[0], (firstDigits.get(c[0]) ?? 0) + 1)
    expect(firstDigits.size).toBe(10)
    for (const n of firstDigits.values()) expect(n).toBeGreaterThan(120)
  })
})

describe('checkInSecretFrom', () => {
  it('reads the secret from the environment variable', () => {
    expect(checkInSecretFrom({ [CHECK_IN_SECRET_ENV]: secret })).toBe(secret)
  })
  it('stops rather than sign with a missing or short secret', () => {
    expect(() => checkInSecretFrom({})).toThrow(CHECK_IN_SECRET_ENV)
    expect(() => checkInSecretFrom({ [CHECK_IN_SECRET_ENV]: 'tooshort' })).toThrow(CHECK_IN_SECRET_ENV)
  })
})
